"""The Help menu's texts: the keys at a glance (F1) and About."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

SHORTCUTS = (
    ("1 – 9", "Tag the selection with a label (or relabel the selected span)"),
    ("Click a highlight", "Select its span; click again to cycle overlapping spans"),
    ("Delete / Backspace", "Delete the selected span"),
    ("N", "Edit the selected span's note"),
    ("Alt+Left / Right", "Move the selected span's start"),
    (
        "Ctrl+Shift+Left / Right",
        "Move the selected span's end (Edit › Keyboard shortcuts changes any key)",
    ),
    ("Escape", "Deselect (or cancel linking)"),
    ("L", "Link the selected span: then click the span it links to"),
    ("Enter / Backspace", "Accept / reject the selected suggestion"),
    ("Ctrl+Shift+S", "Suggest spans in the open documents"),
    ("Ctrl+Z / Ctrl+Shift+Z or Ctrl+Y", "Undo / redo"),
    ("Ctrl+F", "Find (Enter: the next match, then 1 – 9 tags it)"),
    ("F3 / Shift+F3", "The next / previous match, from the article too"),
    ("Ctrl++ / Ctrl+- / Ctrl+0", "Zoom in / out / reset"),
    ("Enter, double-click, drag", "Open the document from the list"),
    ("Ctrl+Enter", "Open the document in a new pane"),
    ("Alt+PgDown / Alt+PgUp", "Open the next / previous document of the list in this pane"),
    ("Ctrl+Shift+D", "Mark the document done and open the next one"),
    ("Ctrl+W", "Close the current pane"),
    ("Delete in the Documents list", "Remove the document from the project (Ctrl+Z: back)"),
    ("F2 in the Documents list", "Rename the document"),
    ("Ctrl+O / Ctrl+N / Ctrl+I / Ctrl+E", "Open project / new project / import / export"),
)


def keys_box(parent: QWidget) -> QMessageBox:
    """The "Keys at a glance" box, for the window to open."""
    rows = "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in SHORTCUTS)
    box = QMessageBox(QMessageBox.Icon.NoIcon, "Keys at a glance", "", parent=parent)
    box.setText(f"<table cellspacing=6>{rows}</table>")
    return box


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        "About Workbench",
        "Workbench: read news articles side by side and tag "
        "claims, sources, denials and figures. Every edit is saved at once.",
    )
