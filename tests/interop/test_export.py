"""Export to .apkg and Anki text, read back with quizapp's own reader (no Anki needed)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quizapp.interop.anki_col import Collection
from quizapp.interop.apkg_read import open_package
from quizapp.interop.ids import export_guid
from tests.conftest import SMALL_DECK
from tests.interop.make_fixtures import tiny_png

IMAGE_NOTE = (
    "\n---\nQ: Which scan is this?\n\n![a scan](img/scan.png)\nA: A DXA scan\nExplanation: Dual X-ray.\nID: scan\n"
)


@pytest.fixture
def deck_dir(tmp_path: Path) -> Path:
    d = tmp_path / "decks"
    (d / "img").mkdir(parents=True)
    (d / "img" / "scan.png").write_bytes(tiny_png())
    (d / "small.md").write_text(SMALL_DECK + IMAGE_NOTE, encoding="utf-8")
    return d


def _export(run_cli, tmp_path, deck_dir, out: Path, *extra: str):
    base = ("--data-dir", str(tmp_path / "home"), "--no-bundled", "--decks", str(deck_dir))
    code, stdout, err = run_cli(*base, "export", "small", "-o", str(out), *extra)
    assert code == 0, err
    return stdout, err


def _read_apkg(path: Path):
    with open_package(path) as pkg:
        col = Collection(pkg.conn, pkg.schema, str(path))
        nts = col.notetypes()
        notes = {n.guid: (nts[n.mid].name, n.fields, n.tags) for n in col.notes()}
        media = {name: pkg.media_bytes(name) for name in pkg.media}
        decks = set(col.decks().values())
        n_cards = sum(len(v) for v in col.cards().values())
    return notes, media, decks, n_cards


def test_export_apkg(run_cli, tmp_path, deck_dir):
    out = tmp_path / "small.apkg"
    stdout, err = _export(run_cli, tmp_path, deck_dir, out)
    assert stdout.strip() == f"exported 8 note(s) from 1 deck(s) to {out}"
    assert "1 explanation(s)" not in err
    notes, media, decks, n_cards = _read_apkg(out)
    assert "Small deck" in decks
    assert n_cards == 10  # cloze gives 2, reversed gives 2
    g = export_guid
    assert notes[g("q-build")] == ("Basic (genanki)", ["What builds bone?", "Osteoblasts"], [])
    assert notes[g("cz")][0] == "Cloze (genanki)"
    assert notes[g("cz")][1][0] == "{{c1::Denosumab}} binds {{c2::RANKL::a protein}}."
    assert notes[g("rv")][0] == "Basic (and reversed card) (genanki)"
    typed = ("Basic (type in the answer) (genanki)", ["Name the enzyme blocked by AIs.", "Aromatase"], [])
    assert notes[g("ty")] == typed
    mc_front, mc_back = notes[g("mc")][1]
    assert "<li>Anastrozole</li>" in mc_front and "<li>Exemestane</li>" in mc_front and "Choose one" in mc_front
    assert mc_back == "<ul><li>Exemestane</li></ul>"
    assert notes[g("ord")][1][1] == "<ol><li>Estrogen falls</li><li>RANKL rises</li><li>Bone is lost</li></ol>"
    scan_front, scan_back = notes[g("scan")][1]
    assert '<img src="scan.png" alt="a scan" />' in scan_front
    assert scan_back == "A DXA scan<br><br>Dual X-ray."
    assert media == {"scan.png": tiny_png()}
    assert os.stat(out).st_mode & 0o777 == 0o666 & ~_umask()  # a normal file, not the temp file's 0600


def _umask() -> int:
    old = os.umask(0o022)
    os.umask(old)
    return old


def test_guids_stable_across_exports_and_edits(run_cli, tmp_path, deck_dir):
    a, b = tmp_path / "a.apkg", tmp_path / "b.apkg"
    _export(run_cli, tmp_path, deck_dir, a)
    # fix a typo in a card without an explicit id: its note id (and so its GUID) survives
    f = deck_dir / "small.md"
    f.write_text(f.read_text() + "\n---\nQ: What hormone falls on an AI?\nA: Estrogen\n", encoding="utf-8")
    _export(run_cli, tmp_path, deck_dir, a)
    f.write_text(f.read_text().replace("What hormone falls on an AI?", "Which hormone falls on an AI?"))
    _export(run_cli, tmp_path, deck_dir, b)
    na, nb = _read_apkg(a)[0], _read_apkg(b)[0]
    assert set(na) == set(nb)
    assert sum(1 for v in nb.values() if v[1][0] == "Which hormone falls on an AI?") == 1


def test_export_csv_reads_back(run_cli, tmp_path, deck_dir):
    from quizapp.interop.anki_text import read_text_file

    out = tmp_path / "small.csv"
    _, err = _export(run_cli, tmp_path, deck_dir, out)
    text = out.read_text()
    assert text.startswith("#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n")
    tf = read_text_file(out)
    rows = {r.guid: r for r in tf.rows}
    assert rows[export_guid("cz")].notetype == "Cloze"
    assert rows[export_guid("rv")].notetype == "Basic (and reversed card)"
    assert rows[export_guid("q-build")].deck == "Small deck"
    assert len(rows) == 8
    assert "referenced by name only" in err


def test_roundtrip_through_apkg(run_cli, tmp_path, deck_dir):
    """quizapp -> .apkg -> quizapp keeps the card types and texts of cards Anki can hold."""
    from quizapp.collection import Config
    from quizapp.deck.parser import parse_file
    from quizapp.interop.import_ import run_import

    out = tmp_path / "small.apkg"
    _export(run_cli, tmp_path, deck_dir, out)
    res = run_import(Config(data_dir=tmp_path / "home2", bundled=False), out)
    notes = {n.front or n.text: n for p in res.files for n in parse_file(p).notes}
    assert notes["What builds bone?"].type == "basic"
    assert notes["{{c1::Denosumab}} binds {{c2::RANKL::a protein}}."].type == "cloze"
    assert notes["Aromatase"].type == "reversed"
    assert (notes["Name the enzyme blocked by AIs."].type, notes["Name the enzyme blocked by AIs."].back) == (
        "typed",
        "Aromatase",
    )
    assert notes["Which scan is this?\n\n![a scan](anki-small-deck_media/scan.png)"].back == "A DXA scan\n\nDual X-ray."


def test_anki_notes_keep_their_guid(run_cli, tmp_path, fixtures):
    """Cards imported from Anki go back out under their original GUIDs, so Anki updates them."""
    home = tmp_path / "home"
    code, _, err = run_cli("--data-dir", str(home), "--no-bundled", "import", str(fixtures / "current.apkg"))
    assert code == 0, err
    out = tmp_path / "back.apkg"
    code, _, err = run_cli("--data-dir", str(home), "--no-bundled", "export", "-o", str(out))
    assert code == 0, err
    with open_package(fixtures / "current.apkg") as pkg:
        original = {n.guid for n in Collection(pkg.conn, pkg.schema, "x").notes()}
    exported = _read_apkg(out)[0]
    assert set(exported) == original


def test_export_errors(run_cli, tmp_path, deck_dir):
    home = ("--data-dir", str(tmp_path / "home"), "--no-bundled", "--decks", str(deck_dir))
    code, _, err = run_cli(*home, "export", "small", "-o", str(tmp_path / "x.bin"))
    assert code == 2 and "say --format apkg or --format csv" in err
    code, _, err = run_cli(*home, "export", "nope", "-o", str(tmp_path / "x.apkg"))
    assert code == 1 and "no deck or topic matches 'nope'" in err
    code, _, err = run_cli(*home, "export", "small", "-o", str(tmp_path / "missing" / "x.apkg"))
    assert code == 1 and err.strip() == f"quizapp: {tmp_path / 'missing'}: no such folder"
    code, _, err = run_cli(*home, "export", "small", "-o", str(tmp_path / "missing" / "x.csv"))
    assert code == 1 and err.strip() == f"quizapp: {tmp_path / 'missing'}: no such folder"
    assert not (tmp_path / "x.apkg").exists() and not (tmp_path / "missing").exists()
