"""The plate detector: a small fully convolutional network in the CenterNet style. At stride 4 it predicts a
centre heat map per plate layout (single row, double row) and, at each cell, the offsets of the plate's 4 corners
in reading order, so plates at any rotation come out with their corners in the right order."""
import torch
import torch.nn as nn
import torch.nn.functional as F

CORNER_SCALE = 32.0  # corner offsets are predicted in units of 32 input pixels
STRIDE = 4
LAYOUTS = ["single", "double"]


def conv_bn(cin, cout, k=3, s=1, d=1):
    p = d * (k // 2)
    return nn.Sequential(nn.Conv2d(cin, cout, k, s, p, dilation=d, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class PlateDetector(nn.Module):
    """Input N x 3 x H x W (H, W multiples of 32), RGB / 255. Outputs `heat` N x 2 x H/4 x W/4 (logits) and
    `corners` N x 8 x H/4 x W/4 ((x1,y1)..(x4,y4) minus the cell centre, divided by CORNER_SCALE)."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(conv_bn(3, 16, s=2), conv_bn(16, 24, s=2), conv_bn(24, 24))        # /4
        self.s8 = nn.Sequential(conv_bn(24, 40, s=2), conv_bn(40, 40))                               # /8
        self.s16 = nn.Sequential(conv_bn(40, 64, s=2), conv_bn(64, 64), conv_bn(64, 64, d=2))        # /16
        self.s32 = nn.Sequential(conv_bn(64, 96, s=2), conv_bn(96, 96, d=2), conv_bn(96, 96))        # /32
        self.lat16 = nn.Conv2d(96, 64, 1)
        self.fuse16 = conv_bn(64, 64)
        self.lat8 = nn.Conv2d(64, 40, 1)
        self.fuse8 = conv_bn(40, 40)
        self.lat4 = nn.Conv2d(40, 24, 1)
        self.fuse4 = conv_bn(24, 32)
        self.head = conv_bn(32, 32)
        self.heat = nn.Conv2d(32, len(LAYOUTS), 1)
        self.corners = nn.Conv2d(32, 8, 1)
        nn.init.constant_(self.heat.bias, -2.19)

    def forward(self, x):
        c4 = self.stem(x)
        c8 = self.s8(c4)
        c16 = self.s16(c8)
        c32 = self.s32(c16)
        p16 = self.fuse16(c16 + F.interpolate(self.lat16(c32), scale_factor=2.0, mode="nearest"))
        p8 = self.fuse8(c8 + F.interpolate(self.lat8(p16), scale_factor=2.0, mode="nearest"))
        p4 = self.fuse4(c4 + F.interpolate(self.lat4(p8), scale_factor=2.0, mode="nearest"))
        h = self.head(p4)
        return self.heat(h), self.corners(h)
