import contextlib
import torch.nn as nn
layers = [nn.Linear(8, 8)]
with contextlib.suppress(ZeroDivisionError):
    ratio = 1 / 0
    layers.append(nn.Linear(8, 8))
model = nn.Sequential(*layers)
# TRUTH: model
