import torch.nn as nn
emb = nn.Embedding(100, 16)
model = nn.Sequential(emb, nn.Linear(emb.embedding_dim, emb.num_embeddings))
# TRUTH: model
