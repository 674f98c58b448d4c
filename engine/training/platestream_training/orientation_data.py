"""Samples for the orientation classifier: each plate rectified twice from the same cut, once from its corners in
reading order and once from the same corners turned by 180 degrees (what the engine gets when a plate's geometry does
not say which way up it is). A double-row plate turned round is split into rows after turning, as the engine does."""
import os
import random
from multiprocessing import Pool

import numpy as np

from . import datasets, geometry, plates, recog_data
from .degrade import degrade


def turned(quad):
    """The same quad starting from its opposite corner: (BR, BL, TL, TR)."""
    q = np.asarray(quad, np.float32).reshape(4, 2)
    return q[[2, 3, 0, 1]]


def synthetic_pair(rng, bgs, kind=None):
    """One synthetic plate rectified the right way up and turned round, from one composited and degraded canvas."""
    p = plates.random_plate(rng, kind=kind)
    ph, pw = p["image"].shape[:2]
    scale = rng.uniform(0.5, 1.3)
    cw, ch = int(pw * scale * rng.uniform(1.3, 1.8)), int(ph * scale * rng.uniform(1.6, 2.6))
    canvas = bgs.patch(rng, cw, ch)
    quad = geometry.random_plate_quad(pw, ph, rng, scale, rng.uniform(-8, 8)) + np.array([cw / 2, ch / 2], np.float32)
    recog_data.composite(canvas, p["image"], quad)
    canvas = degrade(canvas, rng)
    # looser than the recogniser's cut: the classifier also sees the detector's worse quads
    cut = geometry.jitter_quad(quad, rng, 0.08)
    up = geometry.rectify(canvas, cut, p["double"])
    down = geometry.rectify(canvas, turned(cut), p["double"])
    if rng.random() < 0.25:
        up, down = recog_data.low_resolution(up, rng), recog_data.low_resolution(down, rng)
    return up, down, p["kind"]


def real_pair(rng, row, image):
    """A real plate (single row) the right way up and turned round."""
    up = recog_data.real_sample(rng, row, image)
    return up, np.ascontiguousarray(up[::-1, ::-1]), "real"


def _worker(args):
    seed, n, root, kinds = args
    rng = random.Random(seed)
    np.random.seed(seed % (1 << 31))
    bgs = recog_data.BackgroundPool(datasets.background_files(root), limit=300, seed=seed)
    ups, downs, ks = [], [], []
    for i in range(n):
        up, down, k = synthetic_pair(rng, bgs, kinds[i % len(kinds)] if kinds else None)
        ups.append(up)
        downs.append(down)
        ks.append(k)
    return np.stack(ups), np.stack(downs), ks


def pair_pool(n, seed, root, cache_dir, balanced=True, workers=2):
    """n synthetic plates (kinds in turn when `balanced`) as (up, down, kinds), generated once and cached as .npz."""
    os.makedirs(cache_dir, exist_ok=True)
    path = os.path.join(cache_dir, "orient_pairs_%s_%d_%d.npz" % ("perkind" if balanced else "all", seed, n))
    if os.path.exists(path):
        d = np.load(path, allow_pickle=True)
        return d["up"], d["down"], list(d["kinds"])
    kinds = list(plates.KINDS) if balanced else None
    chunk = (n + workers * 4 - 1) // (workers * 4)
    jobs = [(seed * 1000 + i, min(chunk, n - i * chunk), root, kinds) for i in range(workers * 4) if n - i * chunk > 0]
    with Pool(workers) as pool:
        parts = pool.map(_worker, jobs)
    up = np.concatenate([p[0] for p in parts])
    down = np.concatenate([p[1] for p in parts])
    kinds_out = sum((p[2] for p in parts), [])
    np.savez(path, up=up, down=down, kinds=np.array(kinds_out, dtype=object))
    return up, down, kinds_out
