"""Property tests: any input to any importer imports, or is refused with a clear message.

Never another exception, never a half import (see fuzzing.check_input).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from fuzzing import Seed, check_input, importable, seeds
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.offsets import BOM, Utf16Map, normalize_text
from workbench.project import Project

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "text",
                    "spans",
                    "start",
                    "end",
                    "label",
                    "id",
                    "title",
                    "meta",
                    "relations",
                    "head",
                    "tail",
                    "annotations",
                    "data",
                    "entities",
                    "start_offset",
                    "end_offset",
                    "value",
                    "result",
                ]
            )
            | st.text(),
            inner,
            max_size=6,
        )
    ),
    max_leaves=20,
)


@pytest.fixture(scope="module")
def seed_pool(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Seed]]:
    work = tmp_path_factory.mktemp("seeds")
    return {name: seeds(name, work) for name in importable()}


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[tuple[Project, Path]]:
    project = Project.memory()
    yield project, tmp_path
    project.close()


def _passes(project: Project, name: str, files: dict[str, bytes], entry: str, work: Path) -> None:
    outcome = check_input(project, name, files, entry, work)
    assert outcome in (None, "refused"), outcome


def test_every_seed_imports(seed_pool: dict[str, list[Seed]], fresh: tuple[Project, Path]) -> None:
    """The unmutated seeds are valid, so the mutations below start from real files."""
    project, work = fresh
    for name, pool in seed_pool.items():
        assert pool, f"no seed for {name}"
        for seed in pool:
            assert check_input(project, name, seed.files, seed.entry, work) is None, name


@pytest.mark.parametrize("name", importable())
@FUZZ
@given(rng=st.randoms(use_true_random=False))
def test_mutated_files(
    name: str, rng: random.Random, seed_pool: dict[str, list[Seed]], fresh: tuple[Project, Path]
) -> None:
    from fuzzing import mutate

    project, work = fresh
    seed = rng.choice(seed_pool[name])
    files = dict(seed.files)
    target = seed.entry if rng.random() < 0.8 else rng.choice(list(files))
    files[target] = mutate(files[target], rng)
    _passes(project, name, files, seed.entry, work)


@pytest.mark.parametrize("name", importable())
@FUZZ
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes(
    name: str, data: bytes, seed_pool: dict[str, list[Seed]], fresh: tuple[Project, Path]
) -> None:
    project, work = fresh
    seed = seed_pool[name][0]
    _passes(project, name, {**seed.files, seed.entry: data}, seed.entry, work)


@pytest.mark.parametrize("name", [n for n in importable() if n not in ("text", "markdown", "html")])
@FUZZ
@given(values=st.lists(JSON, min_size=1, max_size=3), lines=st.booleans())
def test_arbitrary_json(
    name: str,
    values: list[object],
    lines: bool,
    seed_pool: dict[str, list[Seed]],
    fresh: tuple[Project, Path],
) -> None:
    project, work = fresh
    seed = seed_pool[name][0]
    body = "\n".join(json.dumps(v) for v in values) if lines else json.dumps(values)
    _passes(project, name, {**seed.files, seed.entry: body.encode()}, seed.entry, work)


# --- offsets -----------------------------------------------------------------

TEXT = st.text(
    alphabet=st.sampled_from(["a", " ", "\n", "\r", "é", "国", "🙂", "𝄞", BOM, "\u2028"])
)


@given(TEXT)
def test_utf16_map_agrees_with_utf16_encoding(text: str) -> None:
    u16 = Utf16Map(text)
    assert u16.utf16_length == len(text.encode("utf-16-le")) // 2
    for cp in range(len(text) + 1):
        position = len(text[:cp].encode("utf-16-le")) // 2
        assert u16.to_utf16(cp) == position
        assert u16.to_codepoint(position) == cp
        assert not u16.splits_pair(position)


@given(TEXT)
def test_a_position_inside_a_pair_maps_to_its_character(text: str) -> None:
    u16 = Utf16Map(text)
    for cp, ch in enumerate(text):
        if ord(ch) > 0xFFFF:
            inside = u16.to_utf16(cp) + 1
            assert u16.splits_pair(inside)
            assert u16.to_codepoint(inside) == cp


@given(TEXT, st.booleans())
def test_normalisation_shift_keeps_every_kept_character_in_place(raw: str, strip_bom: bool) -> None:
    text, shift = normalize_text(raw, strip_bom=strip_bom)
    assert "\r" not in text
    assert shift(len(raw)) == len(text)
    for i, ch in enumerate(raw):
        if shift.removes(i):
            assert ch == "\r" or (i == 0 and ch == BOM)
            continue
        assert text[shift(i)] == ("\n" if ch == "\r" else ch)
