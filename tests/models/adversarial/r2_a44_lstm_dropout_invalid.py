import torch.nn as nn
try:
    rnn = nn.LSTM(8, 16, num_layers=2, dropout=1.5)
except ValueError:
    rnn = nn.LSTM(8, 16)
# TRUTH: rnn
