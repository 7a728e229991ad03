import torch.nn as nn
class M(nn.Module):
    def __init__(self, h):
        super().__init__()
        self.rnn = nn.GRU(4, h)
student = M(8)
teacher = M(64)
# TRUTH: student
