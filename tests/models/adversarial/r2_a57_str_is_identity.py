import torch.nn as nn
kind = "".join(["ls", "tm"])
cell = nn.LSTM(8, 16) if kind is "lstm" else nn.GRU(8, 16)
# TRUTH: cell
