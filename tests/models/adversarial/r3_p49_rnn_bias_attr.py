import torch.nn as nn
rnn = nn.GRU(4, 8, bias=False)
model = nn.ModuleList([rnn, nn.Linear(8, 2 if rnn.bias else 3)])
# TRUTH: model
