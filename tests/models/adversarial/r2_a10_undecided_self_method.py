import os
import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(4, 4)
        if os.path.sep:
            self._grow()
    def _grow(self):
        self.b = nn.Linear(4, 400)
model = M()
# TRUTH: model
