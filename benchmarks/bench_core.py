"""Engine speed against a minimal hand-written NumPy loop and PyTorch, measured in the same run.

[784, 30, 10] sigmoid, half-SSE, SGD η = 3.0, float64, on 60,000 MNIST-shaped synthetic samples,
batch 10 and 128: seconds per epoch and the ratios. Then the [2, 4, 4, 1] phase-by-phase cycle.

Targets (issue 2): engine ≤ 1.25× the minimal loop; at batch 10 at least 3× faster than PyTorch;
one full phase-by-phase cycle of the tiny network ≤ 100 µs median.

Run: ``python benchmarks/bench_core.py [--samples N] [--repeat R]``.
"""

from __future__ import annotations

import os

# One BLAS thread for all contenders: a second thread gives nothing at small batches and makes
# timings erratic on 2-core machines (see ../shared/design/qt-notes.md).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import statistics
import time

import numpy as np

from ann_studio.core import Network, NetworkSpec, OptimizerSettings, Trainer, TrainingSettings

SIZES = [784, 30, 10]
ETA = 3.0


def synthetic_mnist(n: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 1, (n, 784))
    y = np.eye(10)[rng.integers(0, 10, n)]
    return x, y


def initial_weights(seed: int = 1):
    net = Network(NetworkSpec.chain(SIZES), np.random.default_rng(seed))
    return [(layer.W.copy(), layer.b.copy()) for layer in net.dense]


def minimal_loop_epoch(params, x, y, batch: int, order: np.ndarray) -> None:
    """The reference: a hand-written vectorised mini-batch SGD epoch (what a careful student writes)."""
    (W1, b1), (W2, b2) = params
    for start in range(0, len(x), batch):
        idx = order[start:start + batch]
        xb, yb = x[idx], y[idx]
        m = len(idx)
        z1 = xb @ W1.T + b1
        a1 = 0.5 * (1 + np.tanh(0.5 * z1))
        z2 = a1 @ W2.T + b2
        a2 = 0.5 * (1 + np.tanh(0.5 * z2))
        d2 = (a2 - yb) * a2 * (1 - a2)
        d1 = (d2 @ W2) * a1 * (1 - a1)
        W2 -= (ETA / m) * (d2.T @ a1)
        b2 -= (ETA / m) * d2.sum(0)
        W1 -= (ETA / m) * (d1.T @ xb)
        b1 -= (ETA / m) * d1.sum(0)


def engine_trainer(params, x, y, batch: int) -> Trainer:
    spec = NetworkSpec.chain(SIZES)
    for layer, (W, b) in zip(spec.layers[1:], params):
        layer.weights, layer.bias = W.copy(), b.copy()
    return Trainer(Network(spec), "half_sse", OptimizerSettings(learning_rate=ETA),
                   TrainingSettings(batch_size=batch, shuffle=True, seed=0), x, y, evaluate=False)


def torch_epoch_fn(params, x, y, batch: int):
    import torch

    torch.set_num_threads(1)
    W1, b1 = (torch.tensor(a.copy(), requires_grad=True) for a in params[0])
    W2, b2 = (torch.tensor(a.copy(), requires_grad=True) for a in params[1])
    tx, ty = torch.from_numpy(x), torch.from_numpy(y)
    opt = torch.optim.SGD([W1, b1, W2, b2], lr=ETA)

    def epoch(order):
        for start in range(0, len(tx), batch):
            idx = torch.from_numpy(order[start:start + batch])
            xb, yb = tx[idx], ty[idx]
            a1 = torch.sigmoid(xb @ W1.T + b1)
            a2 = torch.sigmoid(a1 @ W2.T + b2)
            loss = 0.5 * ((a2 - yb) ** 2).sum(1).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()

    return epoch


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_epochs(samples: int, repeat: int) -> None:
    x, y = synthetic_mnist(samples)
    try:
        import torch  # noqa: F401
        have_torch = True
    except ImportError:
        have_torch = False
    print(f"[784, 30, 10] sigmoid half-SSE SGD η=3.0 float64, {samples} samples, best of {repeat}")
    for batch in (10, 128):
        params0 = initial_weights()
        order = np.random.default_rng(5).permutation(samples)
        mini_params = [(W.copy(), b.copy()) for W, b in params0]
        t_min = best_of(lambda p=mini_params, b=batch, o=order: minimal_loop_epoch(p, x, y, b, o), repeat)
        trainer = engine_trainer(params0, x, y, batch)
        t_eng = best_of(trainer.train_epoch, repeat)
        line = (f"batch {batch:>3}: engine {t_eng:.3f} s/epoch, minimal loop {t_min:.3f} s/epoch, "
                f"engine/minimal = {t_eng / t_min:.2f} (target ≤ 1.25)")
        if have_torch:
            epoch = torch_epoch_fn(params0, x, y, batch)
            t_torch = best_of(lambda e=epoch, o=order: e(o), repeat)
            line += f"; PyTorch {t_torch:.3f} s/epoch, PyTorch/engine = {t_torch / t_eng:.2f}"
            if batch == 10:
                line += " (target ≥ 3)"
        else:
            line += "; PyTorch not installed"
        print(line, flush=True)


def bench_phase_cycle(cycles: int = 3000) -> None:
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, (64, 2))
    y = (x[:, :1] * x[:, 1:] > 0).astype(float)
    trainer = Trainer(Network(NetworkSpec.chain([2, 4, 4, 1]), np.random.default_rng(1)), "half_sse",
                      OptimizerSettings(learning_rate=0.5), TrainingSettings(batch_size=1, shuffle=True),
                      x, y, evaluate=False)
    n = len(trainer.phases)
    samples = []
    for _ in range(cycles):
        start = time.perf_counter()
        for _ in range(n):
            trainer.step_phase()
        samples.append(time.perf_counter() - start)
    med = statistics.median(samples) * 1e6
    print(f"[2, 4, 4, 1] batch 1: one phase-by-phase cycle ({n} phases, state recorded) "
          f"median {med:.1f} µs (target ≤ 100 µs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=60_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    bench_epochs(args.samples, args.repeat)
    bench_phase_cycle()


if __name__ == "__main__":
    main()
