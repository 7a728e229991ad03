import torch.nn as nn
model = nn.Sequential(nn.Linear(3, 3), nn.Identity(10))
# TRUTH: model
