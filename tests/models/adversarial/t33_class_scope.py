import torch.nn as nn
H = 16
class M(nn.Module):
    H = 32
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(H, H)
# TRUTH: M()
