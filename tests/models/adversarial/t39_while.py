import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList()
        d = 64
        while d > 8:
            self.layers.append(nn.Linear(d, d // 2))
            d //= 2
# TRUTH: M()
