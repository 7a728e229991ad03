import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.l = nn.ModuleList([nn.Linear(10, 10)])
        self.l += nn.ModuleList([nn.Linear(10, 5)])
# TRUTH: M()
