"""Issue 17: hostile and odd data files through ``ann-studio validate`` (and ``train``).

Every case of :mod:`tests.hostile_data` (tiny files declaring gigabytes, files that are not
files, confusing cases) must end with exit code 2 and one line on stderr naming the file and,
where a limit was hit, the limit; in under 10 s, under a 1.5 GiB address-space cap (so a
blow-up fails the test, not the machine) and under 1.5 GB of resident memory; with the data
files untouched.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import EXAMPLES, ROOT
from tests.hostile_data import CASES

MEMORY_CAP = 1536 * 2**20
PEAK_LIMIT = 1.5e9
TIME_LIMIT = 10.0
_SKIP = {"CSV FIFO": not hasattr(os, "mkfifo"), "npz symlink to /etc/shadow": not Path("/etc/shadow").exists()}


#: runs the command line as ``python -m ann_studio`` does, and at exit writes the process's own
#: peak resident memory (VmHWM; ``ru_maxrss`` would include the test process it was forked from)
_LAUNCHER = """
import atexit, os, runpy, sys

def _peak():
    with open("/proc/self/status") as status:
        kib = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    with open(os.environ["ANN_TEST_PEAK_FILE"], "w") as out:
        out.write(str(kib * 1024))

if os.path.exists("/proc/self/status"):
    atexit.register(_peak)
sys.argv[0] = "ann-studio"
runpy.run_module("ann_studio", run_name="__main__", alter_sys=True)
"""


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_cli(args: list[str], folder: Path) -> dict:
    """Run the command line with ARGS under the memory cap; its exit code, output, time and peak."""
    out, err, peak = folder / "stdout.txt", folder / "stderr.txt", folder / "peak.txt"
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "ANN_TEST_PEAK_FILE": str(peak)}
    started = time.monotonic()
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        process = subprocess.Popen([sys.executable, "-c", _LAUNCHER, *args], stdout=stdout, stderr=stderr,
                                   cwd=ROOT, env=env, preexec_fn=_cap_memory)
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - started > 3 * TIME_LIMIT:
            os.kill(process.pid, signal.SIGKILL)
            _, status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.01)
    process.returncode = os.waitstatus_to_exitcode(status)
    return {"code": process.returncode, "stdout": out.read_text(errors="replace"),
            "stderr": err.read_text(errors="replace"), "seconds": time.monotonic() - started,
            "peak": int(peak.read_text()) if peak.exists() else usage.ru_maxrss * 1024}


def fingerprint(folder: Path) -> dict:
    """Size, modification time and SHA-256 of every regular file in ``folder`` (links not followed)."""
    out = {}
    for path in sorted(folder.iterdir()):
        info = path.lstat()
        if path.is_file() and not path.is_symlink():
            out[path.name] = (info.st_size, info.st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())
        else:
            out[path.name] = (info.st_mode, info.st_mtime_ns)
    return out


def write_project(folder: Path, data: dict, **changes) -> Path:
    project = json.loads((EXAMPLES / "xor.annproj").read_text(encoding="utf-8"))
    project.update(data=data, **changes)
    path = folder / "project.annproj"
    path.write_text(json.dumps(project), encoding="utf-8")
    return path


def check_one_line_refusal(result: dict, words: list[str]) -> str:
    lines = result["stderr"].splitlines()
    assert result["code"] == 2, result
    assert len(lines) == 1 and lines[0].startswith("ann-studio: ") and result["stdout"] == "", result
    assert "Traceback" not in lines[0] and "pickle" not in lines[0]
    for word in words:
        assert word in lines[0], (word, lines[0])
    assert result["seconds"] < TIME_LIMIT and result["peak"] < PEAK_LIMIT, result
    return lines[0]


@pytest.mark.parametrize("case", list(CASES))
def test_a_hostile_data_file_gives_one_line_fast_and_small(case, tmp_path):
    if _SKIP.get(case):
        pytest.skip("not possible on this system")
    build, words = CASES[case]
    data_folder = tmp_path / "data"
    data_folder.mkdir()
    project = write_project(data_folder, build(data_folder))
    before = fingerprint(data_folder)
    result = run_cli(["validate", str(project)], tmp_path)
    line = check_one_line_refusal(result, words)
    assert fingerprint(data_folder) == before
    print(f"\n{case}: {result['seconds']:.2f} s, peak {result['peak'] / 2**20:.0f} MiB: {line[-110:]}")


LOSS_CASES = {
    "cross-entropy targets [5, -2, 0]": ("cross_entropy", "softmax", 3, [[5, -2, 0], [0, 1, 0], [1, 0, 0], [0, 0, 1]],
                                         ["training targets row 1, column 1", "5 is not a probability"]),
    "binary cross-entropy targets 2 and -1": ("binary_cross_entropy", "sigmoid", 1, [[0], [2], [-1], [1]],
                                              ["training targets row 2, column 1", "2 is not a probability"]),
}


@pytest.mark.parametrize("case", list(LOSS_CASES))
def test_targets_the_loss_cannot_use_are_refused_before_training(case, tmp_path):
    loss, activation, outputs, targets, words = LOSS_CASES[case]
    project = json.loads((EXAMPLES / "xor.annproj").read_text(encoding="utf-8"))
    project["loss"] = loss
    out = next(layer for layer in project["network"]["layers"] if layer["id"] == project["network"]["output"])
    out.update(units=outputs, activation=activation)
    out.pop("weights", None), out.pop("bias", None)
    project["data"] = {"train": {"inputs": [[0, 0], [0, 1], [1, 0], [1, 1]], "targets": targets},
                       "task": "regression"}
    path = tmp_path / "loss.annproj"
    path.write_text(json.dumps(project), encoding="utf-8")
    check_one_line_refusal(run_cli(["train", str(path), "--steps", "5"], tmp_path), words)


def test_a_200_digit_version_number_is_not_echoed_back(tmp_path):
    project = json.loads((EXAMPLES / "xor.annproj").read_text(encoding="utf-8"))
    path = tmp_path / "version.annproj"
    path.write_text(json.dumps(project).replace('"version": 1', '"version": ' + "9" * 200, 1), encoding="utf-8")
    assert "9" * 200 in path.read_text(encoding="utf-8")
    line = check_one_line_refusal(run_cli(["validate", str(path)], tmp_path), ["version"])
    assert "9" * 40 not in line and len(line) < 200 + len(str(path))
