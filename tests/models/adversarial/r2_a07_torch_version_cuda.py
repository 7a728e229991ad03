import torch
import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(8, 16)
        if torch.version.cuda:
            self.extra = nn.Linear(16, 16)
model = M()
# TRUTH: model
