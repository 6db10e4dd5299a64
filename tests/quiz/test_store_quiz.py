"""Quiz and the progress store: candidates, the review log (mode 'quiz'), the schedule, and 'study missed'."""

from __future__ import annotations

import json

from quizapp.quiz.load import load_pool, make_quiz, scope_title
from quizapp.quiz.record import StoreRecorder
from quizapp.quiz.runner import QuizRun
from quizapp.quiz.spec import QuizSpec
from quizapp.session import Session
from quizapp.store.quiz import queue_now, quiz_cards, schedules
from tests.quiz.conftest import right_response, wrong_response


def study_some(store, clock, n=6):
    """Review a few cards so that some have a real schedule."""
    s = Session(store, clock=clock, fuzz=False)
    for _ in range(n):
        if s.next_card() is None:
            break
        s.answer(3)
    clock.advance(days=3)


def take_quiz(store, clock, *, count, n=12, seed=3, right_every=2):
    questions, _seed = make_quiz(store, QuizSpec(n=n, seed=seed, count=count))
    recorder = StoreRecorder(store, count=count, clock=clock, fuzz=False)
    run = QuizRun(questions, recorder=recorder, clock=lambda: 0.0)
    for i, q in enumerate(questions):
        run.answer(right_response(q) if i % right_every == 0 else wrong_response(q))
        run.advance()
    return run.results(), recorder


def test_candidates_skip_suspended_and_include_topic_neighbours(quiz_store):
    store = quiz_store
    ids = {d["id"] for d in quiz_cards(store.conn, store.profile_id)}
    assert {"d-deno", "x-statin", "g-arth:r"} <= ids
    store.conn.execute("UPDATE card_state SET queue=-1 WHERE card_id='d-deno'")
    ids = {d["id"] for d in quiz_cards(store.conn, store.profile_id, ("bone",))}
    assert "d-deno" not in ids and "x-statin" not in ids
    pool = load_pool(store, ("bone",))
    assert pool.by_id["c-break"].topic == "Bone"
    assert scope_title(store, ("bone",)) == "Bone drugs and cells" and scope_title(store, None) == "All decks"


def test_quiz_mode_leaves_every_schedule_alone(quiz_store, clock):
    store = quiz_store
    study_some(store, clock)
    before = schedules(store.conn, store.profile_id)
    assert any(v[1] != 0 for v in before.values())  # some cards have been studied
    results, rec = take_quiz(store, clock, count=False)
    assert schedules(store.conn, store.profile_id) == before
    rows = store.conn.execute("SELECT mode, rating, prev FROM review_log WHERE mode='quiz'").fetchall()
    assert len(rows) == rec.logged > 0
    assert {r[1] for r in rows} == {1, 3} and all(r[2] is None for r in rows)
    assert results.missed_card_ids
    # the study queue's daily limits only count study reviews
    assert Session(store, clock=clock, fuzz=False).counts().new > 0


def test_count_mode_reschedules_through_the_scheduler(quiz_store, clock):
    store = quiz_store
    before = schedules(store.conn, store.profile_id)
    _results, rec = take_quiz(store, clock, count=True)
    after = schedules(store.conn, store.profile_id)
    logged = [r[0] for r in store.conn.execute("SELECT card_id FROM review_log WHERE mode='quiz'")]
    assert len(logged) == rec.logged > 0
    for cid in logged:
        assert after[cid] != before[cid]
        assert after[cid][5] >= 1  # reps
    untouched = set(before) - set(logged)
    assert all(after[c] == before[c] for c in untouched)
    prev = store.conn.execute("SELECT prev FROM review_log WHERE mode='quiz' LIMIT 1").fetchone()[0]
    assert json.loads(prev)  # the exact state before, as a study review keeps for undo


def test_study_missed_puts_cards_in_todays_queue(quiz_store, clock):
    store = quiz_store
    study_some(store, clock, n=8)
    reviewed = [r[0] for r in store.conn.execute("SELECT card_id FROM card_state WHERE reps > 0 ORDER BY card_id")]
    new = [r[0] for r in store.conn.execute("SELECT card_id FROM card_state WHERE reps = 0 ORDER BY card_id DESC")]
    store.conn.execute("UPDATE card_state SET queue=-1 WHERE card_id=?", (new[1],))
    missed = [reviewed[0], new[0], new[1]]
    before_due = Session(store, clock=clock, fuzz=False).counts()
    now = int(clock().timestamp())
    rep = queue_now(store.conn, store.profile_id, missed, now)
    assert (rep.due_now, rep.new_first, rep.suspended, rep.queued) == (1, 1, 1, 2)
    s = schedules(store.conn, store.profile_id, missed)
    assert s[reviewed[0]][2] <= now  # due now
    assert s[new[1]][0] == -1  # suspended stays suspended
    session = Session(store, clock=clock, fuzz=False)
    after = session.counts()
    assert after.learning + after.review >= before_due.learning + before_due.review
    first = session.next_card()
    assert first.card_id == reviewed[0]
    # the new card is first in the new queue
    row = store.conn.execute(
        "SELECT card_id FROM card_state WHERE profile_id=? AND queue=0 ORDER BY due LIMIT 1", (store.profile_id,)
    ).fetchone()
    assert row[0] == new[0]


def test_recorder_sends_missed_cards(quiz_store, clock):
    results, rec = take_quiz(quiz_store, clock, count=False, right_every=3)
    rep = rec.send_to_study(results.missed_card_ids)
    assert rep.queued == len(results.missed_card_ids)
