"""Fixtures for the statistics tests: a hand-built review log with answers worked out by hand."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from quizapp.days import day_start

DAY = timedelta(days=1)


def add_review(
    store,
    card_id: str,
    when: datetime,
    rating: int,
    *,
    state_before: int = 2,
    mode: str = "review",
    duration_ms: int = 1000,
) -> None:
    with store.tx():
        store.conn.execute(
            "INSERT INTO review_log(profile_id, card_id, time, rating, duration_ms, mode, state_before)"
            " VALUES (?,?,?,?,?,?,?)",
            (store.profile_id, card_id, int(when.timestamp() * 1000), rating, duration_ms, mode, state_before),
        )


def set_state(store, card_id: str, **cols) -> None:
    sets = ", ".join(f"{k}=?" for k in cols)
    with store.tx():
        store.conn.execute(
            f"UPDATE card_state SET {sets} WHERE profile_id=? AND card_id=?",
            [*cols.values(), store.profile_id, card_id],
        )


@pytest.fixture
def seeded(small_store, clock):
    """small_store with a known history. Today (study day from 4 am) and the days before it:

    today      : q-build Good, q-break Again (both review state)            -> retention 1/2
    yesterday  : 4 review-state answers Good, Good, Again, Easy; a quiz Again; a learning Again -> 3/4, 6 answers
    2 days ago : one review Good
    4 days ago : one review Good (so the streak is 3: today, yesterday, 2 days ago)
    Card states: q-build review S=10 reviewed 10 days ago (R = 0.9 exactly), q-break review S=5 reviewed 20 days
    23 h ago (whole days: 20), mc suspended, ty buried, rv learning; the rest new.
    Due: q-break overdue, rv later today, q-build tomorrow, mc (suspended) tomorrow -> not counted.
    """
    store = small_store
    now = clock.now
    today = day_start(now, store.settings().day_start_hour)
    add_review(store, "q-build", today + timedelta(hours=1), 3, duration_ms=4000)
    add_review(store, "q-break", today + timedelta(hours=2), 1, duration_ms=6000)
    y = today - DAY
    for i, r in enumerate((3, 3, 1, 4)):
        add_review(store, "cz:c1", y + timedelta(hours=1, minutes=i), r)
    add_review(store, "mc", y + timedelta(hours=3), 1, mode="quiz")
    add_review(store, "rv", y + timedelta(hours=4), 1, state_before=1)
    add_review(store, "ord", today - 2 * DAY + timedelta(hours=5), 3)
    add_review(store, "ord", today - 4 * DAY + timedelta(hours=5), 3)
    ts = int(now.timestamp())
    set_state(
        store,
        "q-build",
        queue=2,
        state=2,
        stability=10.0,
        difficulty=5.0,
        last_review=ts - 10 * 86400,
        due=int((today + DAY + timedelta(hours=6)).timestamp()),
        reps=3,
    )
    last = ts - 20 * 86400 - 23 * 3600
    set_state(
        store, "q-break", queue=2, state=2, stability=5.0, difficulty=6.0, last_review=last, due=ts - 3 * 86400, reps=2
    )
    set_state(
        store,
        "mc",
        queue=-1,
        state=2,
        stability=3.0,
        difficulty=5.0,
        last_review=ts - 86400,
        due=int((today + DAY + timedelta(hours=1)).timestamp()),
    )
    set_state(store, "ty", queue=-2, state=0, buried_until=ts + 3600)
    set_state(
        store,
        "rv",
        queue=1,
        state=1,
        step=0,
        stability=0.5,
        difficulty=7.0,
        last_review=ts - 600,
        due=int((today + timedelta(hours=20)).timestamp()),
    )
    return store
