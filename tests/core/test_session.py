"""Scheduler wiring and the study session: order, limits, day boundary, undo, bury, suspend, flags, leeches."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Card, Rating, Scheduler, State

from quizapp.scheduler import SchedState, answer, fmt_interval, is_leech, make_scheduler, preview
from quizapp.session import Session
from quizapp.settings import Settings
from quizapp.store.db import Store
from quizapp.store.sync import sync_decks


def many_cards(n: int) -> str:
    head = '+++\nid = "many"\ntitle = "Many"\nlevel = "academic"\n+++\n'
    return head + "\n---\n".join(f"Q: question {i}\nA: answer {i}" for i in range(n)) + "\n"


def make_store(tmp_path, write_deck, n=30, settings: Settings | None = None) -> Store:
    write_deck("many.md", many_cards(n))
    store = Store(tmp_path / "q.db")
    if settings:
        store.save_settings(settings)
    sync_decks(store, [tmp_path / "decks"])
    return store


def test_wrapper_matches_fsrs_directly(clock):
    sched = make_scheduler(Settings(), fuzz=False)
    ref = Scheduler(enable_fuzzing=False)
    ours = SchedState()
    theirs = Card(card_id=1)
    for rating in (3, 3, 1, 3, 4, 2):
        now = clock()
        ours = answer(sched, ours, rating, now)
        theirs, _ = ref.review_card(theirs, Rating(rating), now)
        assert ours.state == int(theirs.state)
        assert ours.due == int(theirs.due.timestamp())
        assert ours.stability == theirs.stability and ours.difficulty == theirs.difficulty
        clock.now = theirs.due
    assert ours.reps == 6 and ours.lapses == 1


def test_preview_intervals_for_new_card(clock):
    iv = preview(make_scheduler(Settings(), fuzz=False), SchedState(), clock())
    assert [fmt_interval(iv[r]) for r in (1, 2, 3)] == ["1m", "6m", "10m"]
    assert iv[4] >= timedelta(days=1)


def test_leech_rule():
    b = SchedState(state=2, lapses=7)
    assert is_leech(b, SchedState(state=3, lapses=8))
    assert not is_leech(SchedState(lapses=8), SchedState(lapses=9))
    assert is_leech(SchedState(lapses=11), SchedState(lapses=12))
    assert not is_leech(SchedState(lapses=8), SchedState(lapses=8))


def test_new_limit_and_order(tmp_path, write_deck, clock):
    store = make_store(tmp_path, write_deck, settings=Settings(new_per_day=5))
    s = Session(store, clock=clock, fuzz=False)
    assert s.counts().new == 5
    seen = []
    for _ in range(5):
        s.next_card()
        seen.append(s.content()["front"])
        s.answer(4)
    assert seen == [f"question {i}" for i in range(5)]  # deck order
    assert s.next_card() is None
    # A new session the same day respects what was already studied.
    assert Session(store, clock=clock, fuzz=False).counts().new == 0


def test_learning_first_then_reviews_then_new(tmp_path, write_deck, clock):
    store = make_store(tmp_path, write_deck, n=6)
    s = Session(store, clock=clock, fuzz=False)
    s.next_card()
    first = s.current.card_id
    s.answer(1)  # learning, due in 1 minute
    s.next_card()
    s.answer(4)  # review in days
    clock.advance(minutes=2)
    assert s.next_card().card_id == first  # due learning card comes first
    assert s.current.queue == 1


def test_learning_cards_from_another_session_are_seen_within_a_minute(tmp_path, write_deck, clock):
    """A session remembers when its first learning card is due and skips that query until then."""
    store = make_store(tmp_path, write_deck, n=6)
    a = Session(store, clock=clock, fuzz=False)
    b = Session(store, clock=clock, fuzz=False)
    assert a.next_card().queue == 0  # no learning cards yet: a now knows that
    b.next_card()
    other = b.current.card_id
    b.answer(1)  # b's card is in learning, due in a minute
    clock.advance(seconds=61)
    assert a.next_card().card_id == other  # a asks again after a minute, and sees it
    a.answer(3)
    clock.advance(minutes=30)
    row = a.next_card()
    assert row.card_id == other and row.queue == 1  # its own learning card comes back first when due


def test_undo_forgets_when_learning_is_due(tmp_path, write_deck, clock):
    store = make_store(tmp_path, write_deck, n=3)
    s = Session(store, clock=clock, fuzz=False)
    s.next_card()
    first = s.current.card_id
    s.answer(1)
    s.next_card()
    s.undo()  # back on the first card, as new
    assert s.current.card_id == first and s.current.queue == 0
    s.answer(4)
    clock.advance(minutes=5)
    assert s.next_card().queue == 0  # nothing in learning any more


def test_learn_ahead_when_nothing_else(tmp_path, write_deck, clock):
    store = make_store(tmp_path, write_deck, n=1)
    s = Session(store, clock=clock, fuzz=False)
    s.next_card()
    s.answer(3)  # learning step of 10 minutes
    assert s.next_card() is not None  # within the 20-minute learn-ahead window
    s.answer(4)
    assert s.next_card() is None
    summary = s.finish()
    assert summary.studied == 2 and summary.correct == 2 and summary.next_due is not None


def test_review_limit_and_day_boundary(tmp_path, write_deck, clock):
    store = make_store(tmp_path, write_deck, n=10, settings=Settings(new_per_day=10, reviews_per_day=3))
    clock.now = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    s = Session(store, clock=clock, fuzz=False)
    while s.next_card():
        s.answer(4)
    clock.advance(days=60)
    s2 = Session(store, clock=clock, fuzz=False)
    assert s2.counts().review == 3
    for _ in range(3):
        s2.next_card()
        s2.answer(3)
    assert s2.next_card() is None


def test_day_starts_at_configured_hour(tmp_path, write_deck, clock, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    import time

    time.tzset()
    try:
        store = make_store(tmp_path, write_deck, n=10, settings=Settings(new_per_day=2, day_start_hour=4))
        clock.now = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)  # 3 am: still "yesterday"
        s = Session(store, clock=clock, fuzz=False)
        for _ in range(2):
            s.next_card()
            s.answer(4)
        assert s.next_card() is None
        clock.now = datetime(2026, 3, 2, 3, 59, tzinfo=UTC)
        assert Session(store, clock=clock, fuzz=False).counts().new == 0
        clock.now = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)  # the new day
        assert Session(store, clock=clock, fuzz=False).counts().new == 2
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_answer_is_committed_before_next_card(tmp_path, write_deck, clock):
    store = make_store(tmp_path, write_deck, n=3)
    s = Session(store, clock=clock, fuzz=False)
    s.next_card()
    s.answer(3, 1234)
    other = Store(tmp_path / "q.db")  # another connection sees it immediately
    row = other.execute("SELECT rating, duration_ms, mode, state_before FROM review_log").fetchall()
    assert row == [(3, 1234, "review", 0)]
    other.close()


def test_undo_restores_exact_state_several_steps(tmp_path, write_deck, clock):
    store = make_store(tmp_path, write_deck, n=30)
    s = Session(store, clock=clock, fuzz=False)
    snap = store.execute("SELECT * FROM card_state ORDER BY card_id").fetchall()
    for r in (3, 1, 4):
        s.next_card()
        s.answer(r)
        clock.advance(seconds=5)
    assert s.counts().new == 17
    for _ in range(3):
        assert s.undo() is not None
    assert s.undo() is None
    assert store.execute("SELECT * FROM card_state ORDER BY card_id").fetchall() == snap
    assert store.execute("SELECT count(*) FROM review_log").fetchone()[0] == 0
    assert s.counts().new == 20 and s.summary.studied == 0


def test_bury_suspend_flag_and_undo(tmp_path, write_deck, clock):
    store = make_store(tmp_path, write_deck, n=3)
    s = Session(store, clock=clock, fuzz=False)
    a = s.next_card().card_id
    s.bury()
    b = s.next_card().card_id
    s.suspend()
    c = s.next_card().card_id
    assert len({a, b, c}) == 3
    assert s.toggle_flag() == 1 and s.toggle_flag() == 0
    s.toggle_flag()
    s.answer(4)
    assert s.next_card() is None
    q = dict(store.execute("SELECT card_id, queue FROM card_state"))
    assert q[a] == -2 and q[b] == -1
    # Buried cards return the next day; suspended ones don't.
    clock.advance(days=1)
    s2 = Session(store, clock=clock, fuzz=False)
    assert s2.next_card().card_id == a
    # undo a suspend
    s3 = Session(store, clock=clock, fuzz=False)
    s3.current = s3._row(a)
    s3.suspend()
    assert s3.undo() == a
    assert store.execute("SELECT queue FROM card_state WHERE card_id=?", (a,)).fetchone()[0] == 0


@pytest.mark.parametrize("show", [False, True], ids=["blind", "shown"])
def test_siblings_are_buried_for_the_day(small_store, clock, show):
    """Also when the card was shown first (its content tells single-card notes apart and skips the lookup)."""
    s = Session(small_store, clock=clock, fuzz=False)
    seen = []
    while (row := s.next_card()) is not None:
        seen.append(row.card_id)
        if show:
            assert s.content()["id"] == row.card_id
        s.answer(4)
    assert "cz:c1" in seen and "cz:c2" not in seen
    assert "rv" in seen and "rv:r" not in seen
    s.undo()  # undoing an answer un-buries the sibling it buried
    clock.advance(days=1)
    s2 = Session(small_store, clock=clock, fuzz=False)
    left = []
    while (row := s2.next_card()) is not None:
        left.append(row.card_id)
        s2.answer(4)
    assert "cz:c2" in left and "rv:r" in left


def test_leech_is_tagged_and_suspended(tmp_path, write_deck, clock):
    store = make_store(tmp_path, write_deck, n=1)
    s = Session(store, clock=clock, fuzz=False)
    s.next_card()
    s.answer(4)
    lapses = 0
    while lapses < 8:
        clock.now = datetime.fromtimestamp(s._row(s._undo[-1].card_id).sched.due + 1, UTC)
        row = s.next_card()
        assert row is not None
        if row.queue == 2:
            s.answer(1)
            lapses += 1
        else:
            s.answer(4)
    st = store.execute("SELECT queue, lapses, leech FROM card_state").fetchone()
    assert st == (-1, 8, 1)


def test_filter_by_deck_and_level(small_store, clock, write_deck, tmp_path):
    write_deck("other.md", '+++\nid = "other"\ntitle = "O"\nlevel = "academic"\n+++\nQ: x\nA: y\n')
    sync_decks(small_store, [tmp_path / "decks"])
    s = Session(small_store, deck_ids=("other",), clock=clock)
    assert s.counts().new == 1
    s = Session(small_store, levels=("academic",), clock=clock)
    assert s.next_card().card_id.startswith("~")
    s = Session(small_store, levels=("intermediate",), clock=clock)
    assert s.next_card() is None


def test_deck_overrides_limits(tmp_path, write_deck, clock):
    head = '+++\nid = "lim"\ntitle = "L"\nlevel = "academic"\n[settings]\nnew_per_day = 2\n+++\n'
    write_deck("lim.md", head + "\n---\n".join(f"Q: q{i}\nA: a{i}" for i in range(5)))
    write_deck("many.md", many_cards(5))
    store = Store(tmp_path / "q.db")
    sync_decks(store, [tmp_path / "decks"])
    s = Session(store, clock=clock, fuzz=False)
    decks = []
    while (row := s.next_card()) is not None:
        decks.append(row.deck_id)
        s.answer(4)
    assert decks.count("lim") == 2 and decks.count("many") == 5


def test_state_values():
    assert int(State.Learning) == 1 and int(State.Review) == 2 and int(State.Relearning) == 3


def test_next_card_reads_the_card_text_with_it_once(small_store, clock):
    """The text comes with the next card (one query less per answer); a later content() reads it afresh."""
    from quizapp.store.study import card_content

    s = Session(small_store, clock=clock, fuzz=False)
    row = s.next_card()
    assert row.content is not None
    assert s.content() == card_content(small_store.conn, row.card_id)
    small_store.execute("UPDATE cards SET front='Edited' WHERE id=?", (row.card_id,))
    assert s.content()["front"] == "Edited"  # not the text read with the row
