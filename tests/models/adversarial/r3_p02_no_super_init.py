import torch.nn as nn
class M(nn.Module):
    def __init__(self, d):
        self.rnn = nn.GRU(d, 8)
model = M(4)
# TRUTH: model
