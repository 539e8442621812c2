"""Typed numbers as teachers write them: ``0,5`` (decimal comma), ``1/3`` (fractions), ``-2e-3``.

Every parser raises :class:`ValueError` with a short user-facing message; callers show it inline
next to the field and never pass an invalid value on to the document.
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QCoreApplication

_FRACTION = re.compile(r"^\s*([+-]?[^/]+)/([^/]+)\s*$")
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-", "\uff0d": "-", "\uff0c": ","})


def _tr(text: str) -> str:
    return QCoreApplication.translate("numbers", text)


def _plain(text: str) -> float:
    """One decimal number; a single comma is read as the decimal separator."""
    t = text.strip().translate(_MINUS_SIGNS).replace(" ", "").replace("\u00a0", "")
    if t.count(",") == 1 and "." not in t:
        t = t.replace(",", ".")
    if not t or not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", t):
        raise ValueError(_tr("“%1” is not a number").replace("%1", text.strip()))
    return float(t)


def parse_number(text: str, low: float | None = None, high: float | None = None) -> float:
    """The value of ``text``: a decimal (``0.5``, ``0,5``, ``1e-3``) or a fraction (``1/3``).

    Parameters
    ----------
    text : str
        What the user typed.
    low, high : float, optional
        Inclusive bounds; a value outside raises ``ValueError`` saying the allowed range.

    Returns
    -------
    float
        A finite number.
    """
    if text is None or not str(text).strip():
        raise ValueError(_tr("enter a number"))
    match = _FRACTION.match(str(text))
    if match:
        numerator, denominator = _plain(match.group(1)), _plain(match.group(2))
        if denominator == 0:
            raise ValueError(_tr("cannot divide by zero"))
        value = numerator / denominator
    else:
        value = _plain(str(text))
    if not math.isfinite(value):
        raise ValueError(_tr("the number is too large"))
    if low is not None and value < low:
        raise ValueError(_tr("must be at least %1").replace("%1", format_number(low)))
    if high is not None and value > high:
        raise ValueError(_tr("must be at most %1").replace("%1", format_number(high)))
    return value


def parse_int(text: str, low: int | None = None, high: int | None = None) -> int:
    """A whole number (``12``, ``1e3``); fractions and decimals with a remainder are refused."""
    value = parse_number(text)
    if value != int(value):
        raise ValueError(_tr("enter a whole number"))
    value = int(value)
    if low is not None and value < low:
        raise ValueError(_tr("must be at least %1").replace("%1", str(low)))
    if high is not None and value > high:
        raise ValueError(_tr("must be at most %1").replace("%1", str(high)))
    return value


def format_number(value: float, digits: int = 6) -> str:
    """A short, exact-looking rendering: ``0.5``, ``0.333333``, ``1e-05``."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.{digits}g}"
