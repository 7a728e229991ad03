"""Simulation: backpropagation through time in log space, and the mean-field theory beside it (NumPy).

config    what one run is (RNNConfig, LSTMConfig, GRUConfig): a cell's own options, validated
engine    the forward and backward loops of the RNN, LSTM and GRU, renormalised each step
threads   how many BLAS threads a product gets, by its size and the machine's load
theory    the edge of chaos and the predicted rate (mean-field, by quadrature)
gradflow  many runs with their rates, horizons and verdicts (`rnncalc gradflow`)
gates     the LSTM's and GRU's gates against the plain RNN (`rnncalc gates`)
sweep     heatmaps over a range of radii, phases or forget biases (`rnncalc sweep`)
"""
