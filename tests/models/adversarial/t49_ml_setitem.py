import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.l = nn.ModuleList([nn.Linear(2, 2), nn.Linear(2, 2)])
        self.l[0] = nn.Linear(2, 50)
        self.l[-1] = nn.Linear(2, 7)
# TRUTH: M()
