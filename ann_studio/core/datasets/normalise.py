"""Input normalisation fitted on the training split only, so the test set tells no secrets.

The fitted parameters are plain lists (JSON-friendly) kept in ``Dataset.meta["normalisation"]``,
so new inputs (a point the student clicks on a plot) can be transformed the same way.
"""

from __future__ import annotations

import numpy as np

from ..errors import DataError

METHODS = ("none", "minmax", "zscore")


def fit_normalisation(train_inputs: np.ndarray, method: str) -> dict:
    """Fit a normalisation to the training inputs.

    Parameters
    ----------
    train_inputs : ndarray, shape (N, d)
    method : {"none", "minmax", "zscore"}
        ``minmax`` maps each column's training range to [0, 1]; ``zscore`` gives each column
        mean 0 and standard deviation 1 on the training set. A constant column is only shifted.

    Returns
    -------
    dict
        ``{"method": method, "shift": [d floats], "scale": [d floats]}``; the transform is
        ``(x - shift) / scale``.
    """
    if method not in METHODS:
        raise DataError("normalise", f'must be one of {", ".join(METHODS)}, got "{method}"')
    d = train_inputs.shape[1]
    if method == "none":
        shift, scale = np.zeros(d), np.ones(d)
    elif method == "minmax":
        shift = train_inputs.min(axis=0)
        scale = train_inputs.max(axis=0) - shift
    else:
        shift, scale = train_inputs.mean(axis=0), train_inputs.std(axis=0)
    scale = np.where(scale > 0, scale, 1.0)
    return {"method": method, "shift": shift.tolist(), "scale": scale.tolist()}


def apply_normalisation(inputs: np.ndarray, params: dict) -> np.ndarray:
    """Apply fitted parameters from :func:`fit_normalisation`.

    Parameters
    ----------
    inputs : ndarray, shape (N, d)
    params : dict
        As returned by :func:`fit_normalisation`.

    Returns
    -------
    ndarray, shape (N, d), float64
    """
    shift = np.asarray(params["shift"], dtype=np.float64)
    scale = np.asarray(params["scale"], dtype=np.float64)
    return (np.asarray(inputs, dtype=np.float64) - shift) / scale
