"""File → Export → NumPy Script… / PyTorch Module… (issue 12): through the window's actions, with
the current (trained) weights, and a docstring about this project."""

from __future__ import annotations

import importlib.util
import itertools

import numpy as np
import pytest
from helpers import EXAMPLES
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog
from qt_helpers import make_window

_counter = itertools.count()


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path, path=EXAMPLES / "xor.annproj")


def load_script(path):
    spec = importlib.util.spec_from_file_location(f"gui_exported_{next(_counter)}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def export_through_the_menu(window, monkeypatch, name: str, path) -> None:
    """Trigger File → Export → ``name`` with the save dialog answering ``path``."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(path), "")))
    action = window.findChild(QAction, name)
    assert action in window.menus["export"].actions() and window.menus["export"].menuAction() in \
        window.menus["file"].actions()
    action.trigger()


def train(window, steps: int) -> list[np.ndarray]:
    for _ in range(steps):
        window.findChild(QAction, "step_batch").trigger()
    assert window.session.trainer.step == steps
    return [p.copy() for p in window.session.trainer.network.get_parameters()]


def test_numpy_script_has_the_trained_weights(window, monkeypatch, tmp_path):
    start = [p.copy() for p in window.session.trainer.network.get_parameters()]
    now = train(window, 25)
    assert not np.array_equal(start[0], now[0])
    export_through_the_menu(window, monkeypatch, "export_numpy", tmp_path / "xor_net")  # ".py" added
    module = load_script(tmp_path / "xor_net.py")
    net = module.build_network()
    got = [a for pair in zip(net.weights, net.biases, strict=True) for a in pair]
    for g, w in zip(got, now, strict=True):
        np.testing.assert_array_equal(g, w)
    text = (tmp_path / "xor_net.py").read_text(encoding="utf-8")
    assert "after 25 steps" in text and "XOR" in text.split('"""')[1]
    assert window.session.trainer.step == 25  # exporting does not move the run


def test_torch_module_has_the_trained_weights(window, monkeypatch, tmp_path):
    torch = pytest.importorskip("torch")
    now = train(window, 12)
    export_through_the_menu(window, monkeypatch, "export_torch", tmp_path / "xor_torch.py")
    module = load_script(tmp_path / "xor_torch.py")
    model = module.build_model()
    got = [t.detach().numpy() for layer in (model.hidden, model.out) for t in (layer.weight, layer.bias)]
    for g, w in zip(got, now, strict=True):
        np.testing.assert_array_equal(g, w)
    assert isinstance(model, torch.nn.Module)


def test_the_docstring_describes_this_project_not_the_lesson(window, monkeypatch, tmp_path):
    """The default window holds the lesson's watermelon project; after opening another one the
    export describes that one: its title, file, network and data."""
    export_through_the_menu(window, monkeypatch, "export_numpy", tmp_path / "a.py")
    doc = (tmp_path / "a.py").read_text(encoding="utf-8").split('"""')[1]
    assert "watermelon" not in doc.lower() and "melon" not in doc.lower()
    assert "XOR with a 2-2-1 network" in doc and "Project:     xor.annproj" in doc
    assert "4 training samples" in doc and "a table in the project file" in doc
    assert "the starting weights (step 0)" in doc
    assert window.new_project(EXAMPLES / "spirals.annproj")
    export_through_the_menu(window, monkeypatch, "export_torch", tmp_path / "b.py")
    doc = (tmp_path / "b.py").read_text(encoding="utf-8").split('"""')[1]
    assert "spiral" in doc.lower() and "watermelon" not in doc.lower()
    assert "an unsaved project" in doc and "2-8-8-3" in doc and "built-in data set 'spirals'" in doc


def test_a_failed_export_says_why(window, tmp_path):
    assert not window.export_script("python", tmp_path / "missing" / "net.py")
    assert "cannot write" in window.last_error
