import torch.nn as nn
class Net(nn.Module):
    def __init__(self, hidden=16, bidir=True):
        super().__init__()
        self.hidden, self.bidir = hidden, bidir
        self.rnn = nn.GRU(4, hidden, bidirectional=bidir)
        self.out = nn.Linear(self.out_dim, 3)
    @property
    def out_dim(self):
        return self.hidden * (2 if self.bidir else 1)
model = Net()
# TRUTH: model
