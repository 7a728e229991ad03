import torch.nn as nn
m = nn.Sequential()
for x in [1.2, 1.7, 2.0]:
    m.add_module("l%d" % x, nn.Linear(4, 4))
# TRUTH: m
