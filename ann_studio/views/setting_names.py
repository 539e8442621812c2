"""Readable, translated names of the project's settings whose stored values are identifiers
(``"half_sse"``, ``"sgd"``): combo boxes show :func:`loss_title` / :func:`optimizer_title` and keep
the identifier as the item's data (context ``SettingNames``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    return QCoreApplication.translate("SettingNames", text)


def loss_title(key: str) -> str:
    """The loss ``key`` (``LOSSES``) in words; unknown keys are returned unchanged."""
    names = {"half_sse": _tr("Half sum of squares  ½Σ(ŷ − y)²"), "mse": _tr("Mean squared error"),
             "binary_cross_entropy": _tr("Binary cross-entropy"), "cross_entropy": _tr("Cross-entropy")}
    return names.get(key, key)


def optimizer_title(key: str) -> str:
    """The optimizer ``key`` (``OPTIMIZERS``) in words; unknown keys are returned unchanged."""
    names = {"sgd": _tr("SGD"), "rmsprop": _tr("RMSprop"), "adam": _tr("Adam")}
    return names.get(key, key)


def activation_title(key: str) -> str:
    """The activation ``key`` (``ACTIVATIONS``) in words, with its formula; unknown keys unchanged."""
    names = {"sigmoid": _tr("Sigmoid  σ(z) = 1/(1 + e⁻ᶻ)"), "tanh": _tr("tanh"), "relu": _tr("ReLU  max(0, z)"),
             "leaky_relu": _tr("Leaky ReLU"), "elu": _tr("ELU"), "softplus": _tr("Softplus  ln(1 + eᶻ)"),
             "linear": _tr("Linear (identity)  f(z) = z"), "softmax": _tr("Softmax (classes)")}
    return names.get(key, key)


def initializer_title(key: str) -> str:
    """The initialiser ``key`` (``INITIALIZERS``) in words; unknown keys unchanged."""
    names = {"randn": _tr("Normal N(0, 1) (Nielsen ch. 1)"), "randn_scaled": _tr("Normal N(0, 1/fan-in) (Nielsen ch. 3)"),
             "xavier_uniform": _tr("Xavier/Glorot uniform"), "xavier_normal": _tr("Xavier/Glorot normal"),
             "he_normal": _tr("He normal (for ReLU)"), "uniform": _tr("Uniform in a range"), "zeros": _tr("Zeros")}
    return names.get(key, key)
