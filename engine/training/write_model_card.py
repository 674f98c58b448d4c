#!/usr/bin/env python3
"""Render MODEL_CARD.md beside the exported models from their JSON cards (run after training):

    python3 engine/training/write_model_card.py"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "..", "src", "main", "resources", "io", "platestream", "engine", "models")


def chain(training):
    """The commands that produced a model, oldest first (each card's training record holds the one it continued)."""
    steps = []
    while training:
        steps.append(training["command"])
        training = training.get("previous")
    return steps[::-1]


def main():
    det = json.load(open(os.path.join(MODELS, "detector.json"), encoding="utf-8"))
    rec = json.load(open(os.path.join(MODELS, "recognizer.json"), encoding="utf-8"))
    ori = json.load(open(os.path.join(MODELS, "orientation.json"), encoding="utf-8"))
    # an averaged recogniser's data and schedule are those of its ingredients (all alike but for seed and steps)
    rec_run = rec["training"]["averaged"][0] if "averaged" in rec["training"] else rec["training"]
    size = lambda f: os.path.getsize(os.path.join(MODELS, f))
    lines = [
        "# Model cards", "",
        "All three models were trained from scratch by `engine/training` on a 2-core CPU; no third-party weights.",
        "Validation figures here are the training scripts' own (Python, at the last step); the engine's end-to-end",
        "figures measured from Java are in `engine/README.md`.", "",
        "## Detector (`detector.onnx`)", "",
        "- Task: plate centres (single-row / double-row heat maps) and the 4 corners in reading order, at stride %d, on a %dx%d letterbox." % (det["stride"], det["input"]["size"], det["input"]["size"]),
        "- Parameters: %d; file %.2f MB; ONNX opset 17, dynamic batch and size." % (det["parameters"], size("detector.onnx") / 1e6),
        "- Data: train split of cn-scenes (real plates, and synthetic plates of other kinds warped over them), synthetic plates and real crops on background photos, rotations through 360 degrees, camera overlays and signs as negatives.",
        "- Training: `%s`, %d steps of %d scenes, seed %d, %.0f minutes." % (det["training"]["command"], det["training"]["steps"], det["training"]["batch"], det["training"]["seed"], det["training"]["seconds"] / 60),
        "- Validation at the last step: `%s`" % json.dumps(det.get("validation", {})),
        "- Every run that led to it, oldest first (each continues the one before):", ""]
    lines += ["  %d. `%s`" % (i + 1, c) for i, c in enumerate(chain(det["training"]))]
    lines += ["",
        "## Recogniser with colour head (`recognizer.onnx`)", "",
        "- Task: CTC over %d columns of a %dx%d rectified plate (double-row plates stitched into one line), alphabet of %d characters + blank; colour head over %s. Convolutional features, then a 1-D convolution and a bidirectional GRU across the columns (each column sees the whole plate, so the province is found by its shape and place in the sequence, not by its distance from the left edge)." % (rec["input"]["width"] // 4, rec["input"]["width"], rec["input"]["height"], len(rec["alphabet"]), ", ".join(rec["colours"])),
        "- Parameters: %d; file %.2f MB; ONNX opset 17, dynamic batch." % (rec["parameters"], size("recognizer.onnx") / 1e6),
        "- Data: %d real train plates (cn-crops, cn-scenes from their corners, jittered) at %.0f%% of each batch, and a pool of %d synthetic plates of every kind and province." % (rec_run["real_train_plates"], 100 * rec_run["real_fraction"], rec_run["synthetic_pool"]),
        ]
    if "averaged" in rec["training"]:
        lines += ["- Training: the mean of the weights of %d runs from one starting point, `%s`." % (len(rec["training"]["averaged"]), rec["training"]["command"])]
    else:
        lines += ["- Training: `%s`, %d steps of %d plates, seed %d, %.0f minutes." % (rec_run["command"], rec_run["steps"], rec_run["batch"], rec_run["seed"], rec_run["seconds"] / 60)]
    lines += [
        "- Validation at the last step: `%s`" % json.dumps(rec.get("validation", {})),
        "- Synthetic held-out exact match by kind (100 plates each, true corners): `%s`" % json.dumps(rec.get("synthetic_val_exact_by_kind", {}), ensure_ascii=False),
        ]
    for k, run in enumerate(rec["training"].get("averaged", [rec["training"]])):
        lines += ["- Every run that led to %s, oldest first:" % ("it" if "averaged" not in rec["training"] else "ingredient %d" % (k + 1)), ""]
        lines += ["  %d. `%s`" % (i + 1, c) for i, c in enumerate(chain(run))]
        lines += [""]
    lines += [
        "## Orientation classifier (`orientation.onnx`)", "",
        "- Task: is a rectified plate upside down? One sigmoid on the recogniser's own %dx%d input, so it runs on the batch the rectifier made. The detector's corners do not say which way up a plate is (the engine orders them from geometry), and a plate read upside down can come out as confident garbage." % (ori["input"]["width"], ori["input"]["height"]),
        "- Parameters: %d; file %.2f MB; ONNX opset 17, dynamic batch." % (ori["parameters"], size("orientation.onnx") / 1e6),
        "- Data: %d synthetic plates of every kind, each rectified both ways round from one jittered cut (double rows split after turning, as the engine does); the recogniser's cached single-row pool turned round; %d real train plates turned round, %.0f%% of each batch." % (ori["training"]["pairs"], ori["training"]["real_train_plates"], 100 * ori["training"]["real_fraction"]),
        "- Training: `%s`, %d steps of %d plates, seed %d, %.0f minutes." % (ori["training"]["command"], ori["training"]["steps"], ori["training"]["batch"], ori["training"]["seed"], ori["training"]["seconds"] / 60),
        "- Validation at the last step (share of plates classified right both ways round): `%s`" % json.dumps(ori.get("validation", {})),
        "- Synthetic held-out, both ways round, by kind (200 plates each): `%s`" % json.dumps(ori.get("synthetic_val_both_ways_by_kind", {})),
        "",
        "Total size: %.2f MB (budget 20 MB)." % (sum(size(f) for f in ("detector.onnx", "recognizer.onnx", "orientation.onnx")) / 1e6),
    ]
    with open(os.path.join(MODELS, "MODEL_CARD.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
