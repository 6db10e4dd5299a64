"""Proof with Anki's own library (optional extra 'anki'): our exports import cleanly, and re-imports update."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("anki.collection", exc_type=ImportError)

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from tests.conftest import SMALL_DECK

IF_NEWER = 0


@pytest.fixture
def col(tmp_path: Path):
    (tmp_path / "anki").mkdir()
    c = Collection(str(tmp_path / "anki" / "collection.anki2"))
    yield c
    c.close()


def _import_apkg(col, path: Path):
    req = ImportAnkiPackageRequest(
        package_path=str(path),
        options=ImportAnkiPackageOptions(merge_notetypes=True, update_notes=IF_NEWER, with_scheduling=True),
    )
    return col.import_anki_package(req)


def _export(run_cli, tmp_path: Path, out: Path, deck_dir: Path) -> None:
    code, _, err = run_cli(
        "--data-dir", str(tmp_path / "home"), "--no-bundled", "--decks", str(deck_dir), "export", "-o", str(out)
    )
    assert code == 0, err


def _notes(col) -> dict[str, tuple[str, list[str]]]:
    out = {}
    for nid in col.find_notes(""):
        n = col.get_note(nid)
        out[n.guid] = (n.note_type()["name"], list(n.fields))
    return out


def test_anki_imports_our_apkg_and_updates_on_reimport(run_cli, tmp_path, col):
    deck_dir = tmp_path / "decks"
    deck_dir.mkdir()
    f = deck_dir / "small.md"
    f.write_text(SMALL_DECK, encoding="utf-8")
    out = tmp_path / "small.apkg"
    _export(run_cli, tmp_path, out, deck_dir)
    log = _import_apkg(col, out)
    assert len(log.log.new) == 7
    assert col.note_count() == 7 and col.card_count() == 9  # cloze: 2 cards, reversed: 2 cards
    names = {v[0] for v in _notes(col).values()}
    assert names == {
        "Basic (genanki)",
        "Basic (and reversed card) (genanki)",
        "Basic (type in the answer) (genanki)",
        "Cloze (genanki)",
    }
    assert "Small deck" in {d.name for d in col.decks.all_names_and_ids()}
    cloze = next(v for v in _notes(col).values() if v[0] == "Cloze (genanki)")
    assert cloze[1][0] == "{{c1::Denosumab}} binds {{c2::RANKL::a protein}}."
    # Anki renders the cloze card the way we expect
    card = col.get_card(col.find_cards('"note:Cloze (genanki)" card:1')[0])
    assert "[...]" in card.question() and "RANKL" in card.question()

    # study in Anki, then edit the deck and export again: Anki updates the notes and keeps the review
    first = col.get_card(col.find_cards("Osteoblasts")[0])
    first.start_timer()
    col.sched.answerCard(first, 3)
    f.write_text(SMALL_DECK.replace("A: Osteoblasts", "A: Osteoblasts (bone-forming cells)"), encoding="utf-8")
    import time

    time.sleep(1.1)  # Anki updates notes that are newer, to the second
    _export(run_cli, tmp_path, out, deck_dir)
    log = _import_apkg(col, out)
    assert len(log.log.updated) >= 1 and len(log.log.new) == 0
    assert col.note_count() == 7 and col.card_count() == 9
    backs = [v[1][1] for v in _notes(col).values()]
    assert "Osteoblasts (bone-forming cells)" in backs
    assert col.get_card(first.id).reps == 1


def test_student_anki_copy_is_updated_not_duplicated(run_cli, tmp_path, col, fixtures):
    """Import a student's deck into quizapp, export it back: Anki recognises every note."""
    _import_apkg(col, fixtures / "current.apkg")
    before = col.note_count()
    home = tmp_path / "home"
    code, _, err = run_cli("--data-dir", str(home), "--no-bundled", "import", str(fixtures / "current.apkg"))
    assert code == 0, err
    out = tmp_path / "back.apkg"
    code, _, err = run_cli("--data-dir", str(home), "--no-bundled", "export", "-o", str(out))
    assert code == 0, err
    log = _import_apkg(col, out)
    assert len(log.log.new) == 0
    assert col.note_count() == before


def test_anki_imports_our_csv_unchanged(run_cli, tmp_path, col):
    from anki.collection import ImportCsvRequest

    deck_dir = tmp_path / "decks"
    deck_dir.mkdir()
    (deck_dir / "small.md").write_text(SMALL_DECK, encoding="utf-8")
    out = tmp_path / "small.csv"
    _export(run_cli, tmp_path, out, deck_dir)
    for _ in range(2):  # importing twice updates instead of duplicating
        meta = col.get_csv_metadata(str(out), None)
        assert meta.is_html and meta.guid_column == 1 and meta.notetype_column == 2 and meta.deck_column == 3
        col.import_csv(ImportCsvRequest(path=str(out), metadata=meta))
        assert col.note_count() == 7
    notes = _notes(col)
    kinds = sorted(v[0] for v in notes.values())
    assert kinds == ["Basic"] * 4 + ["Basic (and reversed card)", "Basic (type in the answer)", "Cloze"]
    assert col.card_count() == 9
