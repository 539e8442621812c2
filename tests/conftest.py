"""Shared test setup: Qt runs offscreen unless told otherwise."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# As in the GUI (ann_studio/__main__.py): one BLAS thread, so tests and timings stay steady on 2 cores.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
    os.environ.setdefault(_name, "1")


import hashlib  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

_SHIPPED = Path(__file__).resolve().parent.parent / "resources" / "examples"


def _shipped_digest() -> str:
    h = hashlib.sha256()
    for path in sorted(_SHIPPED.glob("*")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


@pytest.fixture(autouse=True)
def _shipped_examples_stay_untouched():
    """Fail the test that writes into resources/examples (a saved example would ship changed)."""
    before = _shipped_digest()
    yield
    assert _shipped_digest() == before, "this test changed a file in resources/examples"
