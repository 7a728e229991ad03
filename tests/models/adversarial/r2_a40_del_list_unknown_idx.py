import os
import torch.nn as nn
mods = [nn.Linear(8, 8), nn.Linear(8, 8)]
del mods[int(os.environ.get("DROP", "0"))]
model = nn.Sequential(*mods)
# TRUTH: model
