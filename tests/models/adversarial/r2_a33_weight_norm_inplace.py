import torch.nn as nn
from torch.nn.utils.parametrizations import weight_norm
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 8)
        weight_norm(self.fc)
model = M()
# TRUTH: model
