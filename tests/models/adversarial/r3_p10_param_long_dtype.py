import torch, torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.idx = nn.Parameter(torch.zeros(10, dtype=torch.long))
        self.fc = nn.Linear(4, 4)
model = M()
# TRUTH: model
