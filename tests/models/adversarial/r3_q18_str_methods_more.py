import torch.nn as nn
kind = "gru"
model = getattr(nn, kind.title())(8, 16) if hasattr(nn, kind.title()) else nn.LSTM(8, 16)
# TRUTH: model
