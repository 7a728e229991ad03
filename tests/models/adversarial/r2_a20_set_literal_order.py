import torch.nn as nn
prev = 4
layers = []
for d in {20, 5, 3}:
    layers.append(nn.Linear(prev, d))
    prev = d
model = nn.Sequential(*layers)
# TRUTH: model
