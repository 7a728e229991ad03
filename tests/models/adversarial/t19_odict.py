from collections import OrderedDict
import torch.nn as nn
model = nn.Sequential(OrderedDict([("fc1", nn.Linear(4, 8)), ("act", nn.Tanh()), ("fc1", nn.Linear(4, 3))]))
# TRUTH: model
