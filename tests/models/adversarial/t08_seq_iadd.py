import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.seq = nn.Sequential(nn.Linear(10, 10))
        self.seq += nn.Sequential(nn.Linear(10, 5))
# TRUTH: M()
