import sys
import torch.nn as nn
heads = nn.ModuleDict()
for _ in range(2):
    heads[sys.argv[0]] = nn.Linear(8, 2)
# TRUTH: heads
