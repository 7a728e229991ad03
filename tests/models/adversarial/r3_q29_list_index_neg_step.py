import torch.nn as nn
dims = [4, 8, 16, 32, 64]
d = dims[-1:0:-2]
model = nn.Sequential(*[nn.Linear(a, b) for a, b in zip(d, d[1:])])
# TRUTH: model
