import copy
import torch.nn as nn
class Enc(nn.Module):
    def __init__(self, n=3):
        super().__init__()
        layer = nn.Linear(16, 16)
        self.layers = nn.ModuleList([copy.deepcopy(layer) for _ in range(n)])
# TRUTH: Enc()
