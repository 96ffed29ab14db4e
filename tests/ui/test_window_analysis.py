"""The analysis features inside the window, driven as an analyst would and checked in the
project file: links with L and a click, link badges and hover, suggestions decided in the
pane, the compare dock, and the export and import dialogs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from analysis_helpers import annotate_sample
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot
from window_helpers import open_window, point_of

from workbench import suggest
from workbench.project import Project
from workbench.ui.pane.article_pane import ArticlePane
from workbench.ui.window.main_window import MainWindow


def _window(qtbot: QtBot, path: Path) -> MainWindow:
    window = open_window(qtbot, path, size=(1500, 950))

    def no_question(*args: object) -> None:
        raise AssertionError("the window asked for a relation type")

    window.linking.ask_type = no_question  # type: ignore[method-assign]
    window.resize(1500, 950)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def annotated(qtbot: QtBot, sample_project_file: Path) -> Iterator[tuple[MainWindow, dict]]:
    with Project.open(sample_project_file) as project:
        ids = annotate_sample(project, links=False)
    window = _window(qtbot, sample_project_file)
    yield window, ids
    window.close()


@pytest.fixture
def plain(qtbot: QtBot, sample_project_file: Path) -> Iterator[MainWindow]:
    window = _window(qtbot, sample_project_file)
    yield window
    window.close()


def _links_in_file(path: Path) -> set[tuple[str, str, str]]:
    with Project.open(path) as again:
        types = {t.id: t.name for t in again.relation_types()}
        return {(r.head, r.tail, types[r.type_id]) for r in again.relations()}


def _click_span(qtbot: QtBot, pane: ArticlePane, span_id: str) -> None:
    """Click a character where this span is the innermost one."""
    assert pane.layer is not None
    span = pane.layer.spans[span_id]
    cp = next(c for c in range(span.start, span.end) if pane.spans_at(c)[0] == span)
    qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(pane, cp))


def _open(window: MainWindow, doc_index: int) -> ArticlePane:
    document_id = window.controller.project.document_ids()[doc_index]
    pane = window.open_document(document_id, new_pane=True)
    assert pane is not None
    return pane


def _show(pane: ArticlePane, span_id: str) -> None:
    """Scroll the span into view without selecting it."""
    assert pane.layer is not None and pane.map is not None
    cursor = pane.view.textCursor()
    cursor.setPosition(pane.map.to_utf16(pane.layer.spans[span_id].start))
    pane.view.setTextCursor(cursor)
    pane.view.centerCursor()


def test_link_with_l_and_a_click_across_panes_then_undo(qtbot: QtBot, annotated) -> None:
    window, ids = annotated
    path = window.controller.project.path
    left, right = _open(window, 2), _open(window, 0)

    _show(left, ids["den2"])
    _click_span(qtbot, left, ids["den2"])
    assert left.selected_span_id == ids["den2"]
    qtbot.keyClick(left.view, Qt.Key.Key_L)
    assert window.linking.active
    assert "Esc cancels" in window.statusBar().currentMessage()
    _show(left, ids["claim2"])
    _click_span(qtbot, left, ids["claim2"])
    assert not window.linking.active
    assert _links_in_file(path) == {(ids["den2"], ids["claim2"], "denies")}

    # across panes: the figure on the right is the same fact as the one on the left
    _show(right, ids["fig0a"])
    _click_span(qtbot, right, ids["fig0a"])
    qtbot.keyClick(right.view, Qt.Key.Key_L)
    _show(left, ids["fig2"])
    _click_span(qtbot, left, ids["fig2"])
    both = {(ids["den2"], ids["claim2"], "denies"), (ids["fig0a"], ids["fig2"], "same_as")}
    assert _links_in_file(path) == both
    assert {e.other_id for e in right.marks.links_of(ids["fig0a"])} == {ids["fig2"]}

    qtbot.keyClick(left.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _links_in_file(path) == {(ids["den2"], ids["claim2"], "denies")}
    assert right.marks.links_of(ids["fig0a"]) == []


def test_linking_twice_says_why_nothing_was_linked(qtbot: QtBot, annotated) -> None:
    # The refusal's reason used to be replaced at once by a bare "Not linked.".
    window, ids = annotated
    path = window.controller.project.path
    pane = _open(window, 2)
    for _ in range(2):
        _show(pane, ids["den2"])
        _click_span(qtbot, pane, ids["den2"])
        qtbot.keyClick(pane.view, Qt.Key.Key_L)
        _show(pane, ids["claim2"])
        _click_span(qtbot, pane, ids["claim2"])
    assert _links_in_file(path) == {(ids["den2"], ids["claim2"], "denies")}
    assert not window.linking.active
    assert not window.window_actions.cancel_link_action.isEnabled()
    assert window.statusBar().currentMessage() == (
        "⚠ These two spans are already linked with that relation."
    )


def test_escape_cancels_linking_and_an_unusual_pair_asks_the_type(qtbot: QtBot, annotated) -> None:
    window, ids = annotated
    path = window.controller.project.path
    pane = _open(window, 2)
    _show(pane, ids["claim2"])
    _click_span(qtbot, pane, ids["claim2"])
    qtbot.keyClick(pane.view, Qt.Key.Key_L)
    qtbot.keyClick(pane.view, Qt.Key.Key_Escape)
    assert not window.linking.active and _links_in_file(path) == set()

    asked: list[tuple[str, str]] = []

    def ask(types, default, labels):  # a claim and its figure: no usual relation
        asked.append(labels)
        return next(t for t in types if t.name == "attributed_to")

    window.linking.ask_type = ask  # type: ignore[method-assign]
    window.linking.start(window.controller.project.span(ids["claim2"]))
    _show(pane, ids["src2"])
    _click_span(qtbot, pane, ids["src2"])  # claim → source: no question
    window.linking.start(window.controller.project.span(ids["fig2"]))
    _show(pane, ids["den2"])
    _click_span(qtbot, pane, ids["den2"])
    assert asked == [("figure", "denial")]
    assert _links_in_file(path) == {
        (ids["claim2"], ids["src2"], "attributed_to"),
        (ids["fig2"], ids["den2"], "attributed_to"),
    }


def test_link_badges_are_painted_and_hover_lights_the_other_end(qtbot: QtBot, annotated) -> None:
    window, ids = annotated
    left, right = _open(window, 0), _open(window, 1)
    same_as = window.controller.project.relation_type_named("same_as")
    assert same_as is not None
    window.controller.add_relation(ids["fig0a"], ids["fig1a"], same_as.id)
    _show(left, ids["fig0a"])
    _show(right, ids["fig1a"])

    for pane, span_id in ((left, ids["fig0a"]), (right, ids["fig1a"])):
        center = pane.marks.badge_center(span_id)
        assert center is not None
        image = pane.view.viewport().grab().toImage()
        ratio = image.devicePixelRatio()
        pixel = QColor(image.pixel(round(center.x() * ratio), round(center.y() * ratio)))
        wanted = QColor(same_as.color)
        assert (
            max(
                abs(pixel.red() - wanted.red()),
                abs(pixel.green() - wanted.green()),
                abs(pixel.blue() - wanted.blue()),
            )
            < 40
        )
    assert left.marks.badge_center(ids["src0a"]) is None  # not linked: no badge

    fig1a = right.layer.spans[ids["fig1a"]]  # type: ignore[union-attr]
    qtbot.mouseMove(left.view.viewport(), point_of(left, left.layer.spans[ids["fig0a"]].start + 2))  # type: ignore[union-attr]
    assert right.marks.partners == {ids["fig1a"]}
    assert right.map is not None
    marked = [
        (s.cursor.selectionStart(), s.cursor.selectionEnd())  # type: ignore[attr-defined]
        for s in right.view.extraSelections()
    ]
    assert (right.map.to_utf16(fig1a.start), right.map.to_utf16(fig1a.end)) in marked
    qtbot.mouseMove(left.view.viewport(), QPoint(2, 2))  # the margin: nothing under the mouse
    assert right.marks.partners == frozenset()
    assert right.view.extraSelections() == []


def _file_suggestions(path: Path) -> tuple[list[tuple[int, int, str, str]], dict[str, int]]:
    with Project.open(path) as again:
        labels = {lb.id: lb.name for lb in again.labels()}
        spans = [(s.start, s.end, labels[s.label_id], s.annotator) for s in again.spans()]
        statuses = dict(
            again.conn.execute(
                "SELECT status, count(*) FROM suggestions GROUP BY status"
            ).fetchall()
        )
    return spans, statuses


def test_suggestions_in_the_pane_enter_accepts_backspace_rejects(
    qtbot: QtBot, plain: MainWindow
) -> None:
    window = plain
    path = window.controller.project.path
    pane = _open(window, 0)
    report = window.run_suggester()
    assert report is not None and report.added > 2
    pending = list(pane.marks.suggestions)
    assert len(pending) == report.pending  # only this pane's document was asked
    assert pane.layer is not None and not pane.layer.spans  # drawn apart from spans

    first, second = pending[0], pending[1]
    pane.select_range(first.start, first.start)  # scroll there
    qtbot.mouseClick(
        pane.view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(pane, first.start + 1)
    )
    assert pane.marks.selected == first
    qtbot.keyClick(pane.view, Qt.Key.Key_Return)
    spans, statuses = _file_suggestions(path)
    assert spans == [(first.start, first.end, first.label, "ana")]  # the analyst's decision
    assert pane.marks.selected == second  # the next one, ready for a decision
    qtbot.keyClick(pane.view, Qt.Key.Key_Backspace)
    spans, statuses = _file_suggestions(path)
    assert len(spans) == 1 and statuses["rejected"] == 1 and statuses["accepted"] == 1
    assert second not in pane.marks.suggestions

    window.run_suggester()  # neither comes back
    keys = {(s.start, s.end, s.label) for s in pane.marks.suggestions}
    assert (second.start, second.end, second.label) not in keys
    assert (first.start, first.end, first.label) not in keys
    assert len(pane.marks.suggestions) == len(pending) - 2


def test_the_suggestions_dock_shows_a_suggestion_in_its_pane(
    qtbot: QtBot, plain: MainWindow
) -> None:
    window = plain
    window.run_suggester()  # no pane open: every document
    panel = window.analysis.suggestions
    assert panel is not None and panel.list.count() > 0
    last = panel.list.item(panel.list.count() - 1).data(Qt.ItemDataRole.UserRole)
    panel.list.setFocus()
    panel.list.setCurrentRow(panel.list.count() - 1)
    pane = window.active_pane
    assert pane is not None and pane.document_id == last.document_id
    assert pane.marks.selected == last
    panel.accept_current()
    assert suggest.suggestions(window.controller.project, status="accepted")[0].id == last.id


def test_compare_dock_click_opens_and_selects_the_span(qtbot: QtBot, annotated) -> None:
    window, ids = annotated
    compare = window.analysis.compare
    assert compare is not None
    compare.refresh()
    model = compare.model
    cell = next(
        model.index(r, c)
        for r in range(model.rowCount())
        for c in range(2, model.columnCount())
        if model.span_id(r, c) == ids["fig4"]
    )
    view = compare.table_view
    view.scrollTo(cell)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(cell).center())
    pane = window.active_pane
    assert pane is not None
    assert pane.document_id == window.controller.project.span(ids["fig4"]).document_id
    assert pane.selected_span_id == ids["fig4"]


def test_export_dialog_writes_the_chosen_format_with_filters(
    qtbot: QtBot, annotated, tmp_path: Path
) -> None:
    window, ids = annotated
    dialog = window.ask_export()
    qtbot.waitExposed(dialog)
    assert dialog.format_combo.count() >= 8  # every writer
    dialog.set_format("csv")
    out = tmp_path / "figures.csv"
    dialog.set_path(out)
    for i in range(dialog.labels_list.count()):
        item = dialog.labels_list.item(i)
        if item.data(Qt.ItemDataRole.UserRole) != "figure":
            item.setCheckState(Qt.CheckState.Unchecked)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    lines = out.read_text(encoding="utf-8").splitlines()
    figures = [n for n in ids if n.startswith("fig")]
    assert len(lines) == 1 + len(figures)
    assert all("figure" in line for line in lines[1:])
    assert "Exported" in window.statusBar().currentMessage()

    folder = tmp_path / "brat-out"
    dialog = window.ask_export()
    dialog.set_format("brat")
    dialog.set_path(folder)
    assert dialog.run_export() is not None
    assert len(list(folder.glob("*.ann"))) == 5


def test_export_dialog_failure_says_why_and_stays_open(
    qtbot: QtBot, plain: MainWindow, tmp_path: Path
) -> None:
    dialog = plain.ask_export()
    dialog.set_format("jsonl")
    target = tmp_path / "missing" / "out.jsonl"
    dialog.set_path(target)
    assert dialog.run_export() is None
    assert "does not exist" in dialog.last_error and dialog.isVisible()
    assert not target.exists()
    dialog.set_path(tmp_path / "out.jsonl")  # fixed, the same dialog exports
    assert dialog.run_export() is not None and (tmp_path / "out.jsonl").is_file()


def test_import_dialog_reports_and_refuses_bad_files(
    qtbot: QtBot, plain: MainWindow, tmp_path: Path
) -> None:
    window = plain
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("First article\nTroops moved north.", encoding="utf-8")
    (folder / "b.md").write_text("# Second article\n\nOfficials denied it.", encoding="utf-8")
    dialog = window.ask_import()
    dialog.add_paths([folder])
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.report is not None and dialog.report.documents == 2
    assert "Added 2 documents" in dialog.report_view.toPlainText()
    assert window.document_list is not None and window.document_list.proxy.rowCount() == 7

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok"}\n{not json\n', encoding="utf-8")
    dialog.add_paths([bad])
    assert dialog.run_import() is None
    assert "bad.jsonl" in dialog.last_error
    with Project.open(window.controller.project.path) as again:  # type: ignore[arg-type]
        assert len(again.document_ids()) == 7


def test_import_file_dialogs_start_beside_the_project_then_where_the_analyst_was(
    plain: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.ui.dialogs import import_dialog

    elsewhere = tmp_path / "wires"
    elsewhere.mkdir()
    article = elsewhere / "a.txt"
    article.write_text("An article\nTroops moved north.", encoding="utf-8")
    asked: list[str] = []

    def pick_files(parent: object, caption: str, folder: str) -> tuple[list[str], str]:
        asked.append(folder)
        return [str(article)], ""

    def pick_folder(parent: object, caption: str, folder: str) -> str:
        asked.append(folder)
        return str(elsewhere)

    monkeypatch.setattr(import_dialog.QFileDialog, "getOpenFileNames", pick_files)
    monkeypatch.setattr(import_dialog.QFileDialog, "getExistingDirectory", pick_folder)
    plain.settings.last_folder = ""
    dialog = plain.ask_import()
    dialog.add_files_button.click()
    project = plain.controller.project.path
    assert project is not None and asked == [str(project.parent)]
    dialog.add_folder_button.click()  # the next dialog opens where the file was chosen
    assert asked[1] == str(elsewhere)
    assert plain.settings.last_folder == str(tmp_path)  # the folder's own parent
    assert dialog.paths_list.count() == 2


def test_import_dialog_enter_imports_what_was_added_and_delete_removes_a_path(
    qtbot: QtBot, plain: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.ui.dialogs import import_dialog

    folder = tmp_path / "wires"
    folder.mkdir()
    (folder / "a.txt").write_text("An article\nTroops moved north.", encoding="utf-8")
    picked: list[str] = []

    def pick_folder(parent: object, caption: str, start: str) -> str:
        picked.append(start)
        return str(folder)

    monkeypatch.setattr(import_dialog.QFileDialog, "getExistingDirectory", pick_folder)
    dialog = plain.ask_import()
    dialog.add_paths([tmp_path / "elsewhere.txt"])
    qtbot.waitExposed(dialog)
    first = dialog.paths_list.visualItemRect(dialog.paths_list.item(0)).center()
    qtbot.mouseClick(dialog.paths_list.viewport(), Qt.MouseButton.LeftButton, pos=first)
    assert dialog.remove_button.isEnabled()
    qtbot.keyClick(dialog.paths_list, Qt.Key.Key_Delete)
    assert dialog.paths() == []

    dialog.add_folder_button.click()
    assert dialog.paths() == [folder]
    # Enter where the click left the focus imports; it does not open the picker again.
    qtbot.keyClick(dialog.add_folder_button, Qt.Key.Key_Return)
    assert len(picked) == 1
    assert dialog.report is not None and dialog.report.documents == 1
    with Project.open(plain.controller.project.path) as again:  # type: ignore[arg-type]
        assert len(again.document_ids()) == 6
