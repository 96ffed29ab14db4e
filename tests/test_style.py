"""House style that no linter checks: every `type: ignore` in workbench/ says why."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "workbench"
SOURCES = sorted(PACKAGE.rglob("*.py"))

# After "type: ignore": the error codes, then "# the reason" in words.
_IGNORE = re.compile(r"type:\s*ignore\b(.*)")
_CODES_AND_REASON = re.compile(r"\[[\w\-, ]+\]\s+#\s*\w.*")


def ignores_without_reason(source: str) -> list[int]:
    """Line numbers of `type: ignore` comments with no error code or no reason after them."""
    lines = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        found = _IGNORE.search(token.string) if token.type == tokenize.COMMENT else None
        if found and not _CODES_AND_REASON.fullmatch(found.group(1).strip()):
            lines.append(token.start[0])
    return lines


def test_the_check_finds_ignores_without_reason() -> None:
    source = (
        "a = f()  # type: ignore\n"
        "b = f()  # type: ignore[misc]\n"
        "c = f()  # type: ignore[misc]  #\n"
        "d = f()  # type: ignore[misc]  # the stubs are wrong\n"
        "e = f()  # note first  # type: ignore[arg-type]\n"
        "f = f()  # noqa: E501  # type: ignore[arg-type]  # a reason\n"
        "g = '# type: ignore'\n"
    )
    assert ignores_without_reason(source) == [1, 2, 3, 5]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_type_ignore_says_why(path: Path) -> None:
    assert ignores_without_reason(path.read_text("utf-8")) == []
