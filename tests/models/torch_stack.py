from collections import OrderedDict

import torch.nn as nn
from torch.nn import GRU, LSTM, Linear

HIDDEN = 96
N_LAYERS = 3


class StackedResidualLSTM(nn.Module):
    def __init__(self, input_size=40, hidden=HIDDEN, num_layers=N_LAYERS, num_classes=12, bidirectional=False):
        super().__init__()
        directions = 2 if bidirectional else 1
        self.proj_in = Linear(input_size, hidden)
        self.layers = nn.ModuleList([LSTM(hidden, hidden, batch_first=True) for _ in range(num_layers)])
        self.norms = nn.ModuleList()
        for i in range(num_layers):
            self.norms.append(nn.LayerNorm(hidden))
        self.gru = GRU(hidden, hidden // 2, num_layers=1, bidirectional=True, dtype=None)
        self.head = nn.Sequential(
            OrderedDict(
                [
                    ("fc1", nn.Linear(hidden * directions, hidden)),
                    ("act", nn.ReLU()),
                    ("drop", nn.Dropout(0.1)),
                    ("fc2", nn.Linear(hidden, num_classes)),
                ]
            )
        )
        self.tied = self.proj_in  # the same module twice: counted once


model = StackedResidualLSTM(bidirectional=False)
