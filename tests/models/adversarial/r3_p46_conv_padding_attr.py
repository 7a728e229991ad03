import torch.nn as nn
conv = nn.Conv1d(4, 4, 3, padding=1)
model = nn.Sequential(conv, nn.Linear(4, 2 if conv.padding == 1 else 3))
# TRUTH: model
