"""Targets checked against the loss (``core.losses.check_targets``) and the class limit of inline
data: the first bad row and column are named, in one line."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ann_studio.core import load_project
from ann_studio.core.datasets import dataset_from_section
from ann_studio.core.errors import DataError, ProjectError
from ann_studio.core.losses import LOSSES, check_targets
from tests.helpers import EXAMPLES, ROOT


def refusal(loss: str, targets, part: str = "training") -> str:
    with pytest.raises(DataError) as info:
        check_targets(loss, np.array(targets, dtype=float), part)
    return str(info.value)


def test_cross_entropy_needs_probability_rows():
    assert refusal("cross_entropy", [[0, 1, 0], [5, -2, 0]]) == (
        "training targets row 2, column 1: 5 is not a probability: cross-entropy needs targets from 0 to 1")
    assert refusal("cross_entropy", [[1, 0], [0.5, 0.25]], "test") == (
        "test targets row 2: the targets sum to 0.75, not 1: cross-entropy needs one-hot or probability rows")
    assert refusal("cross_entropy", [[1], [0]]).endswith("(for one 0/1 output use binary cross-entropy)")
    check_targets("cross_entropy", np.array([[0.2, 0.8], [1, 0], [0.3, 0.7 + 1e-9]]))


def test_binary_cross_entropy_needs_values_from_0_to_1():
    assert refusal("binary_cross_entropy", [[0], [2], [-1]]) == (
        "training targets row 2, column 1: 2 is not a probability: binary cross-entropy needs targets from 0 to 1")
    assert refusal("binary_cross_entropy", [[0, 0.5], [1, -0.25]]).startswith("training targets row 2, column 2: -0.25")
    check_targets("binary_cross_entropy", np.array([[0.0, 0.3], [1.0, 0.99]]))


@pytest.mark.parametrize("loss", sorted(LOSSES))
def test_every_loss_needs_finite_targets_and_squared_errors_take_any(loss):
    assert refusal(loss, [[0, 1], [np.inf, 0]]) == "training targets row 2, column 1: NaN and infinity are not allowed"
    if loss in ("half_sse", "mse"):
        check_targets(loss, np.array([[5.0, -2.0], [1e6, 0.0]]))
    check_targets(loss, np.zeros((0, 2)))


def test_every_shipped_project_has_targets_its_loss_can_use():
    projects = sorted(EXAMPLES.glob("*.annproj")) + sorted((ROOT / "resources" / "lessons" / "projects").glob("*.annproj"))
    assert len(projects) >= 10
    for path in projects:
        project = load_project(path)
        data = project.dataset()
        check_targets(project.loss, data.train_targets)
        check_targets(project.loss, data.test_targets, "test")


@pytest.mark.parametrize("section, where, words", [
    ({"train": {"inputs": [[0.0]] * 1500, "targets": list(range(1500))}, "task": "classification"},
     "data.train.targets", "too many classes: 1,500 different labels (limit MAX_CLASSES = 1,000)"),
    ({"train": {"inputs": [[0.0]] * 2, "targets": [[1] + [0] * 1200, [0, 1] + [0] * 1199]},
      "task": "classification"}, "data.train.targets", "too many classes: 1,201"),
])
def test_inline_data_has_the_class_limit_too(section, where, words):
    with pytest.raises(ProjectError) as info:
        dataset_from_section(section, Path("."))
    assert info.value.path == where and words in info.value.message


def test_values_echoed_in_messages_are_short():
    huge = 10**200
    for section in ({"builtin": "spirals", "arms": huge}, {"builtin": "moons", "seed": -huge},
                    {"builtin": "moons", "test_fraction": huge}, {"builtin": "moons", "features": ["x" * 300]}):
        with pytest.raises(ProjectError) as info:
            dataset_from_section(section, Path("."))
        assert len(str(info.value)) < 150 and "9" * 50 not in str(info.value), str(info.value)
