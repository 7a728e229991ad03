from dataclasses import dataclass
import torch.nn as nn
@dataclass
class Base:
    d_in: int = 8
@dataclass
class Cfg(Base):
    hidden: int = 16
cfg = Cfg(32)
model = nn.LSTM(cfg.d_in, cfg.hidden)
# TRUTH: model
