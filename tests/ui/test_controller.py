"""The controller's edits reach the project file, and undo/redo change it back."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from workbench import suggest
from workbench.edits import ChangeRecord
from workbench.model import Span
from workbench.project import Project
from workbench.ui.controller import ProjectController


def _setup(project: Project) -> tuple[ProjectController, str, int]:
    doc = project.add_document("North Korea sent 1,500 troops 😀 to Russia.", title="t")
    return ProjectController(project, "ana"), doc.id, project.labels()[0].id


def test_add_undo_redo_span_follow_the_file(qtbot: QtBot, project: Project) -> None:
    controller, doc, claim = _setup(project)
    with qtbot.waitSignal(controller.span_added):
        span = controller.add_span(doc, 0, 11, claim)
    assert span is not None and [s.id for s in project.spans(doc)] == [span.id]
    controller.undo_stack.undo()
    assert project.spans(doc) == []
    controller.undo_stack.redo()
    assert project.spans(doc) == [span]


def test_delete_relabel_and_their_undo(qtbot: QtBot, project: Project) -> None:
    controller, doc, claim = _setup(project)
    figure = project.label_named("figure")
    assert figure is not None
    span = controller.add_span(doc, 17, 22, claim)
    assert span is not None
    controller.relabel_span(span.id, figure.id)
    assert project.span(span.id).label_id == figure.id
    controller.delete_span(span.id)
    assert project.spans(doc) == []
    controller.undo_stack.undo()
    assert project.span(span.id).label_id == figure.id
    controller.undo_stack.undo()
    assert project.span(span.id).label_id == claim


def test_refused_edits_raise_a_message_not_an_exception(qtbot: QtBot, project: Project) -> None:
    controller, doc, claim = _setup(project)
    controller.add_span(doc, 0, 5, claim)
    with qtbot.waitSignal(controller.error_raised) as blocker:
        assert controller.add_span(doc, 0, 5, claim) is None
    assert "already exists" in blocker.args[0]
    assert controller.undo_stack.count() == 1


def test_tag_all_is_one_undo_step(qtbot: QtBot, project: Project) -> None:
    controller, doc, claim = _setup(project)
    added = controller.add_spans([(doc, 0, 5, claim), (doc, 6, 11, claim)], "Tag all")
    assert len(added) == 2 and controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert project.spans(doc) == []


def test_a_figure_tagged_in_the_window_stores_its_parsed_value(
    qtbot: QtBot, project: Project
) -> None:
    doc = project.add_document("Seoul said approximately 1,500 soldiers arrived.", title="t")
    controller = ProjectController(project, "ana")
    figure, claim = project.label_named("figure"), project.label_named("claim")
    assert figure is not None and claim is not None
    start = doc.text.index("approximately")
    span = controller.add_span(doc.id, start, start + len("approximately 1,500"), figure.id)
    assert span is not None
    stored = project.span(span.id).attrs["figure"]
    assert (stored["value"], stored["qualifier"]) == (1500, "about")

    controller.set_span_bounds(span.id, start + len("approximately "), start + 19)  # "1,500"
    assert project.span(span.id).attrs["figure"]["qualifier"] == "exact"
    controller.relabel_span(span.id, claim.id)
    assert "figure" not in project.span(span.id).attrs  # a claim carries no figure
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert project.span(span.id).attrs["figure"]["qualifier"] == "about"  # undo restores it


def test_every_edit_is_one_undo_step_announced_by_its_change_record(
    qtbot: QtBot, project: Project
) -> None:
    controller, doc, claim = _setup(project)
    records: list[ChangeRecord] = []
    controller.changed.connect(records.append)
    span = controller.add_span(doc, 0, 11, claim)
    assert span is not None and records[-1].spans_added == (span,)
    label = controller.add_label("rumour")
    assert label is not None and records[-1].labels == (label,)
    with qtbot.waitSignal(controller.labels_changed):
        controller.undo_stack.undo()  # the new label goes again
    assert project.label_named("rumour") is None
    with qtbot.waitSignal(controller.span_removed):
        controller.undo_stack.undo()
    assert project.spans(doc) == [] and records[-1].spans_removed == (span,)
    with qtbot.waitSignal(controller.span_added):
        controller.undo_stack.redo()
    assert project.spans(doc) == [span]
    assert controller.undo_stack.count() == 2


def test_accepting_suggestions_is_one_step_and_undo_makes_them_pending(
    qtbot: QtBot, project: Project
) -> None:
    controller, doc, _ = _setup(project)
    controller.run_suggester()
    pending = suggest.suggestions(project)
    assert pending
    with qtbot.waitSignal(controller.suggestions_changed):
        spans = controller.accept_suggestions([pending[0].id])
    assert len(spans) == 1 and controller.undo_stack.count() == 1
    with qtbot.waitSignal(controller.span_removed):
        controller.undo_stack.undo()
    assert project.spans(doc) == []
    assert [s.id for s in suggest.suggestions(project)] == [s.id for s in pending]
    controller.undo_stack.redo()
    assert project.spans(doc) == spans


def _unparsed_figures(project: Project, n: int) -> tuple[ProjectController, list[Span]]:
    """`n` figure spans over "1,500" without their value, as an import stores them."""
    controller, doc, _ = _setup(project)
    figure = project.label_named("figure")
    assert figure is not None
    bare = [project.add_span(doc, 17, 22, figure.id, annotator=f"ana{i}") for i in range(n)]
    return controller, bare


def test_parsing_figures_announces_each_span_without_an_undo_step(
    qtbot: QtBot, project: Project
) -> None:
    controller, (bare,) = _unparsed_figures(project, 1)
    updated: list[tuple[Span, Span]] = []
    controller.span_updated.connect(lambda old, new: updated.append((old, new)))
    assert controller.sync_figures() is None  # all done
    ((before, after),) = updated
    assert after.attrs["figure"]["value"] == 1500
    assert project.span(bare.id) == after and before == bare
    assert controller.undo_stack.count() == 0  # its inverse: tests/test_edits.py


def test_parsing_figures_in_slices_goes_on_from_where_the_last_slice_stopped(
    qtbot: QtBot, project: Project
) -> None:
    controller, bare = _unparsed_figures(project, 3)
    updated: list[Span] = []
    controller.span_updated.connect(lambda old, new: updated.append(new))
    after = controller.sync_figures(limit=2)
    assert after is not None and len(updated) == 2
    assert controller.sync_figures(after, limit=2) is None
    assert sorted(s.id for s in updated) == sorted(s.id for s in bare)
    assert all(project.span(s.id).attrs["figure"]["value"] == 1500 for s in bare)
