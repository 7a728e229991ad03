import types
import torch.nn as nn
cfg = types.SimpleNamespace(hidden=32, layers=2)
model = nn.LSTM(8, cfg.hidden, cfg.layers)
# TRUTH: model
