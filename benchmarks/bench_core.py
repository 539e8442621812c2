"""Engine speed against a minimal hand-written NumPy loop and PyTorch, measured in the same run.

[784, 30, 10] sigmoid, half-SSE, SGD η = 3.0, float64, on 60,000 MNIST-shaped synthetic samples,
batch 10 and 128: seconds per epoch and the ratios. Then, all in the same run (issue 16):

- whole processes, loading included: ``ann-studio train mnist.annproj --epochs 1`` on a
  60,000 × 784 float64 ``.npz`` against a minimal script that ``np.load``s the same file, trains
  the same epoch and prints the same loss and accuracy (as the CLI does at an epoch's end); and
  ``load_npz`` against a plain ``np.load`` of that file, in this process;
- the tiny network: ``ann-studio train xor.annproj --steps 100000`` (full batch) against a
  minimal vectorised NumPy loop of the same network, as whole processes;
- float32: the engine's epoch with ``training.dtype = "float32"`` against float64;
- the [2, 4, 4, 1] phase-by-phase cycle.

Each ratio is the best of ``--repeat`` rounds; in this process by CPU time, whole processes (the
contenders alternating) by wall clock and by CPU time (user + system): other jobs on a shared
machine stretch wall-clock time far more than CPU time.

Targets: engine ≤ 1.10× the minimal loop at batch 10 and ≥ 4× faster than PyTorch (issue 16; were
1.25 and 3, issue 2); loading ≤ 1.2× ``np.load``; a whole-process epoch ≤ 1.25× the minimal
script; 100,000 XOR steps ≤ 2× the minimal loop; one phase-by-phase cycle ≤ 100 µs median.

Run: ``python benchmarks/bench_core.py [--samples N] [--repeat R] [--part NAME ...]``.
"""

from __future__ import annotations

import os

# One BLAS thread for all contenders: a second thread gives nothing at small batches and makes
# timings erratic on 2-core machines (see ../shared/design/qt-notes.md).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from ann_studio.core import Network, NetworkSpec, OptimizerSettings, Trainer, TrainingSettings

SIZES = [784, 30, 10]
ETA = 3.0
ROOT = Path(__file__).resolve().parent.parent
PARTS = ("epochs", "process", "tiny", "float32", "phase")

#: the reference of a whole-process epoch: load the file, train one epoch, print its loss and accuracy
MINIMAL_EPOCH_SCRIPT = """
import sys
import numpy as np
with np.load(sys.argv[1]) as data:
    x, y = data["inputs"], data["targets"]
rng = np.random.default_rng(1)
W1, b1, W2, b2 = rng.standard_normal((30, 784)), rng.standard_normal(30), rng.standard_normal((10, 30)), rng.standard_normal(10)
sigmoid = lambda z: 0.5 * (1 + np.tanh(0.5 * z))
order = np.random.default_rng(0).permutation(len(x))
for start in range(0, len(x), 10):
    idx = order[start:start + 10]
    xb, yb = x[idx], y[idx]
    a1 = sigmoid(xb @ W1.T + b1)
    a2 = sigmoid(a1 @ W2.T + b2)
    d2 = (a2 - yb) * a2 * (1 - a2)
    d1 = (d2 @ W2) * a1 * (1 - a1)
    W2 -= (3.0 / 10) * (d2.T @ a1); b2 -= (3.0 / 10) * d2.sum(0)
    W1 -= (3.0 / 10) * (d1.T @ xb); b1 -= (3.0 / 10) * d1.sum(0)
out = sigmoid(sigmoid(x @ W1.T + b1) @ W2.T + b2)
print("loss", 0.5 * ((out - y) ** 2).sum() / len(x), "accuracy", (out.argmax(1) == y.argmax(1)).mean())
"""

#: the reference of the tiny network: XOR [2, 2, 1] full batch, a bare vectorised loop keeping nothing
MINIMAL_XOR_SCRIPT = """
import sys
import numpy as np
n = int(sys.argv[1])
x = np.array([[0., 0.], [0., 1.], [1., 0.], [1., 1.]]); y = np.array([[0.], [1.], [1.], [0.]])
rng = np.random.default_rng(3)
W1, b1, W2, b2 = rng.normal(size=(2, 2)), rng.normal(size=2), rng.normal(size=(1, 2)), rng.normal(size=1)
s = lambda z: 0.5 * (1 + np.tanh(0.5 * z))
for _ in range(n):
    a1 = s(x @ W1.T + b1); a2 = s(a1 @ W2.T + b2)
    d2 = (a2 - y) * a2 * (1 - a2); d1 = (d2 @ W2) * a1 * (1 - a1)
    W2 -= 2.0 * d2.T @ a1 / 4; b2 -= 2.0 * d2.sum(0) / 4; W1 -= 2.0 * d1.T @ x / 4; b1 -= 2.0 * d1.sum(0) / 4
"""


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


def engine_trainer(params, x, y, batch: int, dtype: str = "float64") -> Trainer:
    spec = NetworkSpec.chain(SIZES)
    for layer, (W, b) in zip(spec.layers[1:], params):
        layer.weights, layer.bias = W.copy(), b.copy()
    return Trainer(Network(spec), "half_sse", OptimizerSettings(learning_rate=ETA),
                   TrainingSettings(batch_size=batch, shuffle=True, seed=0, dtype=dtype), x, y, evaluate=False)


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
    """The least CPU time of ``repeat`` calls of ``fn`` (CPU time of this process: on a shared
    machine other jobs stretch wall-clock time by up to 3×, CPU time much less)."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
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
                f"engine/minimal = {t_eng / t_min:.2f} (target ≤ {1.10 if batch == 10 else 1.25})")
        if have_torch:
            epoch = torch_epoch_fn(params0, x, y, batch)
            t_torch = best_of(lambda e=epoch, o=order: e(o), repeat)
            line += f"; PyTorch {t_torch:.3f} s/epoch, PyTorch/engine = {t_torch / t_eng:.2f}"
            if batch == 10:
                line += " (target ≥ 4)"
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


# ---------------------------------------------------------------------------------- whole processes

def run_process(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system) of ``cmd`` as a child process."""
    started = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{' '.join(cmd[:4])} failed")
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime


def compare_processes(ours: list[str], reference: list[str], repeat: int) -> dict:
    """Best-of-``repeat`` wall and CPU times of both commands, alternating, and their ratios."""
    times: dict[str, list] = {"ours": [], "reference": []}
    for _ in range(repeat):
        times["reference"].append(run_process(reference))
        times["ours"].append(run_process(ours))
    best = {k: (min(t[0] for t in v), min(t[1] for t in v)) for k, v in times.items()}
    return {"ours": best["ours"], "reference": best["reference"],
            "wall_ratio": best["ours"][0] / best["reference"][0], "cpu_ratio": best["ours"][1] / best["reference"][1]}


def _line(what: str, result: dict, target: str) -> str:
    (w, c), (rw, rc) = result["ours"], result["reference"]
    return (f"{what}: {w:.2f} s wall / {c:.2f} s CPU, reference {rw:.2f} s / {rc:.2f} s; "
            f"ratio {result['wall_ratio']:.2f} wall, {result['cpu_ratio']:.2f} CPU (target {target})")


def mnist_project(folder: Path, samples: int, dtype: str = "float64") -> Path:
    """A [784, 30, 10] project on an uncompressed 60,000 × 784 float64 ``.npz`` in ``folder``."""
    data = folder / "mnist.npz"
    if not data.exists():
        x, y = synthetic_mnist(samples)
        np.savez(data, inputs=x, targets=y)
    layers = [{"id": "in", "type": "input", "units": 784},
              {"id": "hidden", "type": "dense", "units": 30, "activation": "sigmoid", "inputs": ["in"], "init": "randn"},
              {"id": "out", "type": "dense", "units": 10, "activation": "sigmoid", "inputs": ["hidden"], "init": "randn"}]
    project = {"format": "ann-studio-project", "version": 2, "network": {"layers": layers, "output": "out"},
               "loss": "half_sse", "optimizer": {"type": "sgd", "learning_rate": ETA},
               "training": {"batch_size": 10, "shuffle": True, "seed": 0, "dtype": dtype},
               "data": {"train": {"file": data.name}}}
    path = folder / f"mnist_{dtype}.annproj"
    path.write_text(json.dumps(project), encoding="utf-8")
    return path


def bench_loading(folder: Path, samples: int, repeat: int) -> None:
    from ann_studio.core.datasets import load_npz

    data = mnist_project(folder, samples).parent / "mnist.npz"

    def plain():
        with np.load(data) as archive:
            return archive["inputs"], archive["targets"]

    t_plain = best_of(plain, repeat)
    t_ours = best_of(lambda: load_npz(data), repeat)
    print(f"loading {samples:,} × 784 float64 .npz: load_npz {t_ours:.3f} s, np.load {t_plain:.3f} s, "
          f"ratio {t_ours / t_plain:.2f} (target ≤ 1.2)", flush=True)


def bench_process_epoch(folder: Path, samples: int, repeat: int) -> None:
    project = mnist_project(folder, samples)
    ours = [sys.executable, "-m", "ann_studio", "train", str(project), "--epochs", "1"]
    reference = [sys.executable, "-c", MINIMAL_EPOCH_SCRIPT, str(folder / "mnist.npz")]
    print(_line("whole-process CLI epoch, loading included", compare_processes(ours, reference, repeat), "≤ 1.25"),
          flush=True)


def bench_tiny(steps: int, repeat: int) -> None:
    xor = ROOT / "resources" / "examples" / "xor.annproj"
    ours = [sys.executable, "-m", "ann_studio", "train", str(xor), "--steps", str(steps)]
    reference = [sys.executable, "-c", MINIMAL_XOR_SCRIPT, str(steps)]
    print(_line(f"XOR [2, 2, 1] full batch, {steps:,} steps, whole processes", compare_processes(ours, reference, repeat),
                "≤ 2"), flush=True)


def bench_float32(samples: int, repeat: int) -> None:
    x, y = synthetic_mnist(samples)
    params0 = initial_weights()
    for batch in (10, 128):
        times = {}
        for dtype in ("float64", "float32"):
            trainer = engine_trainer(params0, x, y, batch, dtype)
            times[dtype] = best_of(trainer.train_epoch, repeat), trainer.x.nbytes
        (t64, m64), (t32, m32) = times["float64"], times["float32"]
        print(f"float32, batch {batch:>3}: {t32:.3f} s/epoch against float64 {t64:.3f} s (ratio {t32 / t64:.2f}); "
              f"inputs {m32 / 2**20:.0f} MB against {m64 / 2**20:.0f} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=60_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--steps", type=int, default=100_000, help="XOR steps of the tiny-network comparison")
    parser.add_argument("--part", nargs="*", choices=PARTS, default=list(PARTS))
    args = parser.parse_args()
    if "epochs" in args.part:
        bench_epochs(args.samples, args.repeat)
    if "process" in args.part:
        with tempfile.TemporaryDirectory(prefix="bench_core_") as folder:
            bench_loading(Path(folder), args.samples, args.repeat)
            bench_process_epoch(Path(folder), args.samples, args.repeat)
    if "tiny" in args.part:
        bench_tiny(args.steps, args.repeat)
    if "float32" in args.part:
        bench_float32(args.samples, args.repeat)
    if "phase" in args.part:
        bench_phase_cycle()


if __name__ == "__main__":
    main()
