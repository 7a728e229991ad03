import torch.nn as nn
class M(nn.Module):
    def __init__(self, tiny=True):
        super().__init__()
        self.fc = nn.Linear(10, 10)
        if tiny:
            return
        self.big = nn.Linear(100, 100)
# TRUTH: M()
