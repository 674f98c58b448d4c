#!/usr/bin/env python3
"""Train the orientation classifier (is a rectified plate upside down?) and export it to ONNX.

    python3 engine/training/train_orientation.py --out engine/src/main/resources/io/platestream/engine/models

The detector's corners do not say which way up a plate is: the engine orders them from geometry, so a plate turned
by more than 90 degrees is rectified upside down, and an upside-down plate can read as confident garbage. This model
decides, before reading, whether to turn the corners round.

Data: synthetic plates of every kind, each rectified both ways from one cut (double rows split after turning, as the
engine does), the cached single-row pool of the recogniser turned round, and the real train split of cn-crops and
cn-scenes turned round. Seeds are fixed."""
import argparse
import json
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from platestream_training import runs, geometry, orientation_data, recog_data, plates  # noqa: E402
from platestream_training.orientation_model import PlateOrientation  # noqa: E402
from train_recognizer import load_real, to_tensor  # noqa: E402


def accuracy(model, up, down):
    """Share of plates whose upright and turned versions are both classified right, and the worst margin."""
    model.eval()
    with torch.no_grad():
        p_up = torch.cat([torch.sigmoid(model(to_tensor(up[i:i + 256]))) for i in range(0, len(up), 256)]).squeeze(1)
        p_down = torch.cat([torch.sigmoid(model(to_tensor(down[i:i + 256]))) for i in range(0, len(down), 256)]).squeeze(1)
    model.train()
    ok = (p_up < 0.5) & (p_down >= 0.5)
    return float(ok.float().mean()), p_up.numpy(), p_down.numpy()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    runs.add_common_args(ap, steps=3000, batch=128)
    ap.add_argument("--pairs", type=int, default=24000, help="synthetic plates rectified both ways")
    ap.add_argument("--real-fraction", type=float, default=0.25)
    args = ap.parse_args()
    runs.seed_everything(args)
    t0 = time.time()

    up, down, kinds = orientation_data.pair_pool(args.pairs, args.seed, args.data, args.cache)
    print("pair pool %d in %.0f s" % (len(up), time.time() - t0), flush=True)
    single_pool = recog_data.synthetic_pool(60000, 20261122, args.data, args.cache)
    sx, skinds = single_pool[0], single_pool[3]
    single_idx = [i for i, k in enumerate(skinds) if plates.KINDS[k][2] != "double"]
    real_rows, real_images = load_real(args.data, "train")
    val_up, val_down, val_kinds = orientation_data.pair_pool(200 * len(plates.KINDS), args.seed + 7, args.data,
                                                             args.cache)
    val_rows, val_images = load_real(args.data, "val")
    vrng = random.Random(args.seed + 8)
    real_val = [orientation_data.real_pair(vrng, r, val_images[r["file"]]) for r in val_rows]
    real_val_up = np.stack([p[0] for p in real_val]) if real_val else None
    real_val_down = np.stack([p[1] for p in real_val]) if real_val else None
    print("data ready in %.0f s: real train %d, real val %d" % (time.time() - t0, len(real_rows), len(val_rows)),
          flush=True)

    model = PlateOrientation()
    previous = runs.load_init(model, args, "orientation.json")
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=args.steps, pct_start=0.1)
    rng = random.Random(args.seed + 1)
    n_real = int(args.batch * args.real_fraction) if real_rows else 0
    n_single = args.batch // 4
    n_pair = args.batch - n_real - n_single
    log = []
    for step in range(1, args.steps + 1):
        xs, ys = [], []
        for _ in range(n_pair):
            i = rng.randrange(len(up))
            flip = rng.random() < 0.5
            xs.append(down[i] if flip else up[i])
            ys.append(float(flip))
        for _ in range(n_single):
            x = sx[single_idx[rng.randrange(len(single_idx))]]
            flip = rng.random() < 0.5
            xs.append(np.ascontiguousarray(x[::-1, ::-1]) if flip else x)
            ys.append(float(flip))
        for _ in range(n_real):
            r = real_rows[rng.randrange(len(real_rows))]
            a, b, _ = orientation_data.real_pair(rng, r, real_images[r["file"]])
            flip = rng.random() < 0.5
            xs.append(b if flip else a)
            ys.append(float(flip))
        xs = [recog_data.shift_within(v, rng) if rng.random() < 0.3 else v for v in xs]
        x = to_tensor(np.stack(xs))
        x = x * torch.empty(len(xs), 1, 1, 1).uniform_(0.7, 1.3) + torch.empty(len(xs), 1, 1, 1).uniform_(-0.1, 0.1)
        x = x.clamp_(0, 1)
        loss = F.binary_cross_entropy_with_logits(model(x).squeeze(1), torch.tensor(ys))
        runs.optimise(model, opt, sched, loss, 5.0)
        if step % 100 == 0:
            print("step %d loss %.4f lr %.5f %.0f s" % (step, loss.item(), sched.get_last_lr()[0], time.time() - t0),
                  flush=True)
        if step % 500 == 0 or step == args.steps:
            syn, _, _ = accuracy(model, val_up, val_down)
            line = {"step": step, "synthetic_val_both_ways": syn}
            if real_val_up is not None:
                line["real_val_both_ways"] = accuracy(model, real_val_up, real_val_down)[0]
            runs.record(log, line)

    _, p_up, p_down = accuracy(model, val_up, val_down)
    by_kind = {}
    for k, a, b in zip(val_kinds, p_up, p_down):
        s = by_kind.setdefault(k, [0, 0])
        s[0] += int(a < 0.5 and b >= 0.5)
        s[1] += 1
    training = {"command": " ".join(["python3", "engine/training/train_orientation.py"] + sys.argv[1:]),
                "steps": args.steps, "batch": args.batch, "pairs": args.pairs, "real_fraction": args.real_fraction,
                "seed": args.seed, "seconds": round(time.time() - t0), "lr": args.lr,
                "init": args.init and os.path.basename(args.init), "previous": previous,
                "real_train_plates": len(real_rows)}
    export(model, args.out, training, log[-1] if log else {}, {k: round(s[0] / s[1], 4) for k, s in by_kind.items()})
    torch.save(model.state_dict(), os.path.join(args.cache, "orientation_last.pt"))


def export(model, out, training, validation, by_kind):
    """Write orientation.onnx (probability of "turned") and its card orientation.json into out."""
    os.makedirs(out, exist_ok=True)
    onnx_path = os.path.join(out, "orientation.onnx")
    runs.export_onnx(model, torch.sigmoid, onnx_path, torch.zeros(1, 3, geometry.REC_H, geometry.REC_W), ["turned"],
                     {"image": {0: "n"}, "turned": {0: "n"}})
    card = {
        "name": "platestream-cn-orientation",
        "version": time.strftime("%Y.%m.%d"),
        "input": {"name": "image", "layout": "NCHW", "channels": "RGB", "height": geometry.REC_H,
                  "width": geometry.REC_W, "scale": "pixel / 255",
                  "same_as": "the recogniser's input (double rows split side by side)"},
        "outputs": {"turned": "N x 1 sigmoid: probability that the plate was rectified upside down"},
        "parameters": sum(p.numel() for p in model.parameters()),
        "training": training,
        "validation": validation,
        "synthetic_val_both_ways_by_kind": by_kind,
    }
    with open(os.path.join(out, "orientation.json"), "w", encoding="utf-8") as f:
        json.dump(card, f, ensure_ascii=False, indent=2)
    print("exported", onnx_path, os.path.getsize(onnx_path), "bytes", flush=True)


if __name__ == "__main__":
    main()
