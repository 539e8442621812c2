"""Data for ANN Studio: built-in sets, importers and the project file's data section.

NumPy and the standard library only: no Qt, no pickle. Every problem a user can cause raises
:class:`~ann_studio.core.errors.DataError` (or ``ProjectError`` from the project-file section).

>>> from ann_studio.core.datasets import builtin
>>> data = builtin("spirals", samples=400, arms=3, seed=1)
>>> data.train_inputs.shape, data.train_targets.shape
((320, 2), (320, 3))
"""

from .base import (
    CLASSIFICATION,
    MAX_INPUT_VALUES,
    REGRESSION,
    Dataset,
    class_labels,
    class_targets,
    one_hot,
    split,
)
from .catalog import BUILTINS, BuiltinInfo, builtin
from .csv_import import load_csv
from .download import MNIST_FILES, MNIST_MIRRORS, MNIST_SHA256, DownloadCancelled, download_mnist
from .features import FEATURES, apply_features
from .idx_import import FASHION_MNIST_CLASSES, MNIST_CLASSES, load_idx_pair, read_idx
from .normalise import apply_normalisation, fit_normalisation
from .npz_import import load_npz, save_npz
from .section import dataset_from_section, section_for_builtin, section_for_dataset

__all__ = [
    "BUILTINS",
    "CLASSIFICATION",
    "FASHION_MNIST_CLASSES",
    "FEATURES",
    "MAX_INPUT_VALUES",
    "MNIST_CLASSES",
    "MNIST_FILES",
    "MNIST_MIRRORS",
    "MNIST_SHA256",
    "REGRESSION",
    "BuiltinInfo",
    "Dataset",
    "DownloadCancelled",
    "apply_features",
    "apply_normalisation",
    "builtin",
    "class_labels",
    "class_targets",
    "dataset_from_section",
    "download_mnist",
    "fit_normalisation",
    "load_csv",
    "load_idx_pair",
    "load_npz",
    "one_hot",
    "read_idx",
    "save_npz",
    "section_for_builtin",
    "section_for_dataset",
    "split",
]
