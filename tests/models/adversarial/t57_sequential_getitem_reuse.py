import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(4, 4), nn.Tanh(), nn.Linear(4, 2))
        self.head = self.body[-1]
        self.first = self.body[0]
# TRUTH: M()
