import torch.nn as nn
fc = nn.Linear(4, 4, bias=False)
model = nn.Sequential(fc, nn.Linear(4, 2 if fc.bias is None else 3))
# TRUTH: model
