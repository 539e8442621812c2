"""Published worked examples: Mazur's 2-2-2 network, Nielsen's bias variant, Zhou's standard BP.
Values from ../shared/design/reference-values.md (recomputed in float64)."""

import numpy as np
import pytest

from ann_studio.core import Network, NetworkSpec, OptimizerSettings, Trainer, TrainingSettings, get_loss
from tests.helpers import MAZUR_X, MAZUR_Y, mazur_spec


def mazur_trainer(train_bias=False):
    return Trainer(Network(mazur_spec(train_bias)), "half_sse", OptimizerSettings(learning_rate=0.5),
                   TrainingSettings(batch_size=1), MAZUR_X, MAZUR_Y)


def test_mazur_forward_values():
    net = Network(mazur_spec())
    p = net.loss_and_gradients(MAZUR_X, MAZUR_Y, get_loss("half_sse"))
    h, o = net.index["hidden"], net.index["out"]
    assert p.z[h][0, 0] == pytest.approx(0.3775, abs=1e-12)
    assert p.a[h][0] == pytest.approx([0.593269992, 0.596884378], abs=1e-9)
    assert p.z[o][0, 0] == pytest.approx(1.105905967, abs=1e-9)
    assert p.a[o][0] == pytest.approx([0.751365070, 0.772928465], abs=1e-9)
    assert p.loss == pytest.approx(0.2983711087600027, abs=1e-15)


def test_mazur_gradients():
    net = Network(mazur_spec())
    p = net.loss_and_gradients(MAZUR_X, MAZUR_Y, get_loss("half_sse"))
    h, o = net.index["hidden"], net.index["out"]
    assert p.grad_W[o] == pytest.approx(np.array([[0.08216704, 0.08266763], [-0.02260254, -0.02274024]]), abs=1e-8)
    assert p.grad_W[h] == pytest.approx(np.array([[0.00043857, 0.00087714], [0.00049771, 0.00099543]]), abs=1e-8)
    assert p.grad_b[o] == pytest.approx([0.13849856, -0.03809824], abs=1e-8)
    assert p.grad_b[h] == pytest.approx([0.00877135, 0.00995425], abs=1e-8)
    assert p.grad_W[o][0, 0] == pytest.approx(0.0821670406, abs=1e-10)
    assert p.grad_W[h][0, 0] == pytest.approx(0.000438568, abs=1e-9)


def test_mazur_one_step_with_frozen_biases():
    t = mazur_trainer()
    t.train_step()
    net = t.network
    assert net.layer("out").W.ravel() == pytest.approx([0.35891648, 0.408666186, 0.51130127, 0.561370121], abs=1e-8)
    assert net.layer("hidden").W.ravel() == pytest.approx([0.149780716, 0.199561432, 0.249751144, 0.299502287],
                                                           abs=1e-9)
    assert net.layer("hidden").b.tolist() == [0.35, 0.35] and net.layer("out").b.tolist() == [0.6, 0.6]
    assert t.evaluate().loss == pytest.approx(0.29102777369359933, abs=1e-15)


def test_mazur_ten_thousand_steps():
    t = mazur_trainer()
    t.train(steps=10_000)
    assert t.evaluate().loss == pytest.approx(3.5101878e-05, rel=1e-7)


def test_nielsen_variant_updates_the_biases():
    t = mazur_trainer(train_bias=True)
    t.train_step()
    assert t.network.layer("hidden").b == pytest.approx([0.34561432, 0.34502287], abs=1e-8)
    assert t.network.layer("out").b == pytest.approx([0.53075072, 0.61904912], abs=1e-8)
    assert t.evaluate().loss == pytest.approx(0.280471447, abs=1e-9)


def zhou_standard_bp(v, gamma, w, theta, x, y, eta):
    """Zhou Zhihua §5.3, written independently of the engine: thresholds, not biases.
    v: (d, q) input→hidden, gamma: (q,), w: (q, l) hidden→output, theta: (l,)."""
    f = lambda s: 1 / (1 + np.exp(-s))  # noqa: E731
    b = f(x @ v - gamma)
    y_hat = f(b @ w - theta)
    g = y_hat * (1 - y_hat) * (y - y_hat)
    e = b * (1 - b) * (w @ g)
    return (v + eta * np.outer(x, e), gamma - eta * e, w + eta * np.outer(b, g), theta - eta * g)


def test_zhou_standard_bp_equals_one_nielsen_sgd_step():
    d, q, n_out, eta = 3, 4, 2, 0.1
    rng = np.random.default_rng(7)
    v, gamma = rng.uniform(0, 1, (d, q)), rng.uniform(0, 1, q)
    w, theta = rng.uniform(0, 1, (q, n_out)), rng.uniform(0, 1, n_out)
    x, y = rng.uniform(0, 1, d), np.array([1.0, 0.0])
    spec = NetworkSpec.chain([d, q, n_out])
    spec.layers[1].weights, spec.layers[1].bias = v.T.copy(), -gamma
    spec.layers[2].weights, spec.layers[2].bias = w.T.copy(), -theta
    assert spec.parameter_count() == (d + n_out + 1) * q + n_out == 26
    t = Trainer(Network(spec), "half_sse", OptimizerSettings(learning_rate=eta), TrainingSettings(batch_size=1),
                x[None, :], y[None, :])
    t.train_step()
    v2, gamma2, w2, theta2 = zhou_standard_bp(v, gamma, w, theta, x, y, eta)
    net = t.network
    assert np.max(np.abs(net.layer("hidden").W - v2.T)) < 1e-15
    assert np.max(np.abs(net.layer("hidden").b + gamma2)) < 1e-15
    assert np.max(np.abs(net.layer("out").W - w2.T)) < 1e-15
    assert np.max(np.abs(net.layer("out").b + theta2)) < 1e-15
