#!/usr/bin/env python3
"""Train the CTC plate recogniser with its colour head and export it to ONNX.

    python3 engine/training/train_recognizer.py --out engine/src/main/resources/io/platestream/engine/models

Data: the train split of ../shared/datasets/cn-crops and cn-scenes (rectified from jittered corners) mixed with a
cached pool of synthetic plates of every kind. Seeds are fixed, so a rerun reproduces the model (up to the
non-determinism of multi-threaded CPU kernels)."""
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
from platestream_training import runs, charset, ctc, datasets, geometry, plates, recog_data  # noqa: E402
from platestream_training.recognizer_model import PlateRecognizer  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def to_tensor(batch_uint8):
    return torch.from_numpy(np.ascontiguousarray(batch_uint8)).permute(0, 3, 1, 2).float().div_(255.0)


def load_real(root, split):
    rows = []
    for name in ("cn-crops", "cn-scenes"):
        folder = os.path.join(root, name)
        if os.path.isdir(folder):
            rows += datasets.read_labels(folder, split)
    images = {}
    for r in rows:
        if r["file"] not in images:
            images[r["file"]] = datasets.load_rgb(r["file"])
    # every label must be in our alphabet
    rows = [r for r in rows if all(c in charset.CHAR_TO_INDEX for c in r["text"])]
    return rows, images


def evaluate(model, xs, texts, colours=None):
    model.eval()
    correct, colour_ok, n_col = 0, 0, 0
    preds = []
    with torch.no_grad():
        for i in range(0, len(xs), 256):
            logits, col = model(to_tensor(xs[i:i + 256]))
            probs = F.softmax(logits, dim=2).numpy()
            cp = col.argmax(1).numpy()
            for j in range(len(probs)):
                t, _ = ctc.greedy_decode(probs[j])
                preds.append(t)
                correct += t == texts[i + j]
                if colours is not None and colours[i + j] is not None:
                    n_col += 1
                    colour_ok += int(cp[j] == colours[i + j])
    model.train()
    return correct / max(1, len(xs)), (colour_ok / n_col if n_col else float("nan")), preds


class ValidationSets:
    """What every run is measured on: a held-out synthetic pool of 100 plates per kind (also turned round, single
    rows only) and the real val split rectified from its true corners (crops whole)."""

    def __init__(self, data, seed, cache):
        kinds = list(plates.KINDS)
        self.x, self.texts, self.colours, self.kinds = recog_data.synthetic_pool(100 * len(kinds), seed + 7, data, cache,
                                                                                 kinds=kinds)
        self.x_turned = np.ascontiguousarray(np.stack(
            [x for x, k in zip(self.x, self.kinds) if plates.KINDS[k][2] != "double"])[:, ::-1, ::-1])
        self.real_rows, images = load_real(data, "val")
        # a crop has no corners: the whole image is the plate
        quads = [r["quad"] if r["quad"] is not None else geometry.rect_quad(images[r["file"]].shape[1],
                                                                             images[r["file"]].shape[0])
                 for r in self.real_rows]
        self.real_x = np.stack([geometry.rectify(images[r["file"]], q, False)
                                for r, q in zip(self.real_rows, quads)]) if self.real_rows else None

    def measure(self, model):
        syn_acc, syn_col, _ = evaluate(model, self.x, self.texts, list(self.colours))
        line = {"synthetic_val_exact": syn_acc, "synthetic_val_colour": syn_col,
                # the same single-row plates turned round: the share read as nothing
                "synthetic_val_upside_down_empty": evaluate(model, self.x_turned, [""] * len(self.x_turned))[0]}
        if self.real_x is not None:
            acc, cacc, _ = evaluate(model, self.real_x, [r["text"] for r in self.real_rows],
                                    [charset.COLOUR_TO_INDEX.get(r["colour"]) for r in self.real_rows])
            line.update({"real_val_exact_gt_corners": acc, "real_val_colour": cacc})
        return line

    def exact_by_kind(self, model):
        _, _, preds = evaluate(model, self.x, self.texts)
        per_kind = {}
        for k, t, p in zip(self.kinds, self.texts, preds):
            a = per_kind.setdefault(k, [0, 0])
            a[0] += int(t == p)
            a[1] += 1
        return {k: round(a[0] / a[1], 4) for k, a in per_kind.items()}


def export(model, out, training, validation, val):
    """Write recognizer.onnx (softmax outputs) and its card recognizer.json into out."""
    os.makedirs(out, exist_ok=True)
    onnx_path = os.path.join(out, "recognizer.onnx")
    runs.export_onnx(model, lambda o: (F.softmax(o[0], dim=2), F.softmax(o[1], dim=1)), onnx_path,
                     torch.zeros(1, 3, geometry.REC_H, geometry.REC_W), ["char_probs", "colour_probs"],
                     {"image": {0: "n"}, "char_probs": {0: "n"}, "colour_probs": {0: "n"}})
    card = {
        "name": "platestream-cn-recognizer",
        "version": time.strftime("%Y.%m.%d"),
        "input": {"name": "image", "layout": "NCHW", "channels": "RGB", "height": geometry.REC_H,
                  "width": geometry.REC_W, "scale": "pixel / 255"},
        "outputs": {"char_probs": "N x T x C softmax, index 0 = CTC blank", "colour_probs": "N x 6 softmax"},
        "alphabet": charset.ALPHABET,
        "colours": charset.COLOURS,
        "double_row": {"height": geometry.DOUBLE_H, "top_split": geometry.TOP_SPLIT,
                       "bottom_split": geometry.BOTTOM_SPLIT, "top_x0": geometry.TOP_X0, "top_x1": geometry.TOP_X1,
                       "top_width": geometry.TOP_W, "bottom_width": geometry.BOTTOM_W},
        "parameters": sum(p.numel() for p in model.parameters()),
        "training": training,
        "validation": validation,
        "synthetic_val_exact_by_kind": val.exact_by_kind(model),
    }
    with open(os.path.join(out, "recognizer.json"), "w", encoding="utf-8") as f:
        json.dump(card, f, ensure_ascii=False, indent=2)
    print("exported", onnx_path, os.path.getsize(onnx_path), "bytes", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    runs.add_common_args(ap, steps=5000, batch=128)
    ap.add_argument("--synthetic", type=int, default=60000)
    ap.add_argument("--real-fraction", type=float, default=0.4)
    ap.add_argument("--shift-probability", type=float, default=0.5,
                    help="share of samples squeezed and moved sideways in the input (recog_data.shift_within)")
    ap.add_argument("--upside-down-probability", type=float, default=0.0,
                    help="share of single-row samples turned by 180 degrees with an empty target: the engine reads an "
                         "unsure plate both ways round, and the wrong way must read as nothing, not as confident "
                         "garbage (default 0 keeps earlier runs reproducible)")
    ap.add_argument("--balanced-kinds", action="store_true",
                    help="draw the synthetic plates of each batch kind by kind, every kind equally often (default: as "
                         "the pool holds them, weighted towards the common kinds)")
    args = ap.parse_args()

    runs.seed_everything(args)
    t0 = time.time()

    sx, stexts, scolours, skinds = recog_data.synthetic_pool(args.synthetic, args.seed, args.data, args.cache)
    print("synthetic pool %d in %.0f s" % (len(sx), time.time() - t0), flush=True)
    real_rows, real_images = load_real(args.data, "train")
    print("real train plates: %d" % len(real_rows), flush=True)
    val = ValidationSets(args.data, args.seed, args.cache)

    model = PlateRecognizer()
    previous = runs.load_init(model, args, "recognizer.json")
    n_params = sum(p.numel() for p in model.parameters())
    print("parameters: %d" % n_params, flush=True)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=args.steps, pct_start=0.1)
    rng = random.Random(args.seed + 1)
    n_real = int(args.batch * args.real_fraction) if real_rows else 0
    n_syn = args.batch - n_real
    ctc_loss = torch.nn.CTCLoss(blank=charset.BLANK, zero_infinity=True)
    log = []
    by_kind = {}
    for i, k in enumerate(skinds):
        by_kind.setdefault(k, []).append(i)
    kind_names = sorted(by_kind)
    for step in range(1, args.steps + 1):
        if args.balanced_kinds:
            idx = [rng.choice(by_kind[rng.choice(kind_names)]) for _ in range(n_syn)]
        else:
            idx = [rng.randrange(len(sx)) for _ in range(n_syn)]
        xs = [sx[i] for i in idx]
        texts = [stexts[i] for i in idx]
        cols = [int(scolours[i]) for i in idx]
        for _ in range(n_real):
            r = real_rows[rng.randrange(len(real_rows))]
            xs.append(recog_data.real_sample(rng, r, real_images[r["file"]]))
            texts.append(r["text"])
            cols.append(charset.COLOUR_TO_INDEX[r["colour"]] if r["colour"] else -100)
        xs = [recog_data.shift_within(v, rng) if rng.random() < args.shift_probability else v for v in xs]
        if args.upside_down_probability > 0:
            # a stitched double-row input turned round is not what the engine would see, so only single rows
            single = [plates.KINDS[skinds[i]][2] != "double" for i in idx] + [True] * n_real
            for j in range(len(xs)):
                if single[j] and rng.random() < args.upside_down_probability:
                    xs[j] = np.ascontiguousarray(xs[j][::-1, ::-1])
                    texts[j] = ""
        x = to_tensor(np.stack(xs))
        # cheap photometric jitter on the whole batch
        x = x * torch.empty(len(xs), 1, 1, 1).uniform_(0.8, 1.2) + torch.empty(len(xs), 1, 1, 1).uniform_(-0.08, 0.08)
        x = x.clamp_(0, 1)
        targets = torch.tensor(sum((charset.encode(t) for t in texts), []), dtype=torch.long)
        lengths = torch.tensor([len(t) for t in texts], dtype=torch.long)
        logits, col = model(x)
        logp = F.log_softmax(logits, dim=2).permute(1, 0, 2)  # T x N x C
        loss_ctc = ctc_loss(logp, targets, torch.full((len(xs),), logp.shape[0], dtype=torch.long), lengths)
        loss_col = F.cross_entropy(col, torch.tensor(cols), ignore_index=-100)
        loss = loss_ctc + 0.3 * loss_col
        runs.optimise(model, opt, sched, loss, 5.0)
        if step % 100 == 0:
            print("step %d loss %.4f ctc %.4f colour %.4f lr %.5f %.0f s" % (
                step, loss.item(), loss_ctc.item(), loss_col.item(), sched.get_last_lr()[0], time.time() - t0), flush=True)
        if step % 1000 == 0 or step == args.steps:
            runs.record(log, dict(step=step, **val.measure(model)))

    training = {"command": " ".join(["python3", "engine/training/train_recognizer.py"] + sys.argv[1:]),
                "steps": args.steps, "batch": args.batch, "synthetic_pool": args.synthetic,
                "real_fraction": args.real_fraction, "shift_probability": args.shift_probability,
                "upside_down_probability": args.upside_down_probability, "balanced_kinds": args.balanced_kinds,
                "seed": args.seed, "seconds": round(time.time() - t0),
                "init": args.init and os.path.basename(args.init), "lr": args.lr, "previous": previous,
                "real_train_plates": len(real_rows)}
    export(model, args.out, training, log[-1] if log else {}, val)
    torch.save(model.state_dict(), os.path.join(args.cache, "recognizer_last.pt"))


if __name__ == "__main__":
    main()
