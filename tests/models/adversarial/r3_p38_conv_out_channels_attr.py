import torch.nn as nn
conv = nn.Conv1d(4, 8, 5)
model = nn.Sequential(conv, nn.Flatten(), nn.Linear(conv.out_channels * conv.kernel_size[0], 2))
# TRUTH: model
