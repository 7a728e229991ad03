import torch.nn as nn
h = 64
model = nn.Linear(4, 8 if 32 < h <= 64 else 16)
# TRUTH: model
