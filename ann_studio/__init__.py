"""ANN Studio: a desktop neural-network simulator for students."""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("ann-studio")
except _metadata.PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+source"
