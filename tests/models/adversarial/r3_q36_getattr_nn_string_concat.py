import torch.nn as nn
kind = "Bat" + "chNorm1d"
model = nn.Sequential(nn.Linear(4, 8), getattr(nn, kind)(8))
# TRUTH: model
