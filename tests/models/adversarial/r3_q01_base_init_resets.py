import torch.nn as nn
class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.head = nn.Linear(16, 2)
class Model(Head):
    def __init__(self):
        nn.Module.__init__(self)
        self.rnn = nn.LSTM(8, 16)
        Head.__init__(self)
model = Model()
# TRUTH: model
