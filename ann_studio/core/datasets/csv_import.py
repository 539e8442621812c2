"""Import a table of numbers from a CSV file.

Every problem a file can have is reported as a :class:`DataError` naming the file, the line and
the column, e.g. ``iris.csv: line 17, column "petal_width": "abc" is not a number``.
"""

from __future__ import annotations

import csv
import io
from array import array
from itertools import chain, islice
from pathlib import Path

import numpy as np

from ..errors import DataError
from .base import (
    CLASSIFICATION,
    MAX_INPUT_VALUES,
    REGRESSION,
    Dataset,
    check_seed,
    check_size,
    split,
    split_count,
)
from .normalise import METHODS, apply_normalisation, fit_normalisation
from .targets import check_one_hot, encode_labels, guess_task, parse_number

#: Files larger than this are refused before reading.
MAX_CSV_BYTES = 512 * 1024 * 1024
#: Delimiters tried, in order of preference, when ``delimiter`` is not given.
DELIMITERS = ("\t", ";", ",")
_SNIFF_ROWS = 20


class _Table:
    """Where each cell comes from: the file name, header names and the rows' line numbers."""

    def __init__(self, file_name: str, names: list[str], has_header: bool):
        self.file_name, self.names, self.has_header = file_name, names, has_header
        self.lines = array("q")

    def where(self, line: int, column: int | None = None) -> str:
        if column is None:
            return f"{self.file_name}: line {line}"
        label = f'"{self.names[column]}"' if self.has_header else str(column + 1)
        return f"{self.file_name}: line {line}, column {label}"


def _read_text(path: Path, encoding: str) -> str:
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            raise DataError(name, f"too large: {size:,} bytes (the limit is {MAX_CSV_BYTES:,})")
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError(name, f"file not found ({path})") from None
    except OSError as exc:
        raise DataError(name, f"cannot read the file ({exc.strerror or exc})") from None
    if b"\x00" in data:
        raise DataError(name, "not CSV text: the file holds NUL bytes (a binary file, or UTF-16 text; "
                        "save it as CSV UTF-8)")
    codec = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    try:
        return data.decode(codec)
    except LookupError:
        raise DataError("encoding", f'unknown text encoding "{encoding}"') from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(f"{name}: line {line}", f"not valid {encoding} text (byte 0x{data[exc.start]:02x}); "
                        "save the file as CSV UTF-8, or give its encoding (e.g. gb18030)") from None


def _pick_delimiter(text: str) -> str:
    """The first of :data:`DELIMITERS` that appears equally often in each of the first lines."""
    lines = [line for line in islice((ln for ln in io.StringIO(text, newline="") if ln.strip()), 10)]
    for candidate in DELIMITERS:
        counts = {line.count(candidate) for line in lines}
        if len(counts) == 1 and counts.pop() > 0:
            return candidate
    return ","


def _rows(text: str, name: str, delimiter: str):
    """Yield ``(line_number, cells)`` for each row that is not blank."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield reader.line_num, cells
    except csv.Error as exc:
        raise DataError(f"{name}: line {reader.line_num}", f"not readable as CSV ({exc})") from None


def _detect_header(head: list[tuple[int, list[str]]]) -> bool:
    """A header is a first row with a word above a column of numbers."""
    first, rest = head[0][1], [cells for _, cells in head[1:]]
    for j, cell in enumerate(first):
        column = [cells[j] for cells in rest if j < len(cells)]
        if parse_number(cell) is None and column and all(parse_number(c) is not None for c in column):
            return True
    return False


def _column_names(first: list[str], has_header: bool) -> list[str]:
    if not has_header:
        return [f"column {j + 1}" for j in range(len(first))]
    return [cell.strip() or f"column {j + 1}" for j, cell in enumerate(first)]


def _resolve_targets(table: _Table, target_columns) -> list[int]:
    """Target column indices from names or 0-based indices (negative counts from the end)."""
    width, location = len(table.names), table.file_name
    if target_columns is None:
        target_columns = [-1]
    if isinstance(target_columns, str | int):
        target_columns = [target_columns]
    chosen = []
    for ref in target_columns:
        if isinstance(ref, bool) or not isinstance(ref, str | int):
            raise DataError("target_columns", f"expected column names or indices, got {ref!r}")
        if isinstance(ref, int):
            if not -width <= ref < width:
                raise DataError(location, f"there is no column {ref} (the file has {width} columns, "
                                "counted from 0)")
            chosen.append(ref % width)
            continue
        matches = [j for j, n in enumerate(table.names) if n == ref.strip()]
        if len(matches) != 1:
            problem = "no column" if not matches else "more than one column"
            raise DataError(location, f'{problem} named "{ref}" (columns: {", ".join(table.names)})')
        chosen.append(matches[0])
    if len(set(chosen)) != len(chosen):
        raise DataError("target_columns", "the same column is chosen twice")
    if len(chosen) >= width:
        raise DataError(location, "every column is a target: no input columns are left")
    return chosen


def _bad_cell(table: _Table, line: int, column: int, text: str) -> DataError:
    if not text.strip():
        return DataError(table.where(line, column), "empty cell (missing values are not supported)")
    return DataError(table.where(line, column), f'"{text.strip()[:40]}" is not a number')


def _read_cells(table: _Table, rows, inputs: list[int], targets: list[int]):
    """Read every row: input cells as floats, target cells kept as text."""
    values, labels, width = array("d"), [], len(table.names)
    for line, cells in rows:
        if len(cells) != width:
            raise DataError(table.where(line), f"expected {width} columns, got {len(cells)}")
        try:
            values.extend([float(cells[j]) for j in inputs])
        except ValueError:
            bad = next(j for j in inputs if parse_number(cells[j]) is None)
            raise _bad_cell(table, line, bad, cells[bad]) from None
        labels.append([cells[j] for j in targets])
        table.lines.append(line)
        if len(values) > MAX_INPUT_VALUES:
            check_size(table.file_name, len(values), MAX_INPUT_VALUES)
    if not labels:
        raise DataError(table.file_name, "no data rows (only a header)")
    matrix = np.frombuffer(values, dtype=np.float64).reshape(len(labels), len(inputs))
    _check_finite(table, matrix, inputs)
    return matrix.copy(), labels


def _check_finite(table: _Table, matrix: np.ndarray, columns: list[int]) -> None:
    bad = np.argwhere(~np.isfinite(matrix))
    if len(bad):
        row, col = bad[0]
        raise DataError(table.where(table.lines[row], columns[col]), "NaN and infinity are not allowed")


def _numeric_targets(table: _Table, labels: list[list[str]], columns: list[int]) -> np.ndarray:
    out = np.empty((len(labels), len(columns)))
    for i, row in enumerate(labels):
        for c, text in enumerate(row):
            value = parse_number(text)
            if value is None:
                raise _bad_cell(table, table.lines[i], columns[c], text)
            out[i, c] = value
    _check_finite(table, out, columns)
    return out


def _targets(table: _Table, labels, columns: list[int], task: str):
    """Targets (N, k), target names, and the task, from the target cells."""
    names = [table.names[j] for j in columns]
    single = len(columns) == 1
    numeric = all(parse_number(row[0]) is not None for row in labels) if single else True
    if task == "auto":
        if single and not numeric:
            task = CLASSIFICATION
        else:
            targets = _numeric_targets(table, labels, columns)
            task = guess_task(targets)
    if task == CLASSIFICATION and single:

        def where(i: int) -> str:
            return table.where(table.lines[i], columns[0])

        return *encode_labels([row[0] for row in labels], where, names[0]), task
    targets = _numeric_targets(table, labels, columns)
    if task == CLASSIFICATION:
        check_one_hot(targets, lambda i: table.where(table.lines[i]))
    return targets, names, task


def load_csv(path, *, target_columns=None, header="auto", normalise="none", test_fraction=0.2, seed=0,
             task="auto", delimiter=None, encoding="utf-8") -> Dataset:
    """Load a CSV file of numbers as a :class:`Dataset`.

    Parameters
    ----------
    path : str or Path
    target_columns : str, int or list of them, optional
        Column names, or 0-based indices (``-1`` is the last column). Default: the last column.
    header : {"auto", True, False}
        ``"auto"``: the first row is a header when it has a word above a column of numbers.
    normalise : {"none", "minmax", "zscore"}
        Input normalisation, fitted on the training split only; the fitted parameters are in
        ``meta["normalisation"]`` (see :mod:`.normalise`).
    test_fraction : float
        Share of the rows held out for testing, chosen with ``default_rng(seed)``.
    seed : int
    task : {"auto", "classification", "regression"}
        ``"auto"``: classification when one target column holds words, 0/1, or at most 10
        different whole numbers each appearing twice on average, or when several columns are
        one-hot; regression otherwise. Class labels become a 0/1
        column (two classes) or one-hot columns, with the sorted class names in ``target_names``.
    delimiter : str, optional
        Default: tab, semicolon or comma, the first found equally often in the first lines.
    encoding : str
        Default UTF-8 (a byte-order mark is skipped). Chinese Excel saves "CSV" as ``gb18030``.

    Returns
    -------
    Dataset
        Named after the file; ``meta`` records the columns, header, delimiter and normalisation.

    Raises
    ------
    DataError
        For anything wrong with the file, naming the file, line and column.
    """
    path = Path(path)
    if task not in ("auto", CLASSIFICATION, REGRESSION):
        raise DataError("task", f'must be "auto", "classification" or "regression", not {task!r}')
    if not isinstance(encoding, str):
        raise DataError("encoding", f"expected the name of a text encoding, got {encoding!r}")
    check_seed(seed)
    split_count(0, test_fraction)
    if normalise not in METHODS:
        raise DataError("normalise", f'must be one of {", ".join(METHODS)}, got {normalise!r}')
    table, rows, delimiter = _open_table(path, header, delimiter, encoding)
    targets_at = _resolve_targets(table, target_columns)
    inputs_at = [j for j in range(len(table.names)) if j not in targets_at]
    inputs, labels = _read_cells(table, rows, inputs_at, targets_at)
    targets, target_names, task = _targets(table, labels, targets_at, task)
    train_x, train_y, test_x, test_y = split(inputs, targets, test_fraction, seed)
    params = fit_normalisation(train_x, normalise)
    if normalise != "none":
        train_x, test_x = apply_normalisation(train_x, params), apply_normalisation(test_x, params)
    feature_names = [table.names[j] if table.has_header else f"x{i + 1}" for i, j in enumerate(inputs_at)]
    if task == REGRESSION and not table.has_header:
        target_names = ["y"] if len(targets_at) == 1 else [f"y{i + 1}" for i in range(len(targets_at))]
    meta = {"source": "csv", "file": path.name, "header": table.has_header, "delimiter": delimiter,
            "columns": list(table.names), "target_columns": targets_at, "normalisation": params,
            "test_fraction": test_fraction, "seed": seed}
    return Dataset(path.name, train_x, train_y, test_x, test_y, feature_names=feature_names,
                   target_names=target_names, task=task, meta=meta)


def _open_table(path: Path, header, delimiter, encoding):
    """Read the file, choose the delimiter and header; return the table and its remaining rows."""
    if header not in ("auto", True, False):
        raise DataError("header", f'must be "auto", true or false, got {header!r}')
    text = _read_text(path, encoding)
    if not text.strip():
        raise DataError(path.name, "the file is empty")
    if delimiter is None:
        delimiter = _pick_delimiter(text)
    elif not isinstance(delimiter, str) or len(delimiter) != 1 or delimiter in "\"\r\n":
        raise DataError("delimiter", f"must be a single character, got {delimiter!r}")
    rows = _rows(text, path.name, delimiter)
    head = list(islice(rows, _SNIFF_ROWS))
    if not head:
        raise DataError(path.name, "the file is empty")
    has_header = _detect_header(head) if header == "auto" else bool(header)
    table = _Table(path.name, _column_names(head[0][1], has_header), has_header)
    if has_header:
        head.pop(0)
    if len(table.names) < 2:
        raise DataError(path.name, "only one column: need at least one input and one target column")
    return table, chain(head, rows), delimiter
