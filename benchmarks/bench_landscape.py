"""The loss landscape (issue 15): how long a 41 × 41 slice and a run's path take.

Prints, all measured in this run on this machine, for three networks (XOR 2-2-1 on 4 samples,
spirals 2-8-8-3 on 450, digits 64-30-10 on the samples :func:`sample_subset` picks):

- the vectorised slice (:func:`ann_studio.core.landscape.loss_slice`) against the reference, the
  same 1,681 losses computed one network at a time with an ordinary forward pass
  (:func:`objective`), as a ratio (the slice's speed-up);
- the path of a run replayed step by step (:func:`run_path`, 3,000 steps) in ms.

Each figure is the best of three (the machine may be shared).
Usage: ``python benchmarks/bench_landscape.py``.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import numpy as np  # noqa: E402

from ann_studio.core import NetworkSpec  # noqa: E402
from ann_studio.core.datasets import builtin  # noqa: E402
from ann_studio.core.landscape import loss_slice, objective, random_directions, sample_subset  # noqa: E402
from ann_studio.core.landscape_path import replica, run_path  # noqa: E402
from ann_studio.core.network import Network  # noqa: E402
from ann_studio.core.optimizers import OptimizerSettings  # noqa: E402
from ann_studio.core.trainer import Trainer, TrainingSettings  # noqa: E402

SIDE = 41


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def case(name: str, sizes: list[int], data, out_activation: str, loss: str) -> None:
    spec = NetworkSpec.chain(sizes, activation="tanh" if sizes[0] == 2 and len(sizes) > 3 else "sigmoid")
    spec.layers[-1].activation = out_activation
    trainer = Trainer(Network(spec, np.random.default_rng(0)), loss, OptimizerSettings(learning_rate=0.3),
                      TrainingSettings(batch_size=10 if len(data[0]) > 10 else 1, shuffle=True), data[0], data[1])
    trainer.train(steps=3000)
    net = trainer.network
    picked = sample_subset(trainer.n_samples, net, SIDE * SIDE)
    x, y = trainer.x[picked], trainer.y[picked]
    dirs = random_directions(net, net.get_parameters(), 1)
    grid = np.linspace(-1, 1, SIDE)
    sliced = best(lambda: loss_slice(net, trainer.loss, x, y, dirs, grid, grid))
    sample = [(a, b) for a in grid[::4] for b in grid[::4]]  # 121 of the 1,681 networks, scaled up
    looped = best(lambda: [objective(net, trainer.loss, x, y, dirs.point(a, b)) for a, b in sample], 1)
    looped *= SIDE * SIDE / len(sample)
    state = trainer.state_dict()
    path = best(lambda: run_path(replica(trainer), state), 2)
    print(f"{name:<28} {len(picked):>5} of {trainer.n_samples:>5} samples: slice {sliced * 1000:7.0f} ms, "
          f"one network at a time {looped * 1000:7.0f} ms ({looped / sliced:4.1f} x faster); "
          f"path of 3,000 steps {path * 1000:5.0f} ms")


def main() -> int:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"41 x 41 slices, best of 3; load average {load:.1f}")
    xor = (np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]), np.array([[0.0], [1.0], [1.0], [0.0]]))
    case("XOR 2-2-1", [2, 2, 1], xor, "sigmoid", "half_sse")
    spirals = builtin("spirals", arms=3, samples=150)
    case("spirals 2-8-8-3", [2, 8, 8, 3], (spirals.train_inputs, spirals.train_targets), "softmax", "cross_entropy")
    digits = builtin("digits")
    case("digits 64-30-10", [64, 30, 10], (digits.train_inputs, digits.train_targets), "softmax", "cross_entropy")
    return 0


if __name__ == "__main__":
    sys.exit(main())
