"""The window as an analyst uses it: open articles side by side, tag, undo, reopen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QSettings, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton, QToolTip, QWidget
from pytestqt.qtbot import QtBot
from window_helpers import label_id, open_window, stored_spans, stored_text

from workbench.config import Config, config_dir
from workbench.project import Project
from workbench.ui.dialogs.settings_dialog import SettingsDialog
from workbench.ui.pane.article_pane import ArticlePane
from workbench.ui.pane.pane_area import SPARE_AFTER_MS
from workbench.ui.shared.window_settings import WindowSettings
from workbench.ui.window.actions import toolbar_tip
from workbench.ui.window.main_window import MainWindow


def _window(qtbot: QtBot, path: Path) -> MainWindow:
    return open_window(qtbot, path)


@pytest.fixture
def window(qtbot: QtBot, sample_project_file: Path) -> Iterator[MainWindow]:
    window = _window(qtbot, sample_project_file)
    yield window
    window.close()


def _doc_ids(path: Path) -> list[str]:
    with Project.open(path) as project:
        return project.document_ids()


def _open_two(qtbot: QtBot, window: MainWindow) -> tuple[ArticlePane, ArticlePane]:
    assert window.document_list is not None
    table = window.document_list.table
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    table.selectRow(1)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert len(window.panes) == 2 and _shown_in_splitter(window) == window.panes
    return window.panes[0], window.panes[1]


def _shown_in_splitter(window: MainWindow) -> list[QWidget]:
    """The splitter's widgets on screen (the next pane waits hidden at its end)."""
    widgets = (window.splitter.widget(i) for i in range(window.splitter.count()))
    return [w for w in widgets if not w.isHidden()]


def test_two_articles_side_by_side_tag_both(
    qtbot: QtBot, window: MainWindow, sample_project_file: Path
) -> None:
    left, right = _open_two(qtbot, window)
    ids = _doc_ids(sample_project_file)
    assert [left.document_id, right.document_id] == ids[:2]
    for pane, word, key in ((left, "Zinoviev", "2"), (right, "Kim Hong-kyun", "2")):
        assert pane.document is not None
        start = pane.document.text.index(word)
        pane.select_range(start, start + len(word))
        qtbot.keyClick(pane.view, key)
    spans = stored_spans(sample_project_file)
    assert sorted(stored_text(sample_project_file, s) for s in spans) == [
        "Kim Hong-kyun",
        "Zinoviev",
    ]
    assert all(s.label_id == label_id(sample_project_file, "source") for s in spans)
    assert "2 spans" in window.counts_label.text() and "ana" in window.annotator_label.text()
    row = window.document_list.row_of(ids[0])  # type: ignore[union-attr]
    assert window.document_list.proxy.index(row, 2).data() == 1  # type: ignore[union-attr]


def test_palette_click_and_window_undo_redo_shortcuts(
    qtbot: QtBot, window: MainWindow, sample_project_file: Path
) -> None:
    left, _ = _open_two(qtbot, window)
    window._set_active(left)
    assert left.document is not None
    start = left.document.text.index("1,500")
    left.select_range(start, start + 5)
    assert window.palette_bar is not None
    qtbot.mouseClick(
        window.palette_bar.buttons[label_id(sample_project_file, "figure")],
        Qt.MouseButton.LeftButton,
    )
    [span] = stored_spans(sample_project_file)
    assert stored_text(sample_project_file, span) == "1,500"
    left.view.setFocus()
    qtbot.keyClick(left.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_spans(sample_project_file) == []
    qtbot.keyClick(
        left.view,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert [s.id for s in stored_spans(sample_project_file)] == [span.id]


def test_status_from_list_menu_and_pane_follow_each_other(
    qtbot: QtBot, window: MainWindow, sample_project_file: Path
) -> None:
    left, _ = _open_two(qtbot, window)
    doc = left.document_id
    assert doc is not None and window.document_list is not None
    menu = window.document_list.context_menu(doc)
    status_menu = next(a.menu() for a in menu.actions() if a.text() == "Status")
    assert isinstance(status_menu, QMenu)
    next(a for a in status_menu.actions() if a.text() == "Done").trigger()
    with Project.open(sample_project_file) as project:
        assert project.document(doc).status == "done"
    assert left.status.currentData() == "done"
    left.status.setCurrentIndex(left.status.findData("in_progress"))
    with Project.open(sample_project_file) as project:
        assert project.document(doc).status == "in_progress"
    row = window.document_list.row_of(doc)
    assert window.document_list.proxy.index(row, 3).data() == "In progress"


def test_reopening_the_project_restores_the_panes(qtbot: QtBot, sample_project_file: Path) -> None:
    window = _window(qtbot, sample_project_file)
    ids = _doc_ids(sample_project_file)
    window.open_document(ids[3])
    window.open_document(ids[1])
    window.swap_pane(window.panes[0], +1)
    assert window.open_documents() == [ids[1], ids[3]]
    window.close()
    again = _window(qtbot, sample_project_file)
    assert again.open_documents() == [ids[1], ids[3]]
    again.close()


def test_a_document_opens_into_a_pane_built_while_the_window_was_idle(
    qtbot: QtBot, window: MainWindow, sample_project_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[ArticlePane] = []
    build = ArticlePane.__init__

    def counted(pane: ArticlePane, *args: Any, **kwargs: Any) -> None:
        build(pane, *args, **kwargs)
        built.append(pane)

    monkeypatch.setattr(ArticlePane, "__init__", counted)
    ids = _doc_ids(sample_project_file)
    qtbot.waitUntil(lambda: len(built) == 1)  # idle: the next pane, hidden
    spare = built[0]
    assert spare.isHidden() and _shown_in_splitter(window) == []
    window.zoom_by(2)  # settings changed while it waits reach it too
    window.open_document(ids[0])
    assert window.panes == [spare] and len(built) == 1  # none built during the open
    assert _shown_in_splitter(window) == [spare] and spare.isVisible()
    assert spare.view.font().pointSizeF() == window.settings.font_size + 2
    with Project.open(sample_project_file) as project:
        first_line = project.document(ids[0]).text.split("\n")[0]
    assert spare.document_id == ids[0] and first_line
    assert spare.view.document().firstBlock().text() == first_line
    qtbot.waitUntil(lambda: len(built) == 2)  # and the one after it
    window.open_document(ids[1])
    assert window.panes == [spare, built[1]] and len(built) == 2
    assert _shown_in_splitter(window) == window.panes


def test_closing_one_of_four_panes_builds_the_next_while_idle(
    qtbot: QtBot, window: MainWindow, sample_project_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[ArticlePane] = []
    build = ArticlePane.__init__

    def counted(pane: ArticlePane, *args: Any, **kwargs: Any) -> None:
        build(pane, *args, **kwargs)
        built.append(pane)

    monkeypatch.setattr(ArticlePane, "__init__", counted)
    ids = _doc_ids(sample_project_file)
    for document_id in ids[:4]:
        window.open_document(document_id, new_pane=True)
    assert len(window.panes) == 4
    made = len(built)
    qtbot.wait(SPARE_AFTER_MS + 300)
    assert len(built) == made  # four open: no fifth is built
    window.close_pane(window.panes[0])
    qtbot.waitUntil(lambda: len(built) == made + 1)
    window.open_document(ids[4], new_pane=True)
    assert window.panes[-1] is built[-1] and len(built) == made + 1
    assert window.open_documents() == ids[1:5] and _shown_in_splitter(window) == window.panes


def test_panes_close_swap_and_stop_at_four(
    qtbot: QtBot, window: MainWindow, sample_project_file: Path
) -> None:
    ids = _doc_ids(sample_project_file)
    for document_id in ids:
        window.open_document(document_id, new_pane=True)
    assert len(window.panes) == 4 and window.open_documents()[:3] == ids[:3]
    qtbot.mouseClick(window.panes[0].close_button, Qt.MouseButton.LeftButton)
    assert len(window.panes) == 3 and ids[0] not in window.open_documents()
    first = window.panes[0].document_id
    qtbot.mouseClick(window.panes[0].right_button, Qt.MouseButton.LeftButton)
    assert window.open_documents()[1] == first
    assert window.splitter.widget(1) is window.panes[1]


def test_opening_an_open_document_focuses_its_pane(
    window: MainWindow, sample_project_file: Path
) -> None:
    ids = _doc_ids(sample_project_file)
    first = window.open_document(ids[0])
    window.open_document(ids[1])
    assert window.open_document(ids[0]) is first and len(window.panes) == 2
    assert window.active_pane is first


def test_drop_from_the_list_opens_in_that_pane(
    window: MainWindow, sample_project_file: Path
) -> None:
    ids = _doc_ids(sample_project_file)
    pane = window.open_document(ids[0])
    assert pane is not None and window.document_list is not None
    model = window.document_list.model
    mime = model.mimeData([model.index(2, 0)])
    assert pane.drop(mime)
    assert pane.document_id == ids[2] and window.open_documents() == [ids[2]]


def test_filter_box_narrows_the_list(qtbot: QtBot, window: MainWindow) -> None:
    assert window.document_list is not None
    assert window.document_list.proxy.rowCount() == 5
    qtbot.keyClicks(window.document_list.filter, "secret involvement")
    assert window.document_list.proxy.rowCount() == 1


def test_synchronised_scrolling_moves_the_other_pane(qtbot: QtBot, window: MainWindow) -> None:
    left, right = _open_two(qtbot, window)
    for pane in (left, right):
        pane.view.setFixedHeight(150)
    qtbot.waitUntil(
        lambda: (
            left.view.verticalScrollBar().maximum() > 0
            and right.view.verticalScrollBar().maximum() > 0
        )
    )
    left.view.verticalScrollBar().setValue(left.view.verticalScrollBar().maximum())
    assert right.view.verticalScrollBar().value() == 0  # off by default
    window.window_actions.sync_action.trigger()
    left.view.verticalScrollBar().setValue(0)
    left.view.verticalScrollBar().setValue(left.view.verticalScrollBar().maximum())
    assert right.view.verticalScrollBar().value() == right.view.verticalScrollBar().maximum()


def test_zoom_shortcuts_change_the_reading_font(qtbot: QtBot, window: MainWindow) -> None:
    left, _ = _open_two(qtbot, window)
    before = left.view.font().pointSizeF()
    left.view.setFocus()
    qtbot.keyClick(left.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert left.view.font().pointSizeF() == before + 1
    qtbot.keyClick(left.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(left.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert left.view.font().pointSizeF() == before - 1
    assert WindowSettings().zoom == -1


def test_settings_persist_and_the_annotator_is_shared(
    qtbot: QtBot, window: MainWindow, sample_project_file: Path
) -> None:
    dialog = SettingsDialog(window.settings, window.config, window)
    qtbot.addWidget(dialog)
    dialog.annotator.setText("Min-ji")
    dialog.font_size.setValue(15)
    dialog.snap_words.setChecked(False)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.accept()
    window.apply_settings()
    try:
        fresh = WindowSettings()
        assert (fresh.font_size, fresh.snap_words, fresh.theme) == (15, False, "dark")
        assert (config_dir() / "window.ini").exists()
        assert Config.load().annotator == "Min-ji"
        left, _ = _open_two(qtbot, window)
        assert left.view.font().pointSizeF() == 15
        assert left.document is not None
        start = left.document.text.index("Russia")
        left.select_range(start, start + 3)  # no snapping now
        qtbot.keyClick(left.view, "1")
        [span] = stored_spans(sample_project_file)
        assert span.annotator == "Min-ji" and stored_text(sample_project_file, span) == "Rus"
    finally:
        window.settings.theme = "light"
        window.apply_settings()


@pytest.mark.parametrize(
    ("name", "why"),
    [("suggester", "name Workbench gives machine suggestions"), ("  ", "cannot be empty")],
)
def test_settings_refuse_a_name_that_is_not_a_person(
    qtbot: QtBot, window: MainWindow, name: str, why: str
) -> None:
    before, own = Config.load().annotator, window.config.annotator
    dialog = SettingsDialog(window.settings, window.config, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.annotator.setText(name)
    dialog.font_size.setValue(17)
    dialog.accept()
    assert dialog.isVisible() and why in dialog.error.text()
    assert Config.load().annotator == before and window.config.annotator == own
    assert WindowSettings().font_size != 17  # nothing saved: the analyst can correct it
    dialog.close()


def test_settings_never_touch_the_users_real_settings() -> None:
    assert WindowSettings().qsettings.fileName().startswith(str(config_dir()))
    assert WindowSettings().qsettings.format() == QSettings.Format.IniFormat


def test_edit_errors_show_in_the_status_bar(qtbot: QtBot, window: MainWindow) -> None:
    left, _ = _open_two(qtbot, window)
    assert left.document is not None
    start = left.document.text.index("Seoul")
    for _ in range(2):
        left.select_range(start, start + 5)
        qtbot.keyClick(left.view, "1")
    assert "already exists" in window.last_error
    assert "already exists" in window.statusBar().currentMessage()


def test_annotation_list_jumps_to_the_span(
    qtbot: QtBot, window: MainWindow, sample_project_file: Path
) -> None:
    ids = _doc_ids(sample_project_file)
    with Project.open(sample_project_file) as project:
        text = project.document(ids[4]).text
        claim = label_id(project, "claim")
    start = text.index("North Korea")
    span = window.controller.add_span(ids[4], start, start + 11, claim)
    assert span is not None and window.annotation_list is not None
    window.annotation_list.span_activated.emit(span)  # type: ignore[attr-defined]
    pane = window.active_pane
    assert pane is not None and pane.document_id == ids[4]
    assert pane.selected_span_id == span.id


def test_find_match_becomes_a_selection_to_tag(
    qtbot: QtBot, window: MainWindow, sample_project_file: Path
) -> None:
    ids = _doc_ids(sample_project_file)
    with Project.open(sample_project_file) as project:
        text = project.document(ids[2]).text
    start = text.index("mutual assistance")
    window.show_find()
    assert window.find_bar is not None and window.find_bar.isVisible()
    window.find_bar.match_activated.emit(ids[2], start, start + 17)  # type: ignore[attr-defined]
    pane = window.active_pane
    assert pane is not None and pane.selection() == (start, start + 17)
    qtbot.keyClick(pane.view, "1")
    [span] = stored_spans(sample_project_file)
    assert stored_text(sample_project_file, span) == "mutual assistance"


def test_a_new_label_appears_in_the_palette_and_its_key_tags(
    qtbot: QtBot, window: MainWindow, sample_project_file: Path
) -> None:
    left, _ = _open_two(qtbot, window)
    label = window.controller.add_label("rumour")
    assert label is not None and label.shortcut == "5"
    assert window.palette_bar is not None and label.id in window.palette_bar.buttons
    assert left.document is not None
    start = left.document.text.index("Pyongyang")
    left.select_range(start, start + len("Pyongyang"))
    qtbot.keyClick(left.view, "5")
    [span] = stored_spans(sample_project_file)
    assert span.label_id == label.id


def test_manage_labels_opens_the_label_manager(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.ui.dialogs import label_manager

    opened: list[object] = []
    monkeypatch.setattr(
        label_manager.LabelManagerDialog, "exec", lambda self: opened.append(self) or 0
    )
    window.window_actions.manage_labels_action.trigger()
    assert len(opened) == 1 and opened[0].parent() is window  # type: ignore[attr-defined]


def test_labels_menu_tags_and_recent_menu_reopens(
    qtbot: QtBot, window: MainWindow, sample_project_file: Path, tmp_path: Path
) -> None:
    left, _ = _open_two(qtbot, window)
    window._set_active(left)
    assert left.document is not None
    start = left.document.text.index("Zinoviev")
    left.select_range(start, start + len("Zinoviev"))
    actions = window.window_actions
    actions.labels_menu.aboutToShow.emit()
    [tag] = [a for a in actions.labels_menu.actions() if a.text().startswith("Tag as source")]
    tag.trigger()
    [span] = stored_spans(sample_project_file)
    assert stored_text(sample_project_file, span) == "Zinoviev"
    assert span.label_id == label_id(sample_project_file, "source")

    first, second = tmp_path / "first.wbproj", tmp_path / "second.wbproj"
    for path in (first, second):
        Project.create(path).close()
        assert window.open_project(path)
    actions.recent_menu.aboutToShow.emit()
    [reopen] = [a for a in actions.recent_menu.actions() if a.text() == str(first.resolve())]
    reopen.trigger()
    assert window.controller.project.path.resolve() == first.resolve()

    # A recent project deleted since: one sentence, no new file made, off the menu.
    second.unlink()
    actions.recent_menu.aboutToShow.emit()
    [gone] = [a for a in actions.recent_menu.actions() if a.text() == str(second.resolve())]
    gone.trigger()
    assert "no longer there" in window.last_error and "Open recent" in window.last_error
    assert not second.exists()
    assert window.controller.project.path.resolve() == first.resolve()
    actions.recent_menu.aboutToShow.emit()
    assert str(second.resolve()) not in [a.text() for a in actions.recent_menu.actions()]


def test_the_status_bar_counts_read_with_thousands_separators(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "many.wbproj"
    with Project.create(path) as project, project.transaction():
        text = "word " * 1_200
        doc = project.add_document(text, title="Many")
        label = project.labels()[0].id
        project.insert_span_rows(
            (f"s{i}", doc.id, i * 5, i * 5 + 4, label, "ana", "", "t", "t", "{}")
            for i in range(1_200)
        )
    window = _window(qtbot, path)
    assert window.counts_label.text() == "1 document · 1,200 spans"


def _undo_buttons(toolbar: QToolBar) -> list[QToolButton]:
    return [b for b in toolbar.findChildren(QToolButton) if b.text() in ("Undo", "Redo")]


# The offscreen platform cannot raise the tooltip's window.
@pytest.mark.qt_log_ignore("does not support raise")
def test_the_toolbars_undo_keeps_its_place_and_names_the_step_in_its_tip(
    qtbot: QtBot, window: MainWindow, sample_project_file: Path, tmp_path: Path
) -> None:
    actions = window.window_actions
    toolbar = actions.toolbar
    undo, redo = _undo_buttons(toolbar)
    assert window.palette_bar is not None
    palette_at = window.palette_bar.geometry()
    pane = window.open_document(_doc_ids(sample_project_file)[0])
    assert pane is not None and pane.document is not None
    start = pane.document.text.index("1,500")
    pane.select_range(start, start + 5)
    qtbot.keyClick(pane.view, "4")
    assert len(stored_spans(sample_project_file)) == 1
    # The menu names the step; the toolbar's buttons keep their text, so nothing beside
    # them moves under the analyst's pointer.
    assert actions.undo_action is not None
    step = actions.undo_action.text().replace("&", "")
    assert step == "Undo Tag figure"
    assert (undo.text(), undo.isEnabled(), redo.isEnabled()) == ("Undo", True, False)
    qtbot.wait(1)  # the toolbar's layout request
    assert window.palette_bar.geometry() == palette_at
    assert toolbar_tip(actions.undo_action) == f"{step} (Ctrl+Z)"
    actions.eventFilter(undo, QHelpEvent(QEvent.Type.ToolTip, QPoint(2, 2), QPoint(2, 2)))
    assert QToolTip.text() == f"{step} (Ctrl+Z)"

    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert stored_spans(sample_project_file) == []
    assert (undo.isEnabled(), redo.isEnabled()) == (False, True)
    qtbot.mouseClick(redo, Qt.MouseButton.LeftButton)
    assert len(stored_spans(sample_project_file)) == 1

    # Another project: two buttons again, on its own (empty) history.
    other = tmp_path / "other.wbproj"
    Project.create(other, labels=["claim"]).close()
    assert window.open_project(other)
    qtbot.waitUntil(lambda: len(_undo_buttons(toolbar)) == 2)
    assert [b.isEnabled() for b in _undo_buttons(toolbar)] == [False, False]
