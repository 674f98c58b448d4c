#!/usr/bin/env python3
"""Write the fixtures that pin the Java pre-processing to the training code's: a small image, the rectified plate
(single and double row) and the letterboxed detector input as the Python code computes them. The Java tests
`PlateRectifierTest` and `LetterboxTest` compare against these.

    python3 engine/training/make_parity_fixtures.py --out engine/src/test/resources/io/platestream/engine/parity"""
import argparse
import json
import os
import sys

import cv2
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from platestream_training import geometry  # noqa: E402


def letterbox(img, size):
    h, w = img.shape[:2]
    s = size / max(h, w)
    nw, nh = int(round(w * s)), int(round(h * s))
    canvas = np.full((size, size, 3), 114, np.uint8).astype(np.float32)
    interp = cv2.INTER_AREA if s < 1 else cv2.INTER_LINEAR
    canvas[:nh, :nw] = cv2.resize(img.astype(np.float32), (nw, nh), interpolation=interp)
    return canvas


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(11)
    # smooth random image so that interpolation differences stay measurable but small
    small = rng.integers(0, 256, (12, 20, 3)).astype(np.uint8)
    img = cv2.resize(small, (203, 117), interpolation=cv2.INTER_CUBIC)
    cv2.imwrite(os.path.join(args.out, "image.png"), cv2.cvtColor(img, cv2.COLOR_RGB2BGR))
    quad = np.array([[31.5, 22.25], [170.0, 35.0], [165.5, 80.75], [27.0, 70.0]], np.float32)
    single = geometry.rectify(img, quad, False).astype(np.float32) / 255.0
    double = geometry.rectify(img, quad, True).astype(np.float32) / 255.0
    boxed = letterbox(img, 96) / 255.0
    for name, arr in (("single", single), ("double", double), ("letterbox96", boxed)):
        arr.transpose(2, 0, 1).astype("<f4").tofile(os.path.join(args.out, name + ".f32"))
    with open(os.path.join(args.out, "fixture.json"), "w") as f:
        json.dump({"quad": quad.tolist(), "letterbox_size": 96,
                   "note": "planar float32 little-endian, 3 x H x W, values 0..1; made by make_parity_fixtures.py"}, f, indent=2)
    print("wrote fixtures to", args.out)


if __name__ == "__main__":
    main()
