"""Render the window for the README: `python -m workbench.ui.window.screenshot docs/screenshot.png`.

Opens a scratch copy of the sample project (never the user's), tags a few spans of each
label in two articles side by side plus the troop figures of the others, links some of
them (a badge marks each end; the mouse over one lights its twin in the other pane), and
saves `MainWindow.grab()` with the comparison table under the articles.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

# (document index, text, label name) — found in the sample articles by text.
SPANS = (
    (0, "South Korea has summoned the Russian ambassador", "claim"),
    (0, "Seoul’s intelligence agency", "source"),
    (0, "approximately 1,500 North Korean soldiers", "figure"),
    (
        0,
        "1,500 North Korean soldiers, including special forces, "
        "have already made their way to Russia",
        "claim",
    ),
    (0, "he refrained from confirming the allegations", "denial"),
    (0, "Ambassador Zinoviev", "source"),
    (1, "South Korea’s foreign ministry", "source"),
    (1, "the deployment of North Korean troops to Russia", "claim"),
    (
        1,
        "Zinoviev claimed that cooperation between Russia and North Korea "
        "was in compliance with international law",
        "denial",
    ),
    (1, "Kim Hong-kyun", "source"),
    (1, "the Russian embassy in Seoul", "source"),
    (0, "as many as 12,000 North Korean soldiers", "figure"),
    (1, "around 1,500 special forces troops", "figure"),
    (1, "up to 10,000 soldiers", "figure"),
    (2, "up to 3,000 North Korean troops", "figure"),
    (4, "about 1,500 North Korean soldiers", "figure"),
)
# (head text, tail text, relation type), each text as in SPANS.
LINKS = (
    ("approximately 1,500 North Korean soldiers", "around 1,500 special forces troops", "same_as"),
    (
        "he refrained from confirming the allegations",
        "1,500 North Korean soldiers, including special forces, "
        "have already made their way to Russia",
        "denies",
    ),
    ("approximately 1,500 North Korean soldiers", "Seoul’s intelligence agency", "attributed_to"),
)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "docs/screenshot.png").resolve()
    scratch = Path(tempfile.mkdtemp(prefix="workbench-shot-"))
    os.environ.setdefault("WORKBENCH_CONFIG_DIR", str(scratch / "config"))
    os.environ.setdefault("WORKBENCH_DATA_DIR", str(scratch / "data"))

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from workbench.config import Config
    from workbench.project import Project
    from workbench.sample import build_sample
    from workbench.ui.shared.window_settings import WindowSettings
    from workbench.ui.window.main_window import MainWindow, open_controller

    app = QApplication.instance() or QApplication(sys.argv[:1])
    path = scratch / "sample.wbproj"
    build_sample(path)
    with Project.open(path) as project:
        ids = project.document_ids()
        labels = {label.name: label.id for label in project.labels()}
        made = {}
        for index, text, name in SPANS:
            body = project.document(ids[index]).text
            start = body.find(text)
            if start >= 0:
                made[text] = project.add_span(
                    ids[index], start, start + len(text), labels[name], annotator="min-ji"
                ).id
        for head, tail, kind in LINKS:
            relation_type = project.relation_type_named(kind)
            if head in made and tail in made and relation_type is not None:
                project.add_relation(made[head], made[tail], relation_type.id, annotator="min-ji")
        project.set_status(ids[0], "in_progress")
        project.set_status(ids[1], "done")
    config = Config(annotator="min-ji")
    window = MainWindow(open_controller(path, config), WindowSettings(), config, owns_project=True)
    window.resize(1560, 940)
    window.open_document(ids[0])
    window.open_document(ids[1])
    window.show()
    left = window.panes[0]
    assert left.layer is not None
    first = next(iter(sorted(left.layer.spans.values(), key=lambda s: s.start)))
    left.select_span(first.id)
    # the mouse over a linked figure lights its twin in the other article
    figure = left.document.text.find("approximately 1,500") if left.document else -1
    right = window.panes[1]
    twin = right.document.text.find("around 1,500 special") if right.document else -1
    if figure >= 0 and twin >= 0 and right.map is not None:
        cursor = right.view.textCursor()
        cursor.setPosition(right.map.to_utf16(twin))
        right.view.setTextCursor(cursor)
        right.view.centerCursor()
        left.marks.hover(figure + 3)
    # No staged status message: the picture shows what the window itself shows (the
    # first-run hint is gone, since the spans above are the analyst's).

    def shoot() -> None:
        out.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(out))
        print(f"Saved {out}")
        window.close()
        app.quit()

    QTimer.singleShot(800, shoot)
    app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main())
