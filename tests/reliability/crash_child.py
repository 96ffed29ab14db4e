"""Child process of the crash harness: edits a project through ProjectController forever.

    python crash_child.py PROJECT SEED

Before each edit it prints `I <span id or -> <state>` (intent) and, after the call
returns, `C <span id> <state>` (committed), flushed, where state is the span's label id
or `-` for deleted. The parent kills this process with SIGKILL at random moments and
checks that every committed line is true of the file.
"""

from __future__ import annotations

import os
import random
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication  # noqa: E402

from workbench.project import Project  # noqa: E402
from workbench.ui.controller import ProjectController  # noqa: E402


def say(*parts: object) -> None:
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def main() -> None:
    path, seed = sys.argv[1], int(sys.argv[2])
    rng = random.Random(seed)
    app = QCoreApplication([])  # noqa: F841  (QObjects want an application)
    project = Project.open(path)
    controller = ProjectController(project, annotator=f"crash-{seed}")
    errors: list[str] = []
    controller.error_raised.connect(errors.append)
    doc = project.document_ids()[0]
    length = project.document_length(doc)
    labels = [label.id for label in project.labels()]
    live = {s.id: s.label_id for s in project.spans(doc)}
    history: list[tuple[str, int | None]] = []  # (span id, state before) per undoable edit
    say("ready")
    while True:
        action = rng.random()
        if action < 0.45 or len(live) < 5:
            start = rng.randrange(length - 1)
            end = min(length, start + rng.randint(1, 40))
            label = rng.choice(labels)
            say("I", "-", label)
            span = controller.add_span(doc, start, end, label)
            if span is None:  # the same span already exists: nothing changed
                errors.clear()
                continue
            live[span.id] = label
            history.append((span.id, None))
            say("C", span.id, label)
        elif action < 0.7:
            span_id = rng.choice(list(live))
            label = rng.choice([x for x in labels if x != live[span_id]])
            say("I", span_id, label)
            if controller.relabel_span(span_id, label) is None:
                raise SystemExit(f"relabel failed: {errors}")
            history.append((span_id, live[span_id]))
            live[span_id] = label
            say("C", span_id, label)
        elif action < 0.9:
            span_id = rng.choice(list(live))
            say("I", span_id, "-")
            controller.delete_span(span_id)
            if errors:
                raise SystemExit(f"delete failed: {errors}")
            history.append((span_id, live.pop(span_id)))
            say("C", span_id, "-")
        elif history:
            span_id, before = history.pop()
            say("I", span_id, "-" if before is None else before)
            controller.undo_stack.undo()
            if errors:
                raise SystemExit(f"undo failed: {errors}")
            if before is None:
                live.pop(span_id, None)
            else:
                live[span_id] = before
            say("C", span_id, "-" if before is None else before)


if __name__ == "__main__":
    main()
