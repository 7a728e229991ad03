import torch.nn as nn
def make(cfg={}):
    cfg.setdefault("n", 0)
    cfg["n"] += 1
    return nn.Linear(4, 4 * cfg["n"])
make()
model = make()
# TRUTH: model
