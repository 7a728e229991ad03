import torch.nn as nn
model = nn.Sequential(nn.Linear(4, (h := 16)), nn.Linear(h, h * 2))
# TRUTH: model
