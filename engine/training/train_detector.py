#!/usr/bin/env python3
"""Train the plate detector and export it to ONNX.

    python3 engine/training/train_detector.py --out engine/src/main/resources/io/platestream/engine/models

Data: the train split of ../shared/datasets/cn-scenes (any rotation, sometimes with a synthetic plate of another kind
warped over the real plate), synthetic plates and real crops composited on ../shared/datasets/backgrounds, camera
overlays and plate-like signs as negatives. Seeds fixed."""
import argparse
import json
import os
import random
import sys
import time

import cv2
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from platestream_training import runs, datasets, detect_data, detect_decode, plates  # noqa: E402
from platestream_training.detector_model import PlateDetector, CORNER_SCALE, STRIDE, LAYOUTS  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


class Scenes(torch.utils.data.IterableDataset):
    def __init__(self, root, seed, small_share, any_angle_share, balanced_kinds, kind_weights=None):
        self.root, self.seed, self.small_share, self.any_angle_share = root, seed, small_share, any_angle_share
        self.balanced_kinds, self.kind_weights = balanced_kinds, kind_weights

    def __iter__(self):
        info = torch.utils.data.get_worker_info()
        wid = info.id if info else 0
        root = self.root
        scenes = os.path.join(root, "cn-scenes")
        crops = os.path.join(root, "cn-crops")
        real_rows = [r for r in datasets.read_labels(scenes, "train") if r["quad"] is not None] if os.path.isdir(scenes) else []
        real_images = {r["file"]: datasets.load_rgb(r["file"]) for r in real_rows}
        crop_rows = datasets.read_labels(crops, "train") if os.path.isdir(crops) else []
        crop_images = {r["file"]: datasets.load_rgb(r["file"]) for r in crop_rows}
        files = datasets.background_files(root)
        rng = random.Random(self.seed + wid)
        rng.shuffle(files)
        backgrounds = [datasets.load_rgb(f) for f in files[:600]]
        np.random.seed((self.seed + wid) % (1 << 31))
        maker = detect_data.SceneMaker(root, self.seed + 31 * wid, real_rows, real_images, crop_rows, crop_images, backgrounds,
                                         small_share=self.small_share, any_angle_share=self.any_angle_share,
                                         balanced_kinds=self.balanced_kinds, kind_weights=self.kind_weights)
        while True:
            canvas, quads, doubles = maker.sample()
            heat, corners, weight = detect_data.make_targets(quads, doubles)
            yield (torch.from_numpy(canvas).permute(2, 0, 1).float().div(255.0), torch.from_numpy(heat),
                   torch.from_numpy(corners), torch.from_numpy(weight))


def focal_loss(logits, target):
    p = torch.sigmoid(logits).clamp(1e-4, 1 - 1e-4)
    pos = target.eq(1).float()
    neg = 1 - pos
    pos_loss = torch.log(p) * (1 - p) ** 2 * pos
    neg_loss = torch.log(1 - p) * p ** 2 * (1 - target) ** 4 * neg
    n = pos.sum().clamp(min=1)
    return -(pos_loss.sum() + neg_loss.sum()) / n


def corner_loss(predicted, target, weight):
    """Smooth L1 over the 8 corner offsets, taking the best of the 4 cyclic orders of the target's corners: the
    network may start the quad at any corner, the engine puts it in reading order (long edge first, then the
    recogniser's upright or turned read), so the network need not tell a plate's top from its bottom."""
    best = None
    for k in range(4):
        rolled = torch.roll(target, shifts=2 * k, dims=1)
        per_cell = F.smooth_l1_loss(predicted, rolled, reduction="none", beta=0.1).sum(dim=1)
        best = per_cell if best is None else torch.minimum(best, per_cell)
    return (best * weight).sum() / (weight.sum() * 8).clamp(min=1)


def letterbox(img, size):
    h, w = img.shape[:2]
    s = size / max(h, w)
    nw, nh = int(round(w * s)), int(round(h * s))
    canvas = np.full((size, size, 3), 114, np.uint8)
    canvas[:nh, :nw] = cv2.resize(img, (nw, nh), interpolation=cv2.INTER_AREA)
    return canvas, s


def evaluate(model, rows, size=384, threshold=0.3):
    model.eval()
    tp = fp = fn = 0
    with torch.no_grad():
        for r in rows:
            img = datasets.load_rgb(r["file"])
            canvas, s = letterbox(img, size)
            heat, corners = model(torch.from_numpy(canvas).permute(2, 0, 1).float().div(255.0)[None])
            dets = detect_decode.decode(torch.sigmoid(heat)[0].numpy(), corners[0].numpy(), threshold)
            gts = [g["quad"] for g in r["plates"]] if "plates" in r else []
            matched = set()
            for score, lay, q in dets:
                q = q / s
                hit = next((i for i, g in enumerate(gts) if i not in matched and detect_decode.quad_iou(q, g) >= 0.4), None)
                if hit is None:
                    fp += 1
                else:
                    matched.add(hit)
                    tp += 1
            fn += len(gts) - len(matched)
    model.train()
    return {"recall": tp / max(1, tp + fn), "precision": tp / max(1, tp + fp), "tp": tp, "fp": fp, "fn": fn}


def grouped(rows):
    by = {}
    for r in rows:
        by.setdefault(r["file"], {"file": r["file"], "plates": []})["plates"].append(r)
    return list(by.values())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    runs.add_common_args(ap, steps=4000, batch=16)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--small-share", type=float, default=0.0,
                    help="share of plates drawn 14-40 px wide (a 1080p frame's plates in the 384 px first pass)")
    ap.add_argument("--any-angle-share", type=float, default=0.4,
                    help="share of plates turned by any angle (the rest lie within 45 degrees of level)")
    ap.add_argument("--balanced-kinds", action="store_true",
                    help="synthetic plates of every kind equally often (default: weighted towards the common kinds)")
    ap.add_argument("--kind-weights", default="",
                    help="KIND=WEIGHT,... for the synthetic plates, kinds not named weighing 1 (e.g. more of the kinds "
                         "the detector misses most); overrides --balanced-kinds")
    args = ap.parse_args()
    kind_weights = {k.strip(): float(w)
                    for k, w in (item.split("=") for item in args.kind_weights.split(",") if item.strip())}
    unknown = sorted(set(kind_weights) - set(plates.KINDS))
    if unknown:
        ap.error("--kind-weights: unknown kinds %s (known: %s)" % (", ".join(unknown), ", ".join(plates.KINDS)))
    runs.seed_everything(args)
    t0 = time.time()
    val_rows = grouped([r for r in datasets.read_labels(os.path.join(args.data, "cn-scenes"), "val") if r["quad"] is not None])
    neg_folder = os.path.join(args.data, "negatives")
    neg_rows = [{"file": os.path.join(neg_folder, f), "plates": []} for f in sorted(os.listdir(neg_folder))] if os.path.isdir(neg_folder) else []

    model = PlateDetector()
    previous = runs.load_init(model, args, "detector.json")
    n_params = sum(p.numel() for p in model.parameters())
    print("parameters: %d" % n_params, flush=True)
    loader = torch.utils.data.DataLoader(Scenes(args.data, args.seed, args.small_share, args.any_angle_share, args.balanced_kinds,
                                                kind_weights), batch_size=args.batch, num_workers=args.workers,
                                         persistent_workers=args.workers > 0)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=args.steps, pct_start=0.08)
    log = []
    it = iter(loader)
    for step in range(1, args.steps + 1):
        x, heat, corners, weight = next(it)
        ph, pc = model(x)
        l_heat = focal_loss(ph, heat)
        l_corner = corner_loss(pc, corners, weight)
        loss = l_heat + 2.0 * l_corner
        runs.optimise(model, opt, sched, loss, 10.0)
        if step % 50 == 0:
            print("step %d loss %.4f heat %.4f corners %.4f %.0f s" % (step, loss.item(), l_heat.item(), l_corner.item(), time.time() - t0), flush=True)
        if step % 1000 == 0 or step == args.steps:
            line = {"step": step, "cn_scenes_val": evaluate(model, val_rows)}
            if neg_rows:
                line["negatives_false_plates"] = evaluate(model, neg_rows)["fp"]
            runs.record(log, line)
            os.makedirs(args.cache, exist_ok=True)
            torch.save(model.state_dict(), os.path.join(args.cache, "detector_last.pt"))

    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, "detector.onnx")
    runs.export_onnx(model, lambda out: (torch.sigmoid(out[0]), out[1]), onnx_path, torch.zeros(1, 3, 384, 384),
                     ["heat", "corners"], {"image": {0: "n", 2: "h", 3: "w"}, "heat": {0: "n", 2: "h4", 3: "w4"},
                                           "corners": {0: "n", 2: "h4", 3: "w4"}})
    card = {
        "name": "platestream-cn-detector",
        "version": time.strftime("%Y.%m.%d"),
        "input": {"name": "image", "layout": "NCHW", "channels": "RGB", "size": 384, "multiple": 32,
                  "scale": "pixel / 255", "letterbox": "scaled so the long side is `size`, placed top-left, padded with 114"},
        "outputs": {"heat": "N x 2 x H/4 x W/4 sigmoid, channels " + ",".join(LAYOUTS),
                    "corners": "N x 8 x H/4 x W/4: (x1,y1..x4,y4) minus the cell centre ((col+0.5)*4, (row+0.5)*4), / corner_scale"},
        "stride": STRIDE, "corner_scale": CORNER_SCALE, "layouts": LAYOUTS,
        "decode": {"threshold": 0.3, "peak": "3x3 local maximum", "nms_iou": 0.3},
        "parameters": n_params,
        "training": {"command": " ".join(["python3", "engine/training/train_detector.py"] + sys.argv[1:]),
                     "steps": args.steps, "batch": args.batch, "seed": args.seed, "seconds": round(time.time() - t0),
                     "init": args.init and os.path.basename(args.init), "lr": args.lr, "previous": previous},
        "validation": log[-1] if log else {},
    }
    with open(os.path.join(args.out, "detector.json"), "w", encoding="utf-8") as f:
        json.dump(card, f, ensure_ascii=False, indent=2)
    print("exported", onnx_path, os.path.getsize(onnx_path), "bytes", flush=True)


if __name__ == "__main__":
    main()
