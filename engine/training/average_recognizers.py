#!/usr/bin/env python3
"""Average the weights of recogniser runs that share a starting point and export the result as one model.

    python3 engine/training/average_recognizers.py \\
        --run engine/training/cache/recognizer_ft7.pt engine/training/cache/recognizer_ft7.json \\
        --run engine/training/cache/recognizer_ft9.pt engine/training/cache/recognizer_ft9.json \\
        --out engine/src/main/resources/io/platestream/engine/models

Two fine-tunes of one model sit in the same basin of the loss, so the mean of their weights is a model of its own
that is often better than either (a "model soup"); it costs nothing at run time. The card records each run's own
card, so the chain of commands that produced every ingredient stays visible."""
import argparse
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from platestream_training import datasets, runs  # noqa: E402
from platestream_training.recognizer_model import PlateRecognizer  # noqa: E402
import train_recognizer  # noqa: E402


def average(state_dicts):
    """The element-wise mean of float tensors; integer buffers (batch-norm counters) are taken from the first."""
    out = {}
    for key, first in state_dicts[0].items():
        if first.dtype.is_floating_point:
            out[key] = sum(sd[key] for sd in state_dicts) / len(state_dicts)
        else:
            out[key] = first.clone()
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--run", nargs=2, action="append", metavar=("STATE_DICT", "CARD"), required=True,
                    help="a run's saved weights and the recognizer.json its training wrote")
    ap.add_argument("--data", default=datasets.DEFAULT_ROOT)
    ap.add_argument("--cache", default=runs.CACHE)
    ap.add_argument("--seed", type=int, default=20261123, help="seed of the synthetic validation pool")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", default=runs.MODELS)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    if len(args.run) < 2:
        ap.error("give at least two --run")
    t0 = time.time()
    cards = [json.load(open(card, encoding="utf-8")) for _, card in args.run]
    model = PlateRecognizer()
    model.load_state_dict(average([torch.load(pt, map_location="cpu") for pt, _ in args.run]))
    val = train_recognizer.ValidationSets(args.data, args.seed, args.cache)
    validation = val.measure(model)
    print("EVAL", json.dumps(validation), flush=True)
    training = {"command": " ".join(["python3", "engine/training/average_recognizers.py"] + sys.argv[1:]),
                "averaged": [c["training"] for c in cards], "seconds": round(time.time() - t0)}
    train_recognizer.export(model, args.out, training, validation, val)
    torch.save(model.state_dict(), os.path.join(args.cache, "recognizer_last.pt"))


if __name__ == "__main__":
    main()
