import torch.nn as nn
class M(nn.Module):
    def __init__(self, hidden=128):
        super().__init__()
        self.rnn = nn.LSTM(10, hidden)
def train(hidden=16):
    model = M(hidden)
# TRUTH: M(16)
