"""The code pieces of the exported NumPy script (see :mod:`.numpy_script`, which assembles them).

Each piece repeats the engine's arithmetic in the engine's order, so the script reproduces the
app's numbers; change them together with :mod:`ann_studio.core.network` and
:mod:`ann_studio.core.optimizers` (``tests/test_export.py`` checks the weights to 1e-12).
"""



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
    def regularised(self, p, g, is_weight):
        """{doc}"""
{skip}{body}        return g
'''
_REGULARISE_DOC = {
    "weights": "Add the weight-decay (L2) and L1 terms to the gradient of a weight matrix; biases are\n"
               "        not regularised. Weight decay λ' gives Nielsen's w ← (1 − ηλ')·w − η·∂C/∂w.",
    "all": "Add the weight-decay (L2) and L1 terms to the gradient, biases included, as torch.optim does.",
}
_REGULARISE_SKIP = """        if not is_weight:
            return g
"""

_OPTIMIZERS = {
    "plain": '''class GradientDescent:
    """The lesson's learning rule: w ← w − η ∂E/∂w (∂E/∂w is already the mini-batch mean)."""

    def __init__(self, eta):
        self.eta = eta

    def step(self, params, grads, weights):
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
    def step(self, params, grads, weights):
        first = self.buffers is None
        if self.momentum and first:
            self.buffers = [np.zeros_like(p) for p in params]
        for i, (p, g) in enumerate(zip(params, grads)):
            g = self.regularised(p, g, weights[i])
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
    def step(self, params, grads, weights):
        if self.square_avg is None:
            self.square_avg = [np.zeros_like(p) for p in params]
        for i, (p, g) in enumerate(zip(params, grads)):
            g = self.regularised(p, g, weights[i])
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
    def step(self, params, grads, weights):
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        self.t += 1
        bc1 = 1.0 - self.beta1 ** self.t
        bc2_sqrt = np.sqrt(1.0 - self.beta2 ** self.t)
        step_size = self.eta / bc1
        for i, (p, g) in enumerate(zip(params, grads)):
            g = self.regularised(p, g, weights[i])
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
        params, grads, weights = [], [], []  # weights[i]: is params[i] a weight matrix (not a bias)?
        for k in range(len(self.weights)):
            if self.train_weights[k]:
                params.append(self.weights[k])
                grads.append(nabla_w[k])
                weights.append(True)
            if self.train_bias[k]:
                params.append(self.biases[k])
                grads.append(nabla_b[k])
                weights.append(False)
        optimizer.step(params, grads, weights)
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
