import functools
import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        Lin = functools.partial(nn.Linear, bias=False)
        self.a = Lin(10, 10)
        self.b = nn.Linear(10, 2)
# TRUTH: M()
