import torch.nn as nn
cfg = {"hidden_size": 16}
view = cfg
view |= {"num_layers": 3}
model = nn.GRU(8, **cfg)
# TRUTH: model
