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


def test_neurons_added_by_an_edit_follow_the_projects_seed():
    """Issue 18: the weights an edit adds come from the project's seed (reproducible), and a
    second neuron added after the first gets weights of its own."""
    project = load_project(EXAMPLES / "mazur.annproj")
    spec = c.with_layer_edited(project.network, "hidden", seed=7, units=3)
    again = c.with_layer_edited(project.network, "hidden", seed=7, units=3)
    other_seed = c.with_layer_edited(project.network, "hidden", seed=8, units=3)
    assert np.array_equal(spec.layer("hidden").weights, again.layer("hidden").weights)
    assert np.array_equal(spec.layer("hidden").bias, again.layer("hidden").bias)
    assert not np.array_equal(spec.layer("hidden").weights[2], other_seed.layer("hidden").weights[2])
    fourth = c.with_layer_edited(spec, "hidden", seed=7, units=4).layer("hidden").weights
    assert not np.allclose(fourth[3], fourth[2])
    edge = c.with_edge(spec, spec.layers[0].id, spec.output, seed=7)
    assert np.array_equal(edge.layer(spec.output).weights, c.with_edge(spec, spec.layers[0].id, spec.output,
                                                                        seed=7).layer(spec.output).weights)
