import torch.nn as nn
class M(nn.Module):
    def __init__(self, d=8, n=3):
        super().__init__()
        def make(i):
            return nn.Linear(d * (i + 1), d * (i + 2))
        self.stack = nn.Sequential(*map(make, range(n)))
# TRUTH: M()
