"""File > Export: a format, filters and a target, written by the exporter with progress.

The exporter writes beside the target and renames at the end, so a failure or Cancel
leaves the old file (and the project) as they were; the dialog stays open with its
choices so the analyst can fix the path and try again.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TypedDict

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QWidget,
)

from workbench import formats
from workbench.errors import WorkbenchError
from workbench.exporter import export_project
from workbench.formats.records import Report
from workbench.model import STATUSES
from workbench.stats import project_stats
from workbench.ui.controller import ProjectController
from workbench.ui.dialogs.progress import Cancelled, progress_dialog
from workbench.ui.shared.project_files import remember_folder, start_folder
from workbench.ui.shared.texts import STATUS_TEXT
from workbench.ui.shared.window_settings import WindowSettings

# File name endings for writers whose format names none (they write one file each).
_SUFFIXES = {
    "spacy": ".spacy",
    "prodigy": ".jsonl",
    "conll": ".conll",
    "csv": ".csv",
    "doccano": ".jsonl",
}


def default_target(
    project_path: Path | None, format_name: str, *, folder: Path | None = None
) -> Path:
    """Where an export goes unless the analyst says otherwise: in `folder`, else beside
    the project."""
    fmt = formats.get(format_name)
    if folder is None:
        folder = project_path.parent if project_path else Path.home()
    stem = f"{project_path.stem if project_path else 'export'}-{fmt.name}"
    if fmt.folder:
        return folder / stem
    return folder / (stem + (_SUFFIXES.get(fmt.name) or (fmt.suffixes or (".out",))[0]))


def _checklist(items: list[tuple[str, str]]) -> QListWidget:
    widget = QListWidget()
    for value, text in items:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        widget.addItem(item)
    widget.setMaximumHeight(110)
    return widget


def _checked(widget: QListWidget) -> list[str]:
    return [
        widget.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]


class ExportFilters(TypedDict):
    """The dialog's choices, as export_project's keyword options; None keeps everything."""

    labels: list[str] | None
    annotators: list[str] | None
    statuses: list[str] | None
    only_annotated: bool


class ExportDialog(QDialog):
    """Choose a format, filters and a target; `run_export()` writes it."""

    exported = Signal(object, str)  # Report, target path

    def __init__(
        self,
        controller: ProjectController,
        parent: QWidget | None = None,
        *,
        settings: WindowSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.controller = controller
        self.settings = settings or WindowSettings()
        self.last_error = ""
        self.report: Report | None = None
        project = controller.project
        stats = project_stats(project)

        self.format_combo = QComboBox()
        for name in formats.export_formats():
            fmt = formats.get(name)
            self.format_combo.addItem(f"{name} — {fmt.description}", name)
        self.path_edit = QLineEdit()
        self.browse_button = QPushButton("Browse…")
        self.kind_label = QLabel()
        self.kind_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        self.labels_list = _checklist([(n, f"{n} ({c})") for n, c in stats.by_label.items()])
        self.annotators_list = _checklist(
            [(n, f"{n} ({c})") for n, c in stats.by_annotator.items()]
        )
        self.status_boxes: dict[str, QCheckBox] = {}
        status_row = QHBoxLayout()
        for status in STATUSES:
            box = QCheckBox(STATUS_TEXT[status])
            box.setChecked(True)
            self.status_boxes[status] = box
            status_row.addWidget(box)
        status_row.addStretch(1)
        self.only_annotated = QCheckBox("Only documents with spans")

        form = QFormLayout(self)
        form.addRow("Format", self.format_combo)
        form.addRow("Save to", path_row)
        form.addRow("", self.kind_label)
        form.addRow("Labels", self.labels_list)
        form.addRow("Annotators", self.annotators_list)
        form.addRow("Documents", status_row)
        form.addRow("", self.only_annotated)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            "Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        form.addRow(self.buttons)

        self.format_combo.currentIndexChanged.connect(self._on_format_changed)
        self.browse_button.clicked.connect(self._on_browse)
        self.buttons.accepted.connect(self.run_export)
        self.buttons.rejected.connect(self.reject)
        self._on_format_changed()

    # --- choices --------------------------------------------------------------

    def format_name(self) -> str:
        return str(self.format_combo.currentData())

    def set_format(self, name: str) -> None:
        index = self.format_combo.findData(name)
        if index < 0:
            raise WorkbenchError(f"Unknown export format '{name}'.")
        self.format_combo.setCurrentIndex(index)

    def set_path(self, path: str | Path) -> None:
        self.path_edit.setText(str(path))

    def _on_format_changed(self) -> None:
        fmt = formats.get(self.format_name())
        self.kind_label.setText(
            "Writes a folder (created, or replaced when it exists)."
            if fmt.folder
            else "Writes one file."
        )
        project_path = self.controller.project.path
        folder = start_folder(project_path, self.settings)
        self.set_path(default_target(project_path, fmt.name, folder=folder))

    def options(self) -> ExportFilters:
        """The exporter's filters; None where everything is kept."""
        labels, annotators = _checked(self.labels_list), _checked(self.annotators_list)
        statuses = [s for s, box in self.status_boxes.items() if box.isChecked()]
        return {
            "labels": None if len(labels) == self.labels_list.count() else labels,
            "annotators": None if len(annotators) == self.annotators_list.count() else annotators,
            "statuses": None if len(statuses) == len(STATUSES) else statuses,
            "only_annotated": self.only_annotated.isChecked(),
        }

    def _problem(self, options: Mapping[str, object], target: str) -> str:
        if not target:
            return "Choose where to save the export."
        for key, what in (
            ("labels", "label"),
            ("annotators", "annotator"),
            ("statuses", "document status"),
        ):
            if options[key] == []:
                return f"Choose at least one {what} to export."
        return ""

    # --- running --------------------------------------------------------------

    def run_export(self) -> Report | None:
        """Write the export; on success the dialog closes, on failure it says why and stays."""
        options = self.options()
        target = self.path_edit.text().strip()
        problem = self._problem(options, target)
        if problem:
            self._fail(problem)
            return None
        path = Path(target).expanduser()
        if path.exists() and not self.confirm_replace(path):
            return None
        try:
            with progress_dialog(self, f"Exporting to {path.name}…") as progress:
                report = export_project(
                    self.controller.project,
                    path,
                    format=self.format_name(),
                    progress=progress,
                    **options,
                )
        except Cancelled:
            return None
        except WorkbenchError as e:
            self._fail(str(e))
            return None
        except OSError as e:
            self._fail(f"Cannot write {path}: {e.strerror or e}.")
            return None
        self.report = report
        remember_folder(self.settings, path.parent)
        self.exported.emit(report, str(path))
        self.accept()
        return report

    def confirm_replace(self, path: Path) -> bool:
        """Ask before replacing an existing file or folder (tests replace this)."""
        answer = QMessageBox.question(self, "Export", f"{path} exists. Replace it?")
        return answer == QMessageBox.StandardButton.Yes

    def _fail(self, message: str) -> None:
        self.last_error = message
        box = QMessageBox(QMessageBox.Icon.Warning, "Export", message, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _on_browse(self) -> None:
        fmt = formats.get(self.format_name())
        title = "Export to a new folder" if fmt.folder else "Export to"
        path, _ = QFileDialog.getSaveFileName(self, title, self.path_edit.text())
        if path:
            self.set_path(path)
