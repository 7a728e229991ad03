import torch.nn as nn
class Cfg:
    def __init__(self):
        self._h = 8
    @property
    def h(self):
        return self._h
    @h.setter
    def h(self, v):
        self._h = v * 2
cfg = Cfg()
cfg.h = 16
model = nn.Linear(4, cfg.h)
# TRUTH: model
