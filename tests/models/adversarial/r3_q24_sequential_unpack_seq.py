import torch.nn as nn
a = nn.Sequential(nn.Linear(4, 8), nn.ReLU())
model = nn.Sequential(*a, *a, nn.Linear(8, 2))
# TRUTH: model
