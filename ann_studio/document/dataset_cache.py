"""The data sets a project's data sections resolve to, read once each (:class:`DatasetCache`).

A million-row CSV takes seconds to read and a built-in set is generated anew each time; the data
panel and the training session both need the data after every change. The document's data
section stays the one source of truth: the cache is keyed by the section itself (and the folder
its file names are relative to), so a changed section is read again, and it is cleared when
another project is opened (the files may have changed on disk meanwhile).
"""

from __future__ import annotations

import json
from collections import OrderedDict
from pathlib import Path

#: data sets kept: the current one and those an Undo or Redo goes back to
CACHED_DATASETS = 3


def section_key(data: dict, base_dir: Path) -> str:
    return json.dumps([data, str(base_dir)], sort_keys=True, default=str)


class DatasetCache:
    """Data sets by data section; :meth:`get` reads (via ``project.dataset()``) on a miss."""

    def __init__(self):
        self._sets: OrderedDict[str, object] = OrderedDict()

    def get(self, project):
        """``project``'s data set (raises as :meth:`Project.dataset`; errors are not cached)."""
        key = section_key(project.data, project.base_dir)
        if key in self._sets:
            self._sets.move_to_end(key)
            return self._sets[key]
        dataset = project.dataset()
        self.put(project.data, project.base_dir, dataset)
        return dataset

    def put(self, data: dict, base_dir: Path, dataset) -> None:
        """Remember that ``data`` (relative to ``base_dir``) resolves to ``dataset`` (read
        elsewhere, e.g. off the GUI thread by the import wizard)."""
        key = section_key(data, base_dir)
        self._sets[key] = dataset
        self._sets.move_to_end(key)
        while len(self._sets) > CACHED_DATASETS:
            self._sets.popitem(last=False)

    def clear(self) -> None:
        self._sets.clear()
