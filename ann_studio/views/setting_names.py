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
