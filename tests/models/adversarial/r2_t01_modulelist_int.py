import torch.nn as nn
m = nn.ModuleList(5)
# TRUTH: m
