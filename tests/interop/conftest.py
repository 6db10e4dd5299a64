"""Fixtures for interop tests: the committed Anki packages, a CLI runner and package builders."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def run_cli(capsys):
    """run_cli(*args) -> (exit code, stdout, stderr) for the real quizapp command."""
    from quizapp.cli import main

    def _run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as e:
            code = int(e.code or 0)
        out = capsys.readouterr()
        return code, out.out, out.err

    return _run


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def legacy_collection(notes: list[tuple[str, str, str]], *, ver: int = 11, models: dict | None = None) -> bytes:
    """A minimal schema-11 collection (what genanki and old Anki write): notes are (guid, front, back)."""
    import genanki

    m = genanki.BASIC_MODEL
    deck = genanki.Deck(2059400110, "Built")
    for guid, front, back in notes:
        deck.add_note(genanki.Note(model=m, fields=[front, back], guid=guid))
    con = sqlite3.connect(":memory:")
    cur = con.cursor()
    genanki.Package(deck).write_to_db(cur, 1_700_000_000.0, iter(range(1_700_000_000_000, 1_800_000_000_000)))
    con.execute("UPDATE col SET ver=?", (ver,))
    con.commit()
    return con.serialize()


def make_zip(path: Path, members: dict[str, bytes], compress: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compress) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def legacy_package(path: Path, notes=(("g1", "Front one", "Back one"),), *, ver: int = 11, media=None, files=None):
    members = {"collection.anki2": legacy_collection(list(notes), ver=ver), "media": json.dumps(media or {}).encode()}
    members.update(files or {})
    return make_zip(path, members)


def zstd(data: bytes) -> bytes:
    import zstandard

    return zstandard.ZstdCompressor().compress(data)


def rezip(src: Path, dst: Path, replace: dict[str, bytes | None]) -> Path:
    """Copy a zip, replacing (or with None, dropping) some members."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in replace:
                continue
            zout.writestr(info.filename, zin.read(info.filename))
        for name, data in replace.items():
            if data is not None:
                zout.writestr(name, data)
    return dst


def collection_bytes(pkg: Path) -> bytes:
    """The decompressed current-format collection of a fixture package."""
    import zstandard

    with zipfile.ZipFile(pkg) as z:
        raw = z.read("collection.anki21b")
    with zstandard.ZstdDecompressor().stream_reader(io.BytesIO(raw)) as r:
        return b"".join(iter(lambda: r.read(1 << 20), b""))
