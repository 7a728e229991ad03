import torch.nn as nn
class M(nn.Module):
    def __init__(self, hidden=128):
        super().__init__()
        self.rnn = nn.LSTM(10, hidden)
def main():
    model = M(hidden=16)
    return model
if __name__ == "__main__":
    main()
# TRUTH: main()
