"""Words the window shows in more than one place."""

from __future__ import annotations

STATUS_TEXT = {"todo": "To do", "in_progress": "In progress", "done": "Done"}
"""A document status as the window names it (the pane's header, menus, lists, export)."""
