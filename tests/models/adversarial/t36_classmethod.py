import torch.nn as nn
class M(nn.Module):
    def __init__(self, h):
        super().__init__()
        self.rnn = nn.GRU(10, h)
    @classmethod
    def from_config(cls, cfg):
        return cls(cfg["hidden"])
model = M.from_config({"hidden": 8})
# TRUTH: model
