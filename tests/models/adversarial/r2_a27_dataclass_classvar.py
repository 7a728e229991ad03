from dataclasses import dataclass
from typing import ClassVar
import torch.nn as nn
@dataclass
class Cfg:
    scale: ClassVar[int] = 2
    hidden: int = 16
cfg = Cfg(64)
model = nn.LSTM(8, cfg.hidden * cfg.scale)
# TRUTH: model
