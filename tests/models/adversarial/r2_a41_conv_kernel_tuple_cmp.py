import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(4, 4, 3)
        if self.conv.kernel_size == 3:
            self.extra = nn.Linear(4, 4)
model = M()
# TRUTH: model
