"""Nielsen's ``network2.py`` learning rule, written out here, equals the engine to 1e-12.

Chapter 3 of *Neural Networks and Deep Learning*: sigmoid neurons, the cross-entropy cost
``C = −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)]`` (output error ``δ = a − y``), mini-batches of
``m`` out of ``n`` samples and L2 regularisation on the weights only:

    w ← (1 − ηλ/n)·w − (η/m)·Σ_x ∂C_x/∂w
    b ← b − (η/m)·Σ_x ∂C_x/∂b

In ANN Studio this is loss ``binary_cross_entropy`` (summed over the outputs, averaged over the
batch), optimiser ``sgd`` with ``weight_decay = λ/n`` and ``regularize_bias`` false (the default).
"""

import json

import numpy as np
import pytest

from ann_studio.core import (
    Network,
    NetworkSpec,
    OptimizerSettings,
    Trainer,
    TrainingSettings,
    load_project,
    save_project,
)
from tests.helpers import EXAMPLES


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z):
    return sigmoid(z) * (1 - sigmoid(z))


class Network2:
    """The parts of Nielsen's ``network2.Network`` that train: column vectors, one sample at a
    time in ``backprop``, ``CrossEntropyCost.delta(z, a, y) = a − y``."""

    def __init__(self, weights, biases):
        self.weights = [w.copy() for w in weights]
        self.biases = [b.reshape(-1, 1).copy() for b in biases]
        self.num_layers = len(weights) + 1

    def SGD(self, training_data, epochs, mini_batch_size, eta, lmbda):  # noqa: N802 - the book's name
        n = len(training_data)
        for _ in range(epochs):
            mini_batches = [training_data[k:k + mini_batch_size] for k in range(0, n, mini_batch_size)]
            for mini_batch in mini_batches:  # no random.shuffle: the engine trains with shuffle off
                self.update_mini_batch(mini_batch, eta, lmbda, n)

    def update_mini_batch(self, mini_batch, eta, lmbda, n):
        nabla_b = [np.zeros(b.shape) for b in self.biases]
        nabla_w = [np.zeros(w.shape) for w in self.weights]
        for x, y in mini_batch:
            delta_nabla_b, delta_nabla_w = self.backprop(x, y)
            nabla_b = [nb + dnb for nb, dnb in zip(nabla_b, delta_nabla_b)]
            nabla_w = [nw + dnw for nw, dnw in zip(nabla_w, delta_nabla_w)]
        self.weights = [(1 - eta * (lmbda / n)) * w - (eta / len(mini_batch)) * nw
                        for w, nw in zip(self.weights, nabla_w)]
        self.biases = [b - (eta / len(mini_batch)) * nb for b, nb in zip(self.biases, nabla_b)]

    def backprop(self, x, y):
        nabla_b = [np.zeros(b.shape) for b in self.biases]
        nabla_w = [np.zeros(w.shape) for w in self.weights]
        activation = x
        activations = [x]
        zs = []
        for b, w in zip(self.biases, self.weights):
            z = np.dot(w, activation) + b
            zs.append(z)
            activation = sigmoid(z)
            activations.append(activation)
        delta = activations[-1] - y  # CrossEntropyCost.delta
        nabla_b[-1] = delta
        nabla_w[-1] = np.dot(delta, activations[-2].transpose())
        for layer in range(2, self.num_layers):
            delta = np.dot(self.weights[-layer + 1].transpose(), delta) * sigmoid_prime(zs[-layer])
            nabla_b[-layer] = delta
            nabla_w[-layer] = np.dot(delta, activations[-layer - 1].transpose())
        return nabla_b, nabla_w


@pytest.mark.parametrize(("sizes", "n", "m"), [([4, 6, 3], 53, 10), ([2, 5, 4, 1], 40, 8)])
def test_network2_rule_equals_the_engine(sizes, n, m):
    rng = np.random.default_rng(16)
    x = rng.normal(size=(n, sizes[0]))
    y = (rng.uniform(size=(n, sizes[-1])) < 0.5).astype(float)
    eta, lmbda, epochs = 0.5, 5.0, 4

    net = Network(NetworkSpec.chain(sizes), np.random.default_rng(3))
    nielsen = Network2([layer.W for layer in net.dense], [layer.b for layer in net.dense])
    trainer = Trainer(net, "binary_cross_entropy", OptimizerSettings("sgd", eta, weight_decay=lmbda / n),
                      TrainingSettings(batch_size=m, shuffle=False), x, y, evaluate=False)
    data = [(xi.reshape(-1, 1), yi.reshape(-1, 1)) for xi, yi in zip(x, y)]
    no_decay = Network2([layer.W for layer in net.dense], [layer.b for layer in net.dense])
    worst = 0.0  # after every epoch, weights and biases
    for _ in range(epochs):
        trainer.train(epochs=1)
        nielsen.SGD(data, 1, m, eta, lmbda)
        for layer, w, b in zip(net.dense, nielsen.weights, nielsen.biases):
            worst = max(worst, np.max(np.abs(layer.W - w)), np.max(np.abs(layer.b - b.ravel())))
    assert trainer.epoch == epochs
    print(f"max |engine − network2| over {epochs} epochs: {worst:.3g}")
    assert worst <= 1e-12, worst
    # the decay is not lost in rounding: the same rule with λ = 0 ends far from the engine
    no_decay.SGD(data, epochs, m, eta, 0.0)
    assert max(np.max(np.abs(layer.W - w)) for layer, w in zip(net.dense, no_decay.weights)) > 1e-3


@pytest.mark.parametrize("regularize_bias", [False, True])
def test_regularize_bias_round_trips_through_a_saved_run(tmp_path, regularize_bias):
    """``optimizer.regularize_bias`` is written only when true, in the project and in the run's
    settings, and the reopened run continues bit for bit."""
    obj = json.loads((EXAMPLES / "spirals.annproj").read_text(encoding="utf-8"))
    obj["optimizer"] = {"type": "sgd", "learning_rate": 0.1, "weight_decay": 0.01, "l1": 1e-3}
    if regularize_bias:
        obj["optimizer"]["regularize_bias"] = True
    (tmp_path / "p.annproj").write_text(json.dumps(obj), encoding="utf-8")
    project = load_project(tmp_path / "p.annproj")
    assert project.optimizer.regularize_bias is regularize_bias
    trainer = project.build_trainer()
    trainer.train(steps=30)
    project.run = trainer.state_dict()
    save_project(project, tmp_path / "saved.annproj")
    saved = json.loads((tmp_path / "saved.annproj").read_text(encoding="utf-8"))
    assert ("regularize_bias" in saved["optimizer"]) is regularize_bias
    assert ("regularize_bias" in saved["run"]["settings"]["optimizer"]) is regularize_bias
    reopened = load_project(tmp_path / "saved.annproj")
    assert reopened.optimizer.regularize_bias is regularize_bias
    again = reopened.build_trainer()
    assert again.optimizer.settings.regularize_bias is regularize_bias
    trainer.train(steps=20)
    again.train(steps=20)
    for a, b in zip(trainer.network.dense, again.network.dense):
        assert np.array_equal(a.W, b.W) and np.array_equal(a.b, b.b)
