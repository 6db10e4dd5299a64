"""The hand-written protobuf reader, checked by hand and against Anki's own generated messages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.interop import pbwire


def test_decode_varint_and_bytes():
    msg = pbwire.decode(b"\x08\x96\x01\x12\x03abc\x12\x01z")
    assert msg == {1: [150], 2: [b"abc", b"z"]}
    assert pbwire.first_int(msg, 1) == 150
    assert pbwire.first_str(msg, 2) == "z"
    assert pbwire.first_int(msg, 9, 7) == 7


def test_fixed_width_fields():
    msg = pbwire.decode(b"\x09" + (5).to_bytes(8, "little") + b"\x15" + (6).to_bytes(4, "little"))
    assert msg == {1: [5], 2: [6]}


@pytest.mark.parametrize(
    "raw",
    [b"\x08", b"\x12\x05ab", b"\x08\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", b"\x0b", b"\x00\x01", b"\x09\x01"],
)
def test_malformed(raw):
    with pytest.raises(pbwire.WireError):
        pbwire.decode(raw)


def test_media_entries_by_hand():
    entry = b"\x0a\x05a.png\x10\x07\x1a\x02\xaa\xbb"
    assert pbwire.media_entries(b"\x0a" + bytes([len(entry)]) + entry) == [("a.png", 7, None)]


def test_real_fixture_media_map(fixtures):
    import zipfile

    from quizapp.interop.safezip import SafeZip

    with zipfile.ZipFile(fixtures / "current.apkg") as z:
        assert "media" in z.namelist()
    sz = SafeZip(fixtures / "current.apkg")
    assert pbwire.media_entries(sz.read_zstd("media")) == [("bone scan.png", 73, None)]


names = st.text(min_size=0, max_size=30)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(names, st.integers(0, 2**32 - 1), st.binary(max_size=20), st.none() | st.integers(0, 999))))
def test_matches_anki_protobuf(entries):
    pb = pytest.importorskip("anki.import_export_pb2", exc_type=ImportError)
    msg = pb.MediaEntries()
    for name, size, sha1, legacy in entries:
        e = msg.entries.add(name=name, size=size, sha1=sha1)
        if legacy is not None:
            e.legacy_zip_filename = legacy
    got = pbwire.media_entries(msg.SerializeToString())
    assert got == [(n, s, leg) for n, s, _sha, leg in entries]


def test_package_metadata_matches_anki():
    pb = pytest.importorskip("anki.import_export_pb2", exc_type=ImportError)
    for v in (1, 2, 3):
        raw = pb.PackageMetadata(version=v).SerializeToString()
        assert pbwire.first_int(pbwire.decode(raw), 1) == v
