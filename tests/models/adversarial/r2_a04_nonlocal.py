import torch.nn as nn
def build():
    width = 4
    def widen():
        nonlocal width
        width *= 2
    widen()
    widen()
    return nn.Linear(width, 4)
model = build()
# TRUTH: model
