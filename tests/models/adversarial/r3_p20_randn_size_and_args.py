import torch, torch.nn as nn
w = nn.Parameter(torch.randn(2, 3, size=(5, 5)))
model = nn.Linear(4, 4)
model.extra = w
# TRUTH: model
