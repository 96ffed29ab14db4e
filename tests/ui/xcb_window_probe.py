"""Run the real window on the current X display and measure it (a script, not a test).

`python xcb_window_probe.py PROJECT OUT_DIR --panes N --themes dark,light` starts the
window as `workbench open` does, opens N panes, switches theme live through the list,
and after each step writes a screenshot (OUT_DIR/<step>.png) and what a user would see
(OUT_DIR/report.json): the screen, the window frame, every visible dock and the status
bar, whether a label combo or its popup cuts a name, and the highlight colours.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)

from workbench.config import Config
from workbench.ui.shared.theme import apply_theme
from workbench.ui.shared.window_settings import WindowSettings
from workbench.ui.window.main_window import MainWindow, first_run_hint, open_controller

SETTLE_MS = 1200


def _rect(widget: QWidget) -> dict[str, int]:
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    return {
        "x": top_left.x(),
        "y": top_left.y(),
        "width": widget.width(),
        "height": widget.height(),
    }


def _as_dict(rect: QRect) -> dict[str, int]:
    return {"x": rect.x(), "y": rect.y(), "width": rect.width(), "height": rect.height()}


def _combo_report(combo: QComboBox, label_names: set[str]) -> dict[str, Any] | None:
    texts = [combo.itemText(i) for i in range(combo.count())]
    if not any(text in label_names for text in texts):
        return None
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    icon = combo.iconSize().width() + 4
    metrics = combo.fontMetrics()
    needed = max(
        metrics.horizontalAdvance(combo.itemText(i)) + (0 if combo.itemIcon(i).isNull() else icon)
        for i in range(combo.count())
    )
    combo.showPopup()
    QApplication.processEvents()
    view = combo.view()
    popup_needed = max(
        view.sizeHintForIndex(combo.model().index(i, 0)).width() for i in range(combo.count())
    )
    popup_width = view.viewport().width()
    combo.hidePopup()
    QApplication.processEvents()
    return {
        "name": combo.accessibleName() or combo.objectName(),
        "field_width": field.width(),
        "field_needed": needed,
        "popup_width": popup_width,
        "popup_needed": popup_needed,
        "elides": view.textElideMode().name,
    }


def measure(window: MainWindow) -> dict[str, Any]:
    screen = window.screen()
    label_names = {label.name for label in window.controller.project.labels()}
    docks = []
    for dock in window.findChildren(QDockWidget):
        if dock.isVisible() and not dock.visibleRegion().isEmpty():
            docks.append(
                {
                    "name": dock.objectName(),
                    **_rect(dock),
                    "min_width": max(dock.minimumWidth(), dock.minimumSizeHint().width()),
                }
            )
    combos = [
        report
        for combo in window.findChildren(QComboBox)
        if combo.isVisible() and (report := _combo_report(combo, label_names)) is not None
    ]
    highlights = []
    for pane in window.panes:
        block = pane.view.document().begin()
        colours: list[str] = []
        while block.isValid() and not colours:
            colours = [r.format.background().color().name() for r in block.layout().formats()]
            block = block.next()
        highlights.append(colours)
    return {
        "screen": _as_dict(screen.availableGeometry()),
        "frame": _as_dict(window.frameGeometry()),
        "client": _as_dict(window.geometry()),
        "minimum": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
        "status_bar": _rect(window.statusBar()),
        "docks": docks,
        "combos": combos,
        "panes": [pane.width() for pane in window.panes],
        "highlights": highlights,
        "theme": window.settings.theme,
        "hint_visible": window.first_run.isVisible(),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("project", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--panes", type=int, default=2)
    parser.add_argument("--themes", default="")
    parser.add_argument("--no-find", action="store_true", help="leave the find bar closed")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    app = QApplication(sys.argv[:1])
    app.setEffectEnabled(Qt.UIEffect.UI_AnimateCombo, False)  # popups close at once
    config = Config.load()
    settings = WindowSettings()
    apply_theme(settings.theme)
    window = MainWindow(open_controller(args.project, config), settings, config, owns_project=True)
    first_run_hint(window)
    window.show()
    steps: list[tuple[str, Any]] = [("start", None), ("panes", args.panes)]
    steps += [(theme, theme) for theme in args.themes.split(",") if theme]
    report: dict[str, Any] = {}

    def run_step(index: int) -> None:
        if index > 0:
            name = steps[index - 1][0]
            if not args.no_find and window.find_bar is not None and not window.find_bar.isVisible():
                window.show_find()  # then let the window react to it, as it would for a user
                QTimer.singleShot(SETTLE_MS, lambda: run_step(index))
                return
            QApplication.processEvents()
            report[f"{index - 1}-{name}"] = measure(window)
            screen = window.screen()
            screen.grabWindow(0).save(str(args.out / f"{index - 1}-{name}.png"))
        if index == len(steps):
            window.close()
            (args.out / "report.json").write_text(json.dumps(report, indent=1), "utf-8")
            app.quit()
            return
        kind, value = steps[index]
        if kind == "panes":
            ids = window.controller.project.document_ids()
            for document_id in ids[: int(value)]:
                window.open_document(document_id, new_pane=True)
        elif value is not None:
            settings.theme = str(value)
            window.apply_settings()
        QTimer.singleShot(SETTLE_MS, lambda: run_step(index + 1))

    QTimer.singleShot(SETTLE_MS, lambda: run_step(0))
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
