import torch.nn as nn
class Base(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.GRU(8, 16)
        self.head = self.make_head()
    def make_head(self):
        return nn.Linear(16, 1)
class Cls(Base):
    def make_head(self):
        return nn.Linear(16, 10)
model = Cls()
# TRUTH: model
