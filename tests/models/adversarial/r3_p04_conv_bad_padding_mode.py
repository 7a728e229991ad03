import torch.nn as nn
model = nn.Conv1d(4, 8, 3, padding_mode="same")
# TRUTH: model
