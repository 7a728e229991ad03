"""The finite-state-machine domain: a DFA, the second-order RNN that runs it, and how strong its weights must be.

dfa            a DFA: read from JSON or a built-in (the Tomita languages), minimised, run on strings
construction   the network built from a DFA (Omlin & Giles), and its provable stability threshold H₀
checks         the network run on every short string and on random long ones, against the DFA
search         the smallest strength on a stated grid that passes one fixed check set
analysis       all of it for one command (`rnncalc fsm`), and the guard's estimate of its cost
"""
