"""Engineered input features for 2-D data, as TensorFlow Playground offers them.

A feature list such as ``["x1", "x2", "x1*x2"]`` replaces the two raw inputs by the listed
features, in the order given. With ``x1*x2`` the XOR problem becomes linearly separable, which
is the lesson these features teach. ``sin_x1`` is ``sin(π·x1)``: one full period over the
[-1, 1] range the generated sets use.
"""

from __future__ import annotations

import numpy as np

from ..errors import DataError
from ..jsonpath import show

#: Feature token → (formula for the GUI, function of the two raw input columns).
FEATURES = {
    "x1": ("x₁", lambda x1, x2: x1),
    "x2": ("x₂", lambda x1, x2: x2),
    "x1^2": ("x₁²", lambda x1, x2: x1**2),
    "x2^2": ("x₂²", lambda x1, x2: x2**2),
    "x1*x2": ("x₁·x₂", lambda x1, x2: x1 * x2),
    "sin_x1": ("sin(πx₁)", lambda x1, x2: np.sin(np.pi * x1)),
    "sin_x2": ("sin(πx₂)", lambda x1, x2: np.sin(np.pi * x2)),
}


def check_features(features, location: str = "features") -> list[str]:
    """Validate a feature list and return it as a list of tokens.

    Raises
    ------
    DataError
        If the list is empty, repeats a feature, or names one not in :data:`FEATURES`.
    """
    if isinstance(features, str) or not isinstance(features, list | tuple):
        raise DataError(location, f"expected a list of feature names, got {show(features)}")
    if not features:
        raise DataError(location, "the feature list is empty")
    for i, token in enumerate(features):
        if not isinstance(token, str) or token not in FEATURES:
            choices = ", ".join(FEATURES)
            raise DataError(f"{location}[{i}]", f"unknown feature {show(token)} (choices: {choices})")
        if token in features[:i]:
            raise DataError(f"{location}[{i}]", f"feature {show(token)} appears twice")
    return list(features)


def apply_features(inputs: np.ndarray, features) -> np.ndarray:
    """Compute engineered features from 2-D inputs.

    Parameters
    ----------
    inputs : ndarray, shape (N, 2)
        The raw inputs ``x1`` and ``x2``.
    features : list of str
        Tokens from :data:`FEATURES`, in the order wanted.

    Returns
    -------
    ndarray, shape (N, len(features)), float64
    """
    tokens = check_features(features)
    if inputs.ndim != 2 or inputs.shape[1] != 2:
        raise DataError("features", f"engineered features need 2 inputs, this data has {inputs.shape[-1]}")
    x1, x2 = inputs[:, 0], inputs[:, 1]
    columns = [np.asarray(FEATURES[t][1](x1, x2), dtype=np.float64) for t in tokens]
    return np.column_stack(columns) if columns else np.empty((len(inputs), 0))
