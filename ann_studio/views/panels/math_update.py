"""Gradient and update formulas of the math view (see :mod:`.math_formulas` for the context).

``ctx`` is a :class:`~.math_formulas.Context`; ``k`` a dense layer index, ``i`` a neuron and ``j``
an input column (``None`` when a neuron, not a weight, is in focus: its bias is explained too).
"""

from __future__ import annotations

from .math_format import Line, caption, derivative, equation, factor, product


def _plain_sgd(settings) -> bool:
    return settings.type == "sgd" and not settings.momentum and not settings.weight_decay and not settings.l1


def _decaying_sgd(settings) -> bool:
    """SGD with L2 only: Nielsen's w → (1 − ηλ/n)·w − η·∂E/∂w, with ``weight_decay`` = λ/n."""
    return settings.type == "sgd" and not settings.momentum and bool(settings.weight_decay) and not settings.l1


def gradient_lines(ctx, k: int, i: int, j: int | None) -> list[Line]:
    """∂E/∂w for weight (i, j) — Mazur's chain written out where it applies — and ∂E/∂b."""
    nt, p, s, net = ctx.notation, ctx.p, ctx.s, ctx.net
    layer, loss = net.layers[k], ctx.trainer.loss
    jj = 0 if j is None else j
    m = len(p.x)
    d, x = p.delta[k][s, i], p.x_in[k][s, jj]
    g = p.grad_W[k][i, jj]
    w_sym, x_sym = nt.w(k, i, jj), nt.x(k, jj)
    lines = []
    if m > 1:
        lines.append(Line(ctx.cap("Gradient"), equation(
            nt.grad(w_sym), f"(1/{m}) Σ<sub>k</sub> {nt.delta(k, i)}<sub>,k</sub> · {x_sym}<sub>,k</sub>", ctx.n(g))))
        lines.append(Line(ctx.cap("Gradient"), caption("this sample: ") + equation(
            f"{nt.delta(k, i)} · {x_sym}", product([d, x], ctx.digits), ctx.n(d * x))))
    elif nt.thresholds:
        lines.append(Line(ctx.cap("Gradient"), equation(
            nt.grad(w_sym), f"−{nt.delta(k, i)} · {x_sym}", f"−{factor(-d, ctx.digits)} × {factor(x, ctx.digits)}",
            ctx.n(g))))
    else:
        fsym, fval = derivative(ctx, k, i)
        out, tgt = nt.out(k, i), nt.target(i)
        chain = (k == net.output_index and loss.name == "half_sse" and fval is not None
                 and loss.fused_with != layer.activation.name)
        if chain:
            y_hat = p.a[k][s, i]
            lines.append(Line(ctx.cap("Gradient"), equation(
                nt.grad(w_sym), f"∂{nt.error()}/∂{out} · ∂{out}/∂{nt.net_(k, i)} · ∂{nt.net_(k, i)}/∂{w_sym}",
                f"({out} − {tgt}) · {fsym} · {x_sym}",
                product([y_hat - p.y[s, i], fval, x], ctx.digits), ctx.n(g))))
        else:
            lines.append(Line(ctx.cap("Gradient"), equation(
                nt.grad(w_sym), f"{nt.delta(k, i)} · {x_sym}", product([d, x], ctx.digits), ctx.n(g))))
    if j is None:
        gb = p.grad_b[k][i]
        if nt.thresholds:
            lines.append(Line(ctx.cap("Gradient"), equation(nt.grad(nt.b(k, i)), nt.delta(k, i), ctx.n(-gb))))
        else:
            lines.append(Line(ctx.cap("Gradient"), equation(nt.grad(nt.b(k, i)), nt.delta(k, i), ctx.n(gb))))
    return lines


def update_lines(ctx, k: int, i: int, j: int | None) -> list[Line]:
    """The update of weight (i, j) (and of the bias when a neuron is in focus)."""
    lines = _weight_update(ctx, k, i, 0 if j is None else j)
    if j is None:
        lines += _bias_update(ctx, k, i)
    return lines


def _before(ctx, k: int) -> tuple | None:
    before = ctx.session.parameters_before_update()
    if before is None:
        return None
    q = [layer.index for layer in ctx.net.dense].index(k)
    return before[2 * q], before[2 * q + 1]


def _weight_update(ctx, k: int, i: int, j: int) -> list[Line]:
    nt, layer = ctx.notation, ctx.net.layers[k]
    sym, new = nt.w(k, i, j), layer.W[i, j]
    if not layer.train_weights:
        return [Line(ctx.cap("Update"), f"{sym} = {ctx.n(new)} " + caption("(frozen: not trained)"))]
    before = _before(ctx, k)
    if before is None:
        return [Line(ctx.cap("Update"), f"{sym} = {ctx.n(new)}")]
    old, g = before[0][i, j], ctx.p.grad_W[k][i, j]
    zhou = _zhou_weight(ctx, k, i, j) if nt.thresholds else None
    return [_update_line(ctx, sym, old, new, g, zhou, weight=True)]


def _bias_update(ctx, k: int, i: int) -> list[Line]:
    nt, layer = ctx.notation, ctx.net.layers[k]
    sym = nt.b(k, i)
    sign = -1.0 if nt.thresholds else 1.0
    new = sign * layer.b[i]
    if not layer.train_bias:
        note = caption("(frozen: not trained, as in Mazur's post)") if nt.key == "mazur" else caption(
            "(frozen: not trained)")
        return [Line(ctx.cap("Update"), f"{sym} = {ctx.n(new)} {note}")]
    before = _before(ctx, k)
    if before is None:
        return [Line(ctx.cap("Update"), f"{sym} = {ctx.n(new)}")]
    old, g = sign * before[1][i], sign * ctx.p.grad_b[k][i]
    zhou = None
    if nt.thresholds:  # Δθ_j = −η g_j (g = −δ), i.e. −η · ∂E/∂θ
        zhou = (f"−η {nt.delta(k, i)}", [-ctx.trainer.learning_rate, -ctx.p.grad_b[k][i]])
    return [_update_line(ctx, sym, old, new, g, zhou)]


def _zhou_weight(ctx, k: int, i: int, j: int):
    """Zhou's Δw_hj = η g_j b_h (or Δv_ih = η e_h x_i): the symbols and factors (m = 1 view)."""
    nt = ctx.notation
    eta = ctx.trainer.learning_rate
    return f"η {nt.delta(k, i)} {nt.x(k, j)}", [eta, -ctx.p.delta[k][ctx.s, i], ctx.p.x_in[k][ctx.s, j]]


def _update_line(ctx, sym: str, old: float, new: float, g: float, zhou, weight: bool = False) -> Line:
    """w⁺ = w − η·∂E/∂w (plain SGD; Zhou's Δ form with thresholds), w⁺ = (1 − ηλ/n)·w − η·∂E/∂w
    (SGD with L2 on this parameter), else w⁺ = w + Δw."""
    settings = ctx.trainer.optimizer.settings
    eta = settings.learning_rate
    delta = new - old
    decays = _decaying_sgd(settings) and (weight or settings.regularize_bias)
    plain = _plain_sgd(settings) or (_decaying_sgd(settings) and not decays)  # a bias L2 leaves alone
    if decays:
        decay = settings.weight_decay
        html = equation(f"{sym}<sup>+</sup>", f"(1 − η·λ/n) · {sym} − η · {ctx.notation.grad(sym)}",
                        f"(1 − {factor(eta, ctx.digits)} × {factor(decay, ctx.digits)}) × {factor(old, ctx.digits)}"
                        f" − {factor(eta, ctx.digits)} × {factor(g, ctx.digits)}", ctx.n(new),
                        note="<span style='color:#777'>(" + caption("L2: weight_decay = λ/n = %1").replace(
                            "%1", factor(decay, ctx.digits)) + ")</span>")
    elif plain and len(ctx.p.x) == 1 and zhou:
        dsym, factors = zhou
        html = equation(f"Δ{sym}", dsym, product(factors, ctx.digits), ctx.n(delta))
        html += equation(f"{sym}<sup>+</sup>", f"{sym} + Δ{sym}", f"{ctx.n(old)} + {factor(delta, ctx.digits)}",
                         ctx.n(new))
    elif plain:
        html = equation(f"{sym}<sup>+</sup>", f"{sym} − η · {ctx.notation.grad(sym)}",
                        f"{ctx.n(old)} − {factor(eta, ctx.digits)} × {factor(g, ctx.digits)}", ctx.n(new))
    else:
        html = equation(f"{sym}<sup>+</sup>", f"{sym} + Δ{sym}", f"{ctx.n(old)} + {factor(delta, ctx.digits)}",
                        ctx.n(new), note=f"<span style='color:#777'>({settings.type})</span>")
    return Line(ctx.cap("Update"), html)
