"""Importing the real Anki fixtures: deck files that pass check, media, subdecks, tags, ids, re-import, history."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.collection import Config
from quizapp.deck.checker import check_paths
from quizapp.deck.parser import parse_file
from quizapp.interop.import_ import run_import

DECK_FILES = {"anki-anatomy.md", "anki-pharmacology.md", "anki-pharmacology--bone-drugs.md"}


def _cfg(home: Path) -> Config:
    return Config(data_dir=home, bundled=False)


def _notes(folder: Path) -> dict[str, object]:
    out = {}
    for f in sorted(folder.glob("*.md")):
        for n in parse_file(f).notes:
            out[n.explicit_id] = n
    return out


@pytest.mark.parametrize("name", ["current.apkg", "legacy.apkg", "collection.colpkg"])
def test_import_fixture(fixtures, home, name):
    res = run_import(_cfg(home), fixtures / name)
    decks = home / "decks"
    assert {p.name for p in res.files} == DECK_FILES
    assert {p.name for p in decks.iterdir()} == DECK_FILES | {"anki-pharmacology--bone-drugs_media"}
    parsed, problems = check_paths([decks])
    assert problems == [] and all(pd.ok for pd in parsed)
    assert (res.notes, res.cards, res.media) == (9, 13, 1)
    assert res.warnings == [
        "note type 'Vocab (custom)' is not a standard Anki type: its notes became basic cards from the first two"
        " fields (Term, Meaning)"
    ]
    by_front = {(n.front or n.text): n for n in _notes(decks).values()}
    assert by_front["What do **osteoblasts** do?"].back == "Build new bone\n\nand lay down matrix & mineral"
    assert by_front["What do **osteoblasts** do?"].tags == ["bone::remodeling", "cells"]
    assert by_front["Osteoclast"].type == "reversed"
    assert by_front["RANKL"].type == "reversed" and by_front["OPG"].type == "basic"
    typed = by_front["Which enzyme turns testosterone into estradiol?"]
    assert (typed.type, typed.back, typed.tags) == ("typed", "Aromatase", ["enzymes"])
    cloze = next(n for n in by_front.values() if n.type == "cloze")
    assert [c.hints for c in cloze.cards("x")] == [["drug"], [], ["interval"]]
    assert cloze.explanation == "Given as a subcutaneous injection"
    assert by_front["Trabecular bone"].back == "Spongy inner bone"
    scan = by_front["Which scan is this?\n\n![](anki-pharmacology--bone-drugs_media/bone_scan-ba20cb.png)"]
    assert scan.back == "A *DXA* scan"
    img = decks / "anki-pharmacology--bone-drugs_media" / "bone_scan-ba20cb.png"
    assert img.read_bytes().startswith(b"\x89PNG")
    meta = parse_file(decks / "anki-pharmacology--bone-drugs.md").meta
    assert (meta.title, meta.topic, meta.level) == ("Pharmacology::Bone drugs", "Pharmacology", "fundamentals")
    assert all(i.startswith("anki-") for i in _notes(decks))
    assert not list(decks.glob(".*")), "no staging folder left behind"


def test_current_and_legacy_give_the_same_decks(fixtures, tmp_path):
    a = run_import(_cfg(tmp_path / "a"), fixtures / "current.apkg")
    b = run_import(_cfg(tmp_path / "b"), fixtures / "legacy.apkg")
    for fa, fb in zip(sorted(a.files), sorted(b.files), strict=True):
        assert fa.read_text().replace("current.apkg", "X") == fb.read_text().replace("legacy.apkg", "X")


def test_reimport_updates_in_place_and_keeps_progress(fixtures, home, run_cli):
    from quizapp.store.db import Store

    args = ("--data-dir", str(home), "--no-bundled")
    code, out, _ = run_cli(*args, "import", str(fixtures / "current.apkg"), "--with-history")
    assert code == 0 and "history: 36 review(s) for 6 card(s), 1 suspended" in out
    before = {p.name: p.read_text() for p in (home / "decks").glob("*.md")}
    # edit one card in the deck file, as a user might; re-importing restores Anki's text under the same id
    f = home / "decks" / "anki-anatomy.md"
    f.write_text(f.read_text().replace("Spongy inner bone", "Spongy bone (edited)"))
    code, out, _ = run_cli(*args, "import", str(fixtures / "current.apkg"), "--with-history")
    assert code == 0
    after = {p.name: p.read_text() for p in (home / "decks").glob("*.md")}
    assert after == before
    store = Store(home / "quizapp.db")
    try:
        from quizapp.store.sync import sync_decks

        sync_decks(store, [home / "decks"])
        n_cards = store.execute("SELECT count(*) FROM cards WHERE deck_id IS NOT NULL").fetchone()[0]
        n_logs = store.execute("SELECT count(*) FROM review_log WHERE mode='import'").fetchone()[0]
        reviewed = store.execute("SELECT count(*) FROM card_state WHERE reps>0").fetchone()[0]
        suspended = store.execute("SELECT count(*) FROM card_state WHERE queue=-1").fetchone()[0]
    finally:
        store.close()
    assert (n_cards, n_logs, reviewed, suspended) == (13, 36, 6, 1)


def test_reimport_keeps_study_progress_without_history(fixtures, home, clock):
    from quizapp.session import Session
    from quizapp.store.db import Store
    from quizapp.store.sync import sync_decks

    run_import(_cfg(home), fixtures / "legacy.apkg")
    store = Store(home / "quizapp.db")
    sync_decks(store, [home / "decks"])
    s = Session(store, clock=clock, fuzz=False)
    row = s.next_card()
    s.answer(3, 1000)
    store.close()
    run_import(_cfg(home), fixtures / "legacy.apkg")
    store = Store(home / "quizapp.db")
    try:
        rep = sync_decks(store, [home / "decks"])
        assert rep.errors == []
        reps = store.execute("SELECT reps FROM card_state WHERE card_id=?", (row.card_id,)).fetchone()[0]
        assert reps == 1
        assert store.execute("SELECT count(*) FROM cards WHERE deck_id IS NOT NULL").fetchone()[0] == 13
    finally:
        store.close()


def test_note_moved_to_another_deck(tmp_path, home):
    from tests.interop.conftest import legacy_package

    cfg = _cfg(home)
    first = legacy_package(tmp_path / "Built.apkg", notes=[("g1", "one", "1"), ("g2", "two", "2")])
    run_import(cfg, first)
    # the same notes, now in a deck with another name: the old imported deck file loses them
    import genanki

    deck = genanki.Deck(99, "Renamed")
    for guid, f, b in (("g1", "one", "1"), ("g2", "two", "2")):
        deck.add_note(genanki.Note(model=genanki.BASIC_MODEL, fields=[f, b], guid=guid))
    second = tmp_path / "second.apkg"
    genanki.Package(deck).write_to_file(str(second))
    res = run_import(cfg, second)
    assert res.removed_elsewhere == 1
    assert {p.name for p in (home / "decks").glob("*.md")} == {"anki-renamed.md"}
    assert check_paths([home / "decks"])[1] == []


def test_skipped_notes_are_reported(tmp_path, home):
    from tests.interop.conftest import legacy_package

    f = legacy_package(tmp_path / "p.apkg", notes=[("g1", "front", ""), ("g2", "ok", "fine")])
    res = run_import(_cfg(home), f)
    assert res.notes == 1
    assert res.warnings == ["skipped 1 note(s): empty back (anki-g1)"]


def test_existing_foreign_file_is_not_overwritten(fixtures, home):
    from quizapp.errors import UserError

    decks = home / "decks"
    decks.mkdir(parents=True)
    (decks / "anki-anatomy.md").write_text('+++\nid = "mine"\ntitle = "Mine"\n+++\nQ: q\nA: a\n')
    with pytest.raises(UserError, match="exists and holds another deck"):
        run_import(_cfg(home), fixtures / "current.apkg")
    assert {p.name for p in decks.iterdir()} == {"anki-anatomy.md"}


def test_failure_after_files_rolls_back(fixtures, home, monkeypatch):
    import quizapp.interop.history as history

    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(history, "import_history", boom)
    with pytest.raises(RuntimeError):
        run_import(_cfg(home), fixtures / "current.apkg", with_history=True)
    assert not (home / "decks").exists() or not any((home / "decks").iterdir())


def test_history_replay_matches_fsrs(fixtures, home):
    """The rebuilt state equals replaying the card's Anki ratings through the scheduler by hand."""
    from datetime import UTC, datetime

    from quizapp.interop.anki_col import Collection
    from quizapp.interop.apkg_read import open_package
    from quizapp.scheduler import SchedState, answer, make_scheduler
    from quizapp.settings import Settings
    from quizapp.store.db import Store

    res = run_import(_cfg(home), fixtures / "current.apkg", with_history=True)
    assert res.history.reviews == 36 and res.history.unmatched == 0
    with open_package(fixtures / "current.apkg") as pkg:
        col = Collection(pkg.conn, pkg.schema, "x")
        logs = col.revlog()
    store = Store(home / "quizapp.db")
    try:
        row = store.execute(
            "SELECT card_id, stability, difficulty, due, reps FROM card_state WHERE card_id LIKE '%:c2'"
        ).fetchone()
        times = [r[0] for r in store.execute("SELECT time FROM review_log WHERE card_id=? ORDER BY time", (row[0],))]
    finally:
        store.close()
    mine = [log for log in logs if log[0] in set(times)]
    sched = make_scheduler(Settings(), fuzz=False)
    s = SchedState()
    for t_ms, _cid, ease, _dur, _type in mine:
        s = answer(sched, s, ease, datetime.fromtimestamp(t_ms / 1000, UTC))
    assert (row[1], row[2], row[3], row[4]) == pytest.approx((s.stability, s.difficulty, s.due, s.reps))


def test_colliding_deck_names_and_odd_media_names(tmp_path, home):
    import genanki

    from tests.interop.make_fixtures import tiny_png

    (tmp_path / "图.png").write_bytes(tiny_png())
    a, b = genanki.Deck(1, "A B"), genanki.Deck(2, "A-B")
    a.add_note(genanki.Note(model=genanki.BASIC_MODEL, fields=['<img src="图.png">', "x"], guid="n1"))
    b.add_note(
        genanki.Note(
            model=genanki.BASIC_MODEL, fields=['<img src="https://example.org/p.png" alt="web">', "y"], guid="n2"
        )
    )
    f = tmp_path / "odd.apkg"
    genanki.Package([a, b], media_files=[str(tmp_path / "图.png")]).write_to_file(str(f))
    res = run_import(_cfg(home), f)
    names = {p.name for p in res.files}
    assert len(names) == 2 and "anki-a-b.md" in names
    assert next(iter(names - {"anki-a-b.md"})).startswith("anki-a-b-")
    notes = _notes(home / "decks")
    assert notes["anki-n1"].front == "![](anki-a-b_media/file-6804ed.png)"
    assert (home / "decks" / "anki-a-b_media" / "file-6804ed.png").exists()
    assert notes["anki-n2"].front == "![web](https://example.org/p.png)"
    assert check_paths([home / "decks"])[1] == []
