import torch.nn as nn
class Base(nn.Module):
    def __init__(self, d):
        nn.Module.__init__(self)
        self.a = nn.Linear(d, d)
class C(Base):
    def __init__(self):
        Base.__init__(self, 6)
        self.b = nn.GRUCell(6, 6, bias=False)
# TRUTH: C()
