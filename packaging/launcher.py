"""Entry script of the PyInstaller bundle: runs the same ``main()`` as the ``ann-studio`` console script.

On Windows and macOS the bundle is windowed, so ``sys.stdout``/``sys.stderr`` may be ``None``. Then their
output goes to the file named by the ``ANN_STUDIO_LOG`` environment variable (CI sets it to read the
``--self-test`` report) or is discarded, so that a stray ``write`` never crashes the app.
"""

import multiprocessing
import os
import sys


def _give_windowed_app_streams() -> None:
    if sys.stdout is not None and sys.stderr is not None:
        return
    target = os.environ.get("ANN_STUDIO_LOG") or os.devnull
    stream = open(target, "a", encoding="utf-8", buffering=1)  # lives as long as the process
    if sys.stdout is None:
        sys.stdout = stream
    if sys.stderr is None:
        sys.stderr = stream


if __name__ == "__main__":
    multiprocessing.freeze_support()
    _give_windowed_app_streams()

    from ann_studio.__main__ import main

    sys.exit(main())
