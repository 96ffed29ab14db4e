"""Render the team views for the README:
`python -m workbench.ui.window.team_screenshot docs/agreement.png docs/adjudication.png`.

A scratch copy of the sample project gets both hand annotations of tests/data (annotators
`gold` and `second`); the first picture shows the Agreement dock with the claim
disagreements of the pair listed and one opened in the article, the second the Adjudicate
dock on the first article after *Accept all agreed*.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    agreement_png = Path(args[0] if args else "docs/agreement.png").resolve()
    adjudication_png = Path(args[1] if len(args) > 1 else "docs/adjudication.png").resolve()
    scratch = Path(tempfile.mkdtemp(prefix="workbench-shot-"))
    os.environ.setdefault("WORKBENCH_CONFIG_DIR", str(scratch / "config"))
    os.environ.setdefault("WORKBENCH_DATA_DIR", str(scratch / "data"))
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from workbench.config import Config
    from workbench.importer import import_paths
    from workbench.project import Project
    from workbench.sample import build_sample
    from workbench.ui.shared.window_settings import WindowSettings
    from workbench.ui.window.main_window import MainWindow, open_controller

    app = QApplication.instance() or QApplication(sys.argv[:1])
    path = scratch / "sample.wbproj"
    build_sample(path)
    with Project.open(path) as project:
        import_paths(
            project,
            [DATA / "gold" / "sample_gold.jsonl", DATA / "second" / "sample_second.jsonl"],
            strict=True,
        )
    config = Config(annotator="second")
    window = MainWindow(open_controller(path, config), WindowSettings(), config, owns_project=True)
    window.resize(1560, 980)
    window.show()
    team = window.team
    window.analysis.compare_dock.hide()
    team.agreement_action.trigger()
    window.resizeDocks([team.agreement_dock], [330], Qt.Orientation.Vertical)
    view = team.agreement
    assert view is not None
    columns = [view.table.horizontalHeaderItem(c) for c in range(view.table.columnCount())]
    claim = next(i for i, h in enumerate(columns) if h is not None and h.text() == "claim")
    view._on_cell_clicked(0, claim)  # as a click on the cell does
    boundaries = next(i for i, d in enumerate(view.shown) if d.kind == "boundaries")
    view.list.setCurrentRow(boundaries)
    item = view.list.item(boundaries)
    if item is not None:
        view._on_item_activated(item)

    def shoot_agreement() -> None:
        agreement_png.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(agreement_png))
        print(f"Saved {agreement_png}")
        team.agreement_dock.hide()
        for dock in (window.annotations_dock, *window.analysis.docks):
            dock.hide()
        team.adjudicate_action.trigger()
        window.resizeDocks([team.adjudication_dock], [560], Qt.Orientation.Horizontal)
        window.open_document(window.controller.project.document_ids()[0])
        panel = team.adjudication
        assert panel is not None
        panel.accept_all_agreed()
        disagreed = next((i for i, c in enumerate(panel.candidates) if c.state == "disagreed"), 0)
        panel.list.setCurrentRow(disagreed)
        QTimer.singleShot(600, shoot_adjudication)

    def shoot_adjudication() -> None:
        window.grab().save(str(adjudication_png))
        print(f"Saved {adjudication_png}")
        window.close()
        app.quit()

    QTimer.singleShot(800, shoot_agreement)
    app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main())
