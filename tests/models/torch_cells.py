import torch
import torch.nn as nn


class Sequence(nn.Module):
    """Two stacked LSTMCells unrolled by hand, as in PyTorch's time-sequence-prediction example."""

    def __init__(self):
        super(Sequence, self).__init__()
        self.lstm1 = nn.LSTMCell(1, 51)
        self.lstm2 = nn.LSTMCell(51, 51)
        self.linear = nn.Linear(51, 1)

    def forward(self, input, future=0):
        outputs = []
        h_t = torch.zeros(input.size(0), 51, dtype=torch.double)
        c_t = torch.zeros(input.size(0), 51, dtype=torch.double)
        for input_t in input.split(1, dim=1):
            h_t, c_t = self.lstm1(input_t, (h_t, c_t))
        return outputs


class GRUDecoder(nn.Module):
    def __init__(self, hidden_size=64, vocab=30, cell_type="gru"):
        super().__init__()
        self.embed = nn.Embedding(vocab, hidden_size, padding_idx=0)
        if cell_type == "gru":
            self.cell = nn.GRUCell(hidden_size, hidden_size)
        else:
            self.cell = nn.RNNCell(hidden_size, hidden_size, nonlinearity="relu")
        self.out = nn.Linear(hidden_size, vocab)
        self.log_softmax = nn.LogSoftmax(dim=1)


seq = Sequence()
seq.double()
decoder = GRUDecoder()
