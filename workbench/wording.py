"""Counts in messages: "1 document", "2 documents", never "1 documents"."""

from __future__ import annotations


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """`count` with the noun in the number it needs."""
    noun = singular if count == 1 else (plural or f"{singular}s")
    return f"{count} {noun}"
