import torch.nn as nn
class Cfg:
    hidden = 32
cfg = Cfg()
Cfg.hidden = 64
model = nn.GRU(4, cfg.hidden)
# TRUTH: model
