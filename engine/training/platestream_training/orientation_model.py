"""The orientation classifier: is a rectified plate upside down? A small convolutional network on the recogniser's
own input, so it runs on the batch the rectifier already made."""
import torch.nn as nn


def conv_bn(cin, cout, s):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, s, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class PlateOrientation(nn.Module):
    """Input: N x 3 x 32 x 128 RGB scaled to 0..1. Output: N x 1 logit of "turned by 180 degrees"."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            conv_bn(3, 16, 2),    # 16 x 64
            conv_bn(16, 32, 2),   # 8 x 32
            conv_bn(32, 48, 2),   # 4 x 16
            conv_bn(48, 64, 2),   # 2 x 8
        )
        # where a feature is matters (the province character leads, the serial follows): no global pooling
        self.head = nn.Sequential(nn.Flatten(), nn.Dropout(0.2), nn.Linear(64 * 2 * 8, 1))

    def forward(self, x):
        return self.head(self.features(x))
