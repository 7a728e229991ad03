import torch.nn as nn
model = nn.GRU(8, 16, 1, True, False, 0.0, False, 4)
# TRUTH: model
