import torch.nn as nn
dims = [20, 5, 3]
prev = 4
layers = []
for d in set(dims):
    layers.append(nn.Linear(prev, d))
    prev = d
model = nn.Sequential(*layers)
# TRUTH: model
