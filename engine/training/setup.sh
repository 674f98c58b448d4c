#!/usr/bin/env bash
# Installs what training needs, from Debian's packages only (run as root). Nothing is fetched at run time.
set -euo pipefail
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
  python3-torch python3-onnx python3-opencv python3-pil python3-numpy \
  libopenblas0-openmp fonts-noto-cjk fonts-thai-tlwg fonts-dejavu-core fonts-dejavu-extra
/usr/bin/python3 -c "import torch, onnx, cv2, PIL; print('torch', torch.__version__, 'onnx', onnx.__version__, 'opencv', cv2.__version__)"
