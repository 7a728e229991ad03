import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(10, 20)
        self.fc = nn.Linear(self.rnn.hidden_size, 3)
# TRUTH: M()
