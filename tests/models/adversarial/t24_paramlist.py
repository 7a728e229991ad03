import torch, torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.ps = nn.ParameterList([nn.Parameter(torch.zeros(3)) for _ in range(4)])
# TRUTH: M()
