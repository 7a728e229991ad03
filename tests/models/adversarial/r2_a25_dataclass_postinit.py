from dataclasses import dataclass
import torch.nn as nn
@dataclass
class Cfg:
    hidden: int = 16
    bidirectional: bool = True
    def __post_init__(self):
        if self.bidirectional:
            self.hidden = self.hidden // 2
cfg = Cfg()
model = nn.LSTM(8, cfg.hidden, bidirectional=cfg.bidirectional)
# TRUTH: model
