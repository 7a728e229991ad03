import torch.nn as nn
from torch.nn.utils.parametrizations import spectral_norm
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.GRU(8, 16)
        self.fc = spectral_norm(nn.Linear(16, 1))
model = M()
# TRUTH: model
