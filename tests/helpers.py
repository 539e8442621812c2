"""Shared test helpers (not fixtures): reference networks and paths."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ann_studio.core import LayerSpec, NetworkSpec

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "resources" / "examples"


def mazur_spec(train_bias: bool = False) -> NetworkSpec:
    """Matt Mazur's 2-2-2 worked example."""
    spec = NetworkSpec.chain([2, 2, 2])
    spec.layers[1].weights = np.array([[0.15, 0.20], [0.25, 0.30]])
    spec.layers[1].bias = np.array([0.35, 0.35])
    spec.layers[2].weights = np.array([[0.40, 0.45], [0.50, 0.55]])
    spec.layers[2].bias = np.array([0.60, 0.60])
    for layer in spec.layers[1:]:
        layer.train_bias = train_bias
    return spec


MAZUR_X = np.array([[0.05, 0.10]])
MAZUR_Y = np.array([[0.01, 0.99]])


def merge_spec(activation: str = "tanh", out_activation: str = "sigmoid", outputs: int = 2) -> NetworkSpec:
    """A DAG with a concatenating merge: in → a, in → b, [a, b, in] → out."""
    return NetworkSpec([
        LayerSpec("in", "input", 3),
        LayerSpec("a", "dense", 4, activation, ["in"]),
        LayerSpec("b", "dense", 2, activation, ["in"]),
        LayerSpec("c", "dense", 3, activation, ["a", "b"]),
        LayerSpec("out", "dense", outputs, out_activation, ["c", "b", "in"]),
    ], "out")
