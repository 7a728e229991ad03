import torch, torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.pe = nn.Parameter(torch.zeros(1, 50, 8), requires_grad=False)
model = M()
# TRUTH: model
