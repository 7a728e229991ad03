import torch.nn as nn
class Base(nn.Module):
    width = 8
    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        cls.width = cls.width * 2
class Net(Base):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, self.width)
model = Net()
# TRUTH: model
