"""The project's label scheme: span labels and relation types (a part of `Project`)."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from workbench import schema
from workbench.control_chars import escape_controls, has_control
from workbench.errors import EditError
from workbench.model import Label, RelationType

if TYPE_CHECKING:
    import sqlite_utils  # imported on first use (Project.db)


class LabelScheme:
    """Labels and relation types; mixed into `Project`, which owns the connection."""

    conn: sqlite3.Connection

    @property
    def db(self) -> sqlite_utils.Database:
        raise NotImplementedError  # Project's

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        raise NotImplementedError  # Project's

    # --- labels --------------------------------------------------------------

    def labels(self) -> list[Label]:
        rows = self.conn.execute(
            "SELECT id, name, color, shortcut, description, position FROM labels "
            "ORDER BY position, id"
        )
        return [Label(*row) for row in rows]

    def label(self, label_id: int) -> Label:
        for label in self.labels():
            if label.id == label_id:
                return label
        raise EditError(f"There is no label with id {label_id}.")

    def label_named(self, name: str) -> Label | None:
        for label in self.labels():
            if label.name == name:
                return label
        return None

    def add_label(
        self,
        name: str,
        *,
        color: str | None = None,
        shortcut: str | None = None,
        description: str = "",
    ) -> Label:
        name = _checked_name(name, "label")
        existing = self.labels()
        if any(label.name == name for label in existing):
            raise EditError(f"There is already a label named '{name}'.")
        if shortcut is None:
            taken = {label.shortcut for label in existing}
            shortcut = next((k for k in "123456789" if k not in taken), None)
        color = color or _next_color([label.color for label in existing])
        position = max((label.position for label in existing), default=-1) + 1
        with self.transaction():
            self._check_shortcut(shortcut, None)
            cur = self.conn.execute(
                "INSERT INTO labels (name, color, shortcut, description, position) "
                "VALUES (?, ?, ?, ?, ?)",
                (name, color, shortcut, description, position),
            )
        return self.label(int(cur.lastrowid or 0))

    def update_label(
        self,
        label_id: int,
        *,
        name: str | None = None,
        color: str | None = None,
        shortcut: str | None = "",
        description: str | None = None,
    ) -> Label:
        """Rename, recolour, re-key or describe a label; spans stay attached.

        `shortcut=None` removes the shortcut; the default "" leaves it unchanged.
        """
        label = self.label(label_id)
        fields: dict[str, Any] = {}
        if name is not None:
            name = _checked_name(name, "label")
            other = self.label_named(name)
            if other is not None and other.id != label_id:
                raise EditError(f"There is already a label named '{name}'.")
            fields["name"] = name
        if color is not None:
            fields["color"] = color
        if shortcut != "":
            self._check_shortcut(shortcut, label_id)
            fields["shortcut"] = shortcut
        if description is not None:
            fields["description"] = description
        if fields:
            with self.transaction():
                self.db.table("labels").update(label.id, fields)
        return self.label(label_id)

    def reorder_labels(self, label_ids: Sequence[int]) -> None:
        if sorted(label_ids) != sorted(label.id for label in self.labels()):
            raise EditError("Reordering must list every label exactly once.")
        with self.transaction():
            self.conn.executemany(
                "UPDATE labels SET position = ? WHERE id = ?",
                [(i, label_id) for i, label_id in enumerate(label_ids)],
            )

    def delete_label(self, label_id: int) -> None:
        """Delete a label that no span uses."""
        used = self.conn.execute(
            "SELECT count(*) FROM spans WHERE label_id = ?", (label_id,)
        ).fetchone()[0]
        if used:
            name = self.label(label_id).name
            spans = "1 span" if used == 1 else f"{used} spans"
            raise EditError(f"Label '{name}' is used by {spans}; relabel or delete them first.")
        with self.transaction():
            self.conn.execute("DELETE FROM labels WHERE id = ?", (label_id,))

    def _check_shortcut(self, shortcut: str | None, label_id: int | None) -> None:
        if shortcut is None:
            return
        if len(shortcut) != 1 or not shortcut.isprintable() or shortcut.isspace():
            raise EditError(f"A shortcut is one key, not '{shortcut}'.")
        row = self.conn.execute(
            "SELECT name FROM labels WHERE shortcut = ? AND id IS NOT ?", (shortcut, label_id)
        ).fetchone()
        if row:
            raise EditError(f"Shortcut {shortcut} already belongs to label '{row[0]}'.")

    # --- relation types ------------------------------------------------------

    def relation_types(self) -> list[RelationType]:
        rows = self.conn.execute(
            "SELECT id, name, color, description, position FROM relation_types "
            "ORDER BY position, id"
        )
        return [RelationType(*row) for row in rows]

    def relation_type_named(self, name: str) -> RelationType | None:
        return next((t for t in self.relation_types() if t.name == name), None)

    def add_relation_type(
        self, name: str, *, color: str | None = None, description: str = ""
    ) -> RelationType:
        name = _checked_name(name, "relation type")
        existing = self.relation_types()
        if any(t.name == name for t in existing):
            raise EditError(f"There is already a relation type named '{name}'.")
        color = color or _next_color([t.color for t in existing])
        position = max((t.position for t in existing), default=-1) + 1
        with self.transaction():
            self.conn.execute(
                "INSERT INTO relation_types (name, color, description, position) "
                "VALUES (?, ?, ?, ?)",
                (name, color, description, position),
            )
        found = self.relation_type_named(name)
        assert found is not None
        return found


def _checked_name(name: str, kind: str) -> str:
    """The name without surrounding spaces; refused when empty or holding control characters.

    Labels are written as they are into line-based formats (CoNLL tags, brat lines), where
    a line break or a control character would start or corrupt a record.
    """
    name = name.strip()
    if not name:
        raise EditError(f"A {kind} needs a name.")
    if has_control(name):
        raise EditError(
            f"A {kind} name cannot hold control characters or line breaks "
            f"('{escape_controls(name)}')."
        )
    return name


def _next_color(used: Sequence[str]) -> str:
    scheme = schema.default_scheme()
    palette = [d["color"] for d in scheme["labels"]] + list(scheme["extra_colors"])
    free = [c for c in palette if c not in used]
    return free[0] if free else palette[len(used) % len(palette)]
