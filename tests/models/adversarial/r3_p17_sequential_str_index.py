import torch.nn as nn
seq = nn.Sequential(nn.Linear(4, 4), nn.Linear(4, 8))
model = nn.Sequential(seq["1"], nn.ReLU())
# TRUTH: model
