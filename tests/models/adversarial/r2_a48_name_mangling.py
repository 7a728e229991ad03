import torch.nn as nn
class Base(nn.Module):
    def __init__(self):
        super().__init__()
        self.__head = nn.Linear(4, 4)
class Sub(Base):
    def __init__(self):
        super().__init__()
        self.__head = nn.Linear(4, 8)
model = Sub()
# TRUTH: model
