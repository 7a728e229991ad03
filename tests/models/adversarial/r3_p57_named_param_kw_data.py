import torch, torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(data=torch.randn(3, 3))
        self.v = nn.Parameter()
model = M()
# TRUTH: model
