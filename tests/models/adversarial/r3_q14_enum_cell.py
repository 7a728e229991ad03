import enum
import torch.nn as nn
class Cell(enum.Enum):
    LSTM = 4
    GRU = 3
model = nn.Linear(8, Cell.GRU.value)
# TRUTH: model
