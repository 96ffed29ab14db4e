"""Start the window: `run(project_path)` is what `workbench open` calls.

`python -m workbench.ui.window.app PATH` does the same. Without a display (Linux, no DISPLAY or
WAYLAND_DISPLAY, no QT_QPA_PLATFORM) it says how to run it instead of letting Qt abort.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
import traceback
from pathlib import Path
from types import TracebackType

NO_DISPLAY_MESSAGE = (
    "Workbench needs a display: run it on a desktop session, or under a virtual display "
    "with 'xvfb-run -a workbench open PROJECT'."
)
SHOWN_LINE = "Workbench window shown"

log = logging.getLogger("workbench")


def display_missing() -> bool:
    """True on Linux/BSD when no display server is reachable and no platform is forced."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return False
    return not any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def _log_file() -> Path:
    from workbench.config import data_dir

    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "workbench.log"


def _install_logging() -> None:
    try:
        handler: logging.Handler = logging.FileHandler(_log_file(), encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def install_excepthook() -> None:
    """An unexpected error is logged and shown in a message box; the window stays up."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(kind, value, tb))
        log.error("unexpected error:\n%s", text)
        print(text, file=sys.stderr)
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            "Workbench",
            f"{_sentence(value)}\n\nYour edits so far are saved. The details are in {_log_file()}.",
        )
        box.setDetailedText(text)
        box.finished.connect(lambda _=0: _open_boxes.remove(box) if box in _open_boxes else None)
        _open_boxes.append(box)
        box.open()

    sys.excepthook = hook


_open_boxes: list[object] = []


def _sentence(value: BaseException) -> str:
    """What the box says: a damaged project file (found by a query after it opened) gets
    the same sentence as from the command line."""
    if isinstance(value, sqlite3.Error):
        from workbench.connection import damaged

        return str(damaged(None, value))
    return f"Something went wrong: {value}"


def run(project_path: Path) -> int:
    """Open the window on `project_path` and run until it closes; returns the exit code."""
    if display_missing():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 2
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from workbench.config import Config
    from workbench.connection import damaged
    from workbench.errors import WorkbenchError
    from workbench.ui.shared.theme import apply_theme
    from workbench.ui.shared.window_settings import WindowSettings
    from workbench.ui.window.main_window import MainWindow, first_run_hint, open_controller

    _install_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Workbench")
    app.setOrganizationName("Workbench")
    app.setApplicationDisplayName("Workbench")
    install_excepthook()
    quit_after = os.environ.get("WORKBENCH_QUIT_AFTER_MS")
    config = Config.load()
    settings = WindowSettings()
    apply_theme(settings.theme)
    try:
        controller = open_controller(Path(project_path), config)
    except WorkbenchError as e:
        print(str(e), file=sys.stderr)
        if not quit_after:
            QMessageBox.critical(None, "Workbench", str(e))
        return 1
    config.remember(project_path)
    try:
        config.save()
    except OSError as e:
        log.warning("cannot save config: %s", e)
    try:
        window = MainWindow(controller, settings, config, owns_project=True)
    except sqlite3.Error as e:  # damage quick_check did not report
        controller.project.close()
        message = str(damaged(project_path, e))
        print(message, file=sys.stderr)
        if not quit_after:
            QMessageBox.critical(None, "Workbench", message)
        return 1
    first_run_hint(window)
    window.show()

    def announce() -> None:
        print(SHOWN_LINE, flush=True)

    QTimer.singleShot(0, announce)
    if quit_after:
        QTimer.singleShot(int(quit_after), window.close)
    code = app.exec()
    return int(code)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: python -m workbench.ui.window.app PROJECT.wbproj", file=sys.stderr)
        return 2
    return run(Path(args[0]))


if __name__ == "__main__":
    sys.exit(main())
