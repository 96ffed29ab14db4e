"""Where a file Workbench writes may go, and how it lands there: whole, or not at all.

Every output is written to a temporary file (or folder) beside its target, under a name
nobody could plant a link at first, then renamed over the target. The target is never the
project itself, nor its -wal, -shm or -journal. Kept apart from the exporter so that the
window's docks can check a chart's or a table's output without loading every format.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from workbench.project import Project


def refuse_project_files(project: Project, target: Path) -> None:
    """The output may not be the project file, nor its -wal, -shm or -journal."""
    if project.path is None:
        return
    own = project.path
    for suffix in ("", "-wal", "-shm", "-journal"):
        path = own.with_name(own.name + suffix)
        same = target.resolve() == path.resolve()
        if not same and target.exists() and path.exists():
            same = os.path.samefile(target, path)  # a hard link to the project
        if same:
            what = "the project file" if not suffix else f"the {suffix} file of the project {own}"
            raise WorkbenchError(
                f"Cannot write {target}: it is {what}; choose another output name."
            )


@contextlib.contextmanager
def temporary_beside(target: Path, *, folder: bool) -> Iterator[Path]:
    """A new file or folder beside `target`, created under a name nobody could plant first;
    removed on the way out unless it was renamed into place."""
    prefix, where = f".{target.name}.", target.parent
    try:
        if folder:
            tmp = Path(tempfile.mkdtemp(prefix=prefix, suffix=".tmp", dir=where))
        else:
            handle, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=where)
            os.close(handle)
            tmp = Path(name)
    except OSError as e:
        raise WorkbenchError(f"Cannot write {target}: {e.strerror or e}.") from e
    try:
        yield tmp
    except OSError as e:
        raise WorkbenchError(f"Cannot write {target}: {e.strerror or e}.") from e
    finally:
        if tmp.is_dir():
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            tmp.unlink(missing_ok=True)


def with_default_permissions(path: Path, *, folder: bool = False) -> None:
    """Give a file made by mkstemp (0600) or mkdtemp (0700) the mode `open` would have."""
    umask = os.umask(0o022)
    os.umask(umask)
    os.chmod(path, (0o777 if folder else 0o666) & ~umask)


def replace_file(tmp: Path, target: Path) -> None:
    """Put the finished `tmp` in place of `target`, on disk before the name points at it."""
    with_default_permissions(tmp)
    with tmp.open("rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, target)


def write_file(target: Path, write: Callable[[Path], None]) -> None:
    """`write(tmp)` a temporary file beside `target`, then rename it over `target`."""
    if not target.parent.is_dir():
        raise WorkbenchError(f"Cannot write {target}: folder {target.parent} does not exist.")
    with temporary_beside(target, folder=False) as tmp:
        write(tmp)
        replace_file(tmp, target)
