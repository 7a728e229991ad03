import torch.nn as nn
model = nn.Linear(int("10", 16), int("0b11", 0))
# TRUTH: model
