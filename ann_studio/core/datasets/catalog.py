"""The built-in data sets: a catalogue for the GUI (:data:`BUILTINS`) and :func:`builtin` to make one.

Every built-in is generated from ``numpy.random.default_rng(seed)`` or read from a file shipped
in ``resources/datasets``; nothing is downloaded, and the same parameters give the same arrays.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from ..errors import DataError
from . import synthetic, tables
from .base import CLASSIFICATION, REGRESSION, Dataset, check_seed, class_targets, shown, split
from .digits import DIGITS_FEATURES, DIGITS_SAMPLES, DIGITS_SHAPE, load_digits
from .features import apply_features, check_features

#: The most samples a generated set may have.
MAX_SAMPLES = 100_000


@dataclass(frozen=True)
class BuiltinInfo:
    """What the GUI needs to list a built-in data set and offer sliders for it.

    Attributes
    ----------
    name : str
        The key used in project files, e.g. ``"spirals"``.
    title, description : str
        One line each, in English (the GUI translates them).
    task : {"classification", "regression"}
    n_inputs : int
        Input columns before any engineered features.
    defaults : Mapping
        Every parameter the set accepts besides ``seed`` and ``features``, with its default.
        ``samples`` and ``noise`` are absent for fixed tables.
    ranges : Mapping
        Allowed values per parameter: ``(low, high)`` for numbers (inclusive), a tuple of
        strings for choices.
    """

    name: str
    title: str
    description: str
    task: str
    n_inputs: int
    defaults: Mapping = field(default_factory=dict)
    ranges: Mapping = field(default_factory=dict)

    @property
    def accepts_features(self) -> bool:
        """Whether engineered features (:mod:`.features`) apply: the set has 2 inputs."""
        return self.n_inputs == 2


def _info(name, title, description, task, n_inputs, defaults, ranges) -> BuiltinInfo:
    return BuiltinInfo(name, title, description, task, n_inputs, MappingProxyType(defaults),
                       MappingProxyType(ranges))


_SAMPLES = (1, MAX_SAMPLES)
_NOISE = (0.0, 10.0)
_TEST = (0.0, 0.9)


def _generated(name, title, description, samples, noise, task=CLASSIFICATION, n_inputs=2, **extra):
    defaults = {"samples": samples, "noise": noise, "test_fraction": 0.2}
    ranges = {"samples": _SAMPLES, "noise": _NOISE, "test_fraction": _TEST}
    for key, (default, bounds) in extra.items():
        defaults[key], ranges[key] = default, bounds
    return _info(name, title, description, task, n_inputs, defaults, ranges)


def _fixed(name, title, description, n_inputs=2):
    return _info(name, title, description, CLASSIFICATION, n_inputs, {"test_fraction": 0.0},
                 {"test_fraction": _TEST})


#: Name → :class:`BuiltinInfo`, in the order a GUI should list them.
BUILTINS: Mapping[str, BuiltinInfo] = MappingProxyType({info.name: info for info in [
    _fixed("xor", "XOR", "Exclusive or: 1 when exactly one input is 1. Not linearly separable."),
    _fixed("and", "AND", "Logical and: 1 only when both inputs are 1."),
    _fixed("or", "OR", "Logical or: 1 when either input is 1."),
    _fixed("xnor", "XNOR", "Equivalence: 1 when both inputs are equal."),
    _fixed("watermelon", "Watermelon 3.0α",
           "Zhou Zhihua's 17 watermelons: density and sugar content, good or bad."),
    _generated("circles", "Circles", "A disc of one class inside a ring of the other.", 200, 0.05),
    _generated("moons", "Moons", "Two interlocking half-moons.", 200, 0.1),
    _generated("spirals", "Spirals", "Interleaved spiral arms, one class per arm.", 300, 0.02,
               arms=(2, (2, 12)), turns=(1.0, (0.1, 5.0))),
    _generated("gaussians", "Gaussian blobs", "k round clouds of points, one class per cloud; "
               "noise is their spread.", 200, 0.2, k=(2, (2, 12))),
    _generated("checkerboard", "Checkerboard", "Squares of alternating class; 2 cells per side is XOR.",
               300, 0.0, cells=(2, (2, 12))),
    _generated("function", "Above or below a curve", "Points above or below y = f(x).", 200, 0.0,
               curve=("sin", tuple(synthetic.CURVES))),
    _generated("sine", "Sine curve", "Regression: y = sin(π·periods·x) plus noise.", 100, 0.05,
               task=REGRESSION, n_inputs=1, periods=(1.0, (0.1, 10.0))),
    _generated("plane", "Plane", "Regression: y = (x1 + x2) / 2 plus noise.", 200, 0.05, task=REGRESSION),
    _generated("gaussian_bump", "Gaussian bump", "Regression: a smooth hill in the middle of the square.",
               300, 0.02, task=REGRESSION, width=(0.4, (0.05, 2.0))),
    _info("digits", "Handwritten digits (8×8)", "1,797 real handwritten digits from the UCI repository.",
          CLASSIFICATION, 64, {"samples": DIGITS_SAMPLES, "test_fraction": 0.2},
          {"samples": (10, DIGITS_SAMPLES), "test_fraction": _TEST}),
]})


def _check_value(key: str, value, default, bounds):
    """``value`` validated against the type of ``default`` and ``bounds``; raises DataError(key)."""
    if isinstance(default, str):
        if value not in bounds:
            raise DataError(key, f"must be one of {', '.join(bounds)}, got {shown(value)}")
        return value
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise DataError(key, f"expected a number, got {shown(value)}")
    if isinstance(default, int) and not float(value).is_integer():
        raise DataError(key, f"expected a whole number, got {shown(value)}")
    value = int(value) if isinstance(default, int) else float(value)
    low, high = bounds
    if not (math.isfinite(value) and low <= value <= high):
        raise DataError(key, f"must be between {low} and {high}, got {shown(value)}")
    return value


def resolve_params(name: str, **given) -> dict:
    """The full parameter set of a built-in: defaults overridden by ``given`` (``None`` = default).

    Raises
    ------
    DataError
        Located at the offending parameter's name: unknown data set (``"builtin"``), a parameter
        the set does not take, or a value of the wrong type or out of range.
    """
    if name not in BUILTINS:
        raise DataError("builtin", f'unknown data set "{name}" (choices: {", ".join(BUILTINS)})')
    info = BUILTINS[name]
    values = dict(info.defaults)
    for key, value in given.items():
        if value is None:
            continue
        if key not in info.defaults:
            accepted = ", ".join([*info.defaults, "seed", *(["features"] if info.accepts_features else [])])
            raise DataError(key, f'"{name}" has no parameter "{key}" (it takes: {accepted})')
        values[key] = _check_value(key, value, info.defaults[key], info.ranges[key])
    return values


def _classes(make: Callable, names: Callable[[dict], list[str]], params=()):
    def build(rng, values):
        points, labels = make(rng, values["samples"], values["noise"], **{p: values[p] for p in params})
        class_names = names(values)
        return points, class_targets(labels, len(class_names)), ["x1", "x2"], class_names

    return build


def _regression(make: Callable, n_inputs: int, params=()):
    def build(rng, values):
        inputs, targets = make(rng, values["samples"], values["noise"], **{p: values[p] for p in params})
        return inputs, targets, ["x1", "x2"] if n_inputs == 2 else ["x"], ["y"]

    return build


def _gate(gate):
    def build(rng, values):
        inputs, labels = tables.truth_table(gate)
        return inputs, class_targets(labels, 2), ["x1", "x2"], ["0", "1"]

    return build


def _watermelon(rng, values):
    inputs, labels = tables.watermelon()
    return inputs, class_targets(labels, 2), list(tables.WATERMELON_FEATURES), list(tables.WATERMELON_CLASSES)


def _digits(rng, values):
    inputs, labels = load_digits()
    if values["samples"] < DIGITS_SAMPLES:
        keep = np.sort(rng.permutation(DIGITS_SAMPLES)[: values["samples"]])
        inputs, labels = inputs[keep], labels[keep]
    return inputs, class_targets(labels, 10), list(DIGITS_FEATURES), [str(d) for d in range(10)]


_BUILDERS = {
    **{gate: _gate(gate) for gate in tables.GATES},
    "watermelon": _watermelon,
    "digits": _digits,
    "circles": _classes(synthetic.circles, lambda v: ["outer", "inner"]),
    "moons": _classes(synthetic.moons, lambda v: ["upper", "lower"]),
    "spirals": _classes(synthetic.spirals, lambda v: [f"arm {j + 1}" for j in range(v["arms"])],
                        ("arms", "turns")),
    "gaussians": _classes(synthetic.gaussians, lambda v: [f"blob {j + 1}" for j in range(v["k"])], ("k",)),
    "checkerboard": _classes(synthetic.checkerboard, lambda v: ["0", "1"], ("cells",)),
    "function": _classes(synthetic.function, lambda v: ["below", "above"], ("curve",)),
    "sine": _regression(synthetic.sine, 1, ("periods",)),
    "plane": _regression(synthetic.plane, 2),
    "gaussian_bump": _regression(synthetic.gaussian_bump, 2, ("width",)),
}


def builtin(name: str, *, samples=None, noise=None, seed: int = 0, test_fraction=None, features=None,
            **params) -> Dataset:
    """Make a built-in data set.

    Parameters
    ----------
    name : str
        A key of :data:`BUILTINS`: ``xor``, ``and``, ``or``, ``xnor``, ``watermelon``, ``circles``,
        ``moons``, ``spirals``, ``gaussians``, ``checkerboard``, ``function``, ``sine``, ``plane``,
        ``gaussian_bump``, ``digits``.
    samples, noise, test_fraction : optional
        ``None`` takes the set's default (see ``BUILTINS[name].defaults``). Fixed tables take no
        ``samples`` or ``noise``.
    seed : int
        Seeds ``numpy.random.default_rng`` for the points and for the train/test split.
    features : list of str, optional
        Engineered features for 2-input sets (see :mod:`.features`), replacing the raw inputs.
    **params
        Set-specific parameters: ``arms``/``turns`` (spirals), ``k`` (gaussians), ``cells``
        (checkerboard), ``curve`` (function), ``periods`` (sine), ``width`` (gaussian_bump).

    Returns
    -------
    Dataset
        ``meta`` holds ``{"builtin": name, "params": {...every parameter...}}``.

    Raises
    ------
    DataError
        Located at the parameter at fault (``"arms"``, ``"features[2]"``, ``"builtin"``).
    """
    values = resolve_params(name, samples=samples, noise=noise, test_fraction=test_fraction, **params)
    seed = check_seed(seed)
    info = BUILTINS[name]
    inputs, targets, feature_names, target_names = _BUILDERS[name](np.random.default_rng(seed), values)
    if features is not None:
        if not info.accepts_features:
            raise DataError("features", f'engineered features need 2 inputs; "{name}" has {info.n_inputs}')
        feature_names = check_features(features)
        inputs = apply_features(inputs, feature_names)
    parts = split(inputs, targets, values["test_fraction"], seed)
    used = {**values, "seed": seed, **({"features": list(feature_names)} if features is not None else {})}
    return Dataset(name, *parts, feature_names=feature_names, target_names=target_names, task=info.task,
                   image_shape=DIGITS_SHAPE if name == "digits" and features is None else None,
                   meta={"builtin": name, "params": used})
