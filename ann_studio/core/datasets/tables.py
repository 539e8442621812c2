"""Small fixed tables: the logic gates and Zhou Zhihua's watermelon data set 3.0α."""

from __future__ import annotations

import numpy as np

#: The four input rows of every two-input truth table, in the usual order.
GATE_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)

#: Gate name → its output for each row of :data:`GATE_INPUTS`.
GATES = {
    "xor": (0, 1, 1, 0),
    "and": (0, 0, 0, 1),
    "or": (0, 1, 1, 1),
    "xnor": (1, 0, 0, 1),
}

#: Watermelon data set 3.0α (周志华《机器学习》, Table 4.5): id, density, sugar content, good (1) / bad (0).
WATERMELON_30A = (
    (1, 0.697, 0.460, 1),
    (2, 0.774, 0.376, 1),
    (3, 0.634, 0.264, 1),
    (4, 0.608, 0.318, 1),
    (5, 0.556, 0.215, 1),
    (6, 0.403, 0.237, 1),
    (7, 0.481, 0.149, 1),
    (8, 0.437, 0.211, 1),
    (9, 0.666, 0.091, 0),
    (10, 0.243, 0.267, 0),
    (11, 0.245, 0.057, 0),
    (12, 0.343, 0.099, 0),
    (13, 0.639, 0.161, 0),
    (14, 0.657, 0.198, 0),
    (15, 0.360, 0.370, 0),
    (16, 0.593, 0.042, 0),
    (17, 0.719, 0.103, 0),
)
WATERMELON_FEATURES = ["density", "sugar_content"]
WATERMELON_CLASSES = ["bad", "good"]


def truth_table(gate: str):
    """The truth table of a two-input logic gate.

    Parameters
    ----------
    gate : {"xor", "and", "or", "xnor"}

    Returns
    -------
    inputs : ndarray, shape (4, 2)
        ``[[0, 0], [0, 1], [1, 0], [1, 1]]``.
    labels : ndarray of int, shape (4,)
        The gate's output for each row.
    """
    return GATE_INPUTS.copy(), np.array(GATES[gate], dtype=np.intp)


def watermelon():
    """Watermelon 3.0α: 17 melons described by density and sugar content, labelled good or bad.

    Returns
    -------
    inputs : ndarray, shape (17, 2)
        Columns density and sugar content.
    labels : ndarray of int, shape (17,)
        1 for a good melon, 0 for a bad one.
    """
    table = np.array(WATERMELON_30A, dtype=np.float64)
    return table[:, 1:3].copy(), table[:, 3].astype(np.intp)
