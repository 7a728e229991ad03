import torch, torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 10)
        self.fc.weight = nn.Parameter(torch.zeros(10, 10))
# TRUTH: M()
