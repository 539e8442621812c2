"""The engine's error types. Every problem a user can cause raises a subclass of :class:`AnnError`.

Messages are written for the user: they say *where* (a JSON path, a layer id, a line and column)
and *what* is wrong, in one line.
"""

from __future__ import annotations


class AnnError(Exception):
    """Base class of every error the engine raises on purpose."""


class ProjectError(AnnError):
    """An invalid project file or network description.

    Parameters
    ----------
    path : str
        Where the problem is: a JSON path such as ``network.layers[2].units``, or ``""`` for the
        whole document.
    message : str
        What is wrong, e.g. ``expected a positive integer, got "ten"``.
    """

    def __init__(self, path: str, message: str):
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path else message)


class DataError(AnnError):
    """Bad data: a malformed CSV/IDX/NPZ file, a missing data file, mismatched shapes.

    ``location`` names the place (``line 17, column "petal_width"``, a file name, a JSON path).
    """

    def __init__(self, location: str, message: str):
        self.location = location
        self.message = message
        super().__init__(f"{location}: {message}" if location else message)


class DivergenceError(AnnError):
    """Training produced NaN or infinity. Names the step and the layer where it appeared."""

    def __init__(self, step: int, layer: str, what: str):
        self.step = step
        self.layer = layer
        self.what = what
        super().__init__(f"training diverged at step {step}: {what} in layer '{layer}'")
