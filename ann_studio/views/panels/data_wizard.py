"""The import wizard: a small dialog that reads a CSV, IDX (MNIST) or NPZ file through the
engine's importers and shows their errors (file, line, column) before anything changes.

The file is read off the GUI thread (:class:`~ann_studio.document.data_import.ImportJob`), with a
progress bar and a Stop button: a million-row CSV takes seconds and the window keeps painting.
Stopping, or closing the dialog, leaves the project as it was."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...document.data_import import ImportJob

KINDS = ("csv", "idx", "npz")


class DataWizard(QDialog):
    """Choose a file and its options; :attr:`section` and :attr:`dataset` hold the result."""

    #: a check (reading the file) ended; read :attr:`dataset` (None: refused or stopped)
    checked = Signal()

    def __init__(self, base_dir: Path, parent=None):
        super().__init__(parent)
        self.setObjectName("data_wizard")
        self.setWindowTitle(self.tr("Import data"))
        self.base_dir = Path(base_dir)
        self.section: dict | None = None
        self.dataset = None
        self.job: ImportJob | None = None
        self._accept_when_read = False
        layout = QVBoxLayout(self)
        self.kind = QComboBox(self)
        self.kind.setObjectName("wizard_kind")
        for key, text in zip(KINDS, (self.tr("CSV table"), self.tr("IDX files (MNIST)"), self.tr("NumPy archive (NPZ)"))):
            self.kind.addItem(text, key)
        form = QFormLayout()
        form.addRow(self.tr("File type:"), self.kind)
        layout.addLayout(form)
        self.pages = QStackedWidget(self)
        self.fields: dict[str, QLineEdit] = {}
        self.pages.addWidget(self._csv_page())
        self.pages.addWidget(self._idx_page())
        self.pages.addWidget(self._file_page("npz_file", self.tr("Archive:")))
        layout.addWidget(self.pages)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("wizard_result")
        self.result_label.setWordWrap(True)
        layout.addWidget(self.result_label)
        layout.addWidget(self._progress_row())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.check_button = buttons.addButton(self.tr("Check"), QDialogButtonBox.ButtonRole.ActionRole)
        self.check_button.setObjectName("wizard_check")
        self.check_button.clicked.connect(lambda: self.check())
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        layout.addWidget(buttons)

    def _progress_row(self) -> QWidget:
        self.progress_row = QWidget(self)
        h = QHBoxLayout(self.progress_row)
        h.setContentsMargins(0, 0, 0, 0)
        self.progress = QProgressBar(self.progress_row)
        self.progress.setObjectName("wizard_progress")
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(True)
        self.stop_button = QPushButton(self.tr("Stop"), self.progress_row)
        self.stop_button.setObjectName("wizard_stop")
        self.stop_button.setToolTip(self.tr("Stop reading the file; nothing changes"))
        self.stop_button.clicked.connect(self.stop)
        h.addWidget(self.progress, 1)
        h.addWidget(self.stop_button)
        self.progress_row.setVisible(False)
        return self.progress_row

    # ------------------------------------------------------------------ pages

    def _path_row(self, key: str, parent: QWidget) -> QWidget:
        row = QWidget(parent)
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        edit = QLineEdit(row)
        edit.setObjectName(f"wizard_{key}")
        edit.textChanged.connect(self._on_input_changed)
        browse = QPushButton(self.tr("Browse…"), row)
        browse.clicked.connect(lambda: self._browse(edit))
        h.addWidget(edit, 1)
        h.addWidget(browse)
        self.fields[key] = edit
        return row

    def _file_page(self, key: str, label: str) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        form.addRow(label, self._path_row(key, page))
        return page

    def _csv_page(self) -> QWidget:
        page = self._file_page("csv_file", self.tr("CSV file:"))
        form = page.layout()
        self.targets = QLineEdit(page)
        self.targets.setObjectName("wizard_targets")
        self.targets.setPlaceholderText(self.tr("last column"))
        self.targets.setToolTip(self.tr("Target column names or numbers, separated by commas"))
        self.normalise = QComboBox(page)
        self.normalise.setObjectName("wizard_normalise")
        for key, text in (("none", self.tr("none")), ("zscore", self.tr("z-score")), ("minmax", self.tr("min–max"))):
            self.normalise.addItem(text, key)
        self.test_fraction = QDoubleSpinBox(page)
        self.test_fraction.setObjectName("wizard_test_fraction")
        self.test_fraction.setRange(0.0, 0.9)
        self.test_fraction.setSingleStep(0.05)
        self.test_fraction.setValue(0.2)
        form.addRow(self.tr("Target columns:"), self.targets)
        form.addRow(self.tr("Normalise inputs:"), self.normalise)
        form.addRow(self.tr("Test fraction:"), self.test_fraction)
        for w in (self.targets,):
            w.textChanged.connect(self._on_input_changed)
        return page

    def _idx_page(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        for key, label in (("train_images", self.tr("Training images:")), ("train_labels", self.tr("Training labels:")),
                           ("test_images", self.tr("Test images (optional):")),
                           ("test_labels", self.tr("Test labels (optional):"))):
            form.addRow(label, self._path_row(key, page))
        return page

    def _browse(self, edit: QLineEdit) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a file"), str(self.base_dir))
        if path:
            edit.setText(path)

    # ------------------------------------------------------------------ checking

    def build_section(self) -> dict:
        """The project-file data object for the current choices."""
        kind = self.kind.currentData()
        if kind == "csv":
            section = {"csv": self.fields["csv_file"].text().strip(), "normalise": self.normalise.currentData(),
                       "test_fraction": round(self.test_fraction.value(), 4)}
            targets = [t.strip() for t in self.targets.text().split(",") if t.strip()]
            if targets:
                section["target_columns"] = [int(t) if t.lstrip("-").isdigit() else t for t in targets]
            return section
        if kind == "npz":
            return {"train": {"file": self.fields["npz_file"].text().strip()}}
        files = {k: self.fields[k].text().strip() for k in ("train_images", "train_labels", "test_images",
                                                            "test_labels") if self.fields[k].text().strip()}
        return {"idx": files}

    def check(self) -> ImportJob:
        """Read the file with the engine's importer, off the GUI thread; :attr:`checked` follows
        with the summary or the error shown. Returns the job (``job.wait()`` blocks until done)."""
        self.stop()
        self.section, self.dataset = None, None
        self.ok_button.setEnabled(False)
        self.check_button.setEnabled(False)
        self.result_label.setStyleSheet("")
        self.result_label.setText(self.tr("Reading…"))
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Reading…"))
        self.progress_row.setVisible(True)
        self.job = ImportJob(self.build_section(), self.base_dir, self)
        self.job.progressed.connect(self._on_job_progressed)
        self.job.finished.connect(self._on_job_finished)
        self.job.start()
        return self.job

    @Slot()
    def stop(self) -> None:
        """Stop reading (the project stays as it was)."""
        job = self.job
        if job is not None and job.running:
            self._accept_when_read = False
            job.cancel()
            job.wait()

    @Slot(str, float)
    def _on_job_progressed(self, name: str, fraction: float) -> None:
        self.progress.setValue(round(1000 * fraction))
        self.progress.setFormat(self.tr("Reading %1: %2 %").replace("%1", name).replace("%2", f"{100 * fraction:.0f}"))

    @Slot()
    def _on_job_finished(self) -> None:
        job = self.sender() if isinstance(self.sender(), ImportJob) else self.job
        if job is not self.job:
            return
        self.progress_row.setVisible(False)
        self.check_button.setEnabled(True)
        if job.cancelled:
            self._refuse(self.tr("stopped before the whole file was read"))
        elif job.dataset is None:
            self._refuse(job.error if not job.unexpected else
                         self.tr("unexpected error while reading (%1)").replace("%1", job.error))
        else:
            self._show_result(job.section, job.dataset)
        accept, self._accept_when_read = self._accept_when_read and self.dataset is not None, False
        self.checked.emit()
        if accept:
            self.accept()

    def _show_result(self, section: dict, dataset) -> None:
        self.section, self.dataset = section, dataset
        self.result_label.setStyleSheet("color: #1a7f37;")
        inputs = (self.tr("1 input") if dataset.input_size == 1 else
                  self.tr("%1 inputs").replace("%1", f"{dataset.input_size:,}"))
        outputs = (self.tr("1 output") if dataset.output_size == 1 else
                   self.tr("%1 outputs").replace("%1", f"{dataset.output_size:,}"))
        self.result_label.setText(self.tr("%1: %2 training and %3 test samples, %4, %5 (%6)")
                                  .replace("%1", dataset.name).replace("%2", f"{dataset.n_train:,}")
                                  .replace("%3", f"{dataset.n_test:,}").replace("%4", inputs)
                                  .replace("%5", outputs).replace("%6", dataset.task))
        self.ok_button.setEnabled(True)

    def _refuse(self, message: str) -> bool:
        """Show why the file cannot be used (one line); always False."""
        self.result_label.setStyleSheet("color: #b2182b;")
        self.result_label.setText(self.tr("Cannot use this file:\n%1").replace("%1", message))
        self.ok_button.setEnabled(False)
        return False

    @Slot()
    def _on_input_changed(self, *_args) -> None:
        self.stop()
        self.section, self.dataset = None, None
        self.ok_button.setEnabled(False)
        self.result_label.clear()

    @Slot(int)
    def _on_kind_changed(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self._on_input_changed()

    @Slot()
    def _on_accepted(self) -> None:
        if self.dataset is not None:
            self.accept()
        elif self.job is None or not self.job.running:
            self._accept_when_read = True
            self.check()

    def done(self, result: int) -> None:  # Qt override: closing stops the reading
        self.stop()
        super().done(result)
