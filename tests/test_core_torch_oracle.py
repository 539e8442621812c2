"""PyTorch as an independent oracle: random architectures, every activation and loss, and the
optimizers SGD, SGD with (Nesterov) momentum, RMSprop and Adam with weight decay (on every
parameter, torch's default, with ``regularize_bias``; on the weights only through parameter groups).

Skipped only when torch is absent; `.ci/run` installs torch 2.13.0 so these run in CI.
"""

import numpy as np
import pytest

from ann_studio.core import ACTIVATIONS, Network, NetworkSpec, OptimizerSettings, Trainer, TrainingSettings

torch = pytest.importorskip("torch")
torch.set_default_dtype(torch.float64)

TORCH_ACT = {
    "sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu,
    "leaky_relu": lambda z: torch.nn.functional.leaky_relu(z, 0.01), "elu": torch.nn.functional.elu,
    "softplus": torch.nn.functional.softplus, "linear": lambda z: z, "softmax": lambda z: torch.softmax(z, dim=1),
}


def torch_loss(name, y_hat, y):
    if name == "half_sse":
        return 0.5 * ((y_hat - y) ** 2).sum(1).mean()
    if name == "mse":
        return torch.nn.functional.mse_loss(y_hat, y)
    if name == "binary_cross_entropy":
        return torch.nn.functional.binary_cross_entropy(y_hat, y, reduction="none").sum(1).mean()
    return -(y * torch.log(y_hat)).sum(1).mean()


def torch_optimizer(settings, params):
    """torch.optim's optimiser for ``settings``: its default decays every parameter (the engine's
    ``regularize_bias``); weights-only decay is two parameter groups, the biases with none."""
    s = settings
    if s.weight_decay and not s.regularize_bias:
        params = [{"params": [p for p in params if p.dim() == 2]},
                  {"params": [p for p in params if p.dim() == 1], "weight_decay": 0.0}]
    if s.type == "sgd":
        return torch.optim.SGD(params, lr=s.learning_rate, momentum=s.momentum, nesterov=s.nesterov,
                               weight_decay=s.weight_decay)
    if s.type == "rmsprop":
        return torch.optim.RMSprop(params, lr=s.learning_rate, alpha=s.alpha, eps=s.eps, weight_decay=s.weight_decay)
    return torch.optim.Adam(params, lr=s.learning_rate, betas=(s.beta1, s.beta2), eps=s.eps,
                            weight_decay=s.weight_decay)


def random_dag(rng, activation, out_activation, n_out):
    """A random graph: a chain of 1–3 hidden layers, sometimes with a skip connection merged in."""
    from ann_studio.core import LayerSpec

    layers = [LayerSpec("in", "input", int(rng.integers(1, 5)))]
    for k in range(int(rng.integers(1, 4))):
        inputs = [layers[-1].id]
        if k and rng.uniform() < 0.5:
            inputs.append("in")
        layers.append(LayerSpec(f"h{k}", "dense", int(rng.integers(1, 6)), activation, inputs))
    inputs = [layers[-1].id] + (["in"] if rng.uniform() < 0.5 else [])
    layers.append(LayerSpec("out", "dense", n_out, out_activation, inputs))
    return NetworkSpec(layers, "out")


def run_both(spec, loss, settings, x, y, batch, steps, seed):
    net = Network(spec, np.random.default_rng(seed))
    tensors = {layer.id: (torch.tensor(layer.W.copy(), requires_grad=True),
                          torch.tensor(layer.b.copy(), requires_grad=True)) for layer in net.dense}
    trainer = Trainer(net, loss, settings, TrainingSettings(batch_size=batch), x, y, evaluate=False)
    trainer.train(steps=steps)
    params = [t for pair in tensors.values() for t in pair]
    opt = torch_optimizer(settings, params)
    tx, ty = torch.tensor(x), torch.tensor(y)
    for step in range(steps):
        start = (step * batch) % len(x)
        xb, yb = tx[start:start + batch], ty[start:start + batch]
        values = {}
        for ls in spec.layers:
            if ls.type == "input":
                values[ls.id] = xb
                continue
            W, b = tensors[ls.id]
            inp = torch.cat([values[s] for s in ls.inputs], dim=1)
            values[ls.id] = TORCH_ACT[ls.activation](inp @ W.T + b)
        opt.zero_grad()
        torch_loss(loss, values[spec.output], yb).backward()
        opt.step()
    return net, tensors


def assert_close(net, tensors, tol=1e-10):
    for layer in net.dense:
        W, b = tensors[layer.id]
        assert np.allclose(layer.W, W.detach().numpy(), rtol=tol, atol=tol), layer.id
        assert np.allclose(layer.b, b.detach().numpy(), rtol=tol, atol=tol), layer.id


@pytest.mark.parametrize("activation", sorted(a for a in ACTIVATIONS if a != "softmax"))
def test_random_architectures_every_activation(activation):
    rng = np.random.default_rng(sorted(ACTIVATIONS).index(activation))
    for trial in range(3):
        spec = random_dag(rng, activation, "sigmoid", 2)
        n_in = spec.n_inputs()
        x = rng.uniform(0.1, 1.0, (8, n_in))
        y = rng.uniform(0, 1, (8, 2))
        net, tensors = run_both(spec, "half_sse", OptimizerSettings(learning_rate=0.3), x, y, 4, 6, trial)
        assert_close(net, tensors)


@pytest.mark.parametrize(("loss", "out_activation"), [("half_sse", "sigmoid"), ("mse", "linear"),
                                                      ("binary_cross_entropy", "sigmoid"),
                                                      ("cross_entropy", "softmax"), ("mse", "softmax")])
def test_every_loss(loss, out_activation):
    rng = np.random.default_rng(3)
    spec = random_dag(rng, "tanh", out_activation, 3)
    x = rng.normal(size=(12, spec.n_inputs()))
    y = np.eye(3)[rng.integers(0, 3, 12)] if loss != "mse" else rng.normal(size=(12, 3))
    net, tensors = run_both(spec, loss, OptimizerSettings(learning_rate=0.2), x, y, 3, 8, 1)
    assert_close(net, tensors)


@pytest.mark.parametrize("settings", [
    OptimizerSettings("sgd", 0.1, momentum=0.9),
    OptimizerSettings("sgd", 0.1, momentum=0.8, nesterov=True, weight_decay=0.01, regularize_bias=True),
    OptimizerSettings("rmsprop", 0.01),
    OptimizerSettings("adam", 0.01),
    OptimizerSettings("adam", 0.05, beta1=0.8, beta2=0.99, weight_decay=0.001, regularize_bias=True),
    OptimizerSettings("sgd", 0.1, momentum=0.8, nesterov=True, weight_decay=0.05),
    OptimizerSettings("rmsprop", 0.01, weight_decay=0.05),
], ids=["momentum", "nesterov_wd", "rmsprop", "adam", "adam_custom", "nesterov_wd_weights_only",
        "rmsprop_wd_weights_only"])
def test_optimizers_match_torch(settings):
    rng = np.random.default_rng(9)
    spec = NetworkSpec.chain([3, 5, 4, 2], activation="tanh")
    x, y = rng.normal(size=(20, 3)), rng.uniform(0, 1, (20, 2))
    net, tensors = run_both(spec, "half_sse", settings, x, y, 5, 25, 2)
    assert_close(net, tensors, tol=1e-9)


def test_weights_only_decay_is_not_torchs_default():
    """The weights-only case above is not passing by accident: torch's default (biases decayed
    too) ends elsewhere."""
    rng = np.random.default_rng(9)
    spec = NetworkSpec.chain([3, 5, 4, 2], activation="tanh")
    x, y = rng.normal(size=(20, 3)), rng.uniform(0, 1, (20, 2))
    settings = OptimizerSettings("sgd", 0.1, momentum=0.8, nesterov=True, weight_decay=0.05)
    net, _ = run_both(spec, "half_sse", settings, x, y, 5, 25, 2)
    settings.regularize_bias = True
    _, tensors = run_both(spec, "half_sse", settings, x, y, 5, 25, 2)
    assert all(np.max(np.abs(layer.b - tensors[layer.id][1].detach().numpy())) > 1e-6 for layer in net.dense)
