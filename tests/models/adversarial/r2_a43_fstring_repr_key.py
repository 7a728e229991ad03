import torch.nn as nn
heads = nn.ModuleDict()
for k in ["a"]:
    heads[f"{k}"] = nn.Linear(4, 4)
    heads[f"{k!r}"] = nn.Linear(4, 4)
# TRUTH: heads
