"""Recogniser samples: synthetic plates composited on real textures, and the real labelled plates, all rectified
through `geometry.rectify` from jittered corners exactly as the engine does at run time."""
import os
import random
from multiprocessing import Pool

import cv2
import numpy as np

from . import charset, datasets, geometry, plates
from .degrade import degrade


class BackgroundPool:
    def __init__(self, files, limit=400, seed=0):
        rng = random.Random(seed)
        files = list(files)
        rng.shuffle(files)
        self.images = [datasets.load_rgb(f) for f in files[:limit]]

    def patch(self, rng, w, h):
        img = self.images[rng.randrange(len(self.images))]
        ih, iw = img.shape[:2]
        cw, ch = rng.randint(max(8, iw // 8), iw), rng.randint(max(8, ih // 8), ih)
        x, y = rng.randrange(iw - cw + 1), rng.randrange(ih - ch + 1)
        return cv2.resize(img[y:y + ch, x:x + cw], (w, h), interpolation=cv2.INTER_LINEAR)


def composite(canvas, plate_rgb, quad):
    """Warp plate_rgb onto canvas (in place) so that its corners land on quad (TL, TR, BR, BL)."""
    ph, pw = plate_rgb.shape[:2]
    src = geometry.rect_quad(pw, ph)
    m = cv2.getPerspectiveTransform(src, np.asarray(quad, np.float32))
    h, w = canvas.shape[:2]
    warped = cv2.warpPerspective(plate_rgb, m, (w, h), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full((ph, pw), 255, np.uint8), m, (w, h), flags=cv2.INTER_LINEAR)
    a = (mask.astype(np.float32) / 255.0)[..., None]
    canvas[:] = (canvas * (1 - a) + warped * a).astype(np.uint8)


def bounding_box_quad(quad, rng, margin=(-0.02, 0.08)):
    """The axis-aligned box around a plate's quad with random margins, as a quad: a crop cut the way cropped-plate
    datasets are (the plate keeps its tilt inside the box)."""
    q = np.asarray(quad, np.float32).reshape(4, 2)
    x0, y0 = q.min(axis=0)
    x1, y1 = q.max(axis=0)
    w, h = x1 - x0, y1 - y0
    x0 -= rng.uniform(*margin) * w
    x1 += rng.uniform(*margin) * w
    y0 -= rng.uniform(*margin) * h
    y1 += rng.uniform(*margin) * h
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)


def low_resolution(x, rng):
    """Down to the size of a far plate (about 60..110 x 15..28 px) and back up to the recogniser's input."""
    h, w = x.shape[:2]
    sw = rng.randint(60, 110)
    sh = max(12, int(round(sw * rng.uniform(0.22, 0.30))))
    small = cv2.resize(x, (sw, sh), interpolation=cv2.INTER_AREA)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)


def shift_within(x, rng):
    """The plate squeezed or stretched horizontally and moved sideways within the recogniser's input, the uncovered
    edge replicated: without it the network learns to find the province character by its distance from the left
    edge rather than by its shape, and a crop with a margin (or the WJ plate's province in third place) loses it."""
    h, w = x.shape[:2]
    scale = rng.uniform(0.72, 1.02)
    shift = rng.uniform(min(0.0, (1 - scale) * w), max(0.0, (1 - scale) * w))
    m = np.array([[scale, 0, shift], [0, 1, 0]], np.float32)
    return cv2.warpAffine(x, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def synthetic_sample(rng, bgs, kind=None, crop_probability=0.3):
    """One rectified synthetic plate. With `crop_probability` a single-row plate is tilted further and cut by its
    bounding box instead of its corners, like a cropped-plate dataset."""
    p = plates.random_plate(rng, kind=kind)
    ph, pw = p["image"].shape[:2]
    as_crop = not p["double"] and rng.random() < crop_probability
    scale = rng.uniform(0.5, 1.3)
    cw, ch = int(pw * scale * rng.uniform(1.3, 1.8)), int(ph * scale * rng.uniform(1.6, 2.6))
    if as_crop:
        cw, ch = int(pw * scale * 1.8), int(ph * scale * 4.0)
    canvas = bgs.patch(rng, cw, ch)
    angle = rng.uniform(-20, 20) if as_crop else rng.uniform(-8, 8)
    quad = geometry.random_plate_quad(pw, ph, rng, scale, angle) + np.array([cw / 2, ch / 2], np.float32)
    composite(canvas, p["image"], quad)
    canvas = degrade(canvas, rng)
    cut = bounding_box_quad(quad, rng) if as_crop else geometry.jitter_quad(quad, rng, 0.05)
    x = geometry.rectify(canvas, cut, p["double"])
    if rng.random() < 0.25:
        x = low_resolution(x, rng)
    return x, p["text"], p["colour"], p["double"], p["kind"]


def real_sample(rng, row, image, crop_probability=0.35):
    """One rectified real plate: from jittered corners, or (with `crop_probability`, where the corners are known)
    cut by its bounding box like the cropped-plate set."""
    if row["quad"] is None:
        h, w = image.shape[:2]
        q = geometry.jitter_quad(geometry.rect_quad(w, h), rng, 0.03)
    elif rng.random() < crop_probability:
        q = bounding_box_quad(row["quad"], rng)
    else:
        q = geometry.jitter_quad(row["quad"], rng, 0.05)
    x = geometry.rectify(image, q, False)
    if rng.random() < 0.7:
        x = degrade(x, rng, 0.5)
    if rng.random() < 0.2:
        x = low_resolution(x, rng)
    return x


def _worker(args):
    seed, n, root, kinds = args
    rng = random.Random(seed)
    np.random.seed(seed % (1 << 31))
    bgs = BackgroundPool(datasets.background_files(root), limit=300, seed=seed)
    xs, texts, colours, kinds_out = [], [], [], []
    for i in range(n):
        kind = kinds[i % len(kinds)] if kinds else None
        # the per-kind validation pools keep to corner cuts, so their figures stay comparable between runs
        x, t, c, d, k = synthetic_sample(rng, bgs, kind, crop_probability=0.0 if kinds else 0.3)
        xs.append(x)
        texts.append(t)
        colours.append(charset.COLOUR_TO_INDEX[c])
        kinds_out.append(k)
    return np.stack(xs), texts, colours, kinds_out


def synthetic_pool(n, seed, root, cache_dir, kinds=None, workers=2):
    """n synthetic rectified plates, generated once and cached as .npz."""
    os.makedirs(cache_dir, exist_ok=True)
    tag = "all" if not kinds else "perkind"
    path = os.path.join(cache_dir, "rec_synth_%s_%d_%d.npz" % (tag, seed, n))
    if os.path.exists(path):
        d = np.load(path, allow_pickle=True)
        return d["x"], list(d["texts"]), d["colours"], list(d["kinds"])
    chunk = (n + workers * 4 - 1) // (workers * 4)
    jobs = [(seed * 1000 + i, min(chunk, n - i * chunk), root, kinds) for i in range(workers * 4) if n - i * chunk > 0]
    with Pool(workers) as pool:
        parts = pool.map(_worker, jobs)
    x = np.concatenate([p[0] for p in parts])
    texts = sum((p[1] for p in parts), [])
    colours = np.array(sum((p[2] for p in parts), []), np.int64)
    kinds_out = sum((p[3] for p in parts), [])
    np.savez(path, x=x, texts=np.array(texts, dtype=object), colours=colours, kinds=np.array(kinds_out, dtype=object))
    return x, texts, colours, kinds_out
