import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(10, 20)
        self.fc = nn.Linear(40 if self.rnn.bidirectional else 20, 5)
# TRUTH: M()
