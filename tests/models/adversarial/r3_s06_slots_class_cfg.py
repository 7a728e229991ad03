import torch.nn as nn
class Cfg:
    __slots__ = ("hidden",)
    def __init__(self):
        self.hidden = 8
cfg = Cfg()
cfg.layers = 2
model = nn.LSTM(4, cfg.hidden, num_layers=cfg.layers)
# TRUTH: model
