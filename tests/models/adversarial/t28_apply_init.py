import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(3, 3)
        self.apply(self._init)
    def _init(self, m):
        pass
# TRUTH: M()
