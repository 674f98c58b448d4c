"""Readers for the labelled sets in ../shared/datasets format (labels.csv: file, plate_text, 8 corner coordinates,
colour, split), and the background pool for compositing."""
import csv
import os

import cv2
import numpy as np

DEFAULT_ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "shared", "datasets"))


def read_labels(folder, split=None):
    """Rows as dicts: file (absolute), text, quad (4x2 float32 or None), colour, split."""
    rows = []
    with open(os.path.join(folder, "labels.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if split and r["split"] != split:
                continue
            coords = [r[k] for k in ("x1", "y1", "x2", "y2", "x3", "y3", "x4", "y4")]
            quad = None if any(c == "" for c in coords) else np.array(coords, np.float32).reshape(4, 2)
            rows.append({"file": os.path.join(folder, r["file"]), "text": r["plate_text"], "quad": quad,
                         "colour": r["colour"] or None, "split": r["split"]})
    return rows


def load_rgb(path):
    img = cv2.imread(path, cv2.IMREAD_COLOR)
    if img is None:
        raise IOError("cannot read " + path)
    return cv2.cvtColor(img, cv2.COLOR_BGR2RGB)


def background_files(root=DEFAULT_ROOT):
    folder = os.path.join(root, "backgrounds", "images")
    return sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.lower().endswith((".jpg", ".png", ".jpeg")))
