import torch, torch.nn as nn
p = nn.Parameter(torch.randn(4, 4))
a = nn.Linear(4, 4); b = nn.Module()
b.w = p
a.extra = p
model = nn.ModuleList([a, b])
# TRUTH: model
