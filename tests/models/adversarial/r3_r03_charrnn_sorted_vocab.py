import torch
from torch import nn
text = "hello world, this is a tiny corpus"
chars = sorted(set(text))
char_to_ix = {c: i for i, c in enumerate(chars)}
vocab_size = len(chars)

class CharRNN(nn.Module):
    def __init__(self, vocab, hidden=64, layers=2):
        super().__init__()
        self.embed = nn.Embedding(vocab, 32)
        self.rnn = nn.LSTM(32, hidden, layers, batch_first=True, dropout=0.2)
        self.head = nn.Linear(hidden, vocab)

model = CharRNN(vocab_size)
# TRUTH: model
