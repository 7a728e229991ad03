import torch, torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        p = nn.Parameter(torch.zeros(50))
        self.a = p
        self.b = p
# TRUTH: M()
