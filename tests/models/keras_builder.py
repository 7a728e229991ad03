from keras import Input, Sequential
from keras.layers import GRU, Conv1D, Dense, GlobalMaxPooling1D, MaxPooling1D, RepeatVector, SpatialDropout1D

WINDOW = 48


def build_model(n_features, units=64, filters=32, horizon=12):
    model = Sequential(name="forecaster")
    model.add(Input(shape=(WINDOW, n_features)))
    model.add(Conv1D(filters, kernel_size=3, activation="relu", padding="causal"))
    model.add(MaxPooling1D(pool_size=2))
    model.add(SpatialDropout1D(0.1))
    model.add(GRU(units, return_sequences=True))
    model.add(GRU(units // 2))
    model.add(RepeatVector(horizon))
    model.add(GRU(units // 2, return_sequences=True))
    model.add(Dense(1))
    model.compile(optimizer="adam", loss="mae")
    return model
