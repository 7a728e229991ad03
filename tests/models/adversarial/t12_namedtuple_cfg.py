from typing import NamedTuple
import torch.nn as nn
class Cfg(NamedTuple):
    hidden: int = 128
    vocab: int = 100
model = nn.Sequential(nn.Embedding(Cfg(32, 50).vocab, Cfg(32, 50).hidden))
# TRUTH: model
