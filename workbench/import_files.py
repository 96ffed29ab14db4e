"""Which files an import reads: the paths given, folders walked, links that lead out skipped."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from workbench import formats
from workbench.control_chars import escape_controls
from workbench.errors import FormatError


def expand(
    paths: Iterable[str | Path],
    *,
    format: str | None = None,
    warnings: list[str] | None = None,
    skipped: list[Path] | None = None,
) -> list[tuple[Path, formats.Format]]:
    """The files to import under `paths` (folders recursively), each with its format.

    Inside a folder, a symbolic link is followed only when it leads to a file in the same
    folder; links out of it, broken links and loops are skipped, and `warnings` says so.
    Files in a folder that no format reads are added to `skipped`.
    """
    forced = formats.get(format) if format else None
    found: list[tuple[Path, formats.Format]] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found += _folder_files(
                path,
                forced,
                warnings if warnings is not None else [],
                skipped if skipped is not None else [],
            )
        elif path.is_file():
            fmt = forced or formats.for_path(path)
            if fmt is None:
                known = ", ".join(
                    sorted({s for f in formats.FORMATS.values() if f.reader for s in f.suffixes})
                )
                raise FormatError(path, f"is not a file type Workbench imports ({known})")
            found.append((path, fmt))
        elif path.exists():
            raise FormatError(path, "is neither a file nor a folder")
        else:
            raise FormatError(path, "does not exist")
    return found


def _folder_files(
    folder: Path, forced: formats.Format | None, warnings: list[str], unread: list[Path]
) -> list[tuple[Path, formats.Format]]:
    root = folder.resolve()
    found: list[tuple[Path, formats.Format]] = []
    links: list[str] = []
    # rglob does not descend into linked folders, so only a path's last part can be a link.
    for child in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in child.relative_to(folder).parts):
            continue
        companions = _COMPANIONS.get(child.suffix.lower(), ())
        beside = [child.with_name(c.format(stem=child.stem)) for c in companions]
        outside = [p for p in (child, *beside) if _leads_out(root, p)]
        if outside:
            links.append(escape_controls(str(child.relative_to(folder))))
            continue
        if not child.is_file():
            continue
        if child.suffix.lower() == ".txt" and child.with_suffix(".ann").is_file():
            continue  # the text of a brat pair: the .ann file imports both
        fmt = forced or formats.for_path(child)
        if fmt is not None:
            found.append((child, fmt))
        else:
            unread.append(child)
    if links:
        more = len(links) - 10
        shown = ", ".join(links[:10]) + (f" and {more} more" if more > 0 else "")
        warnings.append(
            f"{folder}: skipped {len(links)} symbolic link(s) that lead out of the "
            f"folder, nowhere or in a loop: {shown}."
        )
    return found


# Files a reader opens beside the one it is given (brat's text, the XMI type system).
_COMPANIONS: dict[str, tuple[str, ...]] = {
    ".ann": ("{stem}.txt",),
    ".xmi": ("TypeSystem.xml", "typesystem.xml"),
}


def _leads_out(root: Path, path: Path) -> bool:
    """Whether `path` is a symbolic link to something outside `root`, or to nothing."""
    if not path.is_symlink():
        return False
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # broken, or a loop (RuntimeError before Python 3.13)
        return True
    return target != root and root not in target.parents
