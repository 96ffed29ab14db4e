"""One step of the window's undo stack: an operation of the core already applied once.

Undo applies its inverse, redo the inverse's inverse, both through the controller
(`ProjectController.replay`), which announces what changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from workbench.edits.change import Operation


class Replaying(Protocol):
    """What a step needs of the controller (which imports this module)."""

    def replay(self, operation: Operation) -> Operation | None: ...


class UndoStep(QUndoCommand):
    """An operation already applied once; undo applies its inverse, redo the inverse's."""

    def __init__(self, text: str, controller: Replaying, inverse: Operation) -> None:
        super().__init__(text)
        self._controller = controller
        self._undo: Operation | None = inverse
        self._redo: Operation | None = None
        self._first = True

    def redo(self) -> None:
        if self._first:  # the edit was made before push(), so errors reach the caller
            self._first = False
            return
        if self._redo is not None:
            self._undo = self._controller.replay(self._redo)

    def undo(self) -> None:
        if self._undo is not None:
            self._redo = self._controller.replay(self._undo)
