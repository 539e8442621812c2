"""The network as arrays: the *activation rule* z = W·a + b, a = f(z), and its backward pass.

Batch-major layout: a batch of m samples is an ``(m, units)`` array, one row per sample, so
``z = a_in @ W.T + b`` computes Nielsen's ``w·a + b`` for every sample at once. ``W`` has one row
per neuron of the layer and one column per neuron feeding it.

The backward pass is split into the same small phases a student steps through:
``forward(k)`` → ``error()`` → ``backward(k)`` (δ) → ``gradients(k)``. A :class:`Pass` holds the
values of each phase so that every intermediate number can be inspected.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .activations import Activation, get_activation
from .initializers import init_bias, init_weights
from .losses import Loss
from .spec import LayerSpec, NetworkSpec, validate

#: :meth:`Network.predict` computes the outputs this many samples at a time
PREDICT_CHUNK = 4096


@dataclass
class DenseLayer:
    """A dense layer's parameters and wiring.

    Attributes
    ----------
    W : ndarray, shape (units, fan_in)
    b : ndarray, shape (units,)
    sources : list of int
        Indices (into ``Network.layers``) of the layers feeding it, concatenated in this order.
    slices : list of slice
        The columns of ``W`` that belong to each source.
    """

    id: str
    index: int
    units: int
    activation: Activation
    W: np.ndarray
    b: np.ndarray
    sources: list[int]
    slices: list[slice]
    train_weights: bool = True
    train_bias: bool = True
    consumers: list[tuple[int, slice]] = field(default_factory=list)


@dataclass
class InputLayer:
    id: str
    index: int
    units: int
    columns: slice  # which columns of the data's input vector feed this layer
    consumers: list[tuple[int, slice]] = field(default_factory=list)


class Pass:
    """The numbers of one forward/backward pass over a batch, layer by layer (index = layer index).

    ``a[k]`` (m, units) activations; ``z[k]`` (m, units) weighted inputs; ``x_in[k]`` the
    concatenated inputs of a dense layer (m, fan_in); ``delta[k]`` (m, units) each sample's
    ∂E_k/∂z; ``grad_W[k]`` (units, fan_in) and ``grad_b[k]`` (units,) the batch-mean gradients.
    """

    def __init__(self, n_layers: int):
        self.x: np.ndarray | None = None
        self.y: np.ndarray | None = None
        self.z: list[np.ndarray | None] = [None] * n_layers
        self.a: list[np.ndarray | None] = [None] * n_layers
        self.x_in: list[np.ndarray | None] = [None] * n_layers
        self.delta: list[np.ndarray | None] = [None] * n_layers
        self.grad_W: list[np.ndarray | None] = [None] * n_layers
        self.grad_b: list[np.ndarray | None] = [None] * n_layers
        self.loss: float | None = None
        self.loss_fn: Loss | None = None
        self.y_hat: np.ndarray | None = None  # the output layer's a, kept by the error phase

    @property
    def sample_losses(self) -> np.ndarray | None:
        """(m,) each sample's loss, computed on demand after the error phase."""
        if self.loss_fn is None or self.y_hat is None:
            return None
        return self.loss_fn.per_sample(self.y_hat, self.y)


class Network:
    """A network built from a :class:`NetworkSpec`; parameters missing from the spec are drawn by
    each layer's initialiser from ``rng``.

    ``layers`` follow the topological order (inputs first, output last).
    """

    def __init__(self, spec: NetworkSpec, rng: np.random.Generator | None = None):
        order = validate(spec)
        rng = rng if rng is not None else np.random.default_rng(0)
        self.output_id = spec.output
        by_id = {layer.id: layer for layer in spec.layers}
        self.layers: list[DenseLayer | InputLayer] = []
        index: dict[str, int] = {}
        column = 0
        for layer_id in order:
            ls = by_id[layer_id]
            k = len(self.layers)
            index[layer_id] = k
            if ls.type == "input":
                self.layers.append(InputLayer(ls.id, k, ls.units, slice(column, column + ls.units)))
                column += ls.units
            else:
                self.layers.append(self._build_dense(ls, k, index, rng))
        self.n_inputs = column
        self.index = index
        self.output_index = index[spec.output]
        for layer in self.layers:
            if isinstance(layer, DenseLayer):
                for src, sl in zip(layer.sources, layer.slices):
                    self.layers[src].consumers.append((layer.index, sl))
        self.dense = [layer for layer in self.layers if isinstance(layer, DenseLayer)]
        self.inputs = [layer for layer in self.layers if isinstance(layer, InputLayer)]
        self._spec = spec.copy()

    def _build_dense(self, ls: LayerSpec, k: int, index: dict[str, int], rng) -> DenseLayer:
        sources = [index[src] for src in ls.inputs]
        slices, start = [], 0
        for src in sources:
            units = self.layers[src].units
            slices.append(slice(start, start + units))
            start += units
        W = ls.weights.copy() if ls.weights is not None else init_weights(ls.init, rng, ls.units, start, *ls.init_range)
        b = ls.bias.copy() if ls.bias is not None else init_bias(ls.init, rng, ls.units, *ls.init_range)
        return DenseLayer(ls.id, k, ls.units, get_activation(ls.activation), W, b, sources, slices,
                          ls.train_weights, ls.train_bias)

    # ------------------------------------------------------------------ parameters

    def layer(self, layer_id: str) -> DenseLayer | InputLayer:
        return self.layers[self.index[layer_id]]

    def dense_layer(self, key: str | int) -> DenseLayer:
        """The dense layer with id ``key`` (or at index ``key``); ``KeyError`` for an input layer."""
        layer = self.layers[self.index[key] if isinstance(key, str) else key]
        if not isinstance(layer, DenseLayer):
            raise KeyError(f"{layer.id!r} is an input layer: it has no weights")
        return layer

    def parameter_count(self) -> int:
        return sum(layer.W.size + layer.b.size for layer in self.dense)

    def set_dtype(self, dtype) -> None:
        """Hold every parameter as ``dtype`` (float64 or float32; values rounded once to it)."""
        for layer in self.dense:
            if layer.W.dtype != dtype:
                layer.W, layer.b = layer.W.astype(dtype), layer.b.astype(dtype)

    def get_parameters(self) -> list[np.ndarray]:
        """Copies of every parameter array: W, b of each dense layer in order."""
        return [p.copy() for layer in self.dense for p in (layer.W, layer.b)]

    def set_parameters(self, params: list[np.ndarray]) -> None:
        """Copy ``params`` (as from :meth:`get_parameters`) into the layers, in place."""
        it = iter(params)
        for layer in self.dense:
            layer.W[...] = next(it)
            layer.b[...] = next(it)

    def to_spec(self) -> NetworkSpec:
        """The description with the current weights written in (explicit values)."""
        spec = self._spec.copy()
        for layer in self.dense:
            ls = spec.layer(layer.id)
            ls.weights = layer.W.copy()
            ls.bias = layer.b.copy()
        return spec

    # ------------------------------------------------------------------ the phases

    def load_input(self, p: Pass, x: np.ndarray, y: np.ndarray | None = None) -> None:
        """Phase 0: place the batch ``x`` (m, n_inputs) on the input layers."""
        p.x, p.y = x, y
        for layer in self.inputs:
            p.a[layer.index] = x[:, layer.columns] if len(self.inputs) > 1 else x

    def forward(self, p: Pass, k: int) -> None:
        """Forward through dense layer ``k``: z = a_in·Wᵀ + b, a = f(z)."""
        layer = self.layers[k]
        assert isinstance(layer, DenseLayer)
        if len(layer.sources) == 1:
            x_in = p.a[layer.sources[0]]
        else:
            x_in = np.concatenate([p.a[s] for s in layer.sources], axis=1)
        z = x_in @ layer.W.T
        z += layer.b
        p.x_in[k] = x_in
        p.z[k] = z
        p.a[k] = layer.activation.f(z)

    def error(self, p: Pass, loss: Loss) -> float:
        """Compute the loss of the batch (mean over samples) and keep each sample's loss."""
        p.loss_fn = loss
        p.y_hat = p.a[self.output_index]
        p.loss = loss.value(p.y_hat, p.y)
        return p.loss

    def backward(self, p: Pass, k: int, loss: Loss) -> None:
        """δ of layer ``k`` for each sample: ∂E_k/∂z.

        Output layer: δ = ∂E/∂ŷ ⊙ f′(z) (or ŷ − y when the loss is fused with the activation).
        Hidden layer: δ = (Σ_consumers δ_c·W_c) ⊙ f′(z) — the extra sum of the lesson.
        """
        layer = self.layers[k]
        assert isinstance(layer, DenseLayer)
        if k == self.output_index:
            y_hat = p.a[k]
            if loss.fused_with == layer.activation.name:
                p.delta[k] = y_hat - p.y
                return
            grad_a = loss.grad(y_hat, p.y)
        else:
            grad_a = None
            for c, sl in layer.consumers:
                part = p.delta[c] @ self.dense_layer(c).W[:, sl]
                grad_a = part if grad_a is None else grad_a + part
        p.delta[k] = layer.activation.backward(p.z[k], p.a[k], grad_a)

    def gradients(self, p: Pass, k: int) -> None:
        """∂E/∂W = (1/m) δᵀ·a_in and ∂E/∂b = (1/m) Σ δ, the batch means."""
        delta = p.delta[k]
        m = delta.shape[0]
        if m == 1:
            p.grad_W[k] = delta.T @ p.x_in[k]
            p.grad_b[k] = delta[0].copy()
        else:
            scaled = delta.T * (1.0 / m)  # scale the small δ, not the large ∂E/∂W
            p.grad_W[k] = scaled @ p.x_in[k]
            p.grad_b[k] = np.add.reduce(scaled, axis=1)  # .sum(axis=1) without its Python wrapper

    # ------------------------------------------------------------------ whole passes

    def run_forward(self, p: Pass, x: np.ndarray) -> np.ndarray:
        self.load_input(p, x)
        for layer in self.dense:
            self.forward(p, layer.index)
        return p.a[self.output_index]

    def run_backward(self, p: Pass, loss: Loss) -> None:
        for layer in reversed(self.dense):
            self.backward(p, layer.index, loss)
            self.gradients(p, layer.index)

    def predict(self, x: np.ndarray, batch: int = PREDICT_CHUNK) -> np.ndarray:
        """The network's output for ``x`` (m, n_inputs) → (m, outputs), in chunks."""
        x = np.asarray(x)
        if x.dtype.kind != "f":  # numbers of another kind: as float64 (float32 stays float32)
            x = x.astype(float)
        if x.ndim == 1:
            x = x[None, :]
        out = []
        for start in range(0, x.shape[0], batch):
            out.append(self.run_forward(Pass(len(self.layers)), x[start:start + batch]).copy())
        if not out:
            return np.zeros((0, self.layers[self.output_index].units), dtype=x.dtype)
        return np.concatenate(out, axis=0)

    def forward_all(self, x: np.ndarray, dtype=np.float64, chunk: int = 1024) -> list[np.ndarray | None]:
        """Every layer's activations for ``x`` (m, n_inputs), computed in ``dtype`` (float32 is
        plenty for a picture and about twice as fast) in blocks of ``chunk`` rows (small products
        stay on one BLAS thread: on a busy 2-core machine OpenBLAS's spinning threads made big
        ones 10-30x slower). Returns a list indexed like ``layers`` of (m, units) arrays, None
        for the input layers. The same rule as :meth:`forward`: z = a_in·Wᵀ + b, a = f(z)."""
        params = {layer.index: (layer.W.T.astype(dtype), layer.b.astype(dtype)) for layer in self.dense}
        out: list[np.ndarray | None] = [None] * len(self.layers)
        for layer in self.dense:
            out[layer.index] = np.empty((len(x), layer.units), dtype=dtype)
        x = np.asarray(x, dtype=dtype)
        for start in range(0, len(x), chunk):
            block = x[start:start + chunk]
            a = {layer.index: (block[:, layer.columns] if len(self.inputs) > 1 else block) for layer in self.inputs}
            for layer in self.dense:
                parts = [a[s] for s in layer.sources]
                x_in = parts[0] if len(parts) == 1 else np.concatenate(parts, axis=1)
                Wt, b = params[layer.index]
                z = x_in @ Wt
                z += b
                a[layer.index] = out[layer.index][start:start + len(block)] = layer.activation.f(z)
        return out

    def loss_and_gradients(self, x: np.ndarray, y: np.ndarray, loss: Loss) -> Pass:
        """One full forward and backward pass over the batch; returns the :class:`Pass`."""
        p = Pass(len(self.layers))
        self.run_forward(p, x)
        p.y = y
        self.error(p, loss)
        self.run_backward(p, loss)
        return p
