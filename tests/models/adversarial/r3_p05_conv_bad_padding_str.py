import torch.nn as nn
model = nn.Conv2d(4, 8, 3, padding="full")
# TRUTH: model
