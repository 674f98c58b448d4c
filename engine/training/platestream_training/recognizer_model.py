"""The CTC recogniser with a colour head: one small convolutional network, two outputs."""
import torch
import torch.nn as nn

from .charset import NUM_CLASSES, COLOURS


def conv_bn(cin, cout, k=3, s=1, p=1):
    return nn.Sequential(nn.Conv2d(cin, cout, k, s, p, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class PlateRecognizer(nn.Module):
    """Input: N x 3 x 32 x 128 RGB scaled to 0..1. Outputs: `logits` N x 32 x C (per column, C = blank + alphabet)
    and `colour` N x 6 (logits over COLOURS)."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            conv_bn(3, 32), nn.MaxPool2d(2, 2),                  # 16 x 64
            conv_bn(32, 64), nn.MaxPool2d(2, 2),                 # 8 x 32
            conv_bn(64, 96), conv_bn(96, 96), nn.MaxPool2d((2, 1), (2, 1)),  # 4 x 32
            conv_bn(96, 128), conv_bn(128, 128),
        )
        self.collapse = conv_bn(128, 192, k=(4, 1), s=1, p=0)  # 1 x 32
        self.context = nn.Sequential(
            nn.Conv1d(192, 192, 5, 1, 2, bias=False), nn.BatchNorm1d(192), nn.ReLU(inplace=True),
            nn.Dropout(0.1),
        )
        # A bidirectional GRU over the 32 columns: every column sees the whole plate, so "first character" is known
        # from the sequence and not from the distance to the input's left edge (loose crops move the plate sideways).
        self.sequence = nn.GRU(192, 96, bidirectional=True)
        self.classifier = nn.Conv1d(192, NUM_CLASSES, 1)
        self.colour = nn.Sequential(nn.Linear(128, 64), nn.ReLU(inplace=True), nn.Linear(64, len(COLOURS)))

    def forward(self, x):
        f = self.features(x)
        c = self.colour(f.mean(dim=(2, 3)))
        s = self.collapse(f).squeeze(2)          # N x 192 x 32
        s = self.context(s)
        r, _ = self.sequence(s.permute(2, 0, 1))  # 32 x N x 192
        s = s + r.permute(1, 2, 0)
        logits = self.classifier(s).permute(0, 2, 1)  # N x 32 x C
        return logits, c
