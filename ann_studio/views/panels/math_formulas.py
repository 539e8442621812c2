"""The formulas of each phase with the live numbers substituted, for one neuron or weight.

:func:`formula_lines` is the entry point: it reads the trainer's current :class:`Pass` (the
sample in focus), picks the neuron or weight to explain from the phase and the selection, and
returns :class:`~.math_format.Line` objects (caption + HTML). Update formulas are in
:mod:`.math_update`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .math_format import Line, caption, derivative, equation, factor, num, product, terms
from .math_update import gradient_lines, update_lines


@dataclass
class Context:
    """What a formula needs: ``trainer``, the ``session``, the :class:`Notation`, the sample
    ``s`` of the batch, ``digits`` and the bilingual switch."""

    trainer: object
    session: object
    notation: object
    s: int
    digits: int = 6
    bilingual: bool = False

    @property
    def net(self):
        return self.trainer.network

    @property
    def p(self):
        return self.trainer.pass_

    def n(self, value) -> str:
        return num(value, self.digits)

    def cap(self, text: str) -> str:
        return caption(text, self.bilingual)


def focus(phase, selected, network) -> tuple[int, int, int | None]:
    """(dense layer index, neuron, input column or None) to explain for ``phase`` and ``selected``."""
    layer_id = phase.layer if phase is not None and phase.layer else None
    if layer_id is None:
        dense_ids = [layer.id for layer in network.dense]
        layer_id = selected.layer if selected is not None and selected.layer in dense_ids else network.output_id
    k = network.index[layer_id]
    units = network.layers[k].units
    if selected is not None and selected.layer == layer_id and selected.i is not None:
        j = selected.j if selected.kind == "weight" else None
        return k, min(selected.i, units - 1), j
    return k, 0, None


def _activation_text(name: str, arg: str) -> str:
    return {"sigmoid": f"1/(1 + e<sup>−{arg}</sup>)", "tanh": f"tanh({arg})", "relu": f"max(0, {arg})",
            "linear": arg, "softmax": f"softmax({arg})"}.get(name, f"{name}({arg})")


# ---------------------------------------------------------------------- phases

def input_lines(ctx: Context) -> list[Line]:
    nt, p, k0 = ctx.notation, ctx.p, ctx.net.inputs[0].index
    xs = [f"{nt.out(k0, j)} = {ctx.n(v)}" for j, v in enumerate(p.x[ctx.s])]
    lines = [Line(ctx.cap("Input"), terms(xs, 8).replace(" + ", ", "))]
    if p.y is not None:
        ys = [f"{nt.target(j)} = {ctx.n(v)}" for j, v in enumerate(p.y[ctx.s])]
        lines.append(Line(ctx.cap("Target"), terms(ys, 8).replace(" + ", ", ")))
    return lines


def forward_lines(ctx: Context, k: int, i: int) -> list[Line]:
    nt, layer, s = ctx.notation, ctx.net.layers[k], ctx.s
    W, b, x_in = layer.W, layer.b, ctx.p.x_in[k][s]
    sym = [f"{nt.w(k, i, j)}·{nt.x(k, j)}" for j in range(W.shape[1])]
    vals = [f"{factor(W[i, j], ctx.digits)} × {factor(x_in[j], ctx.digits)}" for j in range(W.shape[1])]
    z = ctx.p.z[k][s, i]
    if nt.thresholds:  # Zhou: α_h = Σ v_ih x_i, then b_h = f(α_h − γ_h)
        alpha = z - b[i]
        lines = [Line(ctx.cap("Weighted input"), equation(nt.sum_(k, i), terms(sym), terms(vals), ctx.n(alpha)))]
        arg_sym = nt.net_(k, i)
        arg_val = f"({ctx.n(alpha)} − {factor(-b[i], ctx.digits)})"
        # the inspector and the file store the bias b; Zhou's threshold is its negative
        lines.append(Line(ctx.cap("Threshold"), equation(
            nt.b(k, i), f"−{caption('bias')}", f"−{factor(b[i], ctx.digits)}", ctx.n(-b[i]))))
    else:
        bias_sym = f"{nt.b(k, i)}·1" if nt.key == "mazur" else nt.b(k, i)
        bias_val = f"{factor(b[i], ctx.digits)} × 1" if nt.key == "mazur" else factor(b[i], ctx.digits)
        lines = [Line(ctx.cap("Weighted input"), equation(
            nt.net_(k, i), terms(sym + [bias_sym], 5), terms(vals + [bias_val], 5), ctx.n(z)))]
        arg_sym, arg_val = nt.net_(k, i), ctx.n(z)
    name = layer.activation.name
    a = ctx.p.a[k][s, i]
    lines.append(Line(ctx.cap("Activation"), equation(
        nt.out(k, i), _activation_text(name, arg_sym), _activation_text(name, arg_val), ctx.n(a))))
    return lines


def error_lines(ctx: Context) -> list[Line]:
    nt, p, s = ctx.notation, ctx.p, ctx.s
    k, loss = ctx.net.output_index, ctx.trainer.loss
    y_hat, y = p.a[k][s], p.y[s]
    if loss.name == "half_sse":
        sym = [f"½({nt.target(j)} − {nt.out(k, j)})²" for j in range(len(y))]
        val = [f"½({ctx.n(y[j])} − {ctx.n(y_hat[j])})²" for j in range(len(y))]
        each = [ctx.n(0.5 * (y[j] - y_hat[j]) ** 2) for j in range(len(y))]
        html = equation(nt.error(), terms(sym), terms(val), terms(each), ctx.n(p.sample_losses[s]))
    else:
        html = equation(f"{nt.error()} &nbsp;({loss.formula})", ctx.n(p.sample_losses[s]))
    lines = [Line(ctx.cap("Error"), html)]
    m = len(p.x)
    if m > 1:
        lines.append(Line(ctx.cap("Error"), equation(
            f"{nt.error()}<sub>batch</sub> = (1/{m}) Σ<sub>k</sub> {nt.error()}<sub>k</sub>", ctx.n(p.loss))))
    return lines


def backward_lines(ctx: Context, k: int, i: int) -> list[Line]:
    nt, p, s, net = ctx.notation, ctx.p, ctx.s, ctx.net
    layer, loss = net.layers[k], ctx.trainer.loss
    d = p.delta[k][s, i]
    fsym, fval = derivative(ctx, k, i)
    if k == net.output_index:
        if loss.fused_with == layer.activation.name:
            return [Line(ctx.cap("Error term δ"), equation(
                nt.delta(k, i), f"{nt.out(k, i)} − {nt.target(i)}",
                f"{ctx.n(p.a[k][s, i])} − {ctx.n(p.y[s, i])}", ctx.n(d)))]
        grad_a = float(loss.grad(p.a[k][s:s + 1], p.y[s:s + 1])[0, i])
        if nt.thresholds and layer.activation.name == "sigmoid" and loss.name == "half_sse":
            a, y = p.a[k][s, i], p.y[s, i]
            return [Line(ctx.cap("Output-layer gradient term g"), equation(
                nt.delta(k, i), f"{nt.out(k, i)}(1 − {nt.out(k, i)})({nt.target(i)} − {nt.out(k, i)})",
                product([a, 1 - a, y - a], ctx.digits), ctx.n(-d), note="= −δ"))]
        ga_sym = (f"({nt.out(k, i)} − {nt.target(i)})" if loss.name == "half_sse"
                  else f"∂{nt.error()}/∂{nt.out(k, i)}")
        if fval is None:
            return [Line(ctx.cap("Error term δ"), equation(f"δ = ∂{nt.error()}/∂z", ctx.n(d)))]
        if nt.thresholds:
            return [Line(ctx.cap("Output-layer gradient term g"), equation(
                nt.delta(k, i), f"−{ga_sym} · {fsym}", ctx.n(-d)))]
        return [Line(ctx.cap("Error term δ"), equation(
            nt.delta(k, i), f"{ga_sym} · {fsym}", product([grad_a, fval], ctx.digits), ctx.n(d)))]
    return _hidden_delta(ctx, k, i, d, fsym, fval)


def _hidden_delta(ctx: Context, k: int, i: int, d: float, fsym: str, fval: float | None) -> list[Line]:
    """δ of a hidden neuron: the extra sum over every neuron it feeds (the lesson's remark)."""
    nt, p, s, net = ctx.notation, ctx.p, ctx.s, ctx.net
    sym, val, total = [], [], 0.0
    for c, sl in net.layers[k].consumers:
        Wc = net.layers[c].W
        for o in range(Wc.shape[0]):
            w, dc = Wc[o, sl.start + i], p.delta[c][s, o]
            total += w * dc
            if nt.thresholds:
                sym.append(f"{nt.w(c, o, sl.start + i)} {nt.delta(c, o)}")
                val.append(f"{factor(w, ctx.digits)} × {factor(-dc, ctx.digits)}")
            else:
                sym.append(f"{nt.delta(c, o)}·{nt.w(c, o, sl.start + i)}")
                val.append(f"{factor(dc, ctx.digits)} × {factor(w, ctx.digits)}")
    if fval is None:
        return [Line(ctx.cap("Error term δ"), equation(nt.delta(k, i), ctx.n(d)))]
    if nt.thresholds:
        html = equation(nt.delta(k, i), f"{fsym} · ({terms(sym)})", f"{factor(fval, ctx.digits)} × ({terms(val)})",
                        product([fval, -total], ctx.digits), ctx.n(-d), note="= −δ")
        return [Line(ctx.cap("Hidden-layer gradient term e"), html)]
    html = equation(nt.delta(k, i), f"({terms(sym)}) · {fsym}", f"({terms(val)}) × {factor(fval, ctx.digits)}",
                    product([total, fval], ctx.digits), ctx.n(d))
    return [Line(ctx.cap("Error term δ"), html)]


def formula_lines(ctx: Context, phase, selected) -> list[Line]:
    """The lines for ``phase`` (None: nothing computed yet) focused on ``selected``."""
    p = ctx.p
    if phase is None or p.x is None:
        return [Line(ctx.cap("Ready"), caption("Press <b>Next Phase</b> (F10) to compute the first phase."))]
    k, i, j = focus(phase, selected, ctx.net)
    kind = phase.kind
    if kind == "input":
        return input_lines(ctx)
    if kind == "forward":
        return forward_lines(ctx, k, i)
    if kind == "error":
        return error_lines(ctx)
    if kind == "backward":
        return backward_lines(ctx, k, i)
    if kind == "gradients":
        return gradient_lines(ctx, k, i, j)
    return update_lines(ctx, k, i, j)
