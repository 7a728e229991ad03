import torch.nn as nn
m = nn.ModuleDict()
for k in ["é", "e"]:
    m[f"{k!a}"] = nn.Linear(4, 4)
# TRUTH: m
