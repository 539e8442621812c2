"""Shared test setup: Qt runs offscreen unless told otherwise."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# As in the GUI (ann_studio/__main__.py): one BLAS thread, so tests and timings stay steady on 2 cores.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
