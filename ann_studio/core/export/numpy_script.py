"""Export a project as a standalone Python 3 + NumPy script in the style of the lesson's listing
(Michael Nielsen's ``network.py``): ``Network(sizes)``, ``feedforward``, ``backprop``, ``SGD``,
``update_mini_batch``, ``evaluate``.

The script performs the very same floating-point operations, in the same order, as the engine
(:mod:`ann_studio.core.network`, :mod:`~ann_studio.core.trainer`,
:mod:`~ann_studio.core.optimizers`), so running it reproduces the app's training numbers. A chain
of layers is written as Nielsen's ``Network(sizes)``; a graph with concatenating merges gets a
``Network`` that walks the layers in order instead, with the same methods.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import numpy as np

from ..network import DenseLayer, InputLayer, Network
from ..optimizers import OptimizerSettings
from .literals import array_literal, comment_text, number

#: Above this many data values the data goes to a ``.npz`` file beside the script.
MAX_INLINE_VALUES = 2_000_000

# ----------------------------------------------------------------------------- code pieces

_ACTIVATION_CODE = {
    "sigmoid": '''def sigmoid(z):
    """σ(z) = 1 / (1 + e^−z), computed as ½(1 + tanh(z/2)), which never overflows."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def sigmoid_prime(z, a):
    """σ′(z) = σ(z)(1 − σ(z)); ``a`` is σ(z), already computed in the forward pass."""
    return a * (1.0 - a)
''',
    "tanh": '''def tanh(z):
    return np.tanh(z)


def tanh_prime(z, a):
    """tanh′(z) = 1 − tanh²(z)."""
    return 1.0 - a * a
''',
    "relu": '''def relu(z):
    return np.maximum(z, 0.0)


def relu_prime(z, a):
    return (z > 0).astype(z.dtype)
''',
    "leaky_relu": '''def leaky_relu(z):
    return np.where(z > 0, z, 0.01 * z)


def leaky_relu_prime(z, a):
    return np.where(z > 0, 1.0, 0.01)
''',
    "elu": '''def elu(z):
    return np.where(z > 0, z, 1.0 * np.expm1(np.minimum(z, 0.0)))


def elu_prime(z, a):
    return np.where(z > 0, 1.0, a + 1.0)
''',
    "softplus": '''def softplus(z):
    """ln(1 + e^z), without overflow."""
    return np.logaddexp(0.0, z)


def softplus_prime(z, a):
    """softplus′(z) = σ(z)."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))
''',
    "linear": '''def linear(z):
    return z


def linear_prime(z, a):
    return np.ones_like(z)
''',
    "softmax": '''def softmax(z):
    """e^{z_i} / Σ_k e^{z_k} for each row (sample), shifted by the row maximum against overflow."""
    shifted = z - np.max(z, axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=1, keepdims=True)
''',
}

_BACKWARD = '''def activation_backward(name, z, a, grad_a):
    """∂E/∂z from ∂E/∂a for the activation ``name``: ∂E/∂a ⊙ f′(z) for the element-wise ones{softmax_note}."""
{softmax_branch}    return grad_a * PRIMES[name](z, a)
'''

_SOFTMAX_BRANCH = '''    if name == "softmax":
        return a * (grad_a - np.sum(grad_a * a, axis=1, keepdims=True))
'''

_COSTS = {
    "half_sse": '''class HalfSSE:
    """The lesson's cost: E = ½ Σ_j (ŷ_j − y_j)² for each sample."""

    @staticmethod
    def fn(a, y):
        d = a - y
        return 0.5 * np.einsum("ij,ij->i", d, d)  # Σ_j d_j² for each row

    @staticmethod
    def delta(activation, z, a, y):
        """δ of the output layer: ∂E/∂ŷ ⊙ f′(z), with ∂E/∂ŷ = ŷ − y."""
        return activation_backward(activation, z, a, a - y)
''',
    "mse": '''class MSE:
    """Mean squared error: E = (1/l) Σ_j (ŷ_j − y_j)² for each sample (l outputs)."""

    @staticmethod
    def fn(a, y):
        d = a - y
        return np.einsum("ij,ij->i", d, d) / d.shape[1]

    @staticmethod
    def delta(activation, z, a, y):
        return activation_backward(activation, z, a, 2.0 * (a - y) / a.shape[1])
''',
    "binary_cross_entropy": '''class BinaryCrossEntropy:
    """E = −Σ_j [y_j ln ŷ_j + (1 − y_j) ln(1 − ŷ_j)] for each sample."""

    @staticmethod
    def fn(a, y):
        p = np.clip(a, EPS, 1.0 - EPS)
        return -np.sum(y * np.log(p) + (1.0 - y) * np.log1p(-p), axis=1)

    @staticmethod
    def delta(activation, z, a, y):
        if activation == "sigmoid":
            return a - y  # with a sigmoid output, ∂E/∂z simplifies to ŷ − y
        p = np.clip(a, EPS, 1.0 - EPS)
        return activation_backward(activation, z, a, (p - y) / (p * (1.0 - p)))
''',
    "cross_entropy": '''class CrossEntropy:
    """E = −Σ_j y_j ln ŷ_j for each sample."""

    @staticmethod
    def fn(a, y):
        return -np.sum(y * np.log(np.clip(a, EPS, None)), axis=1)

    @staticmethod
    def delta(activation, z, a, y):
        if activation == "softmax":
            return a - y  # with a softmax output, ∂E/∂z simplifies to ŷ − y
        return activation_backward(activation, z, a, -y / np.clip(a, EPS, None))
''',
}
_COST_CLASS = {"half_sse": "HalfSSE", "mse": "MSE", "binary_cross_entropy": "BinaryCrossEntropy",
               "cross_entropy": "CrossEntropy"}

_REGULARISE = '''
    def regularised(self, p, g):
        """Add the weight-decay (L2) and L1 terms to the gradient, as torch.optim does."""
{body}        return g
'''

_OPTIMIZERS = {
    "plain": '''class GradientDescent:
    """The lesson's learning rule: w ← w − η ∂E/∂w (∂E/∂w is already the mini-batch mean)."""

    def __init__(self, eta):
        self.eta = eta

    def step(self, params, grads):
        for p, g in zip(params, grads):
            p -= self.eta * g
''',
    "sgd": '''class GradientDescent:
    """Gradient descent with momentum{nesterov_doc}, as torch.optim.SGD: the first step's buffer is
    the gradient itself, then buf ← μ·buf + g and w ← w − η·{update_doc}."""

    def __init__(self, eta):
        self.eta = eta
        self.momentum = {momentum}
        self.weight_decay = {weight_decay}
        self.l1 = {l1}
        self.buffers = None
{regularise}
    def step(self, params, grads):
        first = self.buffers is None
        if self.momentum and first:
            self.buffers = [np.zeros_like(p) for p in params]
        for i, (p, g) in enumerate(zip(params, grads)):
            g = self.regularised(p, g)
            if self.momentum:
                buf = self.buffers[i]
                if first:
                    buf[...] = g
                else:
                    buf *= self.momentum
                    buf += g
                g = {momentum_g}
            p -= self.eta * g
''',
    "rmsprop": '''class RMSprop:
    """RMSprop as torch.optim.RMSprop: s ← α·s + (1 − α)·g², w ← w − η·g / (√s + ε)."""

    def __init__(self, eta):
        self.eta = eta
        self.alpha = {alpha}
        self.eps = {eps}
        self.weight_decay = {weight_decay}
        self.l1 = {l1}
        self.square_avg = None
{regularise}
    def step(self, params, grads):
        if self.square_avg is None:
            self.square_avg = [np.zeros_like(p) for p in params]
        for i, (p, g) in enumerate(zip(params, grads)):
            g = self.regularised(p, g)
            sq = self.square_avg[i]
            sq *= self.alpha
            sq += (1.0 - self.alpha) * g * g
            p -= self.eta * g / (np.sqrt(sq) + self.eps)
''',
    "adam": '''class Adam:
    """Adam as torch.optim.Adam: moving averages m (of g) and v (of g²) with bias correction,
    w ← w − η/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)."""

    def __init__(self, eta):
        self.eta = eta
        self.beta1, self.beta2 = {beta1}, {beta2}
        self.eps = {eps}
        self.weight_decay = {weight_decay}
        self.l1 = {l1}
        self.t = 0
        self.m = None
        self.v = None
{regularise}
    def step(self, params, grads):
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        self.t += 1
        bc1 = 1.0 - self.beta1 ** self.t
        bc2_sqrt = np.sqrt(1.0 - self.beta2 ** self.t)
        step_size = self.eta / bc1
        for i, (p, g) in enumerate(zip(params, grads)):
            g = self.regularised(p, g)
            m, v = self.m[i], self.v[i]
            m *= self.beta1
            m += (1.0 - self.beta1) * g
            v *= self.beta2
            v += (1.0 - self.beta2) * g * g
            denom = np.sqrt(v)
            denom /= bc2_sqrt
            denom += self.eps
            p -= step_size * (m / denom)
''',
}

_CHAIN_NETWORK = '''class Network:
    """A chain of fully connected layers: Nielsen's ``Network(sizes)``.

    ``sizes`` lists the units of each layer, input first: ``[2, 3, 1]`` is two inputs, three
    hidden units and one output. ``activations`` names the activation of each layer after the
    input. ``weights[k]`` has shape (sizes[k+1], sizes[k]) — one row per neuron of layer k+1, one
    column per neuron feeding it — and ``biases[k]`` shape (sizes[k+1],). ``train_weights[k]`` /
    ``train_bias[k]`` say whether the learning rule may change them.
    """

    def __init__(self, sizes, activations, weights, biases, train_weights=None, train_bias=None):
        self.num_layers = len(sizes)
        self.sizes = sizes
        self.activations = activations
        self.weights = [np.array(w, dtype=float) for w in weights]
        self.biases = [np.array(b, dtype=float) for b in biases]
        self.train_weights = train_weights or [True] * len(self.weights)
        self.train_bias = train_bias or [True] * len(self.biases)

    def feedforward(self, a):
        """The output for a batch ``a`` of shape (m, sizes[0]): a ← f(a·Wᵀ + b), layer by layer."""
        for w, b, f in zip(self.weights, self.biases, self.activations):
            a = FUNCTIONS[f](a @ w.T + b)
        return a

    def backprop(self, x, y):
        """Return ``(nabla_b, nabla_w, cost)`` for the mini-batch ``x`` (m, inputs), ``y``
        (m, outputs): the gradient of the mean cost over the m samples, layer by layer as
        ``self.biases`` and ``self.weights``, and that mean cost."""
        # forward pass: keep every layer's weighted input z and activation
        activation = x
        activations = [x]
        zs = []
        for w, b, f in zip(self.weights, self.biases, self.activations):
            z = activation @ w.T + b
            zs.append(z)
            activation = FUNCTIONS[f](z)
            activations.append(activation)
        cost = mean(COST.fn(activations[-1], y))
        # backward pass: the output layer's error δ first ...
        nabla_b = [None] * len(self.biases)
        nabla_w = [None] * len(self.weights)
        scale = 1.0 / x.shape[0]  # the gradients are means over the mini-batch
        delta = COST.delta(self.activations[-1], zs[-1], activations[-1], y)
        scaled = delta.T * scale  # (units, m): each sample's δ over m
        nabla_b[-1] = scaled.sum(axis=1)
        nabla_w[-1] = scaled @ activations[-2]
        # ... then back through the hidden layers. δ·W sums over every neuron the hidden neuron
        # feeds (the lesson's extra sum) and reuses the layer above's δ: *back*-propagation.
        for l in range(2, self.num_layers):
            grad_a = delta @ self.weights[-l + 1]
            delta = activation_backward(self.activations[-l], zs[-l], activations[-l], grad_a)
            scaled = delta.T * scale
            nabla_b[-l] = scaled.sum(axis=1)
            nabla_w[-l] = scaled @ activations[-l - 1]
        return nabla_b, nabla_w, cost
'''

_GRAPH_NETWORK = '''class Network:
    """Fully connected layers wired as a directed acyclic graph. A layer with several inputs
    concatenates them, in the order listed, before its weights.

    ``input_layers``: ``(name, units)`` of each input layer; they take the data's input columns in
    this order. ``layers``: ``(name, activation, inputs)`` of each dense layer, every layer after
    its inputs; the last one is the output. ``weights[k]`` has shape (units, fan_in) — one row per
    neuron, one column per neuron feeding it, sources concatenated — and ``biases[k]`` (units,).
    """

    def __init__(self, input_layers, layers, weights, biases, train_weights=None, train_bias=None):
        self.input_layers = input_layers
        self.layers = layers
        self.weights = [np.array(w, dtype=float) for w in weights]
        self.biases = [np.array(b, dtype=float) for b in biases]
        self.train_weights = train_weights or [True] * len(self.weights)
        self.train_bias = train_bias or [True] * len(self.biases)
        units = {name: n for name, n in input_layers}
        index = {name: k for k, (name, _, _) in enumerate(layers)}
        for k, (name, _, _) in enumerate(layers):
            units[name] = self.weights[k].shape[0]
        # consumers[k]: (layer c, first column, last column + 1) of each layer c that layer k feeds
        self.consumers = [[] for _ in layers]
        for c, (_, _, sources) in enumerate(layers):
            start = 0
            for src in sources:
                if src in index:
                    self.consumers[index[src]].append((c, start, start + units[src]))
                start += units[src]

    def forward_pass(self, x):
        """Every layer's concatenated input, weighted input z and activation, for a batch x."""
        values = {}
        column = 0
        for name, n in self.input_layers:
            values[name] = x[:, column:column + n] if len(self.input_layers) > 1 else x
            column += n
        x_ins, zs = [], []
        for k, (name, f, sources) in enumerate(self.layers):
            if len(sources) == 1:
                x_in = values[sources[0]]
            else:
                x_in = np.concatenate([values[src] for src in sources], axis=1)
            z = x_in @ self.weights[k].T + self.biases[k]
            values[name] = FUNCTIONS[f](z)
            x_ins.append(x_in)
            zs.append(z)
        return x_ins, zs, values

    def feedforward(self, a):
        """The output for a batch ``a`` of shape (m, inputs)."""
        return self.forward_pass(a)[2][self.layers[-1][0]]

    def backprop(self, x, y):
        """Return ``(nabla_b, nabla_w, cost)`` for the mini-batch ``x``, ``y``: the gradient of
        the mean cost, layer by layer as ``self.biases`` and ``self.weights``, and that cost."""
        x_ins, zs, values = self.forward_pass(x)
        out = len(self.layers) - 1
        a_out = values[self.layers[out][0]]
        cost = mean(COST.fn(a_out, y))
        nabla_b = [None] * len(self.biases)
        nabla_w = [None] * len(self.weights)
        deltas = [None] * len(self.layers)
        scale = 1.0 / x.shape[0]
        for k in reversed(range(len(self.layers))):
            name, f, _ = self.layers[k]
            if k == out:
                deltas[k] = COST.delta(f, zs[k], a_out, y)
            else:
                # the lesson's extra sum: over every neuron this layer feeds, in every consumer
                grad_a = None
                for c, start, stop in self.consumers[k]:
                    part = deltas[c] @ self.weights[c][:, start:stop]
                    grad_a = part if grad_a is None else grad_a + part
                deltas[k] = activation_backward(f, zs[k], values[name], grad_a)
            scaled = deltas[k].T * scale  # (units, m): each sample's δ over m
            nabla_b[k] = scaled.sum(axis=1)
            nabla_w[k] = scaled @ x_ins[k]
        return nabla_b, nabla_w, cost
'''

_COMMON_METHODS = '''
    def update_mini_batch(self, x, y, optimizer):
        """One step of the learning rule on the mini-batch ``x``, ``y``; returns its mean cost."""
        nabla_b, nabla_w, cost = self.backprop(x, y)
        if not np.isfinite(cost):
            raise FloatingPointError("training diverged: the cost is not finite")
        params, grads = [], []
        for k in range(len(self.weights)):
            if self.train_weights[k]:
                params.append(self.weights[k])
                grads.append(nabla_w[k])
            if self.train_bias[k]:
                params.append(self.biases[k])
                grads.append(nabla_b[k])
        optimizer.step(params, grads)
        return cost

    def SGD(self, training_data, epochs, mini_batch_size, eta, test_data=None, steps=None, report=None):
        """Train with mini-batches: ``training_data`` is ``(inputs, targets)``. Each epoch takes the
        samples in a fresh random order (when SHUFFLE) from one NumPy generator seeded with
        ``[SEED, 1]``, exactly as ANN Studio does. Stops after ``epochs`` epochs or ``steps``
        updates; ``report(record)`` gets each epoch's metrics. Returns the list of step costs."""
        x, y = training_data
        n = len(x)
        rng = np.random.default_rng([SEED, 1])
        optimizer = make_optimizer(eta)
        costs = []
        epoch = 0
        while (steps is None and epoch < epochs) or (steps is not None and len(costs) < steps):
            order = rng.permutation(n) if SHUFFLE else np.arange(n)
            mini_batches = [order[k:k + mini_batch_size] for k in range(0, n, mini_batch_size)]
            for batch in mini_batches:
                costs.append(self.update_mini_batch(x[batch], y[batch], optimizer))
                if steps is not None and len(costs) == steps:
                    break
            else:
                epoch += 1
                if report is not None:
                    report(self.epoch_record(epoch, len(costs), training_data, test_data))
        return costs

    def predict(self, x, chunk=4096):
        """The outputs for all rows of ``x``, computed in chunks of ``chunk`` samples."""
        parts = [self.feedforward(x[i:i + chunk]) for i in range(0, len(x), chunk)]
        return np.concatenate(parts, axis=0)

    def evaluate(self, data):
        """``(mean cost, number of samples classified correctly)`` on ``data = (inputs, targets)``
        (the count is None for regression). The class is the arg-max output, or ŷ > 0.5 for a
        single output."""
        x, y = data
        a = self.predict(x)
        cost = mean(COST.fn(a, y))
        if not CLASSIFICATION:
            return cost, None
        return cost, int(np.sum(classes(a) == classes(y)))

    def epoch_record(self, epoch, step, training_data, test_data=None):
        """The metrics ANN Studio shows at the end of an epoch, as a dict."""
        record = {"epoch": epoch, "step": step}
        record["loss"], correct = self.evaluate(training_data)
        if correct is not None:
            record["accuracy"] = correct / len(training_data[0])
        if test_data is not None:
            record["test_loss"], correct = self.evaluate(test_data)
            if correct is not None:
                record["test_accuracy"] = correct / len(test_data[0])
        return record


def mean(costs):
    """The mean of the per-sample costs."""
    return float(np.sum(costs)) / costs.shape[0]


def classes(a):
    """The class of each row: the arg-max output, or ŷ > 0.5 when there is a single output."""
    return (a[:, 0] > 0.5).astype(int) if a.shape[1] == 1 else np.argmax(a, axis=1)
'''

_MAIN = '''

def build_network():
    """The network with the weights it had when exported."""
    return Network({network_args})


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\\n")[0])
    amount = parser.add_mutually_exclusive_group()
    amount.add_argument("--epochs", type=int, default=EPOCHS, help="epochs to train (default %(default)s)")
    amount.add_argument("--steps", type=int, help="mini-batch updates to train, instead of epochs")
    parser.add_argument("--json", action="store_true", help="print one JSON object per epoch")
    args = parser.parse_args(argv)

    def report(record):
        if args.json:
            print(json.dumps(record), flush=True)
        else:
            print(", ".join(f"{{k}} {{v:.6g}}" if isinstance(v, float) else f"{{k}} {{v}}"
                            for k, v in record.items()), flush=True)

    net = build_network()
    test_data = (TEST_INPUTS, TEST_TARGETS) if TEST_INPUTS is not None else None
    costs = net.SGD((TRAIN_INPUTS, TRAIN_TARGETS), args.epochs, BATCH_SIZE, LEARNING_RATE, test_data,
                    steps=args.steps, report=report)
    if args.steps is not None:
        report({{"step": len(costs), "loss": costs[-1] if costs else None}})


if __name__ == "__main__":
    main()
'''


# ----------------------------------------------------------------------------- assembling


def _is_chain(net: Network) -> bool:
    """One input layer and each dense layer fed by exactly the layer before it."""
    if len(net.inputs) != 1:
        return False
    return all(len(layer.sources) == 1 and layer.sources[0] == layer.index - 1 for layer in net.dense)


def _optimizer_code(s: OptimizerSettings) -> str:
    regular = s.weight_decay or s.l1
    body = ""
    if s.weight_decay:
        body += "        g = g + self.weight_decay * p\n"
    if s.l1:
        body += "        g = g + self.l1 * np.sign(p)\n"
    regularise = _REGULARISE.format(body=body) if regular else (
        "\n    def regularised(self, p, g):\n        return g  # no weight decay or L1 term\n")
    fields = dict(weight_decay=number(s.weight_decay), l1=number(s.l1), eps=number(s.eps),
                  alpha=number(s.alpha), beta1=number(s.beta1), beta2=number(s.beta2),
                  momentum=number(s.momentum), regularise=regularise,
                  nesterov_doc=" (Nesterov)" if s.nesterov else "",
                  update_doc="(g + μ·buf)" if s.nesterov else "buf",
                  momentum_g="g + self.momentum * buf" if s.nesterov else "buf")
    if s.type == "sgd" and not (s.momentum or regular):
        return _OPTIMIZERS["plain"]
    return _OPTIMIZERS[s.type].format(**fields)


def _optimizer_summary(s: OptimizerSettings) -> str:
    parts = [f"{s.type}, η = {number(s.learning_rate)}"]
    if s.type == "sgd" and s.momentum:
        parts.append(f"momentum {number(s.momentum)}" + (" (Nesterov)" if s.nesterov else ""))
    if s.type == "adam":
        parts.append(f"β = ({number(s.beta1)}, {number(s.beta2)}), ε = {number(s.eps)}")
    if s.type == "rmsprop":
        parts.append(f"α = {number(s.alpha)}, ε = {number(s.eps)}")
    if s.weight_decay:
        parts.append(f"weight decay {number(s.weight_decay)}")
    if s.l1:
        parts.append(f"L1 {number(s.l1)}")
    return ", ".join(parts)


def _class_name(s: OptimizerSettings) -> str:
    return {"sgd": "GradientDescent", "rmsprop": "RMSprop", "adam": "Adam"}[s.type]


def _bool_list(values: list[bool]) -> str:
    return "[" + ", ".join(str(v) for v in values) + "]"


def _network_args(net: Network, chain: bool) -> str:
    dense: list[DenseLayer] = net.dense
    weights = ", ".join(f"W_{k}" for k in range(len(dense)))
    biases = ", ".join(f"B_{k}" for k in range(len(dense)))
    tw = [layer.train_weights for layer in dense]
    tb = [layer.train_bias for layer in dense]
    frozen = ""
    if not all(tw):
        frozen += f", train_weights={_bool_list(tw)}"
    if not all(tb):
        frozen += f", train_bias={_bool_list(tb)}"
    if chain:
        sizes = [net.inputs[0].units] + [layer.units for layer in dense]
        acts = [layer.activation.name for layer in dense]
        return f"{sizes}, {acts!r},\n                   [{weights}],\n                   [{biases}]{frozen}"
    inputs: list[InputLayer] = net.inputs
    in_list = "[" + ", ".join(f"({layer.id!r}, {layer.units})" for layer in inputs) + "]"
    rows = []
    for layer in dense:
        sources = [net.layers[s].id for s in layer.sources]
        rows.append(f"        ({layer.id!r}, {layer.activation.name!r}, {sources!r}),")
    layers = "[\n" + "\n".join(rows) + "\n    ]"
    return (f"\n        {in_list},\n        {layers},\n        [{weights}],\n        [{biases}]{frozen},\n    ")


def _weights_code(net: Network) -> str:
    lines = ["# ---------------------------------------------------------------- the weights",
             "# W_k: one row per neuron of the layer, one column per neuron feeding it; B_k: its biases.", ""]
    for k, layer in enumerate(net.dense):
        sources = ", ".join(net.layers[s].id for s in layer.sources)
        lines.append(f"# layer {comment_text(layer.id)!s} ({layer.units} {layer.activation.name} units, "
                     f"fed by {comment_text(sources)})")
        lines.append(f"W_{k} = {array_literal(layer.W)}")
        lines.append(f"B_{k} = {array_literal(layer.b)}")
        lines.append("")
    return "\n".join(lines)


def _data_code(x, y, tx, ty, sidecar: str | None) -> str:
    lines = ["# ---------------------------------------------------------------- the data",
             "# one row per sample"]
    if sidecar is not None:
        lines += [f"_DATA = np.load(Path(__file__).with_name({sidecar!r}), allow_pickle=False)",
                  'TRAIN_INPUTS, TRAIN_TARGETS = _DATA["train_inputs"], _DATA["train_targets"]']
        if tx is not None:
            lines.append('TEST_INPUTS, TEST_TARGETS = _DATA["test_inputs"], _DATA["test_targets"]')
        else:
            lines.append("TEST_INPUTS = TEST_TARGETS = None")
        return "\n".join(lines) + "\n"
    lines.append(f"TRAIN_INPUTS = {array_literal(x)}")
    lines.append(f"TRAIN_TARGETS = {array_literal(y)}")
    if tx is not None:
        lines.append(f"TEST_INPUTS = {array_literal(tx)}")
        lines.append(f"TEST_TARGETS = {array_literal(ty)}")
    else:
        lines.append("TEST_INPUTS = TEST_TARGETS = None  # no test set")
    return "\n".join(lines) + "\n"


def _title(project) -> tuple[str, str]:
    title = project.extra.get("title")
    desc = project.extra.get("description")
    title = title.get("en") if isinstance(title, dict) else title
    desc = desc.get("en") if isinstance(desc, dict) else desc
    name = project.path.stem if project.path else "project"
    return (comment_text(title) if isinstance(title, str) and title else name,
            comment_text(desc) if isinstance(desc, str) else "")


def _wrap_text(text: str, width: int = 96) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return "\n".join(lines)


def numpy_script(project, trainer, out_path: Path) -> tuple[str, dict[str, np.ndarray] | None]:
    """The script text for ``project``, and the arrays of a ``.npz`` side file when the data is
    too large to write inline (``None`` otherwise).

    ``trainer`` is a fresh :class:`~ann_studio.core.trainer.Trainer` of the project (step 0): its
    network's weights and its data are what the script starts from.
    """
    net = trainer.network
    chain = _is_chain(net)
    s = project.optimizer
    t = project.training
    x, y, tx, ty = trainer.x, trainer.y, trainer.test_x, trainer.test_y
    n_values = x.size + y.size + (0 if tx is None else tx.size + ty.size)
    sidecar, arrays = None, None
    if n_values > MAX_INLINE_VALUES:
        sidecar = Path(out_path).with_suffix(".npz").name
        arrays = {"train_inputs": x, "train_targets": y}
        if tx is not None:
            arrays.update(test_inputs=tx, test_targets=ty)
    acts = []
    for layer in net.dense:
        if layer.activation.name not in acts:
            acts.append(layer.activation.name)
    title, desc = _title(project)
    if chain:
        shape = f"Network({[net.inputs[0].units] + [layer.units for layer in net.dense]})"
    else:
        shape = f"a graph of {len(net.layers)} layers (see build_network)"
    act_text = ", ".join(f"{layer.id}: {layer.activation.name}" for layer in net.dense)
    order = "reshuffled every epoch" if t.shuffle else "in file order"
    test_text = f", {len(tx)} test samples" if tx is not None else ", no test set"
    epochs = t.max_epochs or 30
    name = Path(out_path).name
    header = f'''#!/usr/bin/env python3
"""{title} — a standalone Python 3 + NumPy network exported from ANN Studio.

{_wrap_text(desc) + chr(10) + chr(10) if desc else ""}Written in the style of the lesson's listing (Michael Nielsen's network.py): Network,
feedforward, backprop, SGD, update_mini_batch, evaluate. It holds the project's architecture,
starting weights, data and settings, and trains with the same arithmetic as ANN Studio, so its
numbers match the app's step for step.

    python3 {name}                 # train {epochs} epochs, one line of metrics per epoch
    python3 {name} --epochs 5      # or --steps 100 (mini-batch updates)
    python3 {name} --json          # one JSON object per epoch, like `ann-studio train --json`

Network:     {shape}; activations {comment_text(act_text)}
Cost:        {project.loss} (the mean over the mini-batch)
Optimizer:   {_optimizer_summary(s)}
Training:    mini-batches of {t.batch_size}, {order} (seed {t.seed})
Data:        {len(x)} training samples{test_text}

Conventions (as in ANN Studio): a batch of m samples is an (m, units) array, one row per sample;
a weight matrix has one row per neuron of its layer and one column per neuron feeding it, so
z = a·Wᵀ + b computes Nielsen's w·a + b for all samples at once. Gradients are batch means.
Exported {_dt.date.today().isoformat()}.
"""

import argparse
import json
{"from pathlib import Path" + chr(10) if sidecar else ""}
import numpy as np

SEED = {t.seed}  # seeds the shuffling order
SHUFFLE = {t.shuffle}
BATCH_SIZE = {t.batch_size}
LEARNING_RATE = {number(s.learning_rate)}
EPOCHS = {epochs}
CLASSIFICATION = {trainer.classification}  # report accuracy
EPS = 1e-12  # keeps logarithms finite


# ---------------------------------------------------------------- the activation rule

'''
    parts = [header]
    parts.append("\n\n".join(_ACTIVATION_CODE[a] for a in acts))
    parts.append("\n\nFUNCTIONS = {" + ", ".join(f'"{a}": {a}' for a in acts) + "}\n")
    parts.append("PRIMES = {" + ", ".join(f'"{a}": {a}_prime' for a in acts if a != "softmax") + "}\n\n\n")
    parts.append(_BACKWARD.format(
        softmax_note=", a ⊙ (g − Σ_k g_k a_k) for softmax" if "softmax" in acts else "",
        softmax_branch=_SOFTMAX_BRANCH if "softmax" in acts else ""))
    parts.append("\n\n# ---------------------------------------------------------------- the cost\n\n")
    parts.append(_COSTS[project.loss])
    parts.append(f"\n\nCOST = {_COST_CLASS[project.loss]}\n")
    parts.append("\n\n# ---------------------------------------------------------------- the learning rule\n\n")
    parts.append(_optimizer_code(s))
    parts.append(f'\n\ndef make_optimizer(eta):\n    """The project\'s learning rule with rate ``eta``."""\n'
                 f"    return {_class_name(s) if s.type != 'sgd' else 'GradientDescent'}(eta)\n")
    parts.append("\n\n# ---------------------------------------------------------------- the network\n\n")
    parts.append(_CHAIN_NETWORK if chain else _GRAPH_NETWORK)
    parts.append(_COMMON_METHODS)
    parts.append("\n\n" + _weights_code(net))
    parts.append("\n" + _data_code(x, y, tx, ty, sidecar))
    parts.append(_MAIN.format(network_args=_network_args(net, chain)))
    return "".join(parts), arrays
