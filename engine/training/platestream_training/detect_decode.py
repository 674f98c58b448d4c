"""Decoding of the detector's outputs into plates (the Java `PlateDetector` does the same), and quad IoU."""
import cv2
import numpy as np


def decode(heat, corners, threshold=0.3, stride=4, corner_scale=32.0, max_plates=20, nms_iou=0.3):
    """heat: 2 x h x w probabilities, corners: 8 x h x w. Returns [(score, layout_index, quad 4x2)] in input pixels."""
    c, h, w = heat.shape
    best = heat.max(0)
    layout = heat.argmax(0)
    padded = np.pad(best, 1, constant_values=0)
    neigh = np.max(np.stack([padded[dy:dy + h, dx:dx + w] for dy in range(3) for dx in range(3)]), 0)
    peaks = np.argwhere((best >= neigh) & (best >= threshold))
    cands = []
    for y, x in peaks:
        centre = np.array([(x + 0.5) * stride, (y + 0.5) * stride], np.float32)
        q = corners[:, y, x].reshape(4, 2) * corner_scale + centre
        cands.append((float(best[y, x]), int(layout[y, x]), q))
    cands.sort(key=lambda t: -t[0])
    kept = []
    for cand in cands:
        if all(quad_iou(cand[2], k[2]) < nms_iou for k in kept):
            kept.append(cand)
        if len(kept) >= max_plates:
            break
    return kept


def quad_iou(a, b):
    a = np.asarray(a, np.float32).reshape(4, 2)
    b = np.asarray(b, np.float32).reshape(4, 2)
    ha, hb = cv2.convexHull(a), cv2.convexHull(b)
    area_a, area_b = cv2.contourArea(ha), cv2.contourArea(hb)
    if area_a <= 0 or area_b <= 0:
        return 0.0
    inter, _ = cv2.intersectConvexConvex(ha, hb)
    return float(inter / (area_a + area_b - inter + 1e-9))
