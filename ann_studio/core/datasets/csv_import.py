"""Import a table of numbers from a CSV file.

Every problem a file can have is reported as a :class:`DataError` naming the file, the line and
the column, e.g. ``iris.csv: line 17, column "petal_width": "abc" is not a number``. The file is
read a line at a time (:mod:`.csv_text`) within the limits of :mod:`.limits`.
"""

from __future__ import annotations

from itertools import chain, islice
from pathlib import Path

from ..errors import DataError
from ..jsonpath import show
from . import limits
from .base import CLASSIFICATION, REGRESSION, Dataset, check_seed, split, split_count
from .csv_cells import Table, read_cells, targets_of
from .csv_text import check_encoding, rows, text_lines
from .files import open_data_file, reading, within_memory
from .normalise import METHODS, apply_normalisation, fit_normalisation
from .targets import parse_number

#: Files larger than this are refused before reading (:data:`.limits.FILE_BYTES`).
MAX_CSV_BYTES = limits.FILE_BYTES.value
#: Delimiters tried, in order of preference, when ``delimiter`` is not given.
DELIMITERS = ("\t", ";", ",")
_SNIFF_LINES = 10
_PEEK_LIMIT = 10_000
_SNIFF_ROWS = 20


def _pick_delimiter(lines: list[str]) -> str:
    """The first of :data:`DELIMITERS` that appears equally often in each of the first lines."""
    for candidate in DELIMITERS:
        counts = {line.count(candidate) for line in lines}
        if len(counts) == 1 and counts.pop() > 0:
            return candidate
    return ","


def _detect_header(head: list[tuple[int, list[str]]]) -> bool:
    """A header is a first row with a word above a column of numbers, or a lone row with a word."""
    first, rest = head[0][1], [cells for _, cells in head[1:]]
    if not rest:
        return any(parse_number(cell) is None for cell in first)
    for j, cell in enumerate(first):
        column = [cells[j] for cells in rest if j < len(cells)]
        if parse_number(cell) is None and column and all(parse_number(c) is not None for c in column):
            return True
    return False


def _column_names(first: list[str], has_header: bool) -> list[str]:
    if not has_header:
        return [f"column {j + 1}" for j in range(len(first))]
    return [cell.strip() or f"column {j + 1}" for j, cell in enumerate(first)]


def _some(names: list[str], n: int = 10) -> str:
    """The first ``n`` names, for a message."""
    return ", ".join(name[:40] for name in names[:n]) + (f", … ({len(names):,} in all)" if len(names) > n else "")


def _resolve_targets(table: Table, target_columns) -> list[int]:
    """Target column indices from names or 0-based indices (negative counts from the end)."""
    width, location = len(table.names), table.file_name
    if target_columns is None:
        target_columns = [-1]
    if isinstance(target_columns, str | int):
        target_columns = [target_columns]
    chosen = []
    for ref in target_columns:
        if isinstance(ref, bool) or not isinstance(ref, str | int):
            raise DataError("target_columns", f"expected column names or indices, got {show(ref)}")
        if isinstance(ref, int):
            if not -width <= ref < width:
                raise DataError(location, f"there is no column {show(ref)} (the file has {width} columns, "
                                "counted from 0)")
            chosen.append(ref % width)
            continue
        matches = [j for j, n in enumerate(table.names) if n == ref.strip()]
        if len(matches) != 1:
            problem = "no column" if not matches else "more than one column"
            raise DataError(location, f"{problem} named {show(ref)} (columns: {_some(table.names)})")
        chosen.append(matches[0])
    if len(set(chosen)) != len(chosen):
        raise DataError("target_columns", "the same column is chosen twice")
    if len(chosen) >= width:
        raise DataError(location, "every column is a target: no input columns are left")
    return chosen


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
        raise DataError("task", f'must be "auto", "classification" or "regression", not {show(task)}')
    check_seed(seed)
    split_count(0, test_fraction)
    if normalise not in METHODS:
        raise DataError("normalise", f'must be one of {", ".join(METHODS)}, got {show(normalise)}')
    if header not in ("auto", True, False):
        raise DataError("header", f'must be "auto", true or false, got {show(header)}')
    if delimiter is not None and (not isinstance(delimiter, str) or len(delimiter) != 1 or delimiter in "\"\r\n"):
        raise DataError("delimiter", f"must be a single character, got {show(delimiter)}")
    check_encoding(encoding)
    with open_data_file(path) as stream, reading(path.name, path):
        lines = text_lines(stream, path.name, encoding)
        table, cell_rows, delimiter = _open_table(lines, path.name, header, delimiter)
        targets_at = _resolve_targets(table, target_columns)
        inputs_at = [j for j in range(len(table.names)) if j not in targets_at]
        inputs, cells = read_cells(table, cell_rows, inputs_at, targets_at)
        targets, target_names, task = targets_of(table, cells, targets_at, task)
    with within_memory(path.name):
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


def _open_table(lines, name: str, header, delimiter: str | None):
    """Choose the delimiter and the header; return the table and its rows (the rest still unread)."""
    peeked, sample = [], []
    for line in lines:  # the blank lines before the first ones with text are kept: they count
        peeked.append(line)
        if line:
            sample.append(line)
        if len(sample) == _SNIFF_LINES or len(peeked) == _PEEK_LIMIT:
            break
    delimiter = delimiter or _pick_delimiter(sample)
    cell_rows = rows(chain(peeked, lines), name, delimiter)
    head = list(islice(cell_rows, _SNIFF_ROWS))
    if not head:
        raise DataError(name, "the file is empty")
    has_header = _detect_header(head) if header == "auto" else bool(header)
    table = Table(name, _column_names(head[0][1], has_header), has_header)
    if has_header:
        head.pop(0)
    if len(table.names) < 2:
        raise DataError(name, "only one column: need at least one input and one target column")
    return table, chain(head, cell_rows), delimiter
