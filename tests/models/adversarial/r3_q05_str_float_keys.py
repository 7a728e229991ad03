import torch.nn as nn
heads = nn.ModuleDict()
for k in [1, 1.0, "1"]:
    heads[str(k)] = nn.Linear(4, 4)
# TRUTH: heads
