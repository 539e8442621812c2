"""The PyTorch export: its module's forward pass equals the engine's, for chains, graphs with
merges, several input layers and every activation; its training loop follows the app's."""

import subprocess
import sys

import numpy as np
import pytest

from ann_studio.core import ACTIVATIONS, load_project
from ann_studio.core.datasets import section_for_builtin
from ann_studio.core.export import export_project
from tests.helpers import EXAMPLES
from tests.test_export import CASES, chain, load_script, make_project, odd_ids_spec

torch = pytest.importorskip("torch")


def export_torch(project, tmp_path, name="net_torch.py"):
    out = tmp_path / name
    export_project(project, "torch", out)
    return load_script(out)


def assert_forward_matches(project, tmp_path, steps=10):
    trainer = project.build_trainer()
    trainer.train(steps=steps)
    from ann_studio.core import with_trained_weights

    module = export_torch(with_trained_weights(project, trainer.network), tmp_path)
    model = module.build_model()
    with torch.no_grad():
        out = model(torch.from_numpy(trainer.x)).numpy()
    assert out.dtype == np.float64
    assert np.max(np.abs(out - trainer.network.predict(trainer.x))) <= 1e-12
    return module


@pytest.mark.parametrize("case", list(CASES))
def test_forward_pass_equals_the_engine(case, tmp_path):
    assert_forward_matches(CASES[case](), tmp_path)


@pytest.mark.parametrize("activation", sorted(set(ACTIVATIONS) - {"softmax"}))
def test_every_activation(activation, tmp_path):
    assert_forward_matches(make_project(chain([2, 5, 4, 1], activation), learning_rate=0.05), tmp_path)


def test_odd_layer_ids_become_valid_attribute_names(tmp_path):
    project = make_project(odd_ids_spec(), data=section_for_builtin(
        "gaussians", samples=20, k=2, seed=3, features=["x1", "x2", "x1*x2"]))
    module = assert_forward_matches(project, tmp_path)
    names = [name for name, _ in module.build_model().named_children()]
    assert names == ["layer_1_hidden", "b____import_os", "class_layer", "r_sultat"]


def test_frozen_parameters_stay_frozen(tmp_path):
    module = export_torch(load_project(EXAMPLES / "mazur.annproj"), tmp_path)
    model = module.build_model()
    module.train(model, steps=3)
    assert model.hidden.bias.tolist() == [0.35, 0.35] and model.out.bias.tolist() == [0.6, 0.6]


@pytest.mark.parametrize("case", ["chain sigmoid half_sse sgd", "chain tanh/softmax cross_entropy adam",
                                  "chain leaky_relu/sigmoid bce sgd momentum", "mazur (frozen biases)",
                                  "chain relu mse rmsprop + weight decay", "chain softplus nesterov + l1",
                                  "chain sigmoid bce sgd + weight decay + l1, weights only",
                                  "chain sigmoid bce sgd + weight decay + l1, biases too",
                                  "graph merge adam + weight decay + l1, biases too"])
def test_training_loop_follows_the_app(case, tmp_path):
    """Same samples, same update rule: close to the engine's weights (torch sums in its own order)."""
    project = CASES[case]()
    module = export_torch(project, tmp_path)
    model = module.train(module.build_model(), steps=12)
    trainer = project.build_trainer()
    trainer.train(steps=12)
    for layer, (name, _) in zip(trainer.network.dense, module.WEIGHTS.items()):
        lin = getattr(model, name)
        assert np.allclose(lin.weight.detach().numpy(), layer.W, rtol=0, atol=1e-10)
        assert np.allclose(lin.bias.detach().numpy(), layer.b, rtol=0, atol=1e-10)


def test_script_runs_and_reports(tmp_path):
    out = tmp_path / "xor_torch.py"
    export_project(load_project(EXAMPLES / "xor.annproj"), "torch", out)
    result = subprocess.run([sys.executable, str(out), "--epochs", "2"], capture_output=True, text=True, check=True)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("epoch 0, step 0, loss") and lines[-1].startswith("epoch 2, step 2")
