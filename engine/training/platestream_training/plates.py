"""Synthetic mainland-China plates: text generation by plate kind and rendering of a front-view plate image.

Dimensions follow the published plate layouts in millimetres (440x140 single row, 480x140 new energy, 440x220 double
row) and are drawn at `px_per_mm` pixels per millimetre. Glyphs are stretched into the character cells, as on the
real plates, from the fonts installed by `setup.sh` (Noto Sans CJK for Chinese, DejaVu/TLWG for Latin)."""
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from .charset import PROVINCES, SERIAL_LETTERS, DIGITS

CJK_FONTS = [
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 3),
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 2),
]
LATIN_FONTS = [
    ("/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf", 0),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf", 0),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 0),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf", 0),
    ("/usr/share/fonts/truetype/tlwg/TlwgTypo-Bold.ttf", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
]

# kind -> (colour label, plate type, layout, weight in the mix)
KINDS = {
    "blue_small": ("blue", "SMALL_CAR", "single7", 30),
    "yellow_large": ("yellow", "LARGE_VEHICLE", "single7", 6),
    "yellow_double": ("yellow", "LARGE_VEHICLE", "double", 10),
    "yellow_coach": ("yellow", "COACH", "single7", 4),
    "yellow_trailer": ("yellow", "TRAILER", "double", 7),
    "green_small": ("green", "NEW_ENERGY_SMALL", "single8", 12),
    "green_large": ("yellow_green", "NEW_ENERGY_LARGE", "single8", 6),
    "white_police": ("white", "POLICE", "single7", 6),
    "white_wj": ("white", "ARMED_POLICE", "single8", 8),
    "black_embassy": ("black", "EMBASSY", "single7", 4),
    "black_consulate": ("black", "CONSULATE", "single7", 3),
    "black_hkmo": ("black", "HONG_KONG_MACAU", "single7", 5),
}


def _serial_char(rng, p_letter=0.3):
    return rng.choice(SERIAL_LETTERS) if rng.random() < p_letter else rng.choice(DIGITS)


def random_text(kind, rng, province=None):
    p = province or rng.choice(PROVINCES)
    letter = rng.choice(SERIAL_LETTERS)
    if kind in ("blue_small", "yellow_large", "yellow_double"):
        return p + letter + "".join(_serial_char(rng) for _ in range(5))
    if kind == "yellow_coach":
        return p + letter + "".join(_serial_char(rng, 0.15) for _ in range(4)) + "学"
    if kind == "yellow_trailer":
        return p + letter + "".join(_serial_char(rng, 0.15) for _ in range(4)) + "挂"
    if kind == "white_police":
        return p + letter + "".join(rng.choice(DIGITS) for _ in range(4)) + "警"
    if kind == "white_wj":
        return "WJ" + p + "".join(rng.choice(DIGITS) for _ in range(4)) + rng.choice(DIGITS + "XBTHJSD")
    if kind == "black_embassy":
        return "使" + "".join(rng.choice(DIGITS) for _ in range(6))
    if kind == "black_consulate":
        return p + "A" + "".join(rng.choice(DIGITS) for _ in range(4)) + "领"
    if kind == "black_hkmo":
        return "粤Z" + "".join(_serial_char(rng, 0.2) for _ in range(4)) + rng.choice("港澳")
    if kind == "green_small":
        second = rng.choice(DIGITS) if rng.random() < 0.6 else rng.choice(SERIAL_LETTERS)
        return p + letter + rng.choice("DF") + second + "".join(rng.choice(DIGITS) for _ in range(4))
    if kind == "green_large":
        return p + letter + "".join(rng.choice(DIGITS) for _ in range(5)) + rng.choice("DF")
    raise ValueError(kind)


def pick_kind(rng):
    kinds = list(KINDS)
    return rng.choices(kinds, weights=[KINDS[k][3] for k in kinds])[0]


class GlyphCache:
    """High-resolution glyph masks cropped to their ink, per (font, char)."""

    def __init__(self):
        self._fonts = {}
        self._masks = {}

    def _font(self, spec):
        if spec not in self._fonts:
            self._fonts[spec] = ImageFont.truetype(spec[0], 128, index=spec[1])
        return self._fonts[spec]

    def mask(self, spec, ch):
        key = (spec, ch)
        m = self._masks.get(key)
        if m is None:
            font = self._font(spec)
            img = Image.new("L", (220, 220), 0)
            ImageDraw.Draw(img).text((30, 10), ch, fill=255, font=font)
            bbox = img.getbbox()
            m = img.crop(bbox) if bbox else img
            self._masks[key] = m
        return m


_GLYPHS = GlyphCache()


def _jitter(rgb, rng, amount=18):
    return tuple(int(np.clip(c + rng.randint(-amount, amount), 0, 255)) for c in rgb)


def _background(kind, colour, w, h, rng):
    """Plate background as float RGB array HxWx3."""
    yy = np.linspace(0, 1, h)[:, None, None]
    xx = np.linspace(0, 1, w)[None, :, None]
    if colour == "blue":
        base = np.array(_jitter((12, 60, 200), rng, 25), dtype=np.float32)
        bg = np.ones((h, w, 3), np.float32) * base
    elif colour == "yellow":
        base = np.array(_jitter((245, 190, 20), rng, 20), dtype=np.float32)
        bg = np.ones((h, w, 3), np.float32) * base
    elif colour == "green":  # white at the top fading to green at the bottom
        top = np.array(_jitter((240, 250, 240), rng, 12), np.float32)
        bottom = np.array(_jitter((70, 190, 90), rng, 20), np.float32)
        bg = top * (1 - yy) + bottom * yy
        bg = np.broadcast_to(bg, (h, w, 3)).copy()
    elif colour == "yellow_green":  # yellow on the left, green on the right
        left = np.array(_jitter((235, 200, 40), rng, 15), np.float32)
        right = np.array(_jitter((80, 190, 80), rng, 15), np.float32)
        t = np.clip((xx - 0.2) / 0.2, 0, 1)
        bg = left * (1 - t) + right * t
        bg = np.broadcast_to(bg, (h, w, 3)).copy()
    elif colour == "white":
        bg = np.ones((h, w, 3), np.float32) * np.array(_jitter((238, 238, 238), rng, 14), np.float32)
    elif colour == "black":
        bg = np.ones((h, w, 3), np.float32) * np.array(_jitter((18, 18, 22), rng, 14), np.float32)
    else:
        raise ValueError(colour)
    return bg


def _text_colour(colour, rng):
    if colour == "blue" or colour == "black":
        return _jitter((245, 245, 245), rng, 10)
    return _jitter((15, 15, 15), rng, 10)


def _cells(layout):
    """Character cells (x, y, w, h) in mm, plate size (w, h) in mm, and the dot position or None."""
    if layout == "single7":
        cells, x = [], 15.5
        for i in range(7):
            cells.append((x, 25, 45, 90))
            x += 45 + (34 if i == 1 else 12)
        return cells, (440, 140), (15.5 + 45 * 2 + 12 + 5, 70)
    if layout == "single8":
        cells, x = [], 15.5
        for i in range(8):
            cells.append((x, 25, 43, 90))
            x += 43 + (24 if i == 1 else 9)
        return cells, (480, 140), (15.5 + 43 * 2 + 9 + 3, 70)
    if layout == "double":
        cells = [(110, 15, 80, 60), (250, 15, 80, 60)]
        x = 27.5
        for i in range(5):
            cells.append((x, 90, 65, 110))
            x += 65 + 15
        return cells, (440, 220), None
    raise ValueError(layout)


def render_plate(kind, text, rng, px_per_mm=0.5):
    """Render a plate. Returns (RGB uint8 array, colour label, plate type, double_row)."""
    colour, ptype, layout, _ = KINDS[kind]
    cells, (pw, ph), dot = _cells(layout)
    w, h = int(round(pw * px_per_mm)), int(round(ph * px_per_mm))
    bg = _background(kind, colour, w, h, rng)
    img = Image.fromarray(np.clip(bg, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(img)
    fg = _text_colour(colour, rng)
    # border
    bw = max(1, int(round(rng.uniform(1.5, 3.5) * px_per_mm)))
    inset = max(1, int(round(rng.uniform(3, 6) * px_per_mm)))
    draw.rounded_rectangle([inset, inset, w - 1 - inset, h - 1 - inset], radius=int(8 * px_per_mm),
                           outline=fg, width=bw)
    if dot is not None and rng.random() < 0.9:
        r = 5 * px_per_mm
        cx, cy = dot[0] * px_per_mm, dot[1] * px_per_mm
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=fg)
    latin = LATIN_FONTS[rng.randrange(len(LATIN_FONTS))]
    cjk = CJK_FONTS[rng.randrange(len(CJK_FONTS))]
    for i, (ch, (x, y, cw, chh)) in enumerate(zip(text, cells)):
        spec = cjk if ord(ch) > 127 else latin
        mask = _GLYPHS.mask(spec, ch)
        # narrow glyphs (1, I) keep their own aspect, centred in the cell
        gw, gh = mask.size
        tw, th = cw * px_per_mm, chh * px_per_mm
        if gw / gh < 0.35 * (cw / chh) * 2:
            tw = max(2.0, th * gw / gh * 1.3)
        ox = x * px_per_mm + (cw * px_per_mm - tw) / 2
        tw_i, th_i = max(1, int(round(tw))), max(1, int(round(th)))
        m = mask.resize((tw_i, th_i), Image.BILINEAR)
        colour_ch = fg
        if ch in "警" or (kind == "white_wj" and i < 2) or (kind == "black_embassy" and ch == "使") \
                or (kind == "black_consulate" and ch == "领"):
            colour_ch = _jitter((200, 20, 20), rng, 15)
        img.paste(Image.new("RGB", m.size, colour_ch), (int(round(ox)), int(round(y * px_per_mm))), m)
    # rivets
    if rng.random() < 0.6:
        for rx in (0.25, 0.75):
            cx, cy, r = rx * w, 0.09 * h if layout != "double" else 0.06 * h, 1.8 * px_per_mm * 2
            draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=_jitter(tuple(int(v) for v in bg[int(cy), int(cx)]), rng, 40))
    return np.asarray(img), colour, ptype, layout == "double"


def random_plate(rng, kind=None, px_per_mm=None, province=None):
    kind = kind or pick_kind(rng)
    text = random_text(kind, rng, province)
    px = px_per_mm or rng.uniform(0.4, 0.8)
    rgb, colour, ptype, double = render_plate(kind, text, rng, px)
    return {"image": rgb, "text": text, "colour": colour, "type": ptype, "double": double, "kind": kind}
