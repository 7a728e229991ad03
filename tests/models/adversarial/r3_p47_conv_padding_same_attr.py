import torch.nn as nn
conv = nn.Conv1d(4, 4, 3, padding="same")
model = nn.Sequential(conv, nn.Linear(4, 2 if conv.padding == "same" else 3))
# TRUTH: model
