import os
import torch.nn as nn
sizes = [16, 16]
sizes[int(os.environ.get("WIDE", "0"))] = 64
model = nn.Sequential(nn.Linear(8, sizes[0]), nn.Linear(sizes[0], sizes[1]))
# TRUTH: model
