"""Hostile XMI zips: a zip bomb, too many entries, too many bytes, paths that lead out,
duplicate names, zips in the zip. Each is refused with one sentence naming the zip,
exit status 1, and the project and every other file byte-identical; the bomb is refused
in a child process whose peak memory stays under ZIP_BOMB_RSS_BOUND_MIB."""

from __future__ import annotations

import os
import struct
import warnings
import zipfile
import zlib
from pathlib import Path

import pytest

from tests.security.child_runs import assert_one_sentence_refusal, hashes, run_cli
from workbench import limits
from workbench.cli import main
from workbench.formats import xmi
from workbench.formats.export_records import Scheme
from workbench.formats.records import DocumentRecord, Report
from workbench.project import Project

pytest.importorskip("cassis")

# The bomb: 2 MiB that inflates to 2 GiB of zeros. Before the limits, importing it took
# more than 4 GiB; now the child (Python, cassis and lxml loaded) stays under this bound,
# and within ZIP_BOMB_RSS_MARGIN_MIB of the same import of an honest one-document zip.
BOMB_INFLATED_BYTES = 2 << 30
ZIP_BOMB_RSS_BOUND_MIB = 300
ZIP_BOMB_RSS_MARGIN_MIB = 64


def _xmi_files(tmp_path: Path) -> dict[str, bytes]:
    """A real XMI export of one document: {name: bytes} for TypeSystem.xml and doc.xmi."""
    folder = tmp_path / "export"
    folder.mkdir()
    record = DocumentRecord(text="Seoul said 1,500 troops arrived.", title="t", id="doc")
    xmi.write([record], folder, Scheme([], []), Report())
    return {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.startswith(".")}


def _zip(
    path: Path, entries: list[tuple[str, bytes]], *, method: int = zipfile.ZIP_DEFLATED
) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate names we want
        with zipfile.ZipFile(path, "w", compression=method) as z:
            for name, data in entries:
                z.writestr(name, data)
    return path


def _deflated_zeros(size: int) -> tuple[bytes, int]:
    """Raw deflate of `size` zero bytes and their CRC-32, without holding them: after a
    full flush the compressor starts afresh, so every 1 MiB block compresses the same."""
    chunk = 1 << 20
    assert size % chunk == 0
    zeros = bytes(chunk)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH) == block
    last = compressor.compress(zeros) + compressor.flush()
    crc = 0
    for _ in range(size // chunk):
        crc = zlib.crc32(zeros, crc)
    return block * (size // chunk - 1) + last, crc


def _bomb(path: Path, typesystem: bytes, *, declared_size: int | None = None) -> Path:
    """A zip of TypeSystem.xml and bomb.xmi (2 GiB of zeros), written by hand: zipfile
    would have to be fed the 2 GiB. `declared_size` makes the headers lie."""
    body, crc = _deflated_zeros(BOMB_INFLATED_BYTES)
    size = BOMB_INFLATED_BYTES if declared_size is None else declared_size
    entries = [
        (
            b"TypeSystem.xml",
            zipfile.ZIP_STORED,
            zlib.crc32(typesystem),
            typesystem,
            len(typesystem),
        ),
        (b"bomb.xmi", zipfile.ZIP_DEFLATED, crc, body, size),
    ]
    out, central = bytearray(), bytearray()
    for name, method, entry_crc, data, inflated in entries:
        offset = len(out)
        out += (
            struct.pack(
                "<4s2B4HL2L2H",
                b"PK\x03\x04",
                20,
                0,
                0,
                method,
                0,
                0x21,
                entry_crc,
                len(data),
                inflated,
                len(name),
                0,
            )
            + name
            + data
        )
        central += (
            struct.pack(
                "<4s4B4HL2L5H2L",
                b"PK\x01\x02",
                20,
                3,
                20,
                0,
                0,
                method,
                0,
                0x21,
                entry_crc,
                len(data),
                inflated,
                len(name),
                0,
                0,
                0,
                0,
                0o644 << 16,
                offset,
            )
            + name
        )
    out += central + struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(out), 0
    )
    path.write_bytes(bytes(out))
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.wbproj"
    Project.create(path).close()
    return path


@pytest.mark.parametrize("declared_size", [None, 1000], ids=["honest-header", "lying-header"])
def test_a_zip_bomb_is_refused_in_bounded_memory(
    tmp_path: Path, project: Path, declared_size: int | None
) -> None:
    files = _xmi_files(tmp_path)
    bomb = _bomb(tmp_path / "bomb.zip", files["TypeSystem.xml"], declared_size=declared_size)
    assert bomb.stat().st_size < 3 << 20  # 2 MiB on disk...
    with zipfile.ZipFile(bomb) as z:  # ...and its own headers agree it is a zip
        assert [i.filename for i in z.infolist()] == ["TypeSystem.xml", "bomb.xmi"]
    honest = _zip(tmp_path / "honest.zip", list(files.items()))
    other = tmp_path / "other.wbproj"
    Project.create(other).close()
    baseline = run_cli("import", other, honest)
    assert baseline.returncode == 0, baseline.lines
    before = hashes(tmp_path)

    run = run_cli("import", project, bomb)

    assert_one_sentence_refusal(run, names=str(bomb))
    assert "bomb.xmi" in run.lines[0]
    assert run.peak_rss_mib < ZIP_BOMB_RSS_BOUND_MIB, f"peak RSS {run.peak_rss_mib:.0f} MiB"
    assert run.peak_rss_mib < baseline.peak_rss_mib + ZIP_BOMB_RSS_MARGIN_MIB, (
        f"peak RSS {run.peak_rss_mib:.0f} MiB, honest zip {baseline.peak_rss_mib:.0f} MiB"
    )
    assert hashes(tmp_path) == before  # the same files, byte for byte, and no others


def _refused_in_process(
    capsys: pytest.CaptureFixture[str], project: Path, zip_path: Path, tmp_path: Path
) -> str:
    before = hashes(tmp_path)
    code = main(["import", str(project), str(zip_path)])
    err = capsys.readouterr().err.splitlines()
    assert code == 1 and len(err) == 1, err
    assert err[0].startswith(f"workbench: {zip_path}: "), err
    assert hashes(tmp_path) == before
    return err[0]


def test_too_many_entries(
    tmp_path: Path, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _xmi_files(tmp_path)
    entries = list(files.items()) + [(f"extra/{i}.txt", b"") for i in range(limits.MAX_ZIP_ENTRIES)]
    archive = _zip(tmp_path / "many.zip", entries, method=zipfile.ZIP_STORED)
    sentence = _refused_in_process(capsys, project, archive, tmp_path)
    assert f"holds {limits.MAX_ZIP_ENTRIES + len(files):,} entries, more than" in sentence


def test_too_many_inflated_bytes_in_all(
    tmp_path: Path,
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = _xmi_files(tmp_path)
    # Several honest documents whose sum passes the limit (lowered so the test stays small).
    entries = [("TypeSystem.xml", files["TypeSystem.xml"])]
    entries += [(f"doc{i}.xmi", files["doc.xmi"]) for i in range(20)]
    monkeypatch.setattr(limits, "MAX_ZIP_TOTAL_BYTES", len(files["doc.xmi"]) * 10)
    archive = _zip(tmp_path / "big.zip", entries)
    sentence = _refused_in_process(capsys, project, archive, tmp_path)
    assert "inflates to more than" in sentence


def test_one_entry_larger_than_a_file_may_be(
    tmp_path: Path,
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = _xmi_files(tmp_path)
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 200_000)
    noise = os.urandom(300_000)  # incompressible: the ratio is not what stops it
    archive = _zip(
        tmp_path / "big.zip", [("TypeSystem.xml", files["TypeSystem.xml"]), ("doc.xmi", noise)]
    )
    sentence = _refused_in_process(capsys, project, archive, tmp_path)
    assert 'inflates its entry "doc.xmi" to more than' in sentence


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("/etc/evil.xmi", "whose path leads out of the zip"),
        ("../../evil.xmi", "whose path leads out of the zip"),
        ("docs/../../evil.xmi", "whose path leads out of the zip"),
        ("C:\\evil.xmi", "whose path leads out of the zip"),
        ("inner.zip", "holds another zip"),
        ("doc.xmi", 'holds two entries named "doc.xmi"'),
    ],
)
def test_entries_no_honest_export_holds(
    tmp_path: Path, project: Path, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    files = _xmi_files(tmp_path)
    archive = _zip(tmp_path / "hostile.zip", [*files.items(), (name, files["doc.xmi"])])
    outside = tmp_path.parent / "evil.xmi"
    sentence = _refused_in_process(capsys, project, archive, tmp_path)
    assert message in sentence
    assert not outside.exists() and not Path("/etc/evil.xmi").exists()  # nothing extracted


def test_a_zip_inside_under_another_name(
    tmp_path: Path, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _xmi_files(tmp_path)
    inner = _zip(tmp_path / "inner.bin", list(files.items())).read_bytes()
    archive = _zip(
        tmp_path / "nested.zip", [("TypeSystem.xml", files["TypeSystem.xml"]), ("doc.xmi", inner)]
    )
    sentence = _refused_in_process(capsys, project, archive, tmp_path)
    assert "holds another zip" in sentence


def test_an_honest_zip_still_imports(tmp_path: Path, project: Path) -> None:
    files = _xmi_files(tmp_path)
    archive = _zip(tmp_path / "ok.zip", [(f"folder/{n}", b) for n, b in files.items()])
    assert main(["import", str(project), str(archive)]) == 0
    with Project.open(project) as p:
        assert [p.document(d).text for d in p.document_ids()] == [
            "Seoul said 1,500 troops arrived."
        ]


def test_too_many_entries_are_refused_before_the_directory_is_read(
    tmp_path: Path,
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = _xmi_files(tmp_path)
    entries = list(files.items()) + [(f"{i}.txt", b"") for i in range(limits.MAX_ZIP_ENTRIES)]
    archive = _zip(tmp_path / "many.zip", entries, method=zipfile.ZIP_STORED)

    def read_directory(*args: object, **kwargs: object) -> None:
        raise AssertionError("the zip's directory was read")

    monkeypatch.setattr(zipfile.ZipFile, "_RealGetContents", read_directory)
    sentence = _refused_in_process(capsys, project, archive, tmp_path)
    assert f"holds {limits.MAX_ZIP_ENTRIES + len(files):,} entries" in sentence


def test_a_directory_larger_than_its_entries_need(
    tmp_path: Path,
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "MAX_ZIP_ENTRIES", 3)
    files = _xmi_files(tmp_path)
    long_name = "x" * 5000 + ".txt"  # one name longer than three entries may take
    archive = _zip(tmp_path / "wide.zip", [*files.items(), (long_name, b"")])
    sentence = _refused_in_process(capsys, project, archive, tmp_path)
    assert "has a directory of" in sentence and "more than 3 entries take" in sentence


def test_an_encrypted_entry(
    tmp_path: Path, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _xmi_files(tmp_path)
    data = bytearray(_zip(tmp_path / "plain.zip", list(files.items())).read_bytes())
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # local, directory
        at = data.find(signature)
        while at >= 0:
            data[at + flag_at] |= 0x1  # "encrypted"
            at = data.find(signature, at + 1)
    archive = tmp_path / "locked.zip"
    archive.write_bytes(bytes(data))
    (tmp_path / "plain.zip").unlink()
    sentence = _refused_in_process(capsys, project, archive, tmp_path)
    assert "holds the encrypted entry" in sentence
