import torch.nn as nn
widths = [8]
alias = widths
alias *= 3
model = nn.Sequential(*[nn.Linear(a, b) for a, b in zip(widths, widths[1:])])
# TRUTH: model
