import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList()
        i = 0
        while i < 3:
            self._grow(i)
            i += 1
    def _grow(self, i):
        self.blocks.append(nn.Linear(4, 4))
model = M()
# TRUTH: model
