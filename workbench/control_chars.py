"""Control characters in strings from other people: found, refused, or shown escaped.

A title, label, id or file name can carry characters a terminal or a line-based format
interprets: ESC starts a terminal escape sequence, CR moves the cursor back over what
was printed, a line break starts a new record in CoNLL or brat, NUL ends a C string,
and the bidirectional overrides make text read in another order than it is stored.
These are the C0 and C1 controls and DEL (Unicode category Cc), the Unicode line and
paragraph separators, and the bidirectional embedding, override and isolate marks.
"""

from __future__ import annotations

import re

_OTHERS = "\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
CONTROL = re.compile(f"[\x00-\x0a{_OTHERS}]")
_CONTROL_BUT_NEWLINE = re.compile(f"[\x00-\x09{_OTHERS}]")


def has_control(text: str) -> bool:
    return CONTROL.search(text) is not None


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def escape_controls(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with each control character written as a visible escape (ESC as `\\x1b`).

    `keep_newlines` keeps LF, for a multi-line report whose lines Workbench made.
    """
    pattern = _CONTROL_BUT_NEWLINE if keep_newlines else CONTROL
    return pattern.sub(_escaped, text)
