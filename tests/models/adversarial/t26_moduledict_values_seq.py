import torch.nn as nn
d = nn.ModuleDict({"x": nn.Linear(3, 3), "y": nn.Linear(3, 4)})
model = nn.Sequential(*d.values())
# TRUTH: model
