"""The window's own memory, in a process of its own: open one article in the real window
(every dock visible), wait until all its spans are read and shown, print the peak RSS.

Run by `benchmarks.window`: the process that times the window also makes the corpus and
holds the floors' bare views, which are not the window's memory.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path


def main() -> None:
    from benchmarks.run_case import OFFSCREEN

    os.environ.setdefault("QT_QPA_PLATFORM", OFFSCREEN)
    from benchmarks.window import _app, analysts_window

    path, doc_id, work = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    app = _app()
    window = analysts_window(path, work)
    pane = window.open_document(doc_id)
    assert pane is not None and pane.layer is not None
    deadline = time.monotonic() + 300
    listed = window.annotation_list.model
    while pane.layer.pending_blocks() or window.controller.reading_spans() or listed.filling:
        if time.monotonic() > deadline:
            raise SystemExit("the window did not finish reading the spans in 300 s")
        app.processEvents()
    for _ in range(50):  # the annotation list's last rows and the docks' timers
        app.processEvents()
    window.close()
    print(json.dumps({"rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


if __name__ == "__main__":
    main()
