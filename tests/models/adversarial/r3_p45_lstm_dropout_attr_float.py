import torch.nn as nn
rnn = nn.LSTM(4, 8, 2, dropout=0)
model = nn.ModuleList([rnn, nn.Linear(8, 2 if isinstance(rnn.dropout, int) else 4)])
# TRUTH: model
