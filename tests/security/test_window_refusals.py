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
