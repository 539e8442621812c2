"""The three notations of the math view, as HTML symbols.

* **Nielsen** (*Neural Networks and Deep Learning*): layers numbered from the input (l = 1),
  ``w^l_jk`` from neuron k of layer l−1 to neuron j of layer l, ``z^l_j``, ``a^l_j``, ``b^l_j``,
  ``δ^l_j``.
* **Zhou** (the lesson, Zhou Zhihua *Machine Learning* §5.3) for a d-q-l network: inputs ``x_i``,
  hidden outputs ``b_h = f(α_h − γ_h)``, outputs ``ŷ_j = f(β_j − θ_j)``, weights ``v_ih`` and
  ``w_hj``; thresholds are −bias; ``g_j = −δ_j`` and ``e_h = −δ_h``.
* **Mazur** ("A Step by Step Backpropagation Example") for a 2-2-2 network: ``i1, i2``,
  ``w1…w8``, ``b1, b2``, ``net_h1``, ``out_o1``, ``target_o1``, ``E_total``.

Indices are the engine's: dense layer ``k`` (index into ``network.layers``), neuron ``i`` (0-based),
input column ``j`` of that layer's ``W``. Symbols are shown 1-based.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

NOTATIONS = ("nielsen", "zhou", "mazur")


def notation_title(key: str) -> str:
    titles = {"nielsen": QT_TRANSLATE_NOOP("MathNotation", "Nielsen (W, b, z, a, δ)"),
              "zhou": QT_TRANSLATE_NOOP("MathNotation", "Zhou (v, w, γ, θ, g, e)"),
              "mazur": QT_TRANSLATE_NOOP("MathNotation", "Mazur (w1…w8, net, out)")}
    return QCoreApplication.translate("MathNotation", titles[key])


def _sub(base: str, sub: str, sup: str = "") -> str:
    return f"<i>{base}</i>" + (f"<sup>{sup}</sup>" if sup else "") + (f"<sub>{sub}</sub>" if sub else "")


def _idx(*values: int) -> str:
    parts = [str(v + 1) for v in values]
    return ("," if any(len(p) > 1 for p in parts) else "").join(parts)


def _chain_layers(network):
    """(input, hidden, output) layers if ``network`` is a plain 3-layer chain, else ``None``."""
    if len(network.layers) != 3 or len(network.inputs) != 1:
        return None
    inp, hid, out = network.layers
    if hid.sources != [inp.index] or out.sources != [hid.index]:
        return None
    return inp, hid, out


def available(network) -> list[str]:
    """The notations that fit ``network``: Zhou needs a d-q-l chain, Mazur a 2-2-2 chain."""
    keys = ["nielsen"]
    chain = _chain_layers(network)
    if chain:
        keys.append("zhou")
        if [layer.units for layer in chain] == [2, 2, 2]:
            keys.append("mazur")
    return keys


class Notation:
    """Nielsen's symbols; the subclasses override what differs. ``network`` is a core Network."""

    key = "nielsen"
    thresholds = False  # Zhou: biases shown as thresholds (−bias)

    def __init__(self, network):
        self.net = network

    # -- where an input column comes from
    def source(self, k: int, j: int) -> tuple[int, int]:
        """(source layer index, unit in it) of input column ``j`` of dense layer ``k``."""
        layer = self.net.layers[k]
        for src, sl in zip(layer.sources, layer.slices):
            if sl.start <= j < sl.stop:
                return src, j - sl.start
        raise IndexError(j)

    def x(self, k: int, j: int) -> str:
        """The symbol of input column ``j`` of dense layer ``k`` (an activation of a source)."""
        src, unit = self.source(k, j)
        return self.out(src, unit)

    def out(self, k: int, i: int) -> str:
        if k in (layer.index for layer in self.net.inputs):
            if len(self.net.inputs) == 1:
                return _sub("x", _idx(i))
            return _sub("a", _idx(i), str(k + 1))
        return _sub("a", _idx(i), str(k + 1))

    def net_(self, k: int, i: int) -> str:
        return _sub("z", _idx(i), str(k + 1))

    def w(self, k: int, i: int, j: int) -> str:
        return _sub("w", _idx(i, j), str(k + 1))

    def b(self, k: int, i: int) -> str:
        return _sub("b", _idx(i), str(k + 1))

    def delta(self, k: int, i: int) -> str:
        return _sub("δ", _idx(i), str(k + 1))

    def target(self, i: int) -> str:
        return _sub("y", _idx(i))

    def error(self) -> str:
        return "<i>E</i>"

    def grad(self, symbol: str) -> str:
        return f"∂{self.error()}/∂{symbol}"


class ZhouNotation(Notation):
    """The lesson's d-q-l notation; only for a 3-layer chain (see :func:`available`)."""

    key = "zhou"
    thresholds = True

    def __init__(self, network):
        super().__init__(network)
        self.inp, self.hid, self.outl = _chain_layers(network)

    def out(self, k, i):
        if k == self.inp.index:
            return _sub("x", _idx(i))
        return _sub("b", _idx(i)) if k == self.hid.index else _sub("ŷ", _idx(i))

    def sum_(self, k, i) -> str:
        """α_h (hidden) or β_j (output): the weighted sum before the threshold."""
        return _sub("α" if k == self.hid.index else "β", _idx(i))

    def net_(self, k, i):
        return f"({self.sum_(k, i)} − {self.b(k, i)})"

    def w(self, k, i, j):
        return _sub("v", _idx(j, i)) if k == self.hid.index else _sub("w", _idx(j, i))

    def b(self, k, i):
        """The threshold γ_h or θ_j (= −bias)."""
        return _sub("γ" if k == self.hid.index else "θ", _idx(i))

    def delta(self, k, i):
        """Zhou's g_j (output) or e_h (hidden); both equal −δ."""
        return _sub("e" if k == self.hid.index else "g", _idx(i))

    def error(self):
        return _sub("E", "k")


class MazurNotation(Notation):
    """Mazur's names for the 2-2-2 network: i1, i2, h1, h2, o1, o2, w1…w8, b1, b2."""

    key = "mazur"

    def __init__(self, network):
        super().__init__(network)
        self.inp, self.hid, self.outl = _chain_layers(network)

    def _unit(self, k, i) -> str:
        prefix = "i" if k == self.inp.index else "h" if k == self.hid.index else "o"
        return f"{prefix}{i + 1}"

    def out(self, k, i):
        if k == self.inp.index:
            return f"<i>i</i><sub>{i + 1}</sub>"
        return _sub("out", self._unit(k, i))

    def net_(self, k, i):
        return _sub("net", self._unit(k, i))

    def w(self, k, i, j):
        offset = 0 if k == self.hid.index else 4
        return _sub("w", str(offset + 2 * i + j + 1))

    def b(self, k, i):
        return _sub("b", "1" if k == self.hid.index else "2")

    def delta(self, k, i):
        return _sub("δ", self._unit(k, i))

    def target(self, i):
        return _sub("target", f"o{i + 1}")

    def error(self):
        return _sub("E", "total")


_SUPER = str.maketrans("0123456789+−-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻")
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _sub_text(match: re.Match) -> str:
    text = match.group(1)
    return text.translate(_SUB) if re.fullmatch(r"[0-9,]+", text) else f"_{text}"


def plain_symbol(symbol_html: str) -> str:
    """A notation's HTML symbol as plain Unicode text for tooltips and tables: ``w²₂₁``, ``v₁₂``,
    ``w5``, ``out_h1`` -- the same name the math view typesets."""
    text = re.sub(r"<sup>(.*?)</sup>", lambda m: m.group(1).translate(_SUPER), symbol_html)
    text = re.sub(r"<sub>(.*?)</sub>", _sub_text, text)
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def make_notation(key: str, network) -> Notation:
    """The notation ``key``, falling back to Nielsen when the network's shape does not allow it."""
    if key not in available(network):
        key = "nielsen"
    return {"nielsen": Notation, "zhou": ZhouNotation, "mazur": MazurNotation}[key](network)
