"""The limits every data importer checks before it allocates: one budget for CSV, IDX, NPZ and inline data.

A small file can *declare* far more than it holds (an ``.npy`` or IDX header, a ZIP directory, a
column of 40,000 different class labels that one-hot encoding would turn into gigabytes). Each
importer compares what a file declares with these limits before reading or allocating, and the
message names the limit it hit, e.g.
``huge.idx: too large: 78,400,000 input values (limit MAX_INPUT_VALUES = 50,000,000)``.
The same table is in ``docs/datasets.md`` (a test keeps the two in step).

To change a limit in a test, replace the :class:`Limit` in this module
(``monkeypatch.setattr(limits, "INPUT_VALUES", replace(limits.INPUT_VALUES, value=10))``):
importers look each one up here when they check.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import DataError


@dataclass(frozen=True)
class Limit:
    """One named limit.

    Attributes
    ----------
    name : str
        The constant's name, shown in messages and in ``docs/datasets.md``.
    value : int
    unit : str
        What is counted, e.g. ``"input values"``.
    scope : str
        What the limit applies to (for the documentation).
    """

    name: str
    value: int
    unit: str
    scope: str

    def check(self, location: str, count: int, unit: str | None = None) -> None:
        """Raise DataError(``location``) when ``count`` is over the limit."""
        if count > self.value:
            raise DataError(location, f"too large: {count:,} {unit or self.unit} "
                            f"(limit {self.name} = {self.value:,})")

    def exceeded(self, location: str, unit: str | None = None) -> DataError:
        """The error for a count known only to be over the limit (a stream still being read)."""
        return DataError(location, f"too large: more than {self.value:,} {unit or self.unit} "
                         f"(limit {self.name} = {self.value:,})")


FILE_BYTES = Limit("MAX_FILE_BYTES", 512 * 2**20, "bytes",
                   "the size on disk of any data file (CSV, IDX raw or gzip, NPZ)")
INPUT_VALUES = Limit("MAX_INPUT_VALUES", 50_000_000, "input values",
                     "samples × features in one file, and in each of the training and test parts")
TARGET_VALUES = Limit("MAX_TARGET_VALUES", 50_000_000, "target values",
                      "samples × target columns, after one-hot encoding, in one file or part")
ROWS = Limit("MAX_ROWS", 1_000_000, "samples",
             "rows of a CSV file, images of an IDX file, samples of an array")
CLASSES = Limit("MAX_CLASSES", 1000, "classes",
                "different class labels, class names or one-hot columns")
LINE_BYTES = Limit("MAX_LINE_BYTES", 4 * 2**20, "bytes on one line", "one line of a CSV file")
#: the :mod:`csv` reader's field size limit (``csv.field_size_limit``), which counts characters
CELL_CHARACTERS = Limit("MAX_CELL_CHARACTERS", 131_072, "characters in one cell",
                        "one cell of a CSV file (the csv module's field size limit)")
TEXT_BYTES = Limit("MAX_TEXT_BYTES", 4 * 2**20, "bytes of text",
                   "a text array in an NPZ archive (feature names, class names, task)")
ARCHIVE_MEMBERS = Limit("MAX_ARCHIVE_MEMBERS", 256, "files in the archive", "entries in an NPZ (ZIP) archive")
HEADER_BYTES = Limit("MAX_HEADER_BYTES", 10_000, "bytes of array header",
                     "the header of one array in an NPZ archive (NumPy's own default)")

#: every limit, in the order of the documentation's table
ALL = (FILE_BYTES, INPUT_VALUES, TARGET_VALUES, ROWS, CLASSES, LINE_BYTES, CELL_CHARACTERS, TEXT_BYTES,
       ARCHIVE_MEMBERS, HEADER_BYTES)


def too_many_classes(location: str, count: int | None = None) -> DataError:
    """The error for more than :data:`CLASSES` classes (``count`` None: not counted to the end)."""
    counted = f"{count:,}" if count is not None else f"more than {CLASSES.value:,}"
    return DataError(location, f"too many classes: {counted} different labels (limit {CLASSES.name} = "
                     f"{CLASSES.value:,}); is this really a class label?")


def check_classes(location: str, count: int) -> None:
    """Refuse more than :data:`CLASSES` classes, with a hint that the column may not be labels."""
    if count > CLASSES.value:
        raise too_many_classes(location, count)


def check_table(location: str, rows: int, columns: int, values: Limit) -> None:
    """Refuse a table of ``rows`` × ``columns`` over :data:`ROWS` or ``values``, before it is allocated."""
    ROWS.check(location, rows)
    values.check(location, rows * columns)
