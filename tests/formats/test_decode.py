"""Decoding text files: UTF-8, UTF-16 with a BOM or Windows-1252 with a warning, else refused."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from workbench.errors import FormatError
from workbench.formats.decode import read_text

TEXT = "Kim’s troops — 1,500 “volunteers” 🇰🇷\nline two"


def _read(path: Path, **kw: str) -> tuple[str, list[str]]:
    warnings: list[str] = []
    return read_text(path, warnings, **kw), warnings


def test_utf8_is_read_without_warning(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    assert _read(path) == (TEXT, [])


def test_utf8_bom_is_kept_for_normalisation_to_drop(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    assert _read(path) == ("\ufeff" + TEXT, [])


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded_with_a_warning(tmp_path: Path, codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    path = tmp_path / "a.txt"
    path.write_bytes(bom + TEXT.encode(codec))
    text, warnings = _read(path)
    assert text == TEXT
    [warning] = warnings
    assert str(path) in warning and "UTF-16" in warning


def test_cp1252_is_decoded_with_a_warning_naming_the_file(tmp_path: Path) -> None:
    legacy = "Caf\u00e9 \u201cquotes\u201d \u2013 \u20ac5"
    path = tmp_path / "legacy.txt"
    path.write_bytes(legacy.encode("cp1252"))
    text, [warning] = _read(path)
    assert text == legacy
    assert warning.startswith(f"{path}:") and "Windows-1252" in warning


def test_bytes_neither_utf8_nor_cp1252_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(b"abc \xc3 \x81 \x8d")  # 0x81 and 0x8D are undefined in Windows-1252
    with pytest.raises(FormatError, match=r"odd\.txt: is neither UTF-8 .* nor Windows-1252"):
        _read(path)


@pytest.mark.parametrize(
    "data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"abc\x00def", "no bom".encode("utf-16-le")]
)
def test_binary_files_are_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(data)
    with pytest.raises(FormatError, match=r"image\.txt: looks like a binary file"):
        _read(path)


@pytest.mark.parametrize(
    "data",
    [b"", b"  \n\r\n\t", codecs.BOM_UTF8 + b"\n", codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")],
)
def test_empty_files_are_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(FormatError, match=r"empty\.txt: is empty"):
        _read(path)


def test_a_named_encoding_is_used_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "koi.txt"
    path.write_bytes("Москва".encode("koi8-r"))
    assert _read(path, encoding="koi8-r") == ("Москва", [])
    with pytest.raises(FormatError, match="not valid utf-8"):
        _read(path, encoding="utf-8")
    with pytest.raises(FormatError, match="unknown encoding 'martian'"):
        _read(path, encoding="martian")


LINES = ["", "a", "ab\r", "", "😀 é", "x" * 7, "", "tail"]


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 64])
@pytest.mark.parametrize("final_newline", [True, False])
def test_lines_are_the_same_whatever_the_chunks_they_are_read_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int, final_newline: bool
) -> None:
    from workbench.formats import decode

    monkeypatch.setattr(decode, "_CHUNK", chunk)
    path = tmp_path / "a.jsonl"
    path.write_bytes(("\n".join(LINES) + ("\n" if final_newline else "")).encode("utf-8"))
    got = list(decode.text_lines(path, []))
    assert got == list(enumerate(LINES, start=1))


@pytest.mark.parametrize("chunk", [1, 4, 64])
@pytest.mark.parametrize(
    ("data", "refused_at"),
    [
        (b"1234567\n12345678\n", None),  # 8 bytes: exactly the limit
        (b"1234567\n12345678", None),
        (b"1\n123456789\n1\n", 2),
        (b"1\n1\n123456789", 3),
        (b"123456789" * 50, 1),  # no line break at all
    ],
)
def test_a_line_past_the_limit_is_refused_with_its_number(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    chunk: int,
    data: bytes,
    refused_at: int | None,
) -> None:
    from workbench import limits
    from workbench.formats import decode

    monkeypatch.setattr(decode, "_CHUNK", chunk)
    monkeypatch.setattr(limits, "MAX_LINE_BYTES", 8)
    path = tmp_path / "a.jsonl"
    path.write_bytes(data)
    if refused_at is None:
        assert [line for _, line in decode.text_lines(path, [])] == data.decode().split("\n")[
            : data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
        ]
    else:
        with pytest.raises(FormatError, match=f"line {refused_at}: has a line longer than"):
            list(decode.text_lines(path, []))
