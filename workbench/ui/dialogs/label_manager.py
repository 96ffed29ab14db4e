"""The label manager: add, rename, recolour, re-key, describe, reorder and delete labels.

Every change goes through the controller at once, so the article panes (which listen to
`labels_changed`) show it on existing spans while the dialog is still open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QColor, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.model import Label
from workbench.ui.controller import ProjectController
from workbench.ui.shared.theme import error_label

T = TypeVar("T")

LabelIdRole = Qt.ItemDataRole.UserRole


class LabelManagerDialog(QDialog):
    """Edits the project's labels; changes apply at once (no OK/Cancel)."""

    def __init__(self, controller: ProjectController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Labels")
        self._controller = controller
        self._acting = False
        self._labels: list[Label] = []

        self.label_list = QListWidget()
        self.label_list.setAccessibleName("Labels")
        self.new_label_edit = QLineEdit()
        self.new_label_edit.setPlaceholderText("New label name")
        self.add_button = QPushButton("Add")
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        self.delete_button = QPushButton("Delete")

        self.name_edit = QLineEdit()
        self.color_edit = QLineEdit()
        self.color_edit.setPlaceholderText("#RRGGBB")
        self.color_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression("#?[0-9A-Fa-f]{0,6}"), self)
        )
        self.color_swatch = QLabel()
        self.color_swatch.setFixedSize(20, 20)
        self.choose_color_button = QPushButton("Choose…")
        self.shortcut_edit = QLineEdit()
        self.shortcut_edit.setMaxLength(1)
        self.shortcut_edit.setPlaceholderText("1–9 or one key")
        self.description_edit = QLineEdit()
        self.message_label = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)

        add_row = QHBoxLayout()
        add_row.addWidget(self.new_label_edit, 1)
        add_row.addWidget(self.add_button)
        move_row = QHBoxLayout()
        move_row.addWidget(self.up_button)
        move_row.addWidget(self.down_button)
        move_row.addStretch(1)
        move_row.addWidget(self.delete_button)
        left = QVBoxLayout()
        left.addWidget(self.label_list, 1)
        left.addLayout(move_row)
        left.addLayout(add_row)

        color_row = QHBoxLayout()
        color_row.addWidget(self.color_swatch)
        color_row.addWidget(self.color_edit, 1)
        color_row.addWidget(self.choose_color_button)
        form = QFormLayout()
        form.addRow("Name", self.name_edit)
        form.addRow("Colour", color_row)
        form.addRow("Shortcut", self.shortcut_edit)
        form.addRow("Description", self.description_edit)
        self._editor = QWidget()
        self._editor.setLayout(form)

        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self._editor, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)

        self.label_list.currentItemChanged.connect(self._on_current_label_changed)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.new_label_edit.returnPressed.connect(self._on_add_clicked)
        self.up_button.clicked.connect(self._on_up_clicked)
        self.down_button.clicked.connect(self._on_down_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.name_edit.editingFinished.connect(self._on_name_edited)
        self.color_edit.editingFinished.connect(self._on_color_edited)
        self.choose_color_button.clicked.connect(self._on_choose_color_clicked)
        self.shortcut_edit.editingFinished.connect(self._on_shortcut_edited)
        self.description_edit.editingFinished.connect(self._on_description_edited)
        buttons.rejected.connect(self.reject)
        controller.labels_changed.connect(self._on_labels_changed)
        controller.error_raised.connect(self._on_error_raised)

        self._fill_list()
        if self.label_list.count():
            self.label_list.setCurrentRow(0)
        self._show_current()

    # --- public --------------------------------------------------------------

    def current_label_id(self) -> int | None:
        item = self.label_list.currentItem()
        return None if item is None else int(item.data(LabelIdRole))

    def select_label(self, label_id: int) -> None:
        for row in range(self.label_list.count()):
            if self.label_list.item(row).data(LabelIdRole) == label_id:
                self.label_list.setCurrentRow(row)
                return

    def set_current_color(self, color: str) -> None:
        """Recolour the current label (what the colour dialog does, without the dialog)."""
        label = self._current_label()
        qcolor = QColor(color)
        if label is None:
            return
        if not qcolor.isValid():
            self._show_message(f"'{color}' is not a colour; write it as #RRGGBB.")
            self._show_current()
            return
        if qcolor.name().upper() != label.color.upper():
            self._act(lambda: self._controller.update_label(label.id, color=qcolor.name().upper()))

    # --- slots ---------------------------------------------------------------

    def _on_labels_changed(self) -> None:
        self._fill_list()
        self._show_current()

    def _on_error_raised(self, message: str) -> None:
        if self._acting:
            self._show_message(message)

    def _on_current_label_changed(self, *args: object) -> None:
        self._show_current()

    def _on_add_clicked(self) -> None:
        name = self.new_label_edit.text().strip()
        if not name:
            self._show_message("Type a name for the new label first.")
            return
        label = self._act(lambda: self._controller.add_label(name))
        if label is not None:
            self.new_label_edit.clear()
            self.select_label(label.id)

    def _on_up_clicked(self) -> None:
        self._move_current(-1)

    def _on_down_clicked(self) -> None:
        self._move_current(+1)

    def _on_delete_clicked(self) -> None:
        label = self._current_label()
        if label is None:
            return
        self._act(lambda: self._controller.delete_label(label.id))

    def _on_name_edited(self) -> None:
        label = self._current_label()
        name = self.name_edit.text().strip()
        if label is None or name == label.name:
            return
        if self._act(lambda: self._controller.update_label(label.id, name=name)) is None:
            self._show_current()

    def _on_color_edited(self) -> None:
        text = self.color_edit.text().strip()
        self.set_current_color(text if text.startswith("#") else f"#{text}")

    def _on_choose_color_clicked(self) -> None:
        label = self._current_label()
        if label is None:
            return
        color = QColorDialog.getColor(QColor(label.color), self, f"Colour of '{label.name}'")
        if color.isValid():
            self.set_current_color(color.name())

    def _on_shortcut_edited(self) -> None:
        label = self._current_label()
        shortcut = self.shortcut_edit.text() or None
        if label is None or shortcut == label.shortcut:
            return
        if self._act(lambda: self._controller.update_label(label.id, shortcut=shortcut)) is None:
            self._show_current()

    def _on_description_edited(self) -> None:
        label = self._current_label()
        description = self.description_edit.text()
        if label is None or description == label.description:
            return
        self._act(lambda: self._controller.update_label(label.id, description=description))

    # --- helpers -------------------------------------------------------------

    def _act(self, action: Callable[[], T]) -> T:
        """Run one controller call; an error it raises is shown in the dialog."""
        self.message_label.clear()
        self._acting = True
        try:
            return action()
        finally:
            self._acting = False

    def _show_message(self, message: str) -> None:
        self.message_label.setText(message)

    def _current_label(self) -> Label | None:
        label_id = self.current_label_id()
        return next((label for label in self._labels if label.id == label_id), None)

    def _move_current(self, delta: int) -> None:
        row = self.label_list.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < len(self._labels):
            return
        ids = [label.id for label in self._labels]
        ids[row], ids[target] = ids[target], ids[row]
        moved = ids[target]
        self._act(lambda: self._controller.reorder_labels(ids))
        self.select_label(moved)

    def _fill_list(self) -> None:
        current, row = self.current_label_id(), self.label_list.currentRow()
        self._labels = self._controller.project.labels()
        self.label_list.blockSignals(True)
        self.label_list.clear()
        for label in self._labels:
            key = label.shortcut or " "
            item = QListWidgetItem(f"{key}   {label.name}")
            item.setData(LabelIdRole, label.id)
            item.setData(Qt.ItemDataRole.DecorationRole, QColor(label.color))
            item.setToolTip(label.description)
            self.label_list.addItem(item)
        self.label_list.blockSignals(False)
        if current is not None:
            self.select_label(current)
        if self.label_list.currentItem() is None and self.label_list.count():
            # The current label went away: its neighbour takes its place.
            self.label_list.setCurrentRow(min(max(row, 0), self.label_list.count() - 1))

    def _show_current(self) -> None:
        label = self._current_label()
        for edit in (self.name_edit, self.color_edit, self.shortcut_edit, self.description_edit):
            edit.blockSignals(True)
        self.name_edit.setText(label.name if label else "")
        self.color_edit.setText(label.color.upper() if label else "")
        self.shortcut_edit.setText(label.shortcut or "" if label else "")
        self.description_edit.setText(label.description if label else "")
        for edit in (self.name_edit, self.color_edit, self.shortcut_edit, self.description_edit):
            edit.setCursorPosition(0)  # a long description reads from its start
            edit.blockSignals(False)
        self.color_swatch.setStyleSheet(
            f"background: {label.color}; border: 1px solid #666" if label else ""
        )
        row = self.label_list.currentRow()
        self._editor.setEnabled(label is not None)
        self.delete_button.setEnabled(label is not None)
        self.up_button.setEnabled(label is not None and row > 0)
        self.down_button.setEnabled(label is not None and row < self.label_list.count() - 1)
