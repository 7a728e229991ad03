import torch.nn as nn
layers = [nn.Linear(8, 8)]
cfg = {"a": 1}
try:
    depth = cfg["depth"]
    layers.append(nn.Linear(8, 8))
except KeyError:
    pass
model = nn.Sequential(*layers)
# TRUTH: model
