"""Entry point of ``ann-studio``: headless commands, or the GUI.

``ann-studio train|runs|validate|export ...`` runs the headless command line (no Qt import);
``ann-studio [FILE]`` opens the application; ``--version``; ``--self-test``.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("--version", "-V"):
        from . import __version__

        print(f"ann-studio {__version__}")
        return 0
    if argv and argv[0] in ("--help", "-h", "help"):
        from .cli import print_help

        return print_help()
    if argv and argv[0] in ("train", "runs", "validate", "export"):
        from .cli import run

        return run(argv)
    # The GUI trains student-sized networks in small batches on the GUI thread: a second BLAS
    # thread gives nothing there and, on a busy 2-core machine, makes mid-size products 10-30x
    # slower (measured). Must be set before NumPy is imported.
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    if argv and argv[0] == "--self-test":
        from .selftest import run_self_test

        return run_self_test()
    from .app import main as gui_main

    return gui_main(argv)


if __name__ == "__main__":
    sys.exit(main())
