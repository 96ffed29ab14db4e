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
            ".__init__"
        )
        for p in CORE_FILES
        if p.name != "__main__.py"
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
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


# --- the shape of the package: no import cycle, no module past the hard limit ------------

MAX_MODULE_LINES = 450  # STYLE: ~400 asks for a split, past 450 one must happen


def module_name(path: Path, root: Path) -> str:
    parts = (root.name, *path.relative_to(root).with_suffix("").parts)
    return ".".join(parts).removesuffix(".__init__")


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def runtime_imports(path: Path, root: Path, known: set[str]) -> set[str]:
    """The workbench modules a module imports when it runs: at module level or inside a
    function, but not under `if TYPE_CHECKING:` (those only name types for the checker and
    never run, so they cannot form a cycle at import time)."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            names = []
        for name in names:
            # `from workbench.ui import x` imports the module workbench.ui.x
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name:
                found.add(name)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text("utf-8"), str(path)))
    found.discard(name)
    return found


def import_graph(root: Path) -> dict[str, set[str]]:
    files = sorted(root.rglob("*.py"))
    known = {module_name(p, root) for p in files}
    return {module_name(p, root): runtime_imports(p, root, known) for p in files}


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle as [a, b, ..., a], or [] when there is none."""
    done: set[str] = set()
    path: list[str] = []

    def walk(node: str) -> list[str]:
        if node in path:
            return [*path[path.index(node) :], node]
        if node in done:
            return []
        path.append(node)
        for other in sorted(graph.get(node, ())):
            cycle = walk(other)
            if cycle:
                return cycle
        path.pop()
        done.add(node)
        return []

    for start in sorted(graph):
        cycle = walk(start)
        if cycle:
            return cycle
    return []


def test_the_graph_sees_a_cycle_and_ignores_type_checking_imports(tmp_path: Path) -> None:
    root = tmp_path / "workbench"
    (root / "ui").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "ui" / "__init__.py").write_text("")
    (root / "ui" / "a.py").write_text("from workbench.ui import b\n")
    (root / "ui" / "b.py").write_text("def f() -> None:\n    from . import c\n")
    (root / "ui" / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from workbench.ui.a import x\n"
    )
    assert find_cycle(import_graph(root)) == []
    (root / "ui" / "c.py").write_text("import workbench.ui.a\n")
    assert find_cycle(import_graph(root)) == [
        "workbench.ui.a",
        "workbench.ui.b",
        "workbench.ui.c",
        "workbench.ui.a",
    ]


def test_workbench_has_no_import_cycle() -> None:
    assert find_cycle(import_graph(PACKAGE)) == []


def test_no_module_is_longer_than_the_hard_limit() -> None:
    lengths = {
        str(p.relative_to(PACKAGE)): len(p.read_text("utf-8").splitlines())
        for p in PACKAGE.rglob("*.py")
    }
    assert lengths  # the walk found the package
    assert {name: n for name, n in lengths.items() if n > MAX_MODULE_LINES} == {}


# The window's feature folders, lowest first: a folder imports only from folders below it
# (and the core). shared: theme, settings, keys, texts; the controller; the article pane;
# dialogs; docks (which may show a pane's drag data); the main window that assembles them.
UI_LAYERS = ["shared", "controller", "pane", "dialogs", "docks", "window"]


def _ui_layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[:2] == ["workbench", "ui"] else None


def test_the_window_folders_depend_only_downward() -> None:
    graph = import_graph(PACKAGE)
    assert set(UI_LAYERS) - {"controller"} == {
        p.name for p in (PACKAGE / "ui").iterdir() if p.is_dir() and p.name != "__pycache__"
    }, "a new folder in workbench/ui needs its place in UI_LAYERS"
    upward = sorted(
        f"{module} imports {target}"
        for module, targets in graph.items()
        for target in targets
        if (here := _ui_layer(module))
        and (there := _ui_layer(target))
        and UI_LAYERS.index(there) > UI_LAYERS.index(here)
    )
    assert upward == []


def test_the_core_never_imports_the_window() -> None:
    # The command line opens the window (`workbench open`) and draws charts with Qt
    # (`stats --plot`), importing them when asked; the core below it never does.
    graph = import_graph(PACKAGE)
    into_ui = sorted(
        f"{module} imports {target}"
        for module, targets in graph.items()
        if not module.startswith(("workbench.ui", "workbench.cli"))
        for target in targets
        if target.startswith("workbench.ui")
    )
    assert into_ui == []


def test_every_package_is_installed() -> None:
    import tomllib

    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text("utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(PACKAGE.parent).parts) for p in PACKAGE.rglob("__init__.py")
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
