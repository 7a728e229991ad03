import torch, torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.pos = nn.Parameter(torch.randn(1, 50, 32) * 0.02)
model = M()
# TRUTH: model
