"""Practice mode's formula of one quantity in the chosen notation: the symbols, the known inputs
substituted, the intermediate numbers (the second hint) and the result (the worked answer).

``worked`` is a :class:`~ann_studio.core.practice.Worked` (the step recomputed, the trainer
untouched), ``q`` a :class:`~ann_studio.core.practice.Question`, ``nt`` a math-view notation.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ...core.practice import nielsen_value, shown
from .math_format import equation, factor, num, product, terms

BLANK = "<span style='background:#fff3c4; color:#8a6d00'>&nbsp;?&nbsp;</span>"

#: the first hint of each kind of question (context ``PracticeFormula``)
HINTS = {
    "z": QT_TRANSLATE_NOOP("PracticeFormula", "The net input adds each weight times the activation it comes from, "
                                              "plus the bias."),
    "z_zhou": QT_TRANSLATE_NOOP("PracticeFormula", "α (or β) is the weighted sum of the inputs, before the threshold "
                                                   "is subtracted."),
    "a": QT_TRANSLATE_NOOP("PracticeFormula", "Apply the activation function to the net input."),
    "loss": QT_TRANSLATE_NOOP("PracticeFormula", "Add ½(target − output)² over every output neuron."),
    "delta_out": QT_TRANSLATE_NOOP("PracticeFormula", "An output neuron's δ is ∂E/∂output times the derivative of "
                                                      "its activation."),
    "delta_out_zhou": QT_TRANSLATE_NOOP("PracticeFormula", "g_j = ŷ_j(1 − ŷ_j)(y_j − ŷ_j): target minus output, "
                                                           "times the sigmoid's derivative. It is −δ."),
    "delta_hidden": QT_TRANSLATE_NOOP("PracticeFormula", "Sum δ × weight over every neuron this one feeds (the weights "
                                                         "before the update), then multiply by f′."),
    "grad_w": QT_TRANSLATE_NOOP("PracticeFormula", "∂E/∂w is δ of the neuron the weight leads to times the "
                                                   "activation the weight comes from (averaged over the batch)."),
    "grad_b": QT_TRANSLATE_NOOP("PracticeFormula", "∂E/∂b is the neuron's δ (averaged over the batch)."),
    "update": QT_TRANSLATE_NOOP("PracticeFormula", "The new value is the old value minus the learning rate times "
                                                   "the gradient."),
}


def hint(key: str) -> str:
    return QCoreApplication.translate("PracticeFormula", HINTS[key])


@dataclass
class PracticeFormula:
    """``symbol`` = ``symbolic`` = ``substituted`` = ``partial`` = ``result`` (HTML pieces; ``partial``
    may be empty); ``hint_key`` picks the first hint."""

    symbol: str
    symbolic: str
    substituted: str
    partial: str
    result: float
    hint_key: str

    def question_html(self) -> str:
        return equation(self.symbol, self.symbolic, self.substituted, BLANK)

    def numbers_html(self) -> str:
        return equation(self.symbol, self.substituted, self.partial or BLANK, BLANK)

    def worked_html(self, digits: int) -> str:
        return equation(self.symbol, self.symbolic, self.substituted, self.partial, num(self.result, digits))


def _activation(name: str, arg: str) -> str:
    return {"sigmoid": f"1/(1 + e<sup>−{arg}</sup>)", "tanh": f"tanh({arg})", "relu": f"max(0, {arg})",
            "linear": arg}.get(name, f"{name}({arg})")


def _derivative(nt, layer, k: int, i: int, a: float, digits: int) -> tuple[str, str]:
    out = nt.out(k, i)
    name = layer.activation.name
    if name == "sigmoid":
        return f"{out}(1 − {out})", f"{factor(a, digits)} × (1 − {factor(a, digits)})"
    if name == "tanh":
        return f"(1 − {out}²)", f"(1 − {factor(a, digits)}²)"
    if name == "linear":
        return "1", "1"
    return f"f′({nt.net_(k, i)})", "f′"


def build(worked, q, nt, digits: int = 6) -> PracticeFormula:
    """The formula of question ``q``; see the module docstring."""
    net, p, s, m = worked.network, worked.pass_, worked.s, worked.m
    n = lambda v: num(v, digits)  # noqa: E731 - a local shorthand
    f = lambda v: factor(v, digits)  # noqa: E731
    result = shown(worked, q, nielsen_value(worked, q), nt.key)
    zhou = nt.key == "zhou"
    if q.quantity == "loss":
        k = net.output_index
        y, a = p.y[s], p.a[k][s]
        if worked.trainer.loss.name == "half_sse" and m == 1:
            sym = terms([f"½({nt.target(j)} − {nt.out(k, j)})²" for j in range(len(y))], 6)
            val = terms([f"½({n(y[j])} − {n(a[j])})²" for j in range(len(y))], 6)
            part = terms([n(0.5 * (y[j] - a[j]) ** 2) for j in range(len(y))], 6)
            return PracticeFormula(nt.error(), sym, val, part, result, "loss")
        losses = p.sample_losses
        return PracticeFormula(nt.error(), f"(1/{m}) Σ<sub>k</sub> {nt.error()}<sub>k</sub>",
                               worked.trainer.loss.formula, f"(1/{m}) × ({terms([n(v) for v in losses], 4)})",
                               result, "loss")
    k, i = net.index[q.layer_id], int(q.index[0])
    layer = net.layers[k]
    if q.quantity == "z":
        x, W = p.x_in[k][s], layer.W
        sym = [f"{nt.w(k, i, j)}·{nt.x(k, j)}" for j in range(W.shape[1])]
        val = [f"{f(W[i, j])} × {f(x[j])}" for j in range(W.shape[1])]
        part = [n(W[i, j] * x[j]) for j in range(W.shape[1])]
        if zhou:
            return PracticeFormula(nt.sum_(k, i), terms(sym, 5), terms(val, 5), terms(part, 5), result, "z_zhou")
        bias_sym = f"{nt.b(k, i)}·1" if nt.key == "mazur" else nt.b(k, i)
        return PracticeFormula(nt.net_(k, i), terms(sym + [bias_sym], 5), terms(val + [f(layer.b[i])], 5),
                               terms(part + [n(layer.b[i])], 5), result, "z")
    if q.quantity == "a":
        z, name = p.z[k][s, i], layer.activation.name
        arg = f"({n(z - layer.b[i])} − {f(-layer.b[i])})" if zhou else n(z)
        return PracticeFormula(nt.out(k, i), _activation(name, nt.net_(k, i)), _activation(name, arg), "", result,
                               "a")
    if q.quantity == "delta":
        return _delta(worked, nt, k, i, result, n, f, digits)
    if q.quantity in ("grad_w", "grad_b"):
        return _gradient(worked, q, nt, k, i, result, n, f)
    return _update(worked, q, nt, k, i, result, n, f)


def _delta(worked, nt, k, i, result, n, f, digits) -> PracticeFormula:
    net, p, s = worked.network, worked.pass_, worked.s
    layer, loss = net.layers[k], worked.trainer.loss
    a = p.a[k][s, i]
    fsym, fval = _derivative(nt, layer, k, i, a, digits)
    if k == net.output_index:
        y = p.y[s, i]
        if loss.fused_with == layer.activation.name:
            return PracticeFormula(nt.delta(k, i), f"{nt.out(k, i)} − {nt.target(i)}", f"{n(a)} − {n(y)}", "",
                                   result, "delta_out")
        if nt.key == "zhou":
            return PracticeFormula(nt.delta(k, i), f"{nt.out(k, i)}(1 − {nt.out(k, i)})({nt.target(i)} − "
                                   f"{nt.out(k, i)})", f"{f(a)} × (1 − {f(a)}) × ({n(y)} − {n(a)})",
                                   product([a, 1 - a, y - a], digits), result, "delta_out_zhou")
        grad_a = float(loss.grad(p.a[k][s:s + 1], p.y[s:s + 1])[0, i])
        ga = f"({nt.out(k, i)} − {nt.target(i)})" if loss.name == "half_sse" else f"∂{nt.error()}/∂{nt.out(k, i)}"
        ga_val = f"({n(a)} − {n(y)})" if loss.name == "half_sse" else f(grad_a)
        d = float(layer.activation.df(p.z[k][s:s + 1, i], p.a[k][s:s + 1, i])[0])
        return PracticeFormula(nt.delta(k, i), f"{ga} · {fsym}", f"{ga_val} × {fval}", product([grad_a, d], digits), result,
                               "delta_out")
    sym, val, total = [], [], 0.0
    for c, sl in layer.consumers:
        Wc = net.layers[c].W
        for o in range(Wc.shape[0]):
            w, dc = Wc[o, sl.start + i], p.delta[c][s, o]
            total += w * dc
            if nt.key == "zhou":
                sym.append(f"{nt.w(c, o, sl.start + i)} {nt.delta(c, o)}")
                val.append(f"{f(w)} × {f(-dc)}")
            else:
                sym.append(f"{nt.delta(c, o)}·{nt.w(c, o, sl.start + i)}")
                val.append(f"{f(dc)} × {f(w)}")
    d = float(layer.activation.df(p.z[k][s:s + 1, i], p.a[k][s:s + 1, i])[0]) if layer.activation.elementwise else 1.0
    if nt.key == "zhou":
        return PracticeFormula(nt.delta(k, i), f"{fsym} · ({terms(sym)})", f"{fval} × ({terms(val)})",
                               product([d, -total], digits), result, "delta_hidden")
    return PracticeFormula(nt.delta(k, i), f"({terms(sym)}) · {fsym}", f"({terms(val)}) × {fval}",
                           product([total, d], digits), result, "delta_hidden")


def _gradient(worked, q, nt, k, i, result, n, f) -> PracticeFormula:
    p, m = worked.pass_, worked.m
    delta = p.delta[k][:, i]
    sign = -1.0 if nt.key == "zhou" else 1.0  # Zhou writes g = −δ
    d_sym = f"−{nt.delta(k, i)}" if nt.key == "zhou" else nt.delta(k, i)
    shown_delta = sign * delta  # Zhou's g (or e) = −δ
    if q.quantity == "grad_b":
        symbol = nt.grad(nt.b(k, i))  # Zhou: ∂E/∂θ = g
        if m == 1:
            return PracticeFormula(symbol, nt.delta(k, i), f(shown_delta[0]), "", result, "grad_b")
        return PracticeFormula(symbol, f"(1/{m}) Σ<sub>k</sub> {nt.delta(k, i)}<sub>,k</sub>",
                               f"(1/{m}) × ({terms([f(v) for v in shown_delta], 4)})", "", result, "grad_b")
    j = int(q.index[1])
    x = p.x_in[k][:, j]
    symbol, x_sym = nt.grad(nt.w(k, i, j)), nt.x(k, j)
    if m == 1:
        d_val = f"−{f(shown_delta[0])}" if nt.key == "zhou" else f(delta[0])
        return PracticeFormula(symbol, f"{d_sym} · {x_sym}", f"{d_val} × {f(x[0])}", "", result, "grad_w")
    products = [f"{f(dv)} × {f(xv)}" for dv, xv in zip(delta, x)]
    return PracticeFormula(symbol, f"(1/{m}) Σ<sub>k</sub> {nt.delta(k, i)}<sub>,k</sub> · {x_sym}<sub>,k</sub>",
                           f"(1/{m}) × ({terms(products, 3)})", f"(1/{m}) × ({terms([n(v) for v in delta * x], 4)})",
                           result, "grad_w")


def _update(worked, q, nt, k, i, result, n, f) -> PracticeFormula:
    layer, p, trainer = worked.network.layers[k], worked.pass_, worked.trainer
    settings = trainer.optimizer.settings
    eta = settings.learning_rate
    zhou = nt.key == "zhou"
    if q.quantity == "new_w":
        j = int(q.index[1])
        sym, old, g = nt.w(k, i, j), layer.W[i, j], p.grad_W[k][i, j]
    else:
        sym, old, g = nt.b(k, i), layer.b[i], p.grad_b[k][i]
        if zhou:  # θ = −b, ∂E/∂θ = −∂E/∂b
            old, g = -old, -g
    symbol = f"{sym}<sup>+</sup>"
    plain = settings.type == "sgd" and not settings.momentum and not settings.weight_decay and not settings.l1
    if not plain:
        return PracticeFormula(symbol, f"{sym} + Δ{sym}", f"{n(old)} + Δ ({settings.type})", "", result, "update")
    if zhou and worked.m == 1:  # Zhou's Δw_hj = η g_j b_h (Δv_ih = η e_h x_i) and Δθ_j = −η g_j
        g_zhou = -float(p.delta[k][worked.s, i])
        if q.quantity == "new_w":
            x = float(p.x_in[k][worked.s, j])
            return PracticeFormula(symbol, f"{sym} + η {nt.delta(k, i)} {nt.x(k, j)}",
                                   f"{n(old)} + {f(eta)} × {f(g_zhou)} × {f(x)}", f"{n(old)} + {f(eta * g_zhou * x)}",
                                   result, "update")
        return PracticeFormula(symbol, f"{sym} − η {nt.delta(k, i)}", f"{n(old)} − {f(eta)} × {f(g_zhou)}",
                               f"{n(old)} − {f(eta * g_zhou)}", result, "update")
    return PracticeFormula(symbol, f"{sym} − η · {nt.grad(sym)}", f"{n(old)} − {f(eta)} × {f(g)}",
                           f"{n(old)} − {f(eta * g)}", result, "update")
