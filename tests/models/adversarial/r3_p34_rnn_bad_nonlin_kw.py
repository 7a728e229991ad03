import torch.nn as nn
model = nn.RNN(8, 16, nonlinearity="gelu")
# TRUTH: model
