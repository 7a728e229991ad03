from dataclasses import dataclass
import torch.nn as nn
@dataclass
class Cfg:
    hidden: int = 128
    vocab: int = 100
class M(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.emb = nn.Embedding(cfg.vocab, cfg.hidden)
        self.rnn = nn.GRU(cfg.hidden, cfg.hidden)
cfg = Cfg(hidden=32, vocab=50)
model = M(cfg)
# TRUTH: model
