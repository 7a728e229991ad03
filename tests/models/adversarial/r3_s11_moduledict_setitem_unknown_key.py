import os
import torch.nn as nn
heads = nn.ModuleDict()
heads[os.environ.get("HEAD", "cls")] = nn.Linear(8, 2)
heads[os.environ.get("HEAD", "cls")] = nn.Linear(8, 4)
# TRUTH: heads
