import torch.nn as nn
kw = {"hidden_size": 16}
model = nn.GRU(8, **kw, **{"hidden_size": 32})
# TRUTH: model
