"""Reading a data file off the GUI thread: :class:`ImportJob`.

A million-row CSV takes ~5 s to parse. The job runs the engine's importer
(:func:`~ann_studio.core.datasets.section.dataset_from_section`) on a background thread and
reports, through signals on the GUI thread, how far it got and how it ended. The importer's
reads are observed (:func:`~ann_studio.core.datasets.files.observing_reads`): each read reports
the position in the file and, once :meth:`ImportJob.cancel` was called, stops the import there.
Nothing is shared with the window until the job has finished: a cancelled import leaves the
project as it was.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from ..core import AnnError
from ..core.datasets.base import Dataset
from ..core.datasets.files import observing_reads, one_line
from ..core.datasets.section import dataset_from_section

#: how often (ms) the GUI thread looks at the job's progress
POLL_MS = 50


class ImportCancelled(Exception):
    """Raised inside the importer's reads once the job is cancelled."""


class ImportJob(QObject):
    """One import of a data section. :meth:`start` it, then wait for :attr:`finished`."""

    #: (file name, fraction 0…1 of that file read)
    progressed = Signal(str, float)
    #: the import ended: read ``dataset`` (None unless it worked), ``error`` (the importer's
    #: one-line message; ``unexpected``: an importer's bug, not the file) and ``cancelled``
    finished = Signal()

    def __init__(self, section: dict, base_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.section, self.base_dir = section, Path(base_dir)
        self.dataset: Dataset | None = None
        self.error = ""
        self.unexpected = False
        self.cancelled = False
        self._stop = threading.Event()
        self._progress: tuple[str, float] = ("", 0.0)
        self._shown: tuple[str, float] | None = None
        self._thread: threading.Thread | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._on_timer)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._timer.isActive()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="ann-studio-import", daemon=True)
        self._thread.start()
        self._timer.start()

    def cancel(self) -> None:
        """Stop at the importer's next read (a few milliseconds); :attr:`finished` follows."""
        self._stop.set()

    def wait(self, timeout: float | None = None) -> None:
        """Block until the thread ends (closing the dialog, tests); then deliver :attr:`finished`."""
        if self._thread is not None:
            self._thread.join(timeout)
        self._on_timer()

    def _observe(self, name: str, done: int, size: int) -> None:
        if self._stop.is_set():
            raise ImportCancelled
        self._progress = (name, done / size if size else 1.0)

    def _run(self) -> None:
        try:
            with observing_reads(self._observe):
                dataset = dataset_from_section(self.section, self.base_dir)
        except ImportCancelled:
            self.cancelled = True
        except AnnError as exc:
            self.error = str(exc)
        except Exception as exc:  # noqa: BLE001 - an importer's bug becomes one line, not a traceback
            self.error, self.unexpected = one_line(f"{type(exc).__name__}: {exc}", 120), True
        else:
            if self._stop.is_set():
                self.cancelled = True
            else:
                self.dataset = dataset

    @Slot()
    def _on_timer(self) -> None:
        if self._progress != self._shown:
            self._shown = self._progress
            self.progressed.emit(*self._progress)
        if self._thread is not None and not self._thread.is_alive() and self._timer.isActive():
            self._timer.stop()
            self.finished.emit()
