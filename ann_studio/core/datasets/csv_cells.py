"""From the rows of a CSV file to arrays: input cells as numbers, target cells as class labels or
numbers, every problem located by line and column.

Target cells are kept compactly while the file is read (a number each, and a code into the
column's distinct labels), never as one Python string per cell: a million rows cost a few
megabytes, not a gigabyte.
"""

from __future__ import annotations

from array import array

import numpy as np

from ..errors import DataError
from ..jsonpath import show
from . import limits
from .base import CLASSIFICATION, class_targets
from .targets import check_one_hot, guess_task, parse_number


class Table:
    """Where each cell comes from: the file name, header names and the rows' line numbers."""

    def __init__(self, file_name: str, names: list[str], has_header: bool):
        self.file_name, self.names, self.has_header = file_name, names, has_header
        self.lines = array("q")

    def where(self, line: int | None, column: int | None = None) -> str:
        """``file: line L, column C``; ``line`` None for the whole column, ``column`` None for the whole line."""
        if column is None:
            return f"{self.file_name}: line {line}"
        label = show(self.names[column]) if self.has_header else str(column + 1)
        return f"{self.file_name}: column {label}" if line is None else f"{self.file_name}: line {line}, column {label}"


class TargetColumn:
    """The cells of one target column: each as a number (NaN when it is not one) and, when
    ``labels`` is true, as a code into the column's distinct labels while there are at most
    :data:`.limits.CLASSES` of them (a column with more cannot be class labels)."""

    def __init__(self, labels: bool):
        self.numbers = array("d")
        self.codes: array | None = array("q") if labels else None
        self.labels: dict[str, int] = {}
        self.first_text: tuple[int, str] | None = None  # (row, cell) of the first cell that is no number
        self.first_extra_label: int | None = None  # the row of the label one too many for a class
        self._max_classes = limits.CLASSES.value

    def add(self, cell: str, row: int) -> None:
        try:
            self.numbers.append(float(cell))
        except ValueError:
            self.numbers.append(float("nan"))
            if self.first_text is None:
                self.first_text = (row, cell)
        if self.codes is not None:
            code = self.labels.setdefault(cell.strip(), len(self.labels))
            if code < self._max_classes:
                self.codes.append(code)
            else:
                self.codes, self.labels, self.first_extra_label = None, {}, row

    @property
    def too_many_labels(self) -> bool:
        return self.codes is None


def bad_cell(table: Table, line: int, column: int, text: str) -> DataError:
    if not text.strip():
        return DataError(table.where(line, column), "empty cell (missing values are not supported)")
    return DataError(table.where(line, column), f"{show(text.strip())} is not a number")


def read_cells(table: Table, cell_rows, inputs: list[int], targets: list[int]):
    """Read every row: input cells into an (N, d) float64 matrix, target cells into one
    :class:`TargetColumn` each. Refuses rows of the wrong width, and more than
    :data:`.limits.ROWS` rows, :data:`.limits.INPUT_VALUES` input values or
    :data:`.limits.TARGET_VALUES` target cells as soon as they appear (one-hot encoding is
    checked again when it is made)."""
    values, lines, width = array("d"), table.lines, len(table.names)
    columns = [TargetColumn(labels=len(targets) == 1) for _ in targets]
    adders = [(column.add, j) for column, j in zip(columns, targets)]
    max_rows, max_values = limits.ROWS.value, limits.INPUT_VALUES.value
    max_target_rows = limits.TARGET_VALUES.value // max(len(targets), 1)
    for line, cells in cell_rows:
        if len(cells) != width:
            raise DataError(table.where(line), f"expected {width} columns, got {len(cells)}")
        try:
            values.extend([float(cells[j]) for j in inputs])
        except ValueError:
            bad = next(j for j in inputs if parse_number(cells[j]) is None)
            raise bad_cell(table, line, bad, cells[bad]) from None
        row = len(lines)
        for add, j in adders:
            add(cells[j], row)
        lines.append(line)
        if row >= max_rows:
            raise limits.ROWS.exceeded(table.file_name, "rows")
        if len(values) > max_values:
            limits.INPUT_VALUES.check(table.file_name, len(values))
        if row >= max_target_rows:
            limits.TARGET_VALUES.check(table.file_name, (row + 1) * len(targets))
    if not lines:
        raise DataError(table.file_name, "no data rows (only a header)")
    matrix = np.frombuffer(values, dtype=np.float64).reshape(len(table.lines), len(inputs))
    _check_finite(table, matrix, inputs)
    return matrix, columns


def _check_finite(table: Table, matrix: np.ndarray, columns: list[int]) -> None:
    bad = np.argwhere(~np.isfinite(matrix))
    if len(bad):
        row, col = bad[0]
        raise DataError(table.where(table.lines[row], columns[col]), "NaN and infinity are not allowed")


def _numeric(table: Table, cells: list[TargetColumn], columns: list[int]) -> np.ndarray:
    """The target cells as an (N, k) matrix; DataError at the first cell that is not a number."""
    texts = [(c.first_text[0], k) for k, c in enumerate(cells) if c.first_text is not None]
    if texts:
        row, k = min(texts)
        raise bad_cell(table, table.lines[row], columns[k], cells[k].first_text[1])
    out = np.column_stack([np.frombuffer(c.numbers, dtype=np.float64) for c in cells])
    _check_finite(table, out, columns)
    return out


def _class_labels(table: Table, cells: TargetColumn, column: int):
    """Targets and class names of a single column of class labels (numbers or words).

    Classes are sorted: numerically when every label is a number (``"2"`` and ``"2.0"`` are the
    same class), alphabetically otherwise.
    """
    if cells.too_many_labels:
        raise limits.too_many_classes(table.where(table.lines[cells.first_extra_label], column))
    codes = np.frombuffer(cells.codes, dtype=np.int64)
    keys = list(cells.labels)

    def first_row(code_mask: np.ndarray) -> str:
        return table.where(table.lines[int(np.argmax(code_mask[codes]))], column)

    numbers = [parse_number(key) for key in keys]
    if "" in cells.labels:
        raise DataError(first_row(np.array([k == "" for k in keys])), "empty cell (a class label is missing)")
    if all(n is not None for n in numbers):
        values = np.array(numbers, dtype=np.float64)
        if not np.all(np.isfinite(values)):
            raise DataError(first_row(~np.isfinite(values)), "NaN or infinity is not a class label")
        classes, index = np.unique(values, return_inverse=True)
        names = [f"{c:g}" for c in classes]
    else:
        classes, index = np.unique(np.array(keys, dtype=str), return_inverse=True)
        names = [str(c) for c in classes]
    if len(names) < 2:
        raise DataError(table.where(None, column), f"only one class ({show(names[0])}): classification needs "
                        "at least two")
    limits.check_classes(table.where(None, column), len(names))
    return class_targets(index.reshape(-1)[codes], len(names), table.file_name), names


def targets_of(table: Table, cells: list[TargetColumn], columns: list[int], task: str):
    """Targets (N, k), target names, and the task (``task`` may be ``"auto"``), from the target cells."""
    names = [table.names[j] for j in columns]
    single = len(columns) == 1
    if task == "auto":
        if single and cells[0].first_text is not None:
            task = CLASSIFICATION
        else:
            task = guess_task(_numeric(table, cells, columns))
    if task == CLASSIFICATION and single:
        return *_class_labels(table, cells[0], columns[0]), task
    targets = _numeric(table, cells, columns)
    if task == CLASSIFICATION:
        limits.check_classes(table.file_name, len(columns))
        check_one_hot(targets, lambda i: table.where(table.lines[i]))
    return targets, names, task
