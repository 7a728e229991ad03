import torch.nn as nn
def doubled(fn):
    def wrapper(*args):
        return nn.Sequential(fn(*args), fn(*args))
    return wrapper
@doubled
def block(d):
    return nn.Linear(d, d)
model = block(8)
# TRUTH: model
