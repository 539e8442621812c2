"""Reading a typed answer (``0,5``, ``1/3``, ``0.7414*0.1868``) and the tolerance it is graded with.

The parser walks Python's :mod:`ast` and allows numbers, ``+ − × ÷``, powers with a small
exponent and parentheses: nothing else is ever evaluated (no ``eval``, no names, no calls).
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable
from dataclasses import dataclass

MAX_ANSWER_LENGTH = 200
MAX_EXPONENT = 64

_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
           ast.Pow: operator.pow}
_UNARY: dict[type, Callable[[float], float]] = {ast.UAdd: operator.pos, ast.USub: operator.neg}
_SYMBOLS = str.maketrans({"−": "-", "–": "-", "×": "*", "·": "*", "∙": "*", "÷": "/", "＋": "+", "（": "(",
                          "）": ")", "，": ",", "。": "."})


class AnswerError(ValueError):
    """An answer that is not a number. ``reason`` is a code the window translates:
    ``empty``, ``too_long``, ``decimal_mark``, ``syntax``, ``division_by_zero``, ``too_large``."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


def parse_answer(text) -> float:
    """The value of a typed answer. Numbers pass through; text may use ``,`` as the decimal mark
    (``0,5``), fractions (``1/3``), ``× · ÷ −``, ``^`` or ``**`` for powers and parentheses.

    Raises
    ------
    AnswerError
        with a plain English message, e.g. ``"0.5.3" is not a number or a simple expression``.
    """
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        value = float(text)
        if not math.isfinite(value):
            raise AnswerError("too_large", "the answer must be a finite number")
        return value
    text = str(text).strip().translate(_SYMBOLS)
    if not text:
        raise AnswerError("empty", "type a number")
    if len(text) > MAX_ANSWER_LENGTH:
        raise AnswerError("too_long", f"the answer is longer than {MAX_ANSWER_LENGTH} characters")
    if "," in text:
        if "." in text:
            raise AnswerError("decimal_mark", "use either , or . as the decimal mark, not both")
        text = text.replace(",", ".")
    text = text.replace("^", "**")
    try:
        tree = ast.parse(text, mode="eval")
        value = float(_evaluate(tree.body))
    except ZeroDivisionError:
        raise AnswerError("division_by_zero", "the answer divides by zero") from None
    except (OverflowError, _TooLarge):
        raise AnswerError("too_large", "the answer is too large") from None
    except (SyntaxError, _NotAllowed, ValueError, TypeError, RecursionError, MemoryError):
        raise AnswerError("syntax", f"{text!r} is not a number or a simple expression") from None
    if not math.isfinite(value):
        raise AnswerError("too_large", "the answer is too large")
    return value


class _NotAllowed(Exception):
    pass


class _TooLarge(Exception):
    pass


def _evaluate(node) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _UNARY[type(node.op)](_evaluate(node.operand))
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left, right = _evaluate(node.left), _evaluate(node.right)
        if isinstance(node.op, ast.Pow) and (abs(right) > MAX_EXPONENT or abs(left) > 1e6):
            raise _TooLarge
        result = _BINARY[type(node.op)](left, right)
        if isinstance(result, complex):
            raise _NotAllowed
        return result
    raise _NotAllowed


@dataclass(frozen=True)
class Tolerance:
    """An answer is right when it agrees with the expected value to ``digits`` significant digits
    (within half a unit of the last one) or within ``relative`` relative error."""

    digits: int = 4
    relative: float = 1e-4

    def allowed(self, expected: float) -> float:
        """The largest difference from ``expected`` that is still right."""
        size = abs(expected)
        if size == 0:
            return 0.5 * 10.0 ** -(self.digits + 4)  # a tiny absolute margin for an exact zero
        unit = 10.0 ** (math.floor(math.log10(size)) - (self.digits - 1))
        return max(0.5 * unit, self.relative * size)

    def agrees(self, value: float, expected: float) -> bool:
        return abs(value - expected) <= self.allowed(expected) * (1 + 1e-12)

    def describe(self) -> str:
        """English, for notebooks: ``4 significant digits, or 1e-04 relative``."""
        return f"{self.digits} significant digits, or {self.relative:.0e} relative"


DEFAULT_TOLERANCE = Tolerance()
