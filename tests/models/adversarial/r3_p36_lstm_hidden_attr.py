import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(10, 20, bidirectional=True)
        d = 2 if self.rnn.bidirectional else 1
        self.fc = nn.Linear(self.rnn.hidden_size * d * self.rnn.num_layers, 3)
model = M()
# TRUTH: model
