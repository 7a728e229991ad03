import torch, torch.nn as nn
fc = nn.Linear(4, 4)
fc.weight = nn.Parameter(torch.randn(4, 4))
# TRUTH: fc
