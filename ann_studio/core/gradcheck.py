"""Gradient checking by central finite differences: the independent oracle for backpropagation.

∂E/∂θ ≈ (E(θ + h) − E(θ − h)) / 2h for each parameter θ, compared with the analytic gradient.
The GUI's "check this gradient" uses :func:`check_parameter` for one weight or bias.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .losses import Loss
from .network import Network, Pass


@dataclass
class GradCheck:
    """The numerical and analytic derivative of one parameter and their relative error."""

    layer: str
    kind: str  # "W" or "b"
    index: tuple[int, ...]
    numerical: float
    analytic: float

    @property
    def relative_error(self) -> float:
        denom = max(abs(self.numerical), abs(self.analytic))
        return 0.0 if denom == 0 else abs(self.numerical - self.analytic) / denom


def _batch_loss(net: Network, x: np.ndarray, y: np.ndarray, loss: Loss) -> float:
    p = Pass(len(net.layers))
    net.run_forward(p, x)
    return loss.value(p.a[net.output_index], y)


def numerical_derivative(net: Network, x, y, loss: Loss, array: np.ndarray, index, h: float = 1e-6) -> float:
    """Central difference of the batch loss with respect to ``array[index]`` (restored afterwards)."""
    old = array[index]
    array[index] = old + h
    plus = _batch_loss(net, x, y, loss)
    array[index] = old - h
    minus = _batch_loss(net, x, y, loss)
    array[index] = old
    return (plus - minus) / (2 * h)


def check_parameter(net: Network, x, y, loss: Loss, layer_id: str, kind: str, index, h: float = 1e-6) -> GradCheck:
    """Compare ∂E/∂(W or b)[index] of layer ``layer_id`` computed both ways."""
    layer = net.dense_layer(layer_id)
    p = net.loss_and_gradients(x, y, loss)
    analytic = (p.grad_W if kind == "W" else p.grad_b)[layer.index][index]
    array = layer.W if kind == "W" else layer.b
    numerical = numerical_derivative(net, x, y, loss, array, index, h)
    return GradCheck(layer_id, kind, tuple(np.atleast_1d(index)), numerical, float(analytic))


def check_all(net: Network, x, y, loss: Loss, h: float = 1e-6) -> list[GradCheck]:
    """Every parameter of every dense layer (fine for small networks)."""
    p = net.loss_and_gradients(x, y, loss)  # one backward pass serves every parameter
    out = []
    for layer in net.dense:
        for kind, array, grads in (("W", layer.W, p.grad_W), ("b", layer.b, p.grad_b)):
            for index in np.ndindex(array.shape):
                numerical = numerical_derivative(net, x, y, loss, array, index, h)
                out.append(GradCheck(layer.id, kind, tuple(index), numerical, float(grads[layer.index][index])))
    return out


def max_relative_error(checks: list[GradCheck]) -> float:
    return max((c.relative_error for c in checks), default=0.0)
