import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        a = nn.Sequential(nn.Linear(10, 10))
        b = nn.Sequential(nn.Linear(10, 5))
        self.seq = a + b
# TRUTH: M()
