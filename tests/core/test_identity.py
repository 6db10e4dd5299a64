"""Card identity across edits: typo fixes, rewording, moves between files, removal and return."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.session import Session
from quizapp.store.db import Store
from quizapp.store.sync import sync_decks

HEAD = '+++\nid = "{id}"\ntitle = "{id}"\nlevel = "fundamentals"\n+++\n'

CARDS = {
    "a": "Q: Which cells build new bone tissue?\nA: Osteoblasts",
    "b": "Q: Which cells break down old bone tissue?\nA: Osteoclasts",
    "c": "C: Aromatase converts {{androgens}} into estrogen.",
}


def deck(deck_id: str, *cards: str) -> str:
    return HEAD.format(id=deck_id) + "\n---\n".join(cards) + "\n"


@pytest.fixture
def env(tmp_path: Path):
    d = tmp_path / "decks"
    d.mkdir()
    store = Store(tmp_path / "q.db")
    yield store, d
    store.close()


def sync(store: Store, d: Path):
    return sync_decks(store, [d])


def ids_by_front(store: Store) -> dict[str, str]:
    return {f: i for i, f in store.execute("SELECT id, front FROM cards WHERE deck_id IS NOT NULL")}


def study_one(store: Store, card_id: str, clock) -> None:
    s = Session(store, clock=clock, fuzz=False)
    s.current = s._row(card_id)
    s.answer(3, 1000)


def reviews(store: Store, card_id: str) -> int:
    return store.execute("SELECT count(*) FROM review_log WHERE card_id=?", (card_id,)).fetchone()[0]


def write(path: Path, text: str) -> None:
    path.write_text(text)


def test_typo_fix_keeps_history(env, clock):
    store, d = env
    write(d / "x.md", deck("x", CARDS["a"], CARDS["b"]))
    sync(store, d)
    cid = ids_by_front(store)["Which cells build new bone tissue?"]
    study_one(store, cid, clock)
    write(d / "x.md", deck("x", CARDS["a"].replace("tissue", "tisue"), CARDS["b"]))
    rep = sync(store, d)
    assert rep.updated == 1 and rep.added == 0 and rep.removed == 0
    assert ids_by_front(store)["Which cells build new bone tisue?"] == cid
    assert reviews(store, cid) == 1


def test_rewording_keeps_history(env, clock):
    store, d = env
    write(d / "x.md", deck("x", CARDS["a"], CARDS["b"]))
    sync(store, d)
    cid = ids_by_front(store)["Which cells break down old bone tissue?"]
    study_one(store, cid, clock)
    reworded = "Q: Which cells break down the old bone tissue?\nA: The osteoclasts"
    write(d / "x.md", deck("x", CARDS["a"], reworded))
    sync(store, d)
    assert ids_by_front(store)["Which cells break down the old bone tissue?"] == cid
    state = store.execute("SELECT reps FROM card_state WHERE card_id=?", (cid,)).fetchone()[0]
    assert state == 1


def test_unrelated_new_card_gets_new_id(env):
    store, d = env
    write(d / "x.md", deck("x", CARDS["a"]))
    sync(store, d)
    old = ids_by_front(store)["Which cells build new bone tissue?"]
    write(d / "x.md", deck("x", "Q: What does denosumab bind?\nA: RANKL"))
    sync(store, d)
    assert ids_by_front(store)["What does denosumab bind?"] != old


def test_move_to_another_file_keeps_history(env, clock):
    store, d = env
    write(d / "x.md", deck("x", CARDS["a"], CARDS["b"]))
    write(d / "y.md", deck("y", CARDS["c"]))
    sync(store, d)
    cid = ids_by_front(store)["Which cells build new bone tissue?"]
    study_one(store, cid, clock)
    write(d / "x.md", deck("x", CARDS["b"]))
    write(d / "y.md", deck("y", CARDS["c"], CARDS["a"]))
    sync(store, d)
    row = store.execute(
        "SELECT id, deck_id FROM cards WHERE front=?", ("Which cells build new bone tissue?",)
    ).fetchone()
    assert row == (cid, "y")
    assert store.execute("SELECT deck_id FROM card_state WHERE card_id=?", (cid,)).fetchone()[0] == "y"
    assert reviews(store, cid) == 1


def test_move_with_explicit_id_and_edit(env, clock):
    store, d = env
    write(d / "x.md", deck("x", CARDS["a"] + "\nID: build", CARDS["b"]))
    write(d / "y.md", deck("y", CARDS["c"]))
    sync(store, d)
    study_one(store, "build", clock)
    write(d / "x.md", deck("x", CARDS["b"]))
    write(d / "y.md", deck("y", CARDS["c"], "Q: Completely different words\nA: Other\nID: build"))
    sync(store, d)
    assert store.execute("SELECT deck_id, front FROM cards WHERE id='build'").fetchone() == (
        "y",
        "Completely different words",
    )
    assert reviews(store, "build") == 1


def test_removed_card_keeps_history_and_returns(env, clock):
    store, d = env
    write(d / "x.md", deck("x", CARDS["a"], CARDS["b"]))
    sync(store, d)
    cid = ids_by_front(store)["Which cells build new bone tissue?"]
    study_one(store, cid, clock)
    write(d / "x.md", deck("x", CARDS["b"]))
    rep = sync(store, d)
    assert rep.removed == 1
    assert store.execute("SELECT deck_id FROM cards WHERE id=?", (cid,)).fetchone()[0] is None
    assert store.execute("SELECT deck_id, reps FROM card_state WHERE card_id=?", (cid,)).fetchone() == (None, 1)
    s = Session(store, clock=clock, fuzz=False)
    served = set()
    while (row := s.next_card()) is not None and row.card_id not in served:
        served.add(row.card_id)
        s.answer(4)
    assert cid not in served  # removed cards are not studied
    write(d / "x.md", deck("x", CARDS["b"], CARDS["a"]))
    rep = sync(store, d)
    assert rep.added == 1
    assert ids_by_front(store)["Which cells build new bone tissue?"] == cid
    assert store.execute("SELECT deck_id, reps FROM card_state WHERE card_id=?", (cid,)).fetchone() == ("x", 1)


def test_removed_card_returns_with_a_typo_fix(env, clock):
    store, d = env
    write(d / "x.md", deck("x", CARDS["a"], CARDS["b"]))
    sync(store, d)
    cid = ids_by_front(store)["Which cells build new bone tissue?"]
    write(d / "x.md", deck("x", CARDS["b"]))
    sync(store, d)
    write(d / "x.md", deck("x", CARDS["b"], CARDS["a"].replace("Osteoblasts", "Osteoblasts.")))
    sync(store, d)
    assert ids_by_front(store)["Which cells build new bone tissue?"] == cid


def test_deleted_file_keeps_history(env, clock):
    store, d = env
    write(d / "x.md", deck("x", CARDS["a"]))
    sync(store, d)
    cid = ids_by_front(store)["Which cells build new bone tissue?"]
    study_one(store, cid, clock)
    (d / "x.md").unlink()
    rep = sync(store, d)
    assert rep.removed == 1 and store.decks() == []
    write(d / "x.md", deck("x", CARDS["a"]))
    sync(store, d)
    assert ids_by_front(store)["Which cells build new bone tissue?"] == cid
    assert reviews(store, cid) == 1


def test_cloze_edit_keeps_sibling_ids(env):
    store, d = env
    write(d / "x.md", deck("x", "C: {{Denosumab}} binds {{RANKL}} on cells."))
    sync(store, d)
    before = sorted(i for (i,) in store.execute("SELECT id FROM cards"))
    write(d / "x.md", deck("x", "C: {{Denosumab}} binds {{RANKL}} on the cells."))
    sync(store, d)
    after = sorted(i for (i,) in store.execute("SELECT id FROM cards WHERE deck_id IS NOT NULL"))
    assert before == after and len(after) == 2


def test_unchanged_sync_does_nothing_and_broken_deck_is_skipped(env):
    store, d = env
    write(d / "x.md", deck("x", CARDS["a"]))
    write(d / "y.md", deck("y", CARDS["b"]))
    assert sync(store, d).added == 2
    rep = sync(store, d)
    assert (rep.parsed, rep.added, rep.updated, rep.removed) == (0, 0, 0, 0)
    write(d / "y.md", deck("y", "Q: broken\n"))
    rep = sync(store, d)
    assert rep.errors == [f"{(d / 'y.md').resolve()}:6: card has no answer ('A:')"]
    # The broken deck keeps its last good cards; the other deck is untouched.
    assert sorted(x["id"] for x in store.decks()) == ["x", "y"]
    assert len(ids_by_front(store)) == 2
    # The error is still reported on the next start, without re-parsing.
    rep = sync(store, d)
    assert rep.parsed == 0 and len(rep.errors) == 1


def test_duplicate_explicit_id_in_new_file_is_refused(env):
    store, d = env
    write(d / "x.md", deck("x", CARDS["a"] + "\nID: same"))
    sync(store, d)
    write(d / "y.md", deck("y", CARDS["b"] + "\nID: same"))
    rep = sync(store, d)
    assert len(rep.errors) == 1 and "duplicate id 'same'" in rep.errors[0]
    assert store.execute("SELECT deck_id FROM cards WHERE id='same'").fetchone()[0] == "x"


def test_duplicate_ids_within_one_first_sync(env):
    """The first load streams file by file; duplicates across new files are still caught."""
    store, d = env
    write(d / "a.md", deck("a", CARDS["a"] + "\nID: same"))
    write(d / "b.md", deck("b", CARDS["b"] + "\nID: same"))
    write(d / "c.md", deck("a", CARDS["c"]))
    rep = sync(store, d)
    assert sorted(e.split(": ", 1)[1] for e in rep.errors) == [
        f"duplicate deck id 'a' (also in {(d / 'a.md').resolve()})",
        f"duplicate id 'same' (first used at {(d / 'a.md').resolve()}:6)",
    ]
    assert store.execute("SELECT deck_id FROM cards WHERE id='same'").fetchone()[0] == "a"
    assert [x["id"] for x in store.decks()] == ["a"]
