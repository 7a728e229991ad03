import torch.nn as nn
extra = nn.ModuleList()
layers = [nn.Linear(4, 4)]
if extra:
    layers.append(nn.Linear(4, 4))
if nn.Linear(2, 2):
    layers.append(nn.Linear(4, 8))
model = nn.Sequential(*layers)
# TRUTH: model
