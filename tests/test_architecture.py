"""The core never depends on Qt: only workbench/ui may import PySide6 or shiboken."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "workbench"
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "shiboken2", "PySide2")
# What the optional "interop" extra brings (pyproject.toml): the core modules that need it
# are imported only where it is installed; their Qt-free source is checked either way.
OPTIONAL_PACKAGES = ("spacy", "cassis")
CORE_FILES = sorted(p for p in PACKAGE.rglob("*.py") if "ui" not in p.relative_to(PACKAGE).parts)


def qt_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [n for n in names if n.split(".")[0] in QT]
    return found


def test_the_walk_finds_a_qt_import(tmp_path: Path) -> None:
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("def f():\n    from PySide6.QtGui import QColor\n    import shiboken6\n")
    assert qt_imports(sneaky) == ["PySide6.QtGui", "shiboken6"]


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_module_imports_no_qt(path: Path) -> None:
    assert qt_imports(path) == []


def test_the_core_imports_and_works_with_qt_blocked(tmp_path: Path) -> None:
    modules = sorted(
        ".".join(("workbench", *p.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(
            ".__init__")
        for p in CORE_FILES if p.name != "__main__.py"
    )
    code = (
        "import sys\n"
        "for name in ('PySide6', 'shiboken6'):\n"
        "    sys.modules[name] = None\n"
        "import importlib\n"
        f"for m in {modules!r}:\n"
        "    try:\n"
        "        importlib.import_module(m)\n"
        "    except ModuleNotFoundError as e:\n"
        f"        if (e.name or '').split('.')[0] not in {OPTIONAL_PACKAGES!r}:\n"
        "            raise\n"
        "from workbench.cli import main\n"
        f"assert main(['new', {str(tmp_path / 'p.wbproj')!r}]) == 0\n"
        f"assert main(['stats', {str(tmp_path / 'p.wbproj')!r}]) == 0\n"
        "assert not any(k.startswith(('PySide6.', 'shiboken6.')) for k in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
