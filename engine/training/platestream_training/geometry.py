"""Plate geometry shared with the Java engine: rectification from 4 corners and the double-row stitch.

The Java `PlateRectifier` implements exactly the same mapping, so a model trained on these inputs sees the same pixels
at run time:
- a single-row plate's quad (TL, TR, BR, BL) is mapped to (0,0), (W,0), (W,H), (0,H) of a W x H = 128 x 32 output,
  destination pixel (u, v) sampling the source at H^-1 (u, v, 1) with bilinear interpolation, edges replicated;
- a double-row plate is first rectified to 128 x 64; its top band (rows 0..TOP_SPLIT*64, columns
  TOP_X0*128..TOP_X1*128) is resized to 48 x 32 and its bottom band (rows BOTTOM_SPLIT*64..64, all columns) to 80 x 32,
  and the two are placed side by side: one 128 x 32 line that reads top row then bottom row."""
import cv2
import numpy as np

REC_W, REC_H = 128, 32
DOUBLE_H = 64
TOP_SPLIT, BOTTOM_SPLIT = 0.40, 0.36
TOP_X0, TOP_X1 = 0.12, 0.88
TOP_W, BOTTOM_W = 48, 80


def rect_quad(w, h):
    """The corners of a w x h rectangle at the origin, in reading order (TL, TR, BR, BL)."""
    return np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)


def warp_quad(image, quad, w, h):
    src = np.asarray(quad, np.float32).reshape(4, 2)
    dst = rect_quad(w, h)
    m = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(image, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def rectify(image, quad, double_row):
    """The recogniser's 32 x 128 input (HxWx3 uint8) for one plate."""
    if not double_row:
        return warp_quad(image, quad, REC_W, REC_H)
    full = warp_quad(image, quad, REC_W, DOUBLE_H)
    top = full[: int(round(TOP_SPLIT * DOUBLE_H)), int(round(TOP_X0 * REC_W)): int(round(TOP_X1 * REC_W))]
    bottom = full[int(round(BOTTOM_SPLIT * DOUBLE_H)):, :]
    top = cv2.resize(top, (TOP_W, REC_H), interpolation=cv2.INTER_LINEAR)
    bottom = cv2.resize(bottom, (BOTTOM_W, REC_H), interpolation=cv2.INTER_LINEAR)
    return np.concatenate([top, bottom], axis=1)


def jitter_quad(quad, rng, amount=0.06):
    """Move each corner by up to `amount` of the plate's width/height, as a detector would."""
    q = np.asarray(quad, np.float32).reshape(4, 2).copy()
    w = np.linalg.norm(q[1] - q[0])
    h = np.linalg.norm(q[3] - q[0])
    for i in range(4):
        q[i, 0] += rng.uniform(-amount, amount) * w
        q[i, 1] += rng.uniform(-amount, amount) * h * 1.5
    return q


def random_plate_quad(plate_w, plate_h, rng, scale, angle_deg, max_persp=0.12):
    """A random perspective quad for a plate of the given size: scaled, sheared, rotated, centred at (0, 0)."""
    w, h = plate_w * scale, plate_h * scale
    base = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]], np.float32)
    # perspective: shrink one side
    p = rng.uniform(-max_persp, max_persp)
    base[1, 1] += p * h
    base[2, 1] -= p * h
    q = rng.uniform(-max_persp, max_persp)
    base[2, 0] += q * w * 0.3
    base[3, 0] += q * w * 0.3
    shear = rng.uniform(-0.15, 0.15)
    base[:, 0] += shear * base[:, 1]
    a = np.deg2rad(angle_deg)
    r = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]], np.float32)
    return base @ r.T
