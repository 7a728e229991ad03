import torch.nn as nn
heads = nn.ModuleDict()
for rate in [0.2, 0.4]:
    heads[f"drop{rate:.0f}"] = nn.Linear(4, 4)
# TRUTH: heads
