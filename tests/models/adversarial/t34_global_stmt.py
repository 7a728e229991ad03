import torch.nn as nn
N = 2
def configure():
    global N
    N = 4
configure()
model = nn.LSTM(10, 20, N)
# TRUTH: model
