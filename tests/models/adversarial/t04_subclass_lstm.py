import torch.nn as nn
class MyLSTM(nn.LSTM):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = MyLSTM(10, 20, num_layers=2)
# TRUTH: M()
