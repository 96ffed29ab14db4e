"""File > Import: files and folders in any format Workbench reads, with a report.

The import is all or nothing (workbench.importer): a bad file is named in one sentence
and the project stays as it was. Afterwards the dialog shows what was added and any
warnings, and the window's views are told what changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench import formats
from workbench.errors import WorkbenchError
from workbench.formats.records import Report
from workbench.ui.controller import ProjectController
from workbench.ui.dialogs.progress import Cancelled, progress_dialog
from workbench.ui.shared.project_files import remember_folder, start_folder
from workbench.ui.shared.window_settings import WindowSettings


def import_with_progress(
    controller: ProjectController,
    paths: Sequence[Path],
    *,
    format: str | None = None,
    parent: QWidget | None = None,
) -> Report:
    """Import into the controller's project and announce the change (raises WorkbenchError;
    OSError becomes one)."""
    try:
        with progress_dialog(parent, "Reading the files…") as progress:
            return controller.import_files(paths, format=format, progress=progress)
    except OSError as e:
        raise WorkbenchError(f"Cannot read {e.filename or 'a file'}: {e.strerror}.") from e


def describe(report: Report) -> str:
    """What an import did, in a few lines."""

    def n(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    lines = [
        f"Added {n(report.documents, 'document')}, {n(report.spans, 'span')} and "
        f"{n(report.relations, 'link')}."
    ]
    if report.skipped_documents or report.skipped_spans:
        lines.append(
            f"Already in the project: {n(report.skipped_documents, 'document')}, "
            f"{n(report.skipped_spans, 'span')}."
        )
    if report.added_labels:
        lines.append(f"New labels: {', '.join(report.added_labels)}.")
    if report.warnings:
        lines.append(f"{n(len(report.warnings), 'warning')}:")
        lines += [f"• {w}" for w in report.warnings]
    return "\n".join(lines)


class ImportDialog(QDialog):
    """Pick files and folders, then `run_import()`; the report shows in the dialog."""

    def __init__(
        self,
        controller: ProjectController,
        parent: QWidget | None = None,
        *,
        settings: WindowSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import")
        self.resize(560, 420)
        self.controller = controller
        self.settings = settings or WindowSettings()
        self.last_error = ""
        self.report: Report | None = None
        self.paths_list = QListWidget()
        self.paths_list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.add_files_button = QPushButton("Add files…")
        self.add_folder_button = QPushButton("Add folder…")
        self.remove_button = QPushButton("Remove")
        self.format_combo = QComboBox()
        self.format_combo.addItem("By file type", None)
        for name in formats.import_formats():
            self.format_combo.addItem(f"{name} — {formats.get(name).description}", name)
        self.report_view = QPlainTextEdit()
        self.report_view.setReadOnly(True)
        self.report_view.setPlaceholderText(
            "Text, Markdown, HTML, Workbench JSONL, doccano, Label Studio, brat and XMI files; "
            "a folder imports everything in it."
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.ActionRole
        )
        row = QHBoxLayout()
        for button in (self.add_files_button, self.add_folder_button, self.remove_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(QLabel("Format"))
        row.addWidget(self.format_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.paths_list, 1)
        layout.addLayout(row)
        layout.addWidget(self.report_view, 1)
        layout.addWidget(self.buttons)
        # Enter imports what is listed, wherever the focus was left: the other buttons do
        # not take it (a focused push button in a dialog would). Set once the button is in
        # the dialog, or the dialog does not know it as its default.
        self.import_button.setDefault(True)

        self.add_files_button.clicked.connect(self._on_add_files)
        self.add_folder_button.clicked.connect(self._on_add_folder)
        self.remove_button.clicked.connect(self._on_remove)
        self.paths_list.installEventFilter(self)  # Delete / Backspace remove
        self.paths_list.itemSelectionChanged.connect(self._update)
        self.import_button.clicked.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        self._update()

    def add_paths(self, paths: Sequence[str | Path]) -> None:
        known = set(self.paths())
        for path in paths:
            if Path(path) not in known:
                self.paths_list.addItem(str(path))
        self._update()

    def paths(self) -> list[Path]:
        return [Path(self.paths_list.item(i).text()) for i in range(self.paths_list.count())]

    def set_format(self, name: str | None) -> None:
        self.format_combo.setCurrentIndex(max(self.format_combo.findData(name), 0))

    def run_import(self) -> Report | None:
        """Import the chosen paths; the dialog shows the report (or says what went wrong)."""
        paths = self.paths()
        if not paths:
            return None
        try:
            report = import_with_progress(
                self.controller, paths, format=self.format_combo.currentData(), parent=self
            )
        except Cancelled:
            self.report_view.setPlainText("Import cancelled; the project is unchanged.")
            return None
        except WorkbenchError as e:
            self.last_error = str(e)
            self.report_view.setPlainText(f"Nothing was imported.\n{e}")
            box = QMessageBox(QMessageBox.Icon.Warning, "Import", str(e), parent=self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            return None
        self.report = report
        self.report_view.setPlainText(describe(report))
        self.paths_list.clear()
        self._update()
        return report

    def _update(self) -> None:
        self.import_button.setEnabled(self.paths_list.count() > 0)
        self.remove_button.setEnabled(bool(self.paths_list.selectedItems()))

    def _start_folder(self) -> str:
        """Where the last file dialog was left, else beside the project (as every file
        dialog of the window opens)."""
        return str(start_folder(self.controller.project.path, self.settings))

    def _on_add_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Import files", self._start_folder())
        if paths:
            remember_folder(self.settings, Path(paths[0]).parent)
        self.add_paths(paths)

    def _on_add_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Import a folder", self._start_folder())
        if path:
            remember_folder(self.settings, Path(path).parent)
            self.add_paths([path])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.paths_list
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.paths_list.selectedItems()
        ):
            self._on_remove()
            return True
        return super().eventFilter(watched, event)

    def _on_remove(self) -> None:
        for item in self.paths_list.selectedItems():
            self.paths_list.takeItem(self.paths_list.row(item))
        self._update()
