import torch
import torch.nn as nn


class ConvLSTMAttention(nn.Module):
    def __init__(self, n_features, n_filters=32, kernel=5, hidden=64, proj=32, heads=4, n_out=3):
        super().__init__()
        self.conv = nn.Conv1d(n_features, n_filters, kernel_size=kernel, padding=kernel // 2)
        self.bn = nn.BatchNorm1d(n_filters)
        self.lstm = nn.LSTM(n_filters, hidden, num_layers=2, batch_first=True, proj_size=proj, dtype=torch.float16)
        self.attention = nn.MultiheadAttention(proj, heads, batch_first=True)
        self.context = nn.Parameter(torch.randn(proj))
        self.scale = nn.Parameter(torch.ones(1, 1, proj))
        self.classifier = nn.Sequential(nn.Linear(proj, proj), nn.GELU(), nn.Linear(proj, n_out))
        self.register_buffer("mask", torch.zeros(100, 100))


model = ConvLSTMAttention(n_features=9)
