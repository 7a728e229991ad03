import torch.nn as nn
class M(nn.Module):
    def __init__(self, h=8, bi=True):
        super().__init__()
        self.h, self.bi = h, bi
        self.rnn = nn.GRU(4, h, bidirectional=bi)
        self.fc = nn.Linear(self.out_dim, 1)
    @property
    def out_dim(self):
        return self.h * (2 if self.bi else 1)
# TRUTH: M()
