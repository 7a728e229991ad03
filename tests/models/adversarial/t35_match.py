import torch.nn as nn
class M(nn.Module):
    def __init__(self, cell="gru"):
        super().__init__()
        self.fc = nn.Linear(20, 2)
        match cell:
            case "lstm":
                self.rnn = nn.LSTM(10, 20)
            case "gru":
                self.rnn = nn.GRU(10, 20)
# TRUTH: M()
