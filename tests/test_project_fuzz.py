"""Fuzzing the project loader: mutated example files — keys deleted, values of the wrong type,
NaN/Infinity, huge numbers, deep nesting, truncation, random bytes — must only ever raise the
engine's own error (:class:`AnnError`), never crash with anything else.

Each strategy runs ``max_examples=300`` (about 1,500 files in all, well under a minute).
"""

import copy
import json
import math
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ann_studio.core import AnnError, load_project
from ann_studio.core.project import parse_project, parse_text
from tests.helpers import EXAMPLES

EXAMPLE_TEXTS = {p.name: p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.annproj"))}
EXAMPLE_OBJECTS = {name: json.loads(text) for name, text in EXAMPLE_TEXTS.items()}
FUZZ = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
_DIR = Path(tempfile.mkdtemp(prefix="annproj-fuzz-"))


def try_load(data: bytes) -> None:
    """Load ``data`` as a project file and build its trainer: only AnnError may come out."""
    path = _DIR / "fuzz.annproj"
    path.write_bytes(data)
    try:
        project = load_project(path)
        trainer = project.build_trainer(evaluate=False)
        trainer.train_step()
    except AnnError as exc:
        assert str(exc) and "\n" not in str(exc).strip()


# ----------------------------------------------------------------------------- values

NUMBERS = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, 1, -1, 2, 10**6, 10**9, 2**31, 2**63, 2**64, 10**30, 100_001, 50_000_001, 10**299,
                     10**400, -(10**4000)]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([math.nan, math.inf, -math.inf, 1e308, -1e308, 5e-324, 1e-320, 0.5, -0.0]),
)
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, st.text(max_size=12),
                    st.sampled_from(["", "sigmoid", "softmax", "in", "out", "hidden", "adam", "digits", "NaN",
                                     "\ud800", "a\udfffb", "\U0001f600", "\x00"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=6), inner, max_size=4)),
                      max_leaves=12)


def paths_of(obj, max_depth=12):
    """Paths (tuples of keys and indices) into a JSON value, the root included, down to
    ``max_depth`` levels (a previous mutation may have nested a value thousands deep)."""
    out, todo = [], [((), obj)]
    while todo:
        prefix, value = todo.pop()
        out.append(prefix)
        if len(prefix) >= max_depth:
            continue
        if isinstance(value, dict):
            todo += [(prefix + (k,), v) for k, v in value.items()]
        elif isinstance(value, list):
            todo += [(prefix + (i,), v) for i, v in enumerate(value)]
    return sorted(out, key=lambda p: [str(k) for k in p])


def nested(depth: int, leaf):
    value = leaf
    for i in range(depth):
        value = [value] if i % 2 else {"k": value}
    return value


@st.composite
def mutated_objects(draw):
    name = draw(st.sampled_from(sorted(EXAMPLE_OBJECTS)))
    obj = copy.deepcopy(EXAMPLE_OBJECTS[name])
    for _ in range(draw(st.integers(1, 3))):
        paths = paths_of(obj)
        path = draw(st.sampled_from(paths[1:] if len(paths) > 1 else paths))
        parent = obj
        for key in path[:-1]:
            parent = parent[key]
        key = path[-1] if path else None
        op = draw(st.sampled_from(["delete", "replace", "replace", "number", "nest", "add_key", "grow"]))
        if key is None:
            obj = draw(VALUES)
            break
        if op == "delete":
            del parent[key]
        elif op == "replace":
            parent[key] = draw(VALUES)
        elif op == "number":
            parent[key] = draw(NUMBERS)
        elif op == "nest":
            parent[key] = nested(draw(st.sampled_from([1, 5, 50, 400, 900, 990, 2000, 50_000])), parent[key])
        elif op == "add_key" and isinstance(parent[key], dict):
            parent[key][draw(st.text(max_size=8))] = draw(VALUES)
        elif op == "grow" and isinstance(parent[key], list):
            parent[key] = parent[key] * draw(st.integers(0, 5)) + draw(st.lists(VALUES, max_size=3))
    return obj


def encode(obj) -> bytes:
    """JSON bytes; NaN/Infinity written as such, text \\u-escaped (lone surrogates included)."""
    try:
        return json.dumps(obj, allow_nan=True).encode("ascii")
    except RecursionError:
        return dumps_deep(obj).encode("utf-8", "surrogatepass")


def dumps_deep(obj) -> str:
    """json.dumps without recursion, for the deeply nested values (iterative)."""
    out, stack = [], [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, str) and item.startswith("\0tok"):
            out.append(item[4:])
        elif isinstance(item, dict):
            stack.append("\0tok}")
            for i, (k, v) in enumerate(reversed(list(item.items()))):
                stack.append(v)
                stack.append("\0tok" + json.dumps(k) + ":")
                if i < len(item) - 1:
                    stack.append("\0tok,")
            out.append("{")
        elif isinstance(item, list):
            stack.append("\0tok]")
            for i, v in enumerate(reversed(item)):
                stack.append(v)
                if i < len(item) - 1:
                    stack.append("\0tok,")
            out.append("[")
        else:
            out.append(json.dumps(item, allow_nan=True))
    return "".join(out)


# ----------------------------------------------------------------------------- the fuzz tests


@FUZZ
@given(mutated_objects())
def test_structural_mutations_raise_only_ann_errors(obj):
    try_load(encode(obj))


@FUZZ
@given(st.sampled_from(sorted(EXAMPLE_TEXTS)), st.floats(0.0, 1.0))
def test_truncated_files_raise_only_ann_errors(name, fraction):
    data = EXAMPLE_TEXTS[name].encode("utf-8")
    try_load(data[:int(len(data) * fraction)])


@FUZZ
@given(st.sampled_from(sorted(EXAMPLE_TEXTS)), st.lists(st.tuples(st.floats(0.0, 1.0), st.binary(min_size=0, max_size=4)),
                                                        min_size=1, max_size=6))
def test_corrupted_bytes_raise_only_ann_errors(name, edits):
    data = bytearray(EXAMPLE_TEXTS[name].encode("utf-8"))
    for where, replacement in edits:
        i = int(where * (len(data) - 1))
        data[i:i + len(replacement) or i + 1] = replacement
    try_load(bytes(data))


@FUZZ
@given(st.one_of(st.binary(max_size=300), st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_random_bytes_raise_only_ann_errors(data):
    try_load(data)


@FUZZ
@given(st.sampled_from(sorted(EXAMPLE_TEXTS)), st.sampled_from(["NaN", "Infinity", "-Infinity", "1e999", "-1e999",
                                                                "123456789012345678901234567890", "9" * 400, "1.5", "true",
                                                                "null", '"x"', "[]", "{}", "-0"]),
       st.floats(0.0, 1.0))
def test_number_tokens_swapped_raise_only_ann_errors(name, token, where):
    """Replace one number in the text by NaN, Infinity, a huge literal or another JSON value."""
    import re

    text = EXAMPLE_TEXTS[name]
    numbers = list(re.finditer(r"-?\d+(\.\d+)?([eE][-+]?\d+)?", text))
    match = numbers[int(where * (len(numbers) - 1))]
    try_load((text[:match.start()] + token + text[match.end():]).encode("utf-8"))


def test_the_examples_themselves_load():
    for name, text in EXAMPLE_TEXTS.items():
        parse_project(parse_text(text.encode("utf-8"), name))


@pytest.mark.parametrize("depth", [10, 101, 500, 990, 1_000, 5_000, 20_000])
def test_deep_nesting_anywhere_raises_only_ann_errors(depth):
    for key in ("network", "data", "optimizer", "training", "title", "loss"):
        obj = copy.deepcopy(EXAMPLE_OBJECTS["xor.annproj"])
        obj[key] = nested(depth, obj[key])
        try_load(dumps_deep(obj).encode())
