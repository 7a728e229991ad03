import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.l = nn.ModuleList([nn.Linear(2, 2), nn.Linear(2, 3)])
        self.l.insert(0, nn.Linear(2, 9))
        self.l.pop(1)
        self.s = nn.Sequential(nn.Linear(1, 1), nn.Linear(1, 1))
        del self.s[0]
# TRUTH: M()
