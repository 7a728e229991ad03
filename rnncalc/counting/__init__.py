"""Counting: what a network costs, exactly, without simulating it. None of it loads NumPy.

cells        the one table of what each recurrent cell is: blocks, equations, carry path, who has it
params       exact parameter counts under the textbook formula, PyTorch and Keras 3, tensor by tensor
network      one network described: its count under every convention, beside every other cell
workload     multiply-adds and memory per step, for inference and for training
solve        the largest hidden size within a parameter budget
expect       a student's answer checked against the count, and what it would count instead
modelreport  a model read from code or weights: its layers counted and totalled
"""
