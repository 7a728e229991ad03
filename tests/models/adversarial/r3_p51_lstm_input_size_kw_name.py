import torch.nn as nn
rnn = nn.LSTM(input_size=4, hidden_size=8)
model = nn.ModuleList([rnn, nn.Linear(rnn.input_size, rnn.hidden_size)])
# TRUTH: model
