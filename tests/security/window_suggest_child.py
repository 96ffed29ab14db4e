"""Run the window's Suggest on a project in a child process (see test_rule_timeouts.py).

    python window_suggest_child.py PROJECT

Prints "report <added> <pending>" and "box <text of the open message box>" lines, so
the test can check that the window finished and told the analyst.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main(path: Path) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported
    from PySide6.QtWidgets import QApplication, QMessageBox

    from workbench.config import Config
    from workbench.ui.shared.window_settings import WindowSettings
    from workbench.ui.window.main_window import MainWindow, open_controller

    app = QApplication.instance() or QApplication(sys.argv[:1])
    config = Config.load()
    window = MainWindow(open_controller(path, config), WindowSettings(), config, owns_project=True)
    window.show()
    report = window.run_suggester()
    app.processEvents()
    if report is not None:
        print(f"report {report.added} {report.pending}")
    for box in window.findChildren(QMessageBox):
        if box.isVisible():
            print("box " + box.text().replace("\n", " | "))
    print(f"window-visible {window.isVisible()}")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
