"""Run state (issue 12): memory of long runs, save/reopen/rewind of a 1 M-step run.

Prints, all measured in this run:

- peak RSS of ``ann-studio train xor.annproj --steps N`` (a whole process) for N = 100,000 and
  1,000,000, against the peak RSS of a minimal process that imports NumPy and trains the same
  network N steps with a bare loop keeping nothing (the reference); target: 100k steps < 150 MB;
- save time and file size of the 1 M-step run, reopen time, and the time to rewind the reopened
  run to its middle (replay from the nearest saved keyframe).

Usage: ``python benchmarks/bench_run_state.py [--quick]`` (``--quick``: 100k steps only).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
XOR = ROOT / "resources" / "examples" / "xor.annproj"

REFERENCE = """
import sys, numpy as np
n = int(sys.argv[1])
x = np.array([[0., 0.], [0., 1.], [1., 0.], [1., 1.]]); y = np.array([[0.], [1.], [1.], [0.]])
rng = np.random.default_rng(0)
W1, b1, W2, b2 = rng.normal(size=(2, 2)), np.zeros(2), rng.normal(size=(1, 2)), np.zeros(1)
s = lambda z: 1 / (1 + np.exp(-z))
for _ in range(n):
    a1 = s(x @ W1.T + b1); a2 = s(a1 @ W2.T + b2)
    d2 = (a2 - y) * a2 * (1 - a2); d1 = (d2 @ W2) * a1 * (1 - a1)
    W2 -= 0.5 * d2.T @ a1 / 4; b2 -= 0.5 * d2.mean(0); W1 -= 0.5 * d1.T @ x / 4; b1 -= 0.5 * d1.mean(0)
"""


def peak_rss_mb(cmd: list[str]) -> tuple[float, float]:
    """(peak RSS in MB, seconds) of running ``cmd`` as a child process."""
    started = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
    _, status, usage = os.wait4(child.pid, 0)  # this child's own peak (RUSAGE_CHILDREN is the largest so far)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{cmd[:3]} failed with {child.returncode}")
    return usage.ru_maxrss / 1024, time.perf_counter() - started


def main() -> None:
    quick = "--quick" in sys.argv
    sizes = [100_000] if quick else [100_000, 1_000_000]
    tmp = Path(tempfile.mkdtemp(prefix="bench_run_state_"))
    rows = []
    for n in sizes:
        ref_mb, ref_s = peak_rss_mb([sys.executable, "-c", REFERENCE, str(n)])
        out = tmp / f"xor_{n}.annproj"
        mb, s = peak_rss_mb([sys.executable, "-m", "ann_studio", "train", str(XOR), "--steps", str(n), "--out", str(out)])
        rows.append((n, mb, ref_mb, s, ref_s, out))
        print(f"{n:>9,} steps: peak RSS {mb:6.1f} MB (reference loop {ref_mb:5.1f} MB, ratio {mb / ref_mb:.2f}); "
              f"time {s:6.1f} s (reference {ref_s:5.1f} s, ratio {s / ref_s:.2f})", flush=True)
    n, *_, out = rows[-1]
    sys.path.insert(0, str(ROOT))
    from ann_studio.core import load_project, save_project

    project = load_project(out)
    trainer = project.build_trainer()
    project.run = trainer.state_dict()
    started = time.perf_counter()
    save_project(project, tmp / "again.annproj")
    save_s = time.perf_counter() - started
    started = time.perf_counter()
    reopened = load_project(tmp / "again.annproj").build_trainer()
    reopen_s = time.perf_counter() - started
    started = time.perf_counter()
    reopened.goto(n // 2)
    rewind_s = time.perf_counter() - started
    size = (tmp / "again.annproj").stat().st_size
    print(f"{n:,}-step run: save {save_s:.2f} s, file {size / 2**20:.2f} MB, reopen {reopen_s:.2f} s, "
          f"rewind to step {n // 2:,} {rewind_s:.2f} s ({len(reopened._keyframes)} keyframes after reopening)")
    print(json.dumps({"peak_rss_mb": {r[0]: round(r[1], 1) for r in rows}, "save_s": round(save_s, 3),
                      "file_mb": round(size / 2**20, 2), "reopen_s": round(reopen_s, 3),
                      "rewind_s": round(rewind_s, 3)}))


if __name__ == "__main__":
    main()
