"""Opening real Anki packages: current (anki21b + zstd), legacy (anki21 + JSON media), colpkg and anki2-only."""

from __future__ import annotations

import pytest

from quizapp.interop.anki_col import Collection
from quizapp.interop.apkg_read import open_package
from quizapp.interop.notetypes import classify
from tests.interop.conftest import legacy_package

STOCK = {
    "Basic": "basic",
    "Basic (and reversed card)": "reversed",
    "Basic (optional reversed card)": "optional",
    "Basic (type in the answer)": "typed",
    "Cloze": "cloze",
}


@pytest.mark.parametrize(
    ("name", "member", "version", "schema"),
    [
        ("current.apkg", "collection.anki21b", 3, 18),
        ("collection.colpkg", "collection.anki21b", 3, 18),
        ("legacy.apkg", "collection.anki21", 2, 11),
    ],
)
def test_open_fixture(fixtures, name, member, version, schema):
    with open_package(fixtures / name) as pkg:
        assert pkg.collection_name == member
        assert (pkg.version, pkg.schema) == (version, schema)
        assert pkg.zstd_media == (version == 3)
        # an .apkg carries the media its notes use; a .colpkg the whole media folder
        assert set(pkg.media) == ({"bone scan.png", "unused.png"} if name.endswith("colpkg") else {"bone scan.png"})
        assert pkg.media_bytes("bone scan.png").startswith(b"\x89PNG")
        col = Collection(pkg.conn, pkg.schema, name)
        nts = {nt.name: nt for nt in col.notetypes().values()}
        for nt_name, kind in STOCK.items():
            assert classify(nts[nt_name]).kind == kind
        custom = classify(nts["Vocab (custom)"])
        assert custom.kind == "basic" and "Vocab (custom)" in custom.warning
        assert set(col.decks().values()) >= {"Pharmacology", "Pharmacology::Bone drugs", "Anatomy"}
        assert col.note_count() == 9
        assert len(col.revlog()) == 36


def test_anki2_only_package(tmp_path):
    # what genanki and Anki 2.0 write: collection.anki2 with a JSON media map
    f = legacy_package(tmp_path / "old.apkg", notes=[("abc", "<b>Q</b>", "A")])
    with open_package(f) as pkg:
        assert (pkg.collection_name, pkg.version, pkg.schema) == ("collection.anki2", 1, 11)
        notes = list(Collection(pkg.conn, pkg.schema, "x").notes())
        assert [(n.guid, n.fields) for n in notes] == [("abc", ["<b>Q</b>", "A"])]


def test_current_preferred_over_stub(fixtures):
    # current.apkg holds the upgrade stub as collection.anki2 as well: it must be ignored
    import zipfile

    assert "collection.anki2" in zipfile.ZipFile(fixtures / "current.apkg").namelist()
    with open_package(fixtures / "current.apkg") as pkg:
        assert pkg.collection_name == "collection.anki21b"
