#!/usr/bin/env python3
"""Write a held-out synthetic labelled set in the ../shared/datasets format (plus a `type` column): scenes with one
plate of every kind, at any rotation, composited on background photos, for measuring the engine per plate type.

    python3 engine/training/make_synthetic_set.py --out /tmp/synth-eval --per-kind 100
    bin/platestream eval --labels /tmp/synth-eval/labels.csv

The default seed differs from every training seed, so these plates were never seen in training."""
import argparse
import csv
import os
import random
import sys

import cv2
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from platestream_training import datasets, geometry, plates  # noqa: E402
from platestream_training.degrade import degrade  # noqa: E402
from platestream_training.recog_data import composite  # noqa: E402


def scene(rng, bgs, kind, angle, size=(960, 540), plate_w=None, clean=False):
    w, h = size
    bg = bgs[rng.randrange(len(bgs))] if bgs else None
    if bg is not None:
        canvas = cv2.resize(bg, (w, h), interpolation=cv2.INTER_LINEAR)
    else:  # drawn here, so the scene can ship in the repository
        import make_demo_frames
        canvas = cv2.resize(np.asarray(make_demo_frames.road(rng)), (w, h), interpolation=cv2.INTER_AREA)
    p = plates.random_plate(rng, kind=kind, px_per_mm=0.6)
    ph, pw = p["image"].shape[:2]
    target = plate_w or rng.uniform(110, 220)
    quad = geometry.random_plate_quad(pw, ph, rng, target / pw, angle, max_persp=0.0 if clean else 0.08)
    lo, hi = quad.min(0), quad.max(0)
    c = np.array([rng.uniform(-lo[0] + 10, w - hi[0] - 10), rng.uniform(-lo[1] + 10, h - hi[1] - 10)], np.float32)
    quad = quad + c
    composite(canvas, p["image"], quad)
    if not clean:
        canvas = degrade(canvas, rng, 0.4)
    return canvas, quad, p


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--per-kind", type=int, default=100)
    ap.add_argument("--seed", type=int, default=777)
    ap.add_argument("--data", default=datasets.DEFAULT_ROOT)
    ap.add_argument("--angles", default="any", help="'any' for 0-360, or a comma list of fixed angles")
    ap.add_argument("--no-backgrounds", action="store_true", help="drawn road scenes instead of photos (no third-party pixels)")
    ap.add_argument("--kinds", default="all", help="comma list of plate kinds (default all)")
    ap.add_argument("--size", default="960x540")
    ap.add_argument("--plate-width", type=float, default=None, help="fixed plate width in pixels (default 110..220)")
    ap.add_argument("--clean", action="store_true", help="no perspective or photometric degradation")
    ap.add_argument("--quality", type=int, default=90)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    np.random.seed(args.seed)
    bgs = [] if args.no_backgrounds else [datasets.load_rgb(f) for f in datasets.background_files(args.data)[-150:]]
    os.makedirs(os.path.join(args.out, "images"), exist_ok=True)
    fixed = None if args.angles == "any" else [float(a) for a in args.angles.split(",")]
    with open(os.path.join(args.out, "labels.csv"), "w", encoding="utf-8", newline="") as f:
        wr = csv.writer(f)
        wr.writerow(["file", "plate_text", "x1", "y1", "x2", "y2", "x3", "y3", "x4", "y4", "colour", "split", "type"])
        n = 0
        kinds = list(plates.KINDS) if args.kinds == "all" else args.kinds.split(",")
        size = tuple(int(v) for v in args.size.split("x"))
        for kind in kinds:
            for i in range(args.per_kind):
                angle = fixed[i % len(fixed)] if fixed else rng.uniform(0, 360)
                img, quad, p = scene(rng, bgs, kind, angle, size=size, plate_w=args.plate_width, clean=args.clean)
                n += 1
                name = "images/%s-%03d-r%03d.jpg" % (kind, i, int(angle) % 360)
                cv2.imwrite(os.path.join(args.out, name), cv2.cvtColor(img, cv2.COLOR_RGB2BGR),
                            [cv2.IMWRITE_JPEG_QUALITY, args.quality])
                wr.writerow([name, p["text"]] + [int(round(v)) for v in quad.reshape(-1)] + [p["colour"], "val", p["type"]])
    print("wrote %d scenes to %s" % (n, args.out))


if __name__ == "__main__":
    main()
