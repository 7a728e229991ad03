import torch.nn as nn
def block(d, acc=[]):
    acc.append(nn.Linear(d, d))
    return nn.Sequential(*acc)
a = block(4)
model = block(4)
# TRUTH: model
