import numpy as np
from keras.layers import GRU, LSTM, BatchNormalization, Dense, Dropout, SimpleRNN, TimeDistributed
from keras.models import Sequential

timesteps, n_features = 30, 6
X = np.random.random((1000, timesteps, n_features)).astype("float32")

model = Sequential([
    LSTM(100, activation="relu", input_shape=(timesteps, n_features), return_sequences=True),
    BatchNormalization(),
    GRU(50, return_sequences=True, reset_after=False),
    SimpleRNN(25, return_sequences=True),
    TimeDistributed(Dense(n_features)),
    Dropout(0.2),
])
model.compile(optimizer="adam", loss="mse")
