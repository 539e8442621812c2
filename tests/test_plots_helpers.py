"""Shared fixtures of the plot and data-panel tests: a panel host on a small classification set."""

from __future__ import annotations

import pytest

from ann_studio.core import NetworkSpec
from ann_studio.core.datasets import builtin, section_for_builtin
from ann_studio.document import data_commands as cmd
from ann_studio.document.project_document import ProjectDocument
from ann_studio.views.plots.host import PanelHost
from ann_studio.views.refresh_clock import RefreshClock


def use_dataset(document, name: str, hidden=(8, 8), activation="tanh", **params) -> None:
    """Give ``document`` a chain network fitting built-in ``name`` and switch to it."""
    data = builtin(name, **params)
    spec = NetworkSpec.chain([data.input_size, *hidden, data.output_size], activation=activation)
    spec.layers[-1].activation = "sigmoid"
    document.set_network(spec)
    document.undo_stack.push(cmd.switch_dataset(document, section_for_builtin(name, **params), data, name))
    document.project.optimizer.learning_rate = 0.1
    document.project.training.batch_size = 10


@pytest.fixture
def host(qtbot):
    """A shown PanelHost training a [2, 8, 8, 3] tanh network on three spiral arms."""
    document = ProjectDocument()
    window = PanelHost(document)
    qtbot.addWidget(window)
    use_dataset(document, "spirals", arms=3, samples=150)
    document.undo_stack.clear()
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.session.shutdown()
    RefreshClock.of(window.session).stop()


def train(window, steps: int) -> None:
    """Train ``steps`` updates and tell the panels (as the session would)."""
    trainer = window.session.trainer
    for _ in range(steps):
        trainer.train_step()
    window.session.updated.emit()


def visible_refresh(window, name: str):
    """Bring dock ``name`` to the front and refresh its panel; returns the panel."""
    window.docks[name].raise_()
    panel = window.panel(name)
    panel.refresh_now()
    return panel


__all__ = ["host", "train", "use_dataset", "visible_refresh"]
