import os
import torch.nn as nn
key = os.environ.get("HEAD_NAME", "cls")
heads = nn.ModuleDict({key: nn.Linear(8, 2), "aux": nn.Linear(8, 1)})
# TRUTH: heads
