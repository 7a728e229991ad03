import torch.nn as nn
class M(nn.Module):
    def __init__(self, *, hidden, **kw):
        super().__init__()
        self.rnn = nn.LSTM(hidden_size=hidden, **kw)
model = M(hidden=8, input_size=4, num_layers=2)
# TRUTH: model
