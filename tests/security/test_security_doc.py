"""SECURITY.md's table of limits says what workbench/limits.py holds."""

from __future__ import annotations

import re
from pathlib import Path

from workbench import limits

SECURITY = (Path(__file__).resolve().parents[2] / "SECURITY.md").read_text("utf-8")
SECTION = SECURITY.split("## Nothing hangs, nothing explodes", 1)[1].split("\n## ", 1)[0]


def _documented() -> dict[str, str]:
    return dict(re.findall(r"^\| `([A-Z_]+)` \| ([^|]+?) \|", SECTION, flags=re.MULTILINE))


def _spelled(value: float) -> str:
    if isinstance(value, float):
        return f"{value:.1f}"
    for unit, size in (("MiB", limits.MiB), ("KiB", 1024)):
        if value >= size and value % size == 0:
            return f"{value // size} {unit}"
    return f"{value:,}"


def test_every_limit_is_in_the_table_with_its_value() -> None:
    constants = {
        name: getattr(limits, name) for name in dir(limits) if name.isupper() and name != "MiB"
    }
    assert _documented() == {name: _spelled(value) for name, value in constants.items()}
