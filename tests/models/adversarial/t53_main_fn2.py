import torch.nn as nn
class M(nn.Module):
    def __init__(self, hidden=128):
        super().__init__()
        self.rnn = nn.LSTM(10, hidden)
if __name__ == "__main__":
    import sys
    model = M(hidden=16)
    print(model)
# TRUTH: model
