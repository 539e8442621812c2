"""Fuzzing the data importers: 1,000 mutants each of ``.npz``, ``.csv`` and IDX files, bytes and
headers, in a child process under a 1.5 GiB address-space cap (``resource.setrlimit``), so a
loader that trusts a declared size fails the test instead of the machine.

Each mutant must load or raise ``DataError`` (never with "not enough memory", never on two
lines); see :mod:`tests.data_fuzz_worker`. A failing mutant is kept in the test's temporary
folder and named in the failure. The three runs take about 15 s together.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys

import pytest

from tests.helpers import ROOT

MUTANTS = 1000
MEMORY_CAP = 1536 * 2**20
SEEDS = {"npz": 17, "csv": 23, "idx": 29}


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


@pytest.mark.parametrize("fmt", list(SEEDS))
def test_mutants_load_or_give_a_data_error(fmt, tmp_path):
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    result = subprocess.run([sys.executable, "-m", "tests.data_fuzz_worker", fmt, str(MUTANTS), str(SEEDS[fmt]),
                             str(tmp_path)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
                            preexec_fn=_cap_memory)
    assert result.returncode == 0, result.stderr[-2000:]
    outcome = json.loads(result.stdout)
    print(f"\n{fmt}: {outcome['mutants']} mutants, {outcome['loaded']} loaded, {outcome['refused']} refused, "
          f"{len(outcome['failures'])} failures in {outcome['seconds']} s (slowest {outcome['slowest_s']} s)")
    assert outcome["mutants"] == MUTANTS and outcome["loaded"] + outcome["refused"] + len(outcome["failures"]) == MUTANTS
    assert outcome["failures"] == []
    assert outcome["loaded"] >= 10 and outcome["refused"] >= 100  # the mutants reach both ends
    assert outcome["slowest_s"] < 5
