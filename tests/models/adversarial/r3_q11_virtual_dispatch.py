import torch.nn as nn
class Base(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.body = nn.LSTM(d, 16)
        self.head = self.make_head(16)
    def make_head(self, n):
        return nn.Linear(n, 1)
class Multi(Base):
    def make_head(self, n):
        return nn.Linear(n, 10)
model = Multi(4)
# TRUTH: model
