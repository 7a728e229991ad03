import torch.nn as nn
m = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 2))
m[1] = nn.Linear(2, 10)
model = m
# TRUTH: model
