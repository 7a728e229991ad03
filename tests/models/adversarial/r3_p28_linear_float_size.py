import torch.nn as nn
h = 32
model = nn.Linear(h, h / 2)
# TRUTH: model
