import torch.nn as nn
x = ~1.5
m = nn.Linear(2, 2)
# TRUTH: m
