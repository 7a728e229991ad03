import torch.nn as nn
class LM(nn.Module):
    def __init__(self, V=1000, D=64):
        super().__init__()
        self.emb = nn.Embedding(V, D)
        self.rnn = nn.LSTM(D, D)
        self.out = nn.Linear(D, V)
        self.out.weight = self.emb.weight
# TRUTH: LM()
