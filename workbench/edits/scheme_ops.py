"""Operations on the label scheme and on an annotator's document status."""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass

from workbench.annotator_status import set_annotator_status, statuses_seen_by
from workbench.edits.change import Applied, ChangeRecord
from workbench.model import Label
from workbench.project import Project

_KEEP = ""  # update_label's "leave the shortcut as it is"


@dataclass(frozen=True, slots=True)
class AddLabel:
    name: str
    _: KW_ONLY
    color: str | None = None
    shortcut: str | None = None
    description: str = ""

    def apply(self, project: Project) -> Applied:
        label = project.add_label(
            self.name, color=self.color, shortcut=self.shortcut, description=self.description
        )
        return Applied(ChangeRecord(labels=(label,), labels_changed=True), DeleteLabel(label.id))


@dataclass(frozen=True, slots=True)
class RestoreLabel:
    """Put a deleted label back with its id and place (undo of a delete)."""

    label: Label

    def apply(self, project: Project) -> Applied:
        lb = self.label
        with project.transaction():
            project.conn.execute(
                "INSERT INTO labels (id, name, color, shortcut, description, position) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (lb.id, lb.name, lb.color, lb.shortcut, lb.description, lb.position),
            )
        return Applied(ChangeRecord(labels=(lb,), labels_changed=True), DeleteLabel(lb.id))


@dataclass(frozen=True, slots=True)
class DeleteLabel:
    """Delete a label no span uses."""

    label_id: int

    def apply(self, project: Project) -> Applied:
        label = project.label(self.label_id)
        project.delete_label(self.label_id)
        return Applied(ChangeRecord(labels_changed=True), RestoreLabel(label))


@dataclass(frozen=True, slots=True)
class UpdateLabel:
    """Rename, recolour, re-key or describe a label (None: unchanged; the shortcut ""
    unchanged, None removed)."""

    label_id: int
    _: KW_ONLY
    name: str | None = None
    color: str | None = None
    shortcut: str | None = _KEEP
    description: str | None = None

    def apply(self, project: Project) -> Applied:
        old = project.label(self.label_id)
        label = project.update_label(
            self.label_id,
            name=self.name,
            color=self.color,
            shortcut=self.shortcut,
            description=self.description,
        )
        inverse = UpdateLabel(
            old.id,
            name=old.name,
            color=old.color,
            shortcut=old.shortcut,
            description=old.description,
        )
        return Applied(ChangeRecord(labels=(label,), labels_changed=True), inverse)


@dataclass(frozen=True, slots=True)
class ReorderLabels:
    label_ids: tuple[int, ...]

    def apply(self, project: Project) -> Applied:
        before = tuple(label.id for label in project.labels())
        project.reorder_labels(self.label_ids)
        return Applied(ChangeRecord(labels_changed=True), ReorderLabels(before))


@dataclass(frozen=True, slots=True)
class SetStatus:
    """Set an annotator's own status of a document; `status=None` (an undo) takes their
    status away again, `document_status` puts back the document's last-set status."""

    document_id: str
    annotator: str
    status: str | None
    _: KW_ONLY
    updated_at: str | None = None
    document_status: str | None = None

    def apply(self, project: Project) -> Applied:
        conn = project.conn
        row = conn.execute(
            "SELECT status, updated_at FROM annotator_statuses "
            "WHERE document_id = ? AND annotator = ?",
            (self.document_id, self.annotator),
        ).fetchone()
        before = conn.execute(
            "SELECT status FROM documents WHERE id = ?", (self.document_id,)
        ).fetchone()
        inverse = SetStatus(
            self.document_id,
            self.annotator,
            row and row[0],
            updated_at=row and row[1],
            document_status=before and before[0],
        )
        with project.transaction():
            if self.status is not None:
                set_annotator_status(project, self.document_id, self.annotator, self.status)
            else:
                conn.execute(
                    "DELETE FROM annotator_statuses WHERE document_id = ? AND annotator = ?",
                    (self.document_id, self.annotator),
                )
            if self.updated_at is not None:
                conn.execute(
                    "UPDATE annotator_statuses SET updated_at = ? "
                    "WHERE document_id = ? AND annotator = ?",
                    (self.updated_at, self.document_id, self.annotator),
                )
            if self.document_status is not None:
                conn.execute(
                    "UPDATE documents SET status = ? WHERE id = ?",
                    (self.document_status, self.document_id),
                )
        shown = statuses_seen_by(project, self.annotator, document_id=self.document_id).get(
            self.document_id, "todo"
        )
        return Applied(ChangeRecord(statuses=((self.document_id, shown),)), inverse)
