import torch.nn as nn
def tree(depth):
    if depth == 0:
        return nn.Linear(4, 4)
    return nn.Sequential(tree(depth - 1), tree(depth - 1))
model = tree(3)
# TRUTH: model
