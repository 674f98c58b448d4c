"""What both training scripts share: the common command-line options, seeding, and starting from a checkpoint."""
import json
import os
import random

import numpy as np
import torch

from . import datasets

MODELS = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", "src", "main", "resources", "io",
                                       "platestream", "engine", "models"))
CACHE = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "cache"))


def add_common_args(ap, steps, batch):
    ap.add_argument("--data", default=datasets.DEFAULT_ROOT)
    ap.add_argument("--out", default=MODELS)
    ap.add_argument("--cache", default=CACHE)
    ap.add_argument("--steps", type=int, default=steps)
    ap.add_argument("--batch", type=int, default=batch)
    ap.add_argument("--seed", type=int, default=20261121)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--init", default=None, help="continue from this state dict (fine-tuning); recorded in the card")
    ap.add_argument("--lr", type=float, default=2e-3, help="peak learning rate of the one-cycle schedule")


def seed_everything(args):
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)


def load_init(model, args, card_name):
    """Loads --init into the model; returns the training record of the card it continues (or None)."""
    if not args.init:
        return None
    model.load_state_dict(torch.load(args.init))
    print("initialised from", args.init, flush=True)
    card_path = os.path.join(args.out, card_name)
    if os.path.exists(card_path):
        with open(card_path, encoding="utf-8") as f:
            return json.load(f).get("training")
    return None


def optimise(model, opt, sched, loss, clip):
    """One optimiser step on `loss`, gradients clipped to norm `clip`, then the schedule's step."""
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
    opt.step()
    sched.step()


def record(log, line):
    """Keeps a validation line for the card and prints it."""
    log.append(line)
    print("EVAL", json.dumps(line), flush=True)


def export_onnx(model, head, path, example, output_names, dynamic_axes):
    """Exports `model` followed by `head` (a function of its outputs giving what the engine reads, e.g. softmax
    probabilities) to ONNX opset 17, with one input named "image"."""

    class Exported(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.m = model

        def forward(self, x):
            return head(self.m(x))

    model.eval()
    torch.onnx.export(Exported(), example, path, input_names=["image"], output_names=output_names,
                      dynamic_axes=dynamic_axes, opset_version=17)
