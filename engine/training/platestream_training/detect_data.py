"""Detector training scenes: real CCPD scenes (optionally with a synthetic plate of another kind warped over the real
one), synthetic plates and real plate crops composited on background photos, at any rotation, with camera overlays
(date, time, counters) and plate-like distractors as negatives."""
import random

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from . import datasets, geometry, plates
from .degrade import degrade
from .recog_data import composite

SIZE = 384


def rotate_scene(img, quads, angle, rng):
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    out = cv2.warpAffine(img, m, (nw, nh), borderMode=cv2.BORDER_REFLECT_101)
    new_quads = [np.hstack([q, np.ones((4, 1), np.float32)]) @ m.T for q in quads]
    return out, [q.astype(np.float32) for q in new_quads]


def place(img, quads, rng, target_plate_w=None):
    """Scale and crop/pad the scene into SIZE x SIZE, keeping plates inside. Returns canvas and quads."""
    h, w = img.shape[:2]
    if target_plate_w and quads:
        pw = max(np.linalg.norm(q[1] - q[0]) for q in quads)
        s = target_plate_w / max(pw, 1.0)
        s = min(s, 2.0 * SIZE / max(h, w))
    else:
        s = SIZE / max(h, w) * rng.uniform(0.8, 1.5)
    img = cv2.resize(img, (max(1, int(w * s)), max(1, int(h * s))), interpolation=cv2.INTER_AREA if s < 1 else cv2.INTER_LINEAR)
    quads = [q * s for q in quads]
    h, w = img.shape[:2]
    canvas = np.full((SIZE, SIZE, 3), 114, np.uint8)
    # choose an offset so that every plate stays inside when possible
    if quads:
        allq = np.concatenate(quads)
        lo_x, hi_x = allq[:, 0].min(), allq[:, 0].max()
        lo_y, hi_y = allq[:, 1].min(), allq[:, 1].max()
        ox_min, ox_max = int(np.ceil(hi_x - SIZE + 2)), int(np.floor(lo_x - 2))
        oy_min, oy_max = int(np.ceil(hi_y - SIZE + 2)), int(np.floor(lo_y - 2))
        ox = rng.randint(min(ox_min, ox_max), max(ox_min, ox_max)) if ox_min <= ox_max else int((lo_x + hi_x) / 2 - SIZE / 2)
        oy = rng.randint(min(oy_min, oy_max), max(oy_min, oy_max)) if oy_min <= oy_max else int((lo_y + hi_y) / 2 - SIZE / 2)
    else:
        ox = rng.randint(min(0, w - SIZE), max(0, w - SIZE))
        oy = rng.randint(min(0, h - SIZE), max(0, h - SIZE))
    # copy the overlapping region
    sx0, sy0 = max(0, ox), max(0, oy)
    sx1, sy1 = min(w, ox + SIZE), min(h, oy + SIZE)
    if sx1 > sx0 and sy1 > sy0:
        canvas[sy0 - oy:sy1 - oy, sx0 - ox:sx1 - ox] = img[sy0:sy1, sx0:sx1]
    quads = [q - np.array([ox, oy], np.float32) for q in quads]
    return canvas, quads


_OVERLAY_FONT = None


def overlay_text(canvas, rng):
    """Camera overlays burnt into the frame: date, time, camera name, counters. Never labelled."""
    global _OVERLAY_FONT
    if _OVERLAY_FONT is None:
        _OVERLAY_FONT = [ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf", s) for s in (10, 12, 14, 18, 22)]
    img = Image.fromarray(canvas)
    d = ImageDraw.Draw(img)
    for _ in range(rng.randint(1, 3)):
        kind = rng.random()
        if kind < 0.4:
            text = "%04d-%02d-%02d %02d:%02d:%02d" % (rng.randint(2015, 2030), rng.randint(1, 12), rng.randint(1, 28),
                                                      rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59))
        elif kind < 0.7:
            text = "CAM%02d LANE%d #%06d" % (rng.randint(1, 40), rng.randint(1, 8), rng.randint(0, 999999))
        else:
            text = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(rng.randint(4, 8)))
        font = rng.choice(_OVERLAY_FONT)
        x, y = rng.randint(0, SIZE - 60), rng.choice([rng.randint(0, 30), rng.randint(SIZE - 40, SIZE - 12), rng.randint(0, SIZE - 20)])
        col = rng.choice([(255, 255, 255), (255, 255, 0), (0, 0, 0), (255, 60, 60)])
        if rng.random() < 0.5:  # boxed like a sign or a fleet number
            tw = d.textlength(text, font=font)
            d.rectangle([x - 3, y - 2, x + tw + 3, y + font.size + 4], fill=rng.choice([(240, 240, 240), (20, 20, 20), (30, 90, 200), (230, 190, 30)]))
            col = (0, 0, 0) if col == (255, 255, 255) else (255, 255, 255)
        d.text((x, y), text, fill=col, font=font)
    return np.asarray(img).copy()


class SceneMaker:
    def __init__(self, root, seed, real_rows, real_images, crop_rows, crop_images, backgrounds, small_share=0.0,
                 small_width=(14, 40), any_angle_share=0.4, balanced_kinds=False, kind_weights=None):
        """small_share: the share of plates drawn small_width pixels wide, as a 1080p frame's plates look in the
        detector's 384 px first pass; the rest are 28 px up to the scene's largest. any_angle_share: the share of
        plates turned by any angle; of the rest, three in four are within 12 degrees of level and one in four within
        45. balanced_kinds: synthetic plates of every kind equally often, instead of weighted towards the common ones
        (the detector misses the rare white and black plates first). kind_weights: {kind: weight} for the synthetic
        plates, kinds not named weighing 1 (overrides balanced_kinds)."""
        self.rng = random.Random(seed)
        self.balanced_kinds = balanced_kinds
        self.kind_weights = kind_weights
        self.small_share, self.small_width = small_share, small_width
        self.any_angle_share = any_angle_share
        self.real_rows, self.real_images = real_rows, real_images
        self.crop_rows, self.crop_images = crop_rows, crop_images
        self.backgrounds = backgrounds

    def _angle(self):
        r = self.rng.random()
        # the cuts are written so that the default share draws exactly as the earlier fixed 0.45 / 0.6 cuts did
        tilted = 1.0 - self.any_angle_share
        if r < 0.75 * tilted:
            return self.rng.uniform(-12, 12)
        if r < tilted:
            return self.rng.uniform(-45, 45)
        return self.rng.uniform(0, 360)

    def _plate(self):
        kinds = list(plates.KINDS)
        if self.kind_weights:
            kind = self.rng.choices(kinds, weights=[self.kind_weights.get(k, 1.0) for k in kinds])[0]
        else:
            kind = self.rng.choice(kinds) if self.balanced_kinds else None
        return plates.random_plate(self.rng, kind=kind)

    def _plate_width(self, widest):
        rng = self.rng
        if self.small_share > 0 and rng.random() < self.small_share:
            return rng.uniform(*self.small_width)
        return rng.uniform(28, widest)

    def real_scene(self):
        rng = self.rng
        row = self.real_rows[rng.randrange(len(self.real_rows))]
        img = self.real_images[row["file"]].copy()
        quad = row["quad"].copy()
        double = False
        if rng.random() < 0.35:  # a synthetic plate of another kind over the real one
            p = self._plate()
            q = quad.copy()
            if p["double"]:
                up = (q[0] - q[3]) * (220 / 140 - 1)
                q[0] += up
                q[1] += (q[1] - q[2]) * (220 / 140 - 1)
            elif p["kind"] in ("green_small", "green_large", "white_wj"):
                q[1] += (q[1] - q[0]) * (480 / 440 - 1)
                q[2] += (q[2] - q[3]) * (480 / 440 - 1)
            composite(img, p["image"], q)
            quad, double = q, p["double"]
        angle = self._angle()
        quads = [quad]
        if abs(angle) > 0.5:
            img, quads = rotate_scene(img, quads, angle, rng)
        pw = self._plate_width(150)
        canvas, quads = place(img, quads, rng, target_plate_w=pw if rng.random() < 0.7 else None)
        return canvas, quads, [double]

    def synthetic_scene(self):
        rng = self.rng
        bg = self.backgrounds[rng.randrange(len(self.backgrounds))]
        h, w = bg.shape[:2]
        s = SIZE / min(h, w) * rng.uniform(1.0, 1.6)
        bg = cv2.resize(bg, (int(w * s) + 1, int(h * s) + 1))
        y0, x0 = rng.randrange(bg.shape[0] - SIZE + 1), rng.randrange(bg.shape[1] - SIZE + 1)
        canvas = bg[y0:y0 + SIZE, x0:x0 + SIZE].copy()
        quads, doubles, boxes = [], [], []
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
            if rng.random() < 0.25 and self.crop_rows:
                r = self.crop_rows[rng.randrange(len(self.crop_rows))]
                pimg, double = self.crop_images[r["file"]], False
            else:
                p = self._plate()
                pimg, double = p["image"], p["double"]
            ph, pw = pimg.shape[:2]
            target_w = self._plate_width(170)
            scale = target_w / pw
            quad = geometry.random_plate_quad(pw, ph, rng, scale, self._angle(), max_persp=0.15)
            lo, hi = quad.min(0), quad.max(0)
            if hi[0] - lo[0] > SIZE - 8 or hi[1] - lo[1] > SIZE - 8:
                continue
            for _try in range(10):
                c = np.array([rng.uniform(-lo[0] + 4, SIZE - hi[0] - 4), rng.uniform(-lo[1] + 4, SIZE - hi[1] - 4)], np.float32)
                box = (lo[0] + c[0], lo[1] + c[1], hi[0] + c[0], hi[1] + c[1])
                if all(box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3] for b in boxes):
                    break
            else:
                continue
            boxes.append(box)
            composite(canvas, pimg, quad + c)
            quads.append(quad + c)
            doubles.append(double)
        return canvas, quads, doubles

    def negative_scene(self):
        rng = self.rng
        bg = self.backgrounds[rng.randrange(len(self.backgrounds))]
        canvas = cv2.resize(bg, (SIZE, SIZE))
        return canvas, [], []

    def sample(self):
        r = self.rng.random()
        if r < 0.45 and self.real_rows:
            canvas, quads, doubles = self.real_scene()
        elif r < 0.93:
            canvas, quads, doubles = self.synthetic_scene()
        else:
            canvas, quads, doubles = self.negative_scene()
        if self.rng.random() < 0.4:
            canvas = overlay_text(canvas, self.rng)
        canvas = degrade(canvas, self.rng, 0.7)
        return canvas, quads, doubles


def gaussian_radius(w, h):
    return max(0.8, 0.18 * min(w, h))


def make_targets(quads, doubles, size=SIZE, stride=4, corner_scale=32.0):
    """Heat map (2 x S x S), corner targets (8 x S x S) and their weights (S x S) at output resolution."""
    s = size // stride
    heat = np.zeros((2, s, s), np.float32)
    corners = np.zeros((8, s, s), np.float32)
    weight = np.zeros((s, s), np.float32)
    ys, xs = np.mgrid[0:s, 0:s].astype(np.float32)
    for q, dbl in zip(quads, doubles):
        c = q.mean(0)
        if not (0 <= c[0] < size and 0 <= c[1] < size):
            continue
        w = np.linalg.norm(q[1] - q[0]) / stride
        h = np.linalg.norm(q[3] - q[0]) / stride
        r = gaussian_radius(w, h)
        cx, cy = c / stride - 0.5
        g = np.exp(-((xs - cx) ** 2 + (ys - cy) ** 2) / (2 * r * r))
        ch = 1 if dbl else 0
        heat[ch] = np.maximum(heat[ch], g)
        ix, iy = int(round(cx)), int(round(cy))
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                x, y = ix + dx, iy + dy
                if 0 <= x < s and 0 <= y < s:
                    centre = np.array([(x + 0.5) * stride, (y + 0.5) * stride], np.float32)
                    wgt = 1.0 if (dx == 0 and dy == 0) else 0.5
                    if wgt > weight[y, x]:
                        corners[:, y, x] = ((q - centre) / corner_scale).reshape(-1)
                        weight[y, x] = wgt
        if 0 <= ix < s and 0 <= iy < s:
            heat[ch, iy, ix] = 1.0
    return heat, corners, weight
