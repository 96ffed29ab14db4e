"""Without the optional libraries, a format that needs one says what to install."""

from __future__ import annotations

import sys

import pytest

from workbench import formats
from workbench.errors import WorkbenchError


@pytest.mark.parametrize(
    ("name", "library"),
    [("spacy", "spacy"), ("conll", "spacy"), ("prodigy", "spacy"), ("xmi", "cassis")],
)
def test_a_missing_library_names_the_extra(monkeypatch, name, library):
    for module in [m for m in sys.modules if m.startswith("workbench.formats.")]:
        monkeypatch.delitem(sys.modules, module)
    monkeypatch.setitem(sys.modules, library, None)  # import now fails as if not installed
    with pytest.raises(WorkbenchError, match=r"pip install 'workbench\[interop\]'"):
        formats.get(name).load("writer")


def test_formats_without_heavy_libraries_need_no_extra():
    for name in ("doccano", "label-studio", "brat", "csv"):
        assert formats.get(name).extra is None
        assert callable(formats.get(name).load("writer"))
