"""Light and dark themes: a palette switch on the application."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel


def error_label() -> QLabel:
    """A dialog's line for why it refused what was typed: wrapped, in a red that reads on
    the light and the dark theme alike."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #D32F2F")
    return label


def dark_palette() -> QPalette:
    p = QPalette()
    R, G = QPalette.ColorRole, QPalette.ColorGroup
    p.setColor(R.Window, QColor("#2b2d30"))
    p.setColor(R.WindowText, QColor("#e6e6e6"))
    p.setColor(R.Base, QColor("#1f2023"))
    p.setColor(R.AlternateBase, QColor("#2a2b2f"))
    p.setColor(R.Text, QColor("#e8e8e8"))
    p.setColor(R.Button, QColor("#35373b"))
    p.setColor(R.ButtonText, QColor("#e6e6e6"))
    p.setColor(R.Highlight, QColor("#3d6fb4"))
    p.setColor(R.HighlightedText, QColor("#ffffff"))
    p.setColor(R.ToolTipBase, QColor("#35373b"))
    p.setColor(R.ToolTipText, QColor("#e6e6e6"))
    p.setColor(R.PlaceholderText, QColor("#9a9a9a"))
    p.setColor(R.Link, QColor("#6ea8fe"))
    for role in (R.Text, R.WindowText, R.ButtonText):
        p.setColor(G.Disabled, role, QColor("#777777"))
    return p


def apply_theme(theme: str) -> None:
    """Restyle the running application; widgets that paint their own colours follow
    the palette change (see ArticlePane.changeEvent)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    # One style for both themes: switching must not change any widget's size.
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    if theme == "dark":
        app.setPalette(dark_palette())
    else:
        app.setPalette(app.style().standardPalette())
