import torch.nn as nn
class Cfg:
    def __init__(self):
        self.base = 8
    @property
    def hidden(self):
        return self.base * 2
cfg = Cfg()
cfg.hidden = 64
model = nn.LSTM(4, cfg.hidden)
# TRUTH: model
