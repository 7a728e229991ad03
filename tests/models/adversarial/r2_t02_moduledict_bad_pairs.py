import torch.nn as nn
m = nn.ModuleDict([(1, nn.Linear(2, 2), 3)])
# TRUTH: m
