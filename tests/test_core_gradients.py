"""Backpropagation against central finite differences (float64) for every activation, every loss,
and graphs with concatenating merges."""

import numpy as np
import pytest

from ann_studio.core import ACTIVATIONS, LOSSES, Network, NetworkSpec, check_all, get_activation, get_loss
from tests.helpers import merge_spec

TOL = 1e-6


def _assert_gradients_match(net, x, y, loss):
    """Relative error < 1e-6 wherever the gradient stands above the finite-difference noise floor
    (about eps·E/h ≈ 1e-11 here); below 1e-4 the absolute difference must stay under 1e-10."""
    checks = check_all(net, x, y, loss, h=1e-5)
    assert sum(max(abs(c.numerical), abs(c.analytic)) > 1e-4 for c in checks) >= len(checks) // 3
    for check in checks:
        scale = max(abs(check.numerical), abs(check.analytic))
        if scale > 1e-4:
            assert check.relative_error < TOL, check
        else:
            assert abs(check.numerical - check.analytic) < 1e-10, check


def _targets_for(loss_name, rng, m, k):
    if loss_name == "cross_entropy":
        return np.eye(k)[rng.integers(0, k, m)]
    if loss_name == "binary_cross_entropy":
        return rng.integers(0, 2, (m, k)).astype(float)
    return rng.uniform(-0.5, 1.0, (m, k))


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_every_activation_in_the_hidden_layers(activation):
    rng = np.random.default_rng(1)
    net = Network(NetworkSpec.chain([3, 5, 4, 2], activation=activation), np.random.default_rng(2))
    # keep z away from ReLU-type kinks at 0, where the derivative is not defined
    x = rng.uniform(0.2, 1.0, (6, 3))
    y = rng.uniform(0, 1, (6, 2))
    _assert_gradients_match(net, x, y, get_loss("half_sse"))


LOSS_OUTPUTS = [(loss, act) for loss in sorted(LOSSES) for act in ("sigmoid", "softmax", "linear", "tanh")
                # log losses need outputs in (0, 1)
                if not (loss in ("binary_cross_entropy", "cross_entropy") and act in ("linear", "tanh"))]


@pytest.mark.parametrize(("loss_name", "out_activation"), LOSS_OUTPUTS)
def test_every_loss_with_output_activations(loss_name, out_activation):
    rng = np.random.default_rng(3)
    spec = NetworkSpec.chain([2, 4, 3], activation="tanh")
    spec.layers[-1].activation = out_activation
    net = Network(spec, np.random.default_rng(4))
    x = rng.normal(size=(5, 2))
    _assert_gradients_match(net, x, _targets_for(loss_name, rng, 5, 3), get_loss(loss_name))


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "elu", "softplus"])
def test_concatenating_merges(activation):
    rng = np.random.default_rng(5)
    net = Network(merge_spec(activation), np.random.default_rng(6))
    _assert_gradients_match(net, rng.normal(size=(4, 3)), rng.uniform(0, 1, (4, 2)), get_loss("mse"))


def test_two_input_layers_are_concatenated_in_file_order():
    from ann_studio.core import LayerSpec

    spec = NetworkSpec([LayerSpec("left", "input", 2), LayerSpec("right", "input", 1),
                        LayerSpec("out", "dense", 1, "sigmoid", ["right", "left"])], "out")
    net = Network(spec, np.random.default_rng(0))
    out_layer = net.layer("out")
    x = np.array([[1.0, 2.0, 3.0]])
    expected = 0.5 * (1 + np.tanh(0.5 * (out_layer.W @ np.array([3.0, 1.0, 2.0]) + out_layer.b)))
    assert np.allclose(net.predict(x)[0], expected)
    _assert_gradients_match(net, x, np.array([[0.3]]), get_loss("half_sse"))


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activations_are_stable_at_large_z(name):
    act = get_activation(name)
    z = np.array([[-1e4, -800.0, -30.0, 0.0, 30.0, 800.0, 1e4]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        a = act.f(z)
        grad = act.backward(z, a, np.ones_like(z))
    assert np.all(np.isfinite(a)) and np.all(np.isfinite(grad))


def test_sigmoid_derivative_is_sigma_times_one_minus_sigma():
    act = get_activation("sigmoid")
    z = np.linspace(-5, 5, 11)[None, :]
    a = act.f(z)
    assert np.allclose(a, 1 / (1 + np.exp(-z)), rtol=0, atol=1e-15)
    h = 1e-6
    numeric = (act.f(z + h) - act.f(z - h)) / (2 * h)
    assert np.allclose(act.backward(z, a, np.ones_like(z)), numeric, atol=1e-9)


def test_fused_cross_entropy_gradient_is_y_hat_minus_y():
    from ann_studio.core import Pass

    spec = NetworkSpec.chain([2, 3])
    spec.layers[-1].activation = "softmax"
    net = Network(spec, np.random.default_rng(0))
    x, y = np.array([[0.5, -1.0]]), np.array([[0.0, 1.0, 0.0]])
    p = net.loss_and_gradients(x, y, get_loss("cross_entropy"))
    assert isinstance(p, Pass)
    assert np.allclose(p.delta[net.output_index], p.a[net.output_index] - y)
