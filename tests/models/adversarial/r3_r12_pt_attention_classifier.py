import torch
import torch.nn as nn
import torch.nn.functional as F

class Attention(nn.Module):
    def __init__(self, hidden_dim):
        super().__init__()
        self.proj = nn.Linear(hidden_dim, hidden_dim)
        self.context = nn.Parameter(torch.randn(hidden_dim))

class TextClassifier(nn.Module):
    def __init__(self, vocab_size, embed_dim=100, hidden_dim=64, num_classes=5, bidirectional=True, num_layers=2, pad_idx=0):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=pad_idx)
        self.lstm = nn.LSTM(embed_dim, hidden_dim, num_layers=num_layers, bidirectional=bidirectional,
                            dropout=0.3 if num_layers > 1 else 0, batch_first=True)
        out_dim = hidden_dim * (2 if bidirectional else 1)
        self.attention = Attention(out_dim)
        self.fc = nn.Sequential(nn.Linear(out_dim, out_dim // 2), nn.ReLU(), nn.Dropout(0.3), nn.Linear(out_dim // 2, num_classes))

model = TextClassifier(vocab_size=25002)
# TRUTH: model
