#!/usr/bin/env python3
"""Render the demo's gate-camera frames: procedurally drawn cars with synthetic plates passing an entry and an exit
camera, several frames per pass, with the camera's date/time overlay. Every pixel is drawn here (no photos), so the
frames can ship in the repository. Writes the images and manifest.csv (file,camera_id,gate_id,direction,offset_ms,
plate_text).

    python3 engine/training/make_demo_frames.py --out topology/src/main/resources/io/platestream/demo/frames"""
import argparse
import csv
import os
import random
import sys

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from platestream_training import plates  # noqa: E402
from platestream_training.recog_data import composite  # noqa: E402

W, H = 800, 450
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"

# (car, plate kind, passes: (camera, offset seconds)); gaps between passes at one camera exceed the pass gap
SCRIPT = [
    ("blue_small", [("entry", 0), ("exit", 40)]),
    ("green_small", [("entry", 6), ("exit", 28)]),
    ("yellow_double", [("entry", 12), ("exit", 52)]),
    ("blue_small", [("entry", 18), ("entry", 24), ("exit", 46)]),  # backs up and enters again: still one visit
    ("white_police", [("entry", 30)]),                              # still inside at the end
    ("black_hkmo", [("exit", 34)]),                                 # exit without an entry
    ("green_large", [("entry", 36), ("exit", 58)]),
]
CAMERAS = {"entry": ("cam-entry-1", "gate-north", "ENTRY"), "exit": ("cam-exit-1", "gate-south", "EXIT")}


def road(rng):
    img = Image.new("RGB", (W, H), (96, 98, 102))
    d = ImageDraw.Draw(img)
    for y in range(0, H, 3):  # asphalt texture
        shade = 90 + rng.randint(-6, 6)
        d.line([(0, y), (W, y)], fill=(shade, shade + 2, shade + 5))
    d.rectangle([0, 0, W, 110], fill=(150, 160, 170))  # building behind the gate
    for x in range(20, W, 90):
        d.rectangle([x, 20, x + 50, 70], fill=(70, 90, 120))
    d.rectangle([40, 95, 140, 300], fill=(200, 200, 190))  # booth
    d.rectangle([55, 120, 125, 180], fill=(60, 80, 100))
    for i in range(8):  # barrier arm, raised
        d.line([(140, 200 - i * 16), (150 + i * 5, 190 - i * 16)], fill=(230, 30, 30) if i % 2 else (240, 240, 240), width=6)
    d.line([(W // 2, 110), (W // 2, H)], fill=(230, 230, 230), width=4)
    return img


def car(rng, base, scale, cx, cy, body):
    """Draws a front view of a car centred at (cx, cy) and returns where the plate goes (its centre and width)."""
    d = ImageDraw.Draw(base)
    w, h = 420 * scale, 260 * scale
    x0, y0 = cx - w / 2, cy - h / 2
    d.rounded_rectangle([x0, y0 + h * 0.25, x0 + w, y0 + h], radius=int(30 * scale), fill=body)
    d.polygon([(x0 + w * 0.15, y0 + h * 0.28), (x0 + w * 0.25, y0), (x0 + w * 0.75, y0), (x0 + w * 0.85, y0 + h * 0.28)],
              fill=tuple(int(c * 0.8) for c in body))
    d.polygon([(x0 + w * 0.2, y0 + h * 0.26), (x0 + w * 0.28, y0 + h * 0.05), (x0 + w * 0.72, y0 + h * 0.05),
               (x0 + w * 0.8, y0 + h * 0.26)], fill=(40, 50, 60))
    for hx in (0.12, 0.88):
        d.ellipse([x0 + w * hx - 28 * scale, y0 + h * 0.38, x0 + w * hx + 28 * scale, y0 + h * 0.52], fill=(250, 250, 220))
    d.rounded_rectangle([x0 + w * 0.3, y0 + h * 0.36, x0 + w * 0.7, y0 + h * 0.55], radius=int(8 * scale), fill=(30, 30, 35))
    d.rectangle([x0 + w * 0.05, y0 + h * 0.82, x0 + w * 0.95, y0 + h * 0.9], fill=(50, 50, 55))
    for wx in (0.08, 0.92):
        d.rectangle([x0 + w * wx - 30 * scale, y0 + h * 0.9, x0 + w * wx + 30 * scale, y0 + h * 1.02], fill=(20, 20, 20))
    return (cx, y0 + h * 0.69), w * 0.34


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=4242)
    ap.add_argument("--frames-per-pass", type=int, default=4)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    np.random.seed(args.seed)
    os.makedirs(args.out, exist_ok=True)
    font = ImageFont.truetype(FONT, 16)
    rows = []
    for n, (kind, passes) in enumerate(SCRIPT):
        text = plates.random_text(kind, rng)
        plate_rgb = plates.render_plate(kind, text, rng, 0.6)[0]
        body = rng.choice([(200, 30, 30), (30, 30, 35), (230, 230, 235), (40, 80, 160), (150, 150, 155), (20, 100, 60)])
        for p, (cam, t0) in enumerate(passes):
            camera_id, gate_id, direction = CAMERAS[cam]
            for f in range(args.frames_per_pass):
                scale = 0.75 + 0.12 * f
                img = road(rng)
                cx = W / 2 + rng.uniform(-30, 30)
                cy = 190 + 45 * f
                (pcx, pcy), pw = car(rng, img, scale, cx, cy, body)
                arr = np.asarray(img).copy()
                ph = pw * plate_rgb.shape[0] / plate_rgb.shape[1]
                tilt = rng.uniform(-3, 3)
                a = np.deg2rad(tilt)
                rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
                quad = np.array([[-pw / 2, -ph / 2], [pw / 2, -ph / 2], [pw / 2, ph / 2], [-pw / 2, ph / 2]]) @ rot.T + [pcx, pcy]
                composite(arr, plate_rgb, quad.astype(np.float32))
                img = Image.fromarray(arr)
                ms = int(t0 * 1000 + f * 250)
                ImageDraw.Draw(img).text((10, 8), "2026-11-21 08:%02d:%02d.%03d %s" % (ms // 60000, ms // 1000 % 60, ms % 1000,
                                                                                     camera_id.upper()), fill=(255, 255, 255), font=font)
                arr = np.asarray(img).astype(np.float32)
                arr = np.clip(arr + np.random.normal(0, 3, arr.shape), 0, 255).astype(np.uint8)
                name = "car%d-%s-pass%d-%d.jpg" % (n + 1, cam, p + 1, f + 1)
                cv2.imwrite(os.path.join(args.out, name), cv2.cvtColor(arr, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 78])
                rows.append((ms, name, camera_id, gate_id, direction, text))
    rows.sort()
    with open(os.path.join(args.out, "manifest.csv"), "w", encoding="utf-8", newline="") as fh:
        wr = csv.writer(fh)
        wr.writerow(["file", "camera_id", "gate_id", "direction", "offset_ms", "plate_text"])
        for ms, name, camera_id, gate_id, direction, text in rows:
            wr.writerow([name, camera_id, gate_id, direction, ms, text])
    print("wrote %d frames to %s" % (len(rows), args.out))


if __name__ == "__main__":
    main()
