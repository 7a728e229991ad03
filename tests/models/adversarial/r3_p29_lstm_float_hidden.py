import torch.nn as nn
model = nn.LSTM(8, 32 / 2)
# TRUTH: model
