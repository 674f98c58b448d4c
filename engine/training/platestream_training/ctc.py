"""Greedy CTC decoding with per-character confidences (the Java `CtcDecoder` does the same)."""
import numpy as np

from .charset import ALPHABET, BLANK


def greedy_decode(probs):
    """probs: T x C softmax output. Returns (text, [confidence per char]). A character's confidence is the highest
    probability it reached over the run of columns that emitted it."""
    best = probs.argmax(axis=1)
    text, confs = [], []
    prev = BLANK
    for t, k in enumerate(best):
        p = float(probs[t, k])
        if k != BLANK and k != prev:
            text.append(ALPHABET[k - 1])
            confs.append(p)
        elif k != BLANK and k == prev:
            confs[-1] = max(confs[-1], p)
        prev = k
    return "".join(text), confs
