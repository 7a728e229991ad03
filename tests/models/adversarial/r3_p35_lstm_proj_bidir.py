import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(10, 20, num_layers=2, proj_size=5, bidirectional=True, batch_first=True)
        self.fc = nn.Linear(self.rnn.proj_size * 2, 3)
model = M()
# TRUTH: model
