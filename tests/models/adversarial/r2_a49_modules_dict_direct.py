import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(8, 16)
        self._modules["head"] = nn.Linear(16, 4)
model = M()
# TRUTH: model
