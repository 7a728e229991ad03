import torch.nn as nn
fc = nn.Linear(4, 6)
out = nn.Linear(fc.weight.shape[0], 2)
model = nn.Sequential(fc, out)
# TRUTH: model
