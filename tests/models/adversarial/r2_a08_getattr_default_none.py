import torch.nn as nn
act = getattr(nn, "SwiGLUMissing", None)
model = nn.Linear(8, 16 if act is None else 8)
# TRUTH: model
