"""Guards against PySide6 builds that corrupt the reference count of None.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every Qt call that returns
nothing, and the process aborts with `none_dealloc` after a few thousand calls.
pyproject.toml pins PySide6 below 6.12; this test keeps an upgrade from bringing it back.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor


def test_void_qt_calls_keep_the_refcount_of_none() -> None:
    color = QColor()
    before = sys.getrefcount(None)
    for _ in range(10_000):
        color.setRed(1)
    after = sys.getrefcount(None)
    # A few references may come and go with the interpreter's own work; the bug loses 10,000.
    assert abs(after - before) < 100, f"refcount of None moved by {after - before}"
