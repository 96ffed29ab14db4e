"""The window's layout rules without a display: geometry that fits the screen, a theme
switch that restyles live, label names never cut, keys no desktop takes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMargins, QRect
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot
from window_helpers import label_id, open_window

from workbench.project import Project
from workbench.ui.shared.screen_fit import PANE_MIN_WIDTH, first_start_geometry, fitted
from workbench.ui.shared.shortcuts import EDGE_KEYS
from workbench.ui.window.main_window import MainWindow

LAPTOP = QRect(0, 0, 1366, 768)
FRAME = QMargins(4, 30, 4, 4)


def _outer(rect: QRect, frame: QMargins = FRAME) -> QRect:
    return rect.marginsAdded(frame)


@pytest.mark.parametrize(
    "saved",
    [
        QRect(0, 0, 1871, 925),  # four panes on a big screen
        QRect(2200, 40, 1500, 900),  # on a second screen that is gone
        QRect(-300, -200, 800, 600),  # dragged half off the top left
    ],
)
def test_restored_geometry_is_clamped_to_the_screen(saved: QRect) -> None:
    placed = fitted(saved, LAPTOP, FRAME)
    assert LAPTOP.contains(_outer(placed))
    assert placed.width() == min(saved.width(), LAPTOP.width() - 8)


def test_first_start_fits_a_laptop_and_takes_most_of_a_large_screen() -> None:
    laptop = first_start_geometry(LAPTOP, FRAME)
    assert LAPTOP.contains(_outer(laptop)) and laptop.width() == 1366 - 8
    desktop = QRect(0, 0, 1920, 1080)
    assert first_start_geometry(desktop, FRAME).size().toTuple() == (1721, 941)
    large = QRect(0, 0, 2560, 1440)
    placed = first_start_geometry(large, FRAME)
    assert placed.size().toTuple() == (2297, 1265) and large.contains(_outer(placed))
    # centred in the room the frame leaves (to the pixel)
    left, right = placed.x() - FRAME.left(), large.width() - 1 - placed.right() - FRAME.right()
    assert abs(left - right) <= 1


@pytest.fixture
def tagged_window(qtbot: QtBot, sample_project_file: Path) -> MainWindow:
    with Project.open(sample_project_file) as project:
        first = project.document_ids()[0]
        for name, word in (("claim", "Korea"), ("source", "Seoul")):
            start = project.document(first).text.index(word)
            project.add_span(
                first, start, start + len(word), label_id(project, name), annotator="ana"
            )
    window = open_window(qtbot, sample_project_file)
    window.open_document(first)
    return window


def _highlights(window: MainWindow) -> list[str]:
    block = window.panes[0].view.document().begin()
    colours: list[str] = []
    while block.isValid():
        colours += [r.format.background().color().name() for r in block.layout().formats()]
        block = block.next()
    return colours


def _switch(qtbot: QtBot, window: MainWindow, theme: str) -> None:
    window.settings.theme = theme
    window.apply_settings()
    qtbot.wait(50)  # the queued repaint after the palette change


def test_a_live_theme_switch_restyles_highlights_and_keeps_widths(
    qtbot: QtBot, tagged_window: MainWindow
) -> None:
    window = tagged_window
    _switch(qtbot, window, "light")
    light, width = _highlights(window), window.minimumSizeHint().width()
    assert light
    _switch(qtbot, window, "dark")
    dark = _highlights(window)
    assert dark != light and len(dark) == len(light)
    assert window.minimumSizeHint().width() == width  # dark does not widen the window
    _switch(qtbot, window, "light")
    assert _highlights(window) == light


def test_four_panes_never_ask_for_more_than_a_laptop(
    qtbot: QtBot, tagged_window: MainWindow
) -> None:
    window = tagged_window
    for document_id in window.controller.project.document_ids()[:4]:
        window.open_document(document_id, new_pane=True)
    assert len(window.panes) == 4
    assert all(pane.minimumWidth() == PANE_MIN_WIDTH for pane in window.panes)
    assert window.minimumSizeHint().width() < 1366 - 8


def _cuts_a_name(combo: QComboBox) -> bool:
    combo.showPopup()
    QApplication.processEvents()
    view = combo.view()
    widest = max(
        view.sizeHintForIndex(combo.model().index(i, 0)).width() for i in range(combo.count())
    )
    cut = view.viewport().width() < widest
    combo.hidePopup()
    return cut


# Offscreen popups cannot raise or grab the keyboard; harmless for a width measurement.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_label_combos_show_whole_names(qtbot: QtBot, tagged_window: MainWindow) -> None:
    window = tagged_window
    window.show_find()
    assert window.find_bar is not None and window.annotation_list is not None
    for combo in (window.find_bar.label_combo, window.annotation_list.label_filter):
        names = {combo.itemText(i) for i in range(combo.count())}
        assert {"claim", "source", "denial", "figure"} <= names
        assert not _cuts_a_name(combo), combo.accessibleName()


# Taken by default: Ctrl+Alt+arrows (workspaces: GNOME, Xfce, Cinnamon, MATE, openbox),
# Shift+Alt+arrows (send window: openbox), Super+arrows (tiling: GNOME, KDE),
# Ctrl+Shift+Alt+arrows (move window: GNOME, Xfce), Meta+Ctrl+arrows (KDE desktops).
DESKTOP_KEYS = {
    QKeySequence(f"{mods}+{arrow}")
    for mods in ("Ctrl+Alt", "Shift+Alt", "Meta", "Ctrl+Shift+Alt", "Meta+Ctrl", "Meta+Alt")
    for arrow in ("Left", "Right", "Up", "Down")
}


def test_no_key_a_common_desktop_takes(tagged_window: MainWindow) -> None:
    used = [QKeySequence(default) for *_rest, default in EDGE_KEYS.values()]
    for action in tagged_window.window_actions.all_actions():
        used += action.shortcuts()
    assert used and not DESKTOP_KEYS & set(used)
    texts = [k.toString() for k in used]
    assert len(texts) == len(set(texts)), "a key is registered twice"
