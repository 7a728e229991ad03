import json
import torch.nn as nn
extra = json.loads('{"num_layers": 3}')
kw = {**extra, "batch_first": True}
model = nn.LSTM(10, 20, **kw)
# TRUTH: model
