import torch, torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.randn(10, 4).T)
        self.fc = nn.Linear(2, 2)
model = M()
# TRUTH: model
