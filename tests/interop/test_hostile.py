"""Hostile and broken files: each gets one clear line from the CLI, and nothing is written anywhere."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from tests.interop.conftest import collection_bytes, legacy_package, make_zip, rezip, zstd


def _import(run_cli, home: Path, file: Path, *extra: str) -> tuple[int, str]:
    dest = home.parent / "out"
    code, _out, err = run_cli("--data-dir", str(home), "--no-bundled", "import", str(file), "--into", str(dest), *extra)
    assert code != 0
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert not dest.exists(), "nothing may be written"
    assert not (home / "decks").exists()
    return code, lines[0]


def test_not_a_zip(tmp_path, run_cli, home):
    f = tmp_path / "deck.apkg"
    f.write_bytes(b"this is not a zip file at all")
    _, msg = _import(run_cli, home, f)
    assert msg == f"quizapp: {f}: not a zip file (an Anki package is a zip archive)"


def test_truncated_zip(tmp_path, run_cli, home, fixtures):
    f = tmp_path / "cut.apkg"
    f.write_bytes((fixtures / "current.apkg").read_bytes()[:3000])
    _, msg = _import(run_cli, home, f)
    assert "not a zip file" in msg


def test_zip_bomb_ratio(tmp_path, run_cli, home):
    f = make_zip(tmp_path / "bomb.apkg", {"collection.anki2": b"\0" * (20 << 20), "media": b"{}"})
    _, msg = _import(run_cli, home, f)
    assert "refusing a zip bomb" in msg and "collection.anki2" in msg


def test_zip_bomb_total_size(tmp_path):
    from quizapp.errors import UserError
    from quizapp.interop.apkg_read import open_package
    from quizapp.interop.safezip import Limits

    f = legacy_package(tmp_path / "big.apkg")
    with pytest.raises(UserError, match=r"refusing a zip bomb: .* uncompressed"):
        open_package(f, Limits(max_total=10_000))


def test_zstd_bomb_inside(tmp_path, run_cli, home, fixtures):
    # the zip layer looks harmless (zstd data is stored), but the collection expands past the member limit
    from quizapp.errors import UserError
    from quizapp.interop.apkg_read import open_package
    from quizapp.interop.safezip import Limits

    f = rezip(fixtures / "current.apkg", tmp_path / "zbomb.apkg", {"collection.anki21b": zstd(b"\0" * (8 << 20))})
    with pytest.raises(UserError, match=r"refusing a zip bomb: 'collection\.anki21b' expands"):
        open_package(f, Limits(max_member=4 << 20))


def test_header_lies_about_size(tmp_path):
    from quizapp.errors import UserError
    from quizapp.interop.safezip import SafeZip

    f = make_zip(tmp_path / "liar.zip", {"a": b"x" * 5000}, zipfile.ZIP_STORED)
    raw = bytearray(f.read_bytes())
    # shrink the declared size in the central directory (and local header) to 10 bytes
    for sig in (b"PK\x01\x02", b"PK\x03\x04"):
        i = raw.index(sig)
        off = 24 if sig == b"PK\x01\x02" else 22
        raw[i + off : i + off + 4] = (10).to_bytes(4, "little")
    f.write_bytes(bytes(raw))
    with pytest.raises(UserError) as e:
        SafeZip(f).read("a")
    assert "a" in str(e.value) and "\n" not in str(e.value)


@pytest.mark.parametrize("name", ["../evil.png", "/etc/passwd", "a/../../b.png", "C:\\windows\\x.png", "sub/x.png"])
def test_unsafe_media_name_json(tmp_path, run_cli, home, name):
    f = legacy_package(tmp_path / "evil.apkg", media={"0": name}, files={"0": b"data"})
    _, msg = _import(run_cli, home, f)
    assert f"unsafe media name {name!r}" in msg


def test_unsafe_media_name_protobuf(tmp_path, run_cli, home, fixtures):
    name = b"../../escape.png"
    entry = b"\x0a" + bytes([len(name)]) + name + b"\x10\x04"
    media = zstd(b"\x0a" + bytes([len(entry)]) + entry)
    f = rezip(fixtures / "current.apkg", tmp_path / "evil.apkg", {"media": media, "0": zstd(b"data")})
    _, msg = _import(run_cli, home, f)
    assert "unsafe media name '../../escape.png'" in msg


@pytest.mark.parametrize("member", ["../collection.anki2", "/abs/collection.anki2"])
def test_unsafe_member_name(tmp_path, run_cli, home, member):
    f = make_zip(tmp_path / "evil.apkg", {member: b"x", "media": b"{}"})
    _, msg = _import(run_cli, home, f)
    assert "unsafe member name" in msg


def test_missing_collection(tmp_path, run_cli, home):
    f = make_zip(tmp_path / "empty.apkg", {"media": b"{}"})
    _, msg = _import(run_cli, home, f)
    assert "no Anki collection inside" in msg


def test_corrupt_collection(tmp_path, run_cli, home):
    f = make_zip(tmp_path / "bad.apkg", {"collection.anki2": b"SQLite format 3\x00" + b"\xff" * 4000})
    _, msg = _import(run_cli, home, f)
    assert "collection.anki2 is corrupt" in msg


def test_not_sqlite_collection(tmp_path, run_cli, home, fixtures):
    f = rezip(fixtures / "current.apkg", tmp_path / "bad.apkg", {"collection.anki21b": zstd(b"hello" * 100)})
    _, msg = _import(run_cli, home, f)
    assert msg.endswith("collection.anki21b is corrupt (not an SQLite database)")


def test_bad_zstd(tmp_path, run_cli, home, fixtures):
    f = rezip(fixtures / "current.apkg", tmp_path / "bad.apkg", {"collection.anki21b": b"not zstd at all"})
    _, msg = _import(run_cli, home, f)
    assert "is not valid zstd data" in msg


@pytest.mark.parametrize("ver", [5, 10, 19, 99])
def test_unknown_schema_version(tmp_path, run_cli, home, ver):
    f = legacy_package(tmp_path / "v.apkg", ver=ver)
    _, msg = _import(run_cli, home, f)
    assert msg.endswith(f"unsupported Anki collection schema version {ver} (quizapp reads 11 to 18)")


def test_unknown_schema_version_current_format(tmp_path, run_cli, home, fixtures):
    raw = collection_bytes(fixtures / "current.apkg")
    con = sqlite3.connect(":memory:")
    con.deserialize(raw[:18] + b"\x01\x01" + raw[20:])
    con.execute("UPDATE col SET ver=42")
    con.commit()
    f = rezip(fixtures / "current.apkg", tmp_path / "v42.apkg", {"collection.anki21b": zstd(con.serialize())})
    _, msg = _import(run_cli, home, f)
    assert "unsupported Anki collection schema version 42" in msg


def test_unknown_package_version(tmp_path, run_cli, home, fixtures):
    f = rezip(fixtures / "current.apkg", tmp_path / "v9.apkg", {"meta": b"\x08\x09"})
    _, msg = _import(run_cli, home, f)
    assert "unknown Anki package version 9" in msg


def test_upgrade_stub_only(tmp_path, run_cli, home, fixtures):
    # a current package whose real collection was dropped: only the 'please update' stub is left
    f = rezip(fixtures / "current.apkg", tmp_path / "stub.apkg", {"collection.anki21b": None})
    _, msg = _import(run_cli, home, f)
    assert "only Anki's 'please update' placeholder" in msg


def test_damaged_media_map(tmp_path, run_cli, home, fixtures):
    f = rezip(fixtures / "legacy.apkg", tmp_path / "m.apkg", {"media": b"{not json"})
    _, msg = _import(run_cli, home, f)
    assert "damaged media map" in msg


def test_csv_wrong_column_count(tmp_path, run_cli, home):
    f = tmp_path / "cards.csv"
    f.write_text("#separator:Comma\n#html:false\nfront one,back one\nfront two,back two,extra\n", encoding="utf-8")
    _, msg = _import(run_cli, home, f)
    assert msg == f"quizapp: {f}:4: expected 2 columns separated by comma, found 3"


def test_csv_wrong_column_count_after_multiline_field(tmp_path, run_cli, home):
    f = tmp_path / "cards.tsv"
    f.write_text('a\t"line one\nline two"\nb\tc\td\n', encoding="utf-8")
    _, msg = _import(run_cli, home, f)
    assert msg == f"quizapp: {f}:3: expected 2 columns separated by tab, found 3"


def test_history_needs_package(tmp_path, run_cli, home):
    f = tmp_path / "cards.csv"
    f.write_text("q,a\n", encoding="utf-8")
    _, msg = _import(run_cli, home, f, "--with-history")
    assert "--with-history needs an Anki package" in msg


def test_media_member_missing(tmp_path, run_cli, home):
    # the map names a file the zip does not hold, and a card shows it
    f = legacy_package(tmp_path / "m.apkg", notes=[("g1", '<img src="x.png">', "b")], media={"0": "x.png"})
    _, msg = _import(run_cli, home, f)
    assert "missing '0' in the archive" in msg


def test_json_media_map_must_be_names(tmp_path, run_cli, home):
    f = legacy_package(tmp_path / "m.apkg")
    f = rezip(f, tmp_path / "m2.apkg", {"media": json.dumps({"0": 5}).encode()})
    _, msg = _import(run_cli, home, f)
    assert "damaged media map" in msg
