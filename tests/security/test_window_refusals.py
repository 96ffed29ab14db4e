"""The window refuses the same exports with a message, stays up, and keeps every file."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.security.helpers import file_hashes, project_with
from tests.ui.window_helpers import open_window

pytestmark = pytest.mark.gui


def _others(root: Path) -> dict[str, str]:
    """Hashes of every file but the open project's own (its -wal changes as it runs)."""
    return {k: v for k, v in file_hashes(root).items() if not k.startswith("proj/p.wbproj")}


@pytest.mark.parametrize("fmt", ["brat", "xmi", "label-studio"])
def test_the_export_dialog_refuses_a_foreign_folder_and_the_project(
    qtbot: QtBot, tmp_path: Path, fmt: str
) -> None:
    folder = tmp_path / "proj"
    folder.mkdir()
    project = project_with(folder / "p.wbproj", [{"id": "../../escape", "text": "Some text."}])
    (folder / "notes.txt").write_text("mine", "utf-8")
    window = open_window(qtbot, project)
    before = _others(tmp_path)
    for target, says in ((folder, "not empty"), (project, "the project file")):
        dialog = window.ask_export()
        # The user answers yes to "Replace it?" (tests replace this method, as its doc says).
        dialog.confirm_replace = lambda path: True  # type: ignore[method-assign]
        dialog.set_format(fmt)
        dialog.set_path(target)
        assert dialog.run_export() is None
        assert says in dialog.last_error and dialog.isVisible()
        dialog.close()
    assert not window.export_to(project)
    assert window.isVisible()
    assert _others(tmp_path) == before
    assert window.controller.project.document_ids() == ["../../escape"]


def test_charts_and_the_compare_table_are_never_saved_over_the_project(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from workbench.project import Project
    from workbench.ui.controller import ProjectController
    from workbench.ui.docks.compare_view import CompareView
    from workbench.ui.docks.dashboard import CHART_NAMES, Dashboard

    path = project_with(_folder(tmp_path) / "p.wbproj", [{"text": "Some text."}])
    project = Project.open(path)
    controller = ProjectController(project, "analyst")
    errors: list[str] = []
    controller.error_raised.connect(errors.append)
    dashboard, compare = Dashboard(controller), CompareView(controller)
    qtbot.addWidget(dashboard)
    qtbot.addWidget(compare)
    before = _others(tmp_path)
    assert not dashboard.save_chart(CHART_NAMES[0], path)
    assert not compare.export_csv(path)
    assert len(errors) == 2 and all("the project file" in e for e in errors)
    assert _others(tmp_path) == before
    project.close()
    with Project.open(path) as again:  # still the project, not a picture or a table
        assert len(again.document_ids()) == 1


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "proj").mkdir()
    return tmp_path / "proj"
