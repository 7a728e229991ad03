import torch.nn as nn
heads = nn.ModuleDict({1: nn.Linear(4, 4), True: nn.Linear(4, 8)})
# TRUTH: heads
