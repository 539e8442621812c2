"""Numbers and small HTML pieces for the math view, in the style of Mazur's worked example
(``0.741365 × 0.186816 × 0.593270 = 0.082167``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

MINUS = "−"
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")

#: captions shown side by side in English and Chinese when the lesson's bilingual mode is on
BILINGUAL = {
    "Input": "输入",
    "Weighted input": "加权输入",
    "Activation": "激活值（输出）",
    "Threshold": "阈值",
    "Error": "误差",
    "Error term δ": "误差项 δ",
    "Output-layer gradient term g": "输出层梯度项 g",
    "Hidden-layer gradient term e": "隐层梯度项 e",
    "Gradient": "梯度",
    "Update": "更新",
    "Selected": "所选",
    "Ready": "就绪",
}


#: every text passed to :func:`caption` (callers pass literals through ``ctx.cap``, which lupdate
#: cannot see): marked here so they are extracted; ``tests/test_i18n.py`` checks none is missing
CAPTIONS = (
    QT_TRANSLATE_NOOP("MathFormulas", "Input"),
    QT_TRANSLATE_NOOP("MathFormulas", "Target"),
    QT_TRANSLATE_NOOP("MathFormulas", "Weighted input"),
    QT_TRANSLATE_NOOP("MathFormulas", "Activation"),
    QT_TRANSLATE_NOOP("MathFormulas", "Threshold"),
    QT_TRANSLATE_NOOP("MathFormulas", "bias"),
    QT_TRANSLATE_NOOP("MathFormulas", "Error"),
    QT_TRANSLATE_NOOP("MathFormulas", "Error term δ"),
    QT_TRANSLATE_NOOP("MathFormulas", "Output-layer gradient term g"),
    QT_TRANSLATE_NOOP("MathFormulas", "Hidden-layer gradient term e"),
    QT_TRANSLATE_NOOP("MathFormulas", "Gradient"),
    QT_TRANSLATE_NOOP("MathFormulas", "Update"),
    QT_TRANSLATE_NOOP("MathFormulas", "Selected"),
    QT_TRANSLATE_NOOP("MathFormulas", "Ready"),
    QT_TRANSLATE_NOOP("MathFormulas", "Press <b>Next Phase</b> (F10) to compute the first phase."),
    QT_TRANSLATE_NOOP("MathFormulas", "this sample: "),
    QT_TRANSLATE_NOOP("MathFormulas", "(frozen: not trained)"),
    QT_TRANSLATE_NOOP("MathFormulas", "(frozen: not trained, as in Mazur's post)"),
    QT_TRANSLATE_NOOP("MathFormulas", "L2: weight_decay = λ/n = %1"),
)


def caption(text: str, bilingual: bool = False) -> str:
    """``text`` translated (context ``MathFormulas``); with ``bilingual`` the English caption and
    its Chinese side by side, as the lesson's readers meet both."""
    shown = QCoreApplication.translate("MathFormulas", text)
    if bilingual and text in BILINGUAL:
        return f"{text} · {BILINGUAL[text]}"
    return shown


def num(value: float, digits: int = 6) -> str:
    """``value`` with ``digits`` decimals; short exact decimals stay short (0.15, 0.3775, 1);
    tiny values go scientific; minus signs are typographic."""
    v = float(value)
    if v == 0:
        return "0"
    short = round(v, 4)
    if abs(v - short) < 1e-13 * max(1.0, abs(v)) and abs(v) >= 1e-4:
        text = f"{short:.4f}".rstrip("0").rstrip(".")
    elif abs(v) < 10.0 ** -(digits - 1):
        mantissa, exponent = f"{v:.{max(digits - 3, 2)}e}".split("e")
        text = f"{mantissa} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"
    else:
        text = f"{v:.{digits}f}"
    return text.replace("-", MINUS)


def factor(value: float, digits: int = 6) -> str:
    """A number as a factor of a product: negatives in parentheses."""
    text = num(value, digits)
    return f"({text})" if text.startswith(MINUS) else text


def product(values, digits: int = 6) -> str:
    return " × ".join(factor(v, digits) for v in values)


def terms(items: list[str], limit: int = 4) -> str:
    """``a + b + c``; long sums are cut to their first terms, "…" and the count."""
    if len(items) <= limit:
        return " + ".join(items)
    more = QCoreApplication.translate("MathFormulas", "%1 terms").replace("%1", str(len(items)))
    return " + ".join(items[:limit - 1]) + f" + … <span style='color:#777'>({more})</span>"


def equation(*parts: str, note: str = "") -> str:
    """``a = b = c`` as an aligned derivation (one "= …" per row, as in a textbook), the result in
    bold, an optional ``note`` after it. A step that only repeats the one before it (one term
    of a one-term sum: "= 0.033795 = 0.033795") is written once."""
    parts = _without_repeats([p for p in parts if p])
    if len(parts) == 1:
        return parts[0] + (f" &nbsp;{note}" if note else "")
    parts[-1] = f"<b>{parts[-1]}</b>" + (f" &nbsp;{note}" if note else "")
    rows = [f"<tr><td align='right' valign='top' style='white-space:nowrap'>{parts[0]}</td><td valign='top'>&nbsp;=&nbsp;</td>"
            f"<td>{parts[1]}</td></tr>"]
    rows += [f"<tr><td></td><td valign='top'>&nbsp;=&nbsp;</td><td>{p}</td></tr>" for p in parts[2:]]
    return "<table cellspacing='0' cellpadding='1'>" + "".join(rows) + "</table>"


def _without_repeats(parts: list[str]) -> list[str]:
    """``parts`` without a part equal to the one before it (outer parentheses aside)."""
    out: list[str] = []
    for part in parts:
        if not out or _bare(part) != _bare(out[-1]):
            out.append(part)
    return out


def _bare(part: str) -> str:
    part = part.strip()
    return part[1:-1] if part.startswith("(") and part.endswith(")") and "(" not in part[1:-1] else part


@dataclass
class Line:
    """One line of the math view: a caption and an HTML formula."""

    caption: str
    html: str


def derivative(ctx, k: int, i: int) -> tuple[str, float | None]:
    """f′(z) of neuron ``i`` of layer ``k`` (``ctx``: a ``math_formulas.Context``): (the formula in the notation's symbols, its value)."""
    layer = ctx.net.layers[k]
    act, out = layer.activation, ctx.notation.out(k, i)
    z, a = ctx.p.z[k][ctx.s:ctx.s + 1], ctx.p.a[k][ctx.s:ctx.s + 1]
    value = float(act.backward(z, a, np.ones_like(z))[0, i]) if act.elementwise else None
    symbolic = {"sigmoid": f"{out}(1 − {out})", "tanh": f"(1 − {out}²)", "linear": "1",
                "relu": f"[{ctx.notation.net_(k, i)} &gt; 0]"}.get(act.name, f"f′({ctx.notation.net_(k, i)})")
    return symbolic, value
