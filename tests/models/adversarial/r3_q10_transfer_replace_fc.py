import torch.nn as nn
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(8, 32, batch_first=True)
        self.fc = nn.Linear(32, 100)
model = Net()
model.fc = nn.Linear(model.fc.in_features, 5)
# TRUTH: model
