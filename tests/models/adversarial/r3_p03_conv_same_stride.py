import torch.nn as nn
model = nn.Sequential(nn.Conv1d(4, 8, 3, stride=2, padding="same"), nn.ReLU())
# TRUTH: model
