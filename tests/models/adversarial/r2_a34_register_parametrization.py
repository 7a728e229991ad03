import torch
import torch.nn as nn
import torch.nn.utils.parametrize as P
class Scale(nn.Module):
    def __init__(self):
        super().__init__()
        self.s = nn.Parameter(torch.ones(1))
    def forward(self, w):
        return w * self.s
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)
        P.register_parametrization(self.fc, "weight", Scale())
model = M()
# TRUTH: model
