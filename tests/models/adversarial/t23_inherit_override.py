import torch.nn as nn
class Base(nn.Module):
    def __init__(self, d=16):
        super().__init__()
        self.d = d
        self.build()
    def build(self):
        self.fc = nn.Linear(self.d, self.d)
class Child(Base):
    def build(self):
        super().build()
        self.extra = nn.LayerNorm(self.d)
model = Child(8)
# TRUTH: model
