import torch.nn as nn
fc = nn.Linear(4, 4)
del fc.bias
# TRUTH: fc
