import torch.nn as nn
base = nn.Sequential(nn.Linear(4, 32), nn.ReLU(), nn.Linear(32, 10))
model = nn.Sequential(*list(base.children())[:-1], nn.Linear(32, 2))
# TRUTH: model
