import torch.nn as nn
model = nn.RNN(8, 16, 2, "relu", False)
# TRUTH: model
