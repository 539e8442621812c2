"""The classic slips of backpropagation, each recomputed so that a wrong answer can be named.

:func:`candidates` returns ``(code, value)`` pairs for one question, in the notation's convention
(see :func:`.practice_question.shown`), most telling first. The codes (``docs/api.md``):

- ``missing_derivative``: f′(z) left out (δ = ŷ − y for a sigmoid output under ½Σ(ŷ − y)²);
- ``sign``: ŷ − y against y − ŷ, or w + ηg for w − ηg (in Zhou's notation g_j = −δ, so Nielsen's
  δ given for g_j is this slip);
- ``updated_weight``: a hidden δ through output weights that were already updated (Mazur's pitfall);
- ``missing_sum``: a hidden δ with only one output's term, or a loss with one output's term;
- ``missing_learning_rate``: the update without η;
- ``z_for_a`` / ``a_for_z``: the net input where the activation belongs, or the reverse;
- ``missing_batch_mean``: the 1/m of a mini-batch forgotten;
- ``wrong_layer``: ∂E/∂w with this layer's activation instead of the previous layer's, or f′ in δ
  taken at the previous (or next) layer's activation instead of this layer's.
"""

from __future__ import annotations

import numpy as np

from .practice_question import Question, Worked, shown


def candidates(w: Worked, q: Question, notation: str = "nielsen") -> list[tuple[str, float]]:
    """Each slip's value for question ``q`` (slips that do not apply are left out)."""
    if q.quantity == "loss":
        return _loss(w)
    k = w.network.index[q.layer_id]
    i = int(q.index[0])
    if q.quantity in ("z", "a"):
        return _forward(w, q, k, i, notation)
    if q.quantity == "delta":
        return [(code, shown(w, q, float(column[w.s]), notation)) for code, column in _delta_columns(w, k, i)]
    if q.quantity in ("grad_w", "grad_b"):
        return [(code, shown(w, q, value, notation)) for code, value in _gradients(w, q, k, i)]
    return [(code, shown(w, q, value, notation)) for code, value in _updates(w, q, k, i)]


# ---------------------------------------------------------------------- forward and loss

def _source_z(w: Worked, k: int) -> np.ndarray | None:
    """The layer's inputs with every dense source's activation replaced by its net input z."""
    net, p = w.network, w.pass_
    layer = net.layers[k]
    if not any(src in {d.index for d in net.dense} for src in layer.sources):
        return None
    parts = [p.z[src] if p.z[src] is not None else p.a[src] for src in layer.sources]
    return np.concatenate(parts, axis=1) if len(parts) > 1 else parts[0]


def _forward(w: Worked, q: Question, k: int, i: int, notation: str) -> list[tuple[str, float]]:
    p, s, layer = w.pass_, w.s, w.network.layers[k]
    if q.quantity == "a":
        return [("z_for_a", float(p.z[k][s, i]))]
    out = [("a_for_z", float(p.a[k][s, i]))]  # the activation given for the net input
    z_in = _source_z(w, k)
    if z_in is not None:
        z = float(z_in[s] @ layer.W[i] + layer.b[i])
        out.append(("z_for_a", shown(w, q, z, notation)))
    return out


def _loss(w: Worked) -> list[tuple[str, float]]:
    p, trainer = w.pass_, w.trainer
    loss, y, y_hat = trainer.loss, p.y, p.y_hat
    out = []
    k = w.network.output_index
    out.append(("z_for_a", float(loss.value(p.z[k], y))))
    if w.m > 1:
        out.append(("missing_batch_mean", float(np.sum(p.sample_losses))))
    if loss.name == "half_sse" and y.shape[1] > 1:
        for j in range(y.shape[1]):
            out.append(("missing_sum", float(np.mean(0.5 * (y_hat[:, j] - y[:, j]) ** 2))))
    return out


# ---------------------------------------------------------------------- δ

def _upstream(w: Worked, k: int, i: int, weights=None) -> np.ndarray:
    """∂E/∂a of unit ``i`` of hidden layer ``k`` for every sample: Σ_c δ_c · W_c."""
    net, p = w.network, w.pass_
    total = np.zeros(w.m)
    for c, sl in net.layers[k].consumers:
        Wc = net.layers[c].W if weights is None else weights[c]
        total = total + p.delta[c] @ Wc[:, sl.start + i]
    return total


def _terms(w: Worked, k: int, i: int) -> list[np.ndarray]:
    """Each output's term δ_c,o · W_c[o, i] of a hidden unit's sum, per sample."""
    net, p = w.network, w.pass_
    return [p.delta[c][:, o] * net.layers[c].W[o, sl.start + i]
            for c, sl in net.layers[k].consumers for o in range(net.layers[c].units)]


def _neighbour_activations(w: Worked, k: int, i: int) -> list[np.ndarray]:
    """Unit ``i``'s activation in the previous layer and in the next one (where the layer has one
    such neighbour with a unit ``i``), for f′ taken at the wrong layer: out_h1(1 − out_h1) written
    for ∂out_o1/∂net_o1, or the reverse."""
    net, p = w.network, w.pass_
    layer = net.layers[k]
    neighbours = list(layer.sources) if len(layer.sources) == 1 else []
    if len(layer.consumers) == 1:
        neighbours.append(layer.consumers[0][0])
    return [p.a[n][:, i] for n in neighbours if p.a[n] is not None and p.a[n].shape[1] > i]


def _delta_columns(w: Worked, k: int, i: int) -> list[tuple[str, np.ndarray]]:
    """Each slip's δ of unit ``i`` of layer ``k``, for every sample of the batch (Nielsen's sign)."""
    net, p, trainer = w.network, w.pass_, w.trainer
    layer, loss = net.layers[k], trainer.loss
    z, a, delta = p.z[k][:, i], p.a[k][:, i], p.delta[k][:, i]
    out = [("sign", -delta)]
    act = layer.activation
    if not act.elementwise:
        return out
    derivative = act.df(z, a)
    wrong_derivative = act.df(z, z)  # f′ evaluated with z where a belongs: z(1 − z) for a sigmoid
    if k == net.output_index:
        if loss.fused_with == act.name:
            return out
        grad_a = loss.grad(p.y_hat, p.y)[:, i]
        out += [("missing_derivative", grad_a), ("z_for_a", grad_a * wrong_derivative)]
        out += [("wrong_layer", grad_a * act.df(column, column)) for column in _neighbour_activations(w, k, i)]
        return out
    grad_a = _upstream(w, k, i)
    out += [("missing_derivative", grad_a), ("z_for_a", grad_a * wrong_derivative)]
    out += [("wrong_layer", grad_a * act.df(column, column)) for column in _neighbour_activations(w, k, i)]
    updated = {c: w.new[c][0] for c, _ in layer.consumers}
    out.append(("updated_weight", _upstream(w, k, i, updated) * derivative))
    terms = _terms(w, k, i)
    if len(terms) > 1:
        out += [("missing_sum", term * derivative) for term in terms]
    return out


# ---------------------------------------------------------------------- gradients and updates

def _gradients(w: Worked, q: Question, k: int, i: int) -> list[tuple[str, float]]:
    p, m = w.pass_, w.m
    delta = p.delta[k][:, i]
    if q.quantity == "grad_b":
        g = float(np.mean(delta))
        out = [("sign", -g)]
        if m > 1:
            out.append(("missing_batch_mean", m * g))
        out += [(code, float(np.mean(column))) for code, column in _delta_columns(w, k, i) if code != "sign"]
        return out
    j = int(q.index[1])
    x = p.x_in[k][:, j]
    g = float(np.mean(delta * x))
    out = [("sign", -g)]
    if m > 1:
        out.append(("missing_batch_mean", m * g))
    out += [(code, float(np.mean(column * x))) for code, column in _delta_columns(w, k, i) if code != "sign"]
    out.append(("wrong_layer", float(np.mean(delta * p.a[k][:, i]))))
    z_in = _source_z(w, k)
    if z_in is not None:
        out.append(("z_for_a", float(np.mean(delta * z_in[:, j]))))
    return out


def _plain_sgd(settings) -> bool:
    return settings.type == "sgd" and not settings.momentum and not settings.weight_decay and not settings.l1


def _updates(w: Worked, q: Question, k: int, i: int) -> list[tuple[str, float]]:
    layer, trainer = w.network.layers[k], w.trainer
    if q.quantity == "new_w":
        j = int(q.index[1])
        old, new = float(layer.W[i, j]), float(w.new[k][0][i, j])
        gradient = Question("grad_w", q.layer_id, (i, j))
        g = float(w.pass_.grad_W[k][i, j])
    else:
        old, new = float(layer.b[i]), float(w.new[k][1][i])
        gradient = Question("grad_b", q.layer_id, (i,))
        g = float(w.pass_.grad_b[k][i])
    out = [("sign", old - (new - old))]
    settings = trainer.optimizer.settings
    if not _plain_sgd(settings):
        return out
    eta = settings.learning_rate
    out.append(("missing_learning_rate", old - g))
    out += [(code, old - eta * value) for code, value in _gradients(w, gradient, k, i) if code != "sign"]
    return out
