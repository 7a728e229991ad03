import torch.nn as nn
class M(nn.Module):
    def __init__(self, proj=None):
        super().__init__()
        self.rnn = nn.GRU(4, 8)
        self.proj = nn.Linear(8, proj) if proj else None
        self.norm = nn.LayerNorm(8) if proj is None else nn.Identity()
# TRUTH: M()
