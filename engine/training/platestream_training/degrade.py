"""Photometric degradations: blur, noise, JPEG, night, glare, dirt, colour casts."""
import cv2
import numpy as np


def degrade(img, rng, strength=1.0):
    img = img.astype(np.float32)
    # brightness / contrast / colour cast
    img = img * rng.uniform(0.6, 1.3) + rng.uniform(-40, 40) * strength
    img = img * np.array([rng.uniform(0.85, 1.15) for _ in range(3)], np.float32)
    if rng.random() < 0.15 * strength:  # night: dark and noisy
        img = img * rng.uniform(0.25, 0.5)
    if rng.random() < 0.15 * strength:  # glare: a bright blob
        h, w = img.shape[:2]
        yy, xx = np.mgrid[0:h, 0:w]
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        r = rng.uniform(0.1, 0.5) * max(h, w)
        img += (np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * r * r)) * rng.uniform(60, 180))[..., None]
    if rng.random() < 0.2 * strength:  # dirt: dark smudges
        h, w = img.shape[:2]
        for _ in range(rng.randint(1, 5)):
            cv2.circle(img, (rng.randrange(w), rng.randrange(h)), rng.randint(1, max(2, h // 6)),
                       (rng.uniform(20, 90),) * 3, -1)
    img = np.clip(img, 0, 255)
    if rng.random() < 0.5 * strength:
        k = rng.choice([3, 3, 5])
        img = cv2.GaussianBlur(img, (k, k), rng.uniform(0.3, 1.5))
    if rng.random() < 0.2 * strength:  # motion blur
        k = rng.randint(3, 7)
        kernel = np.zeros((k, k), np.float32)
        kernel[k // 2, :] = 1.0 / k
        img = cv2.filter2D(img, -1, kernel)
    if rng.random() < 0.5 * strength:
        img = img + np.random.default_rng(rng.randrange(1 << 30)).normal(0, rng.uniform(2, 12), img.shape)
    img = np.clip(img, 0, 255).astype(np.uint8)
    if rng.random() < 0.5:
        q = rng.randint(30, 90)
        ok, enc = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, q])
        img = cv2.imdecode(enc, cv2.IMREAD_UNCHANGED)
    return img
