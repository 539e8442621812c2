"""Neurons added by an edit start different from each other (symmetry breaking), so they can learn
different things."""

import numpy as np

from ann_studio.core import load_project
from ann_studio.document import commands as c
from tests.helpers import EXAMPLES


def test_grown_neurons_differ_and_keep_learning_apart():
    project = load_project(EXAMPLES / "mazur.annproj")
    spec = c.with_layer_edited(project.network, "hidden", units=3)
    spec = c.with_layer_edited(spec, "hidden", units=4)
    hidden, out = spec.layer("hidden"), spec.layer("out")
    assert hidden.weights.shape == (4, 2) and out.weights.shape == (2, 4)
    assert not np.array_equal(hidden.weights[2], hidden.weights[3])
    assert not np.array_equal(out.weights[:, 2], out.weights[:, 3])
    assert np.array_equal(hidden.weights[:2], [[0.15, 0.20], [0.25, 0.30]])  # the old ones stay
    project.network = spec
    trainer = project.build_trainer()
    trainer.train(steps=50)
    W = trainer.network.layer("hidden").W
    assert not np.allclose(W[2], W[3])
