"""What the sequence changes: MACs per step and sequence, parameter memory, BPTT activations (hand-computed)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rnncalc import InvalidArgument, costs, count_params


def test_elman_rnn_by_hand():
    # W_hh 3×3 + W_xh 3×2 + W_hy 1×3 = 18 MACs a step; BPTT keeps x (2), h (3) and y (1) per step.
    c = costs(count_params("rnn", 3, 2, 1), seq_len=5, batch=2, dtype="float32")
    assert (c.macs_per_step, c.macs_per_sequence, c.param_bytes) == (18, 90, 72)
    assert (c.floats_per_step, c.activation_bytes) == (6, 6 * 5 * 2 * 4)
    assert c.saved == ("h",)


def test_second_order_rnn_counts_the_outer_product_of_its_bilinear_form():
    # Σ_jk W_ijk h_j x_k: the n·m products h_j x_k, then n²m multiply-accumulates with W.
    n, m = 6, 4
    assert costs(count_params("second-order", n, m)).macs_per_step == n * n * m + n * m


def test_bidirectional_stacks_count_both_directions_and_read_2n_above_the_first_layer():
    n, m, k = 4, 3, 2
    # layer 0: 2 × (n² + nm); layer 1 reads 2n: 2 × (n² + 2n·n); the head reads 2n.
    expected = 2 * (n * n + n * m) + 2 * (n * n + 2 * n * n) + 2 * n * k
    assert costs(count_params("rnn", n, m, k, layers=2, bidirectional=True)).macs_per_step == expected


def test_biases_and_per_unit_vectors_are_not_multiply_accumulates():
    # IndRNN: u ⊙ h is elementwise; only W_xh (n × m) counts.
    assert costs(count_params("indrnn", 5, 3, bias=True)).macs_per_step == 15


@pytest.mark.parametrize(
    "cell,convention,saved",
    [
        ("lstm", "textbook", ("i", "f", "g", "o", "c", "h")),
        ("gru", "textbook", ("r", "z", "n", "h")),  # r applied before W_hn: r ⊙ h is recomputed from r and h
        ("gru", "pytorch", ("r", "z", "n", "W_hn h + b_hn", "h")),  # reset after: r ⊙ (W_hn h + b_hn) needs it
        ("mgu", "textbook", ("f", "h̃", "h")),
        ("cifg", "textbook", ("f", "g", "o", "c", "h")),
    ],
)
def test_what_each_cell_keeps_per_step(cell, convention, saved):
    assert costs(count_params(cell, 8, 4, convention=convention)).saved == saved


def test_an_lstm_with_a_projection_also_keeps_o_tanh_c():
    # i, f, g, o, c (5n), o ⊙ tanh(c) (n), h (p), plus x (m)
    n, m, p = 10, 3, 4
    c = costs(count_params("lstm", n, m, proj=p, convention="pytorch"))
    assert c.floats_per_step == 6 * n + p + m


@given(st.integers(1, 10**6), st.integers(1, 10**6), st.integers(1, 64), st.integers(1, 64))
def test_the_sequence_length_multiplies_compute_and_activations_never_the_parameters(t1, t2, n, m):
    # By hand: MACs/sequence = T·(n² + nm) and activations = T·(m + n) floats, 4 bytes each; parameters n² + nm.
    for t in (t1, t2):
        c = costs(count_params("rnn", n, m), seq_len=t)
        assert c.macs_per_sequence == t * (n * n + n * m)
        assert c.activation_bytes == t * (m + n) * 4
        assert c.param_bytes == (n * n + n * m) * 4


@pytest.mark.parametrize(
    "kwargs,name", [({"seq_len": 0}, "seq_len"), ({"batch": -1}, "batch"), ({"dtype": "int4"}, "dtype")]
)
def test_bad_workloads(kwargs, name):
    with pytest.raises(InvalidArgument) as err:
        costs(count_params("rnn", 3, 2), **kwargs)
    assert err.value.name == name
