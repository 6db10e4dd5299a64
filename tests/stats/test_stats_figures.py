"""Statistics on a hand-built log: reviews per day, streak, retention, forecast, card states, time, mastery."""

from __future__ import annotations

import itertools
import json
import time
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Card, Scheduler, State

from quizapp.stats import compute_stats, day_starts, format_text, fsrs_curve
from tests.stats.conftest import add_review


def fsrs_r(stability: float, last_review_s: int, now: datetime, params=None) -> float:
    """Recall as py-fsrs computes it, for comparing with the SQL version."""
    sched = Scheduler(parameters=params) if params else Scheduler()
    card = Card(
        card_id=1,
        state=State.Review,
        stability=stability,
        difficulty=5.0,
        last_review=datetime.fromtimestamp(last_review_s, UTC),
        due=now,
    )
    return sched.get_card_retrievability(card, now)


def test_reviews_per_day_and_time(seeded, clock):
    s = compute_stats(seeded, clock.now)
    assert len(s.days) == 365 and s.days[-1].day == (s.days[-2].day + timedelta(days=1))
    assert [d.reviews for d in s.days[-5:]] == [1, 0, 1, 6, 2]
    assert s.today.reviews == 2 and s.reviews_in(30) == 10 and s.total_reviews == 10
    assert s.today.seconds == pytest.approx(10.0)
    assert s.seconds_in(7) == pytest.approx(10.0 + 8 * 1.0)
    assert s.study_days == 4


def test_streak_counts_back_from_today_or_yesterday(seeded, clock):
    assert compute_stats(seeded, clock.now).streak == 3
    # a day later with nothing studied yet today: the streak still stands (today may still come)
    assert compute_stats(seeded, clock.now + timedelta(days=1)).streak == 3
    # two days later: broken
    assert compute_stats(seeded, clock.now + timedelta(days=2)).streak == 0


def test_streak_longer_than_the_window(small_store, clock):
    starts = day_starts(clock.now, 4, 400, 0)
    for t in starts:
        add_review(small_store, "q-build", t + timedelta(hours=2), 3)
    assert compute_stats(small_store, clock.now).streak == 401


def test_true_retention_by_day_week_month(seeded, clock):
    s = compute_stats(seeded, clock.now)
    today = s.retention_in(1)
    assert (today.reviews, today.correct, today.rate) == (2, 1, 0.5)
    week = s.retention_in(7)
    assert (week.reviews, week.correct) == (8, 6)  # quiz and learning answers left out
    by_day = s.retention_by_day(3)
    assert [(r.reviews, r.correct) for r in by_day] == [(1, 1), (4, 3), (2, 1)]
    weeks = s.retention_by_week(2)
    assert [(r.reviews, r.correct) for r in weeks] == [(0, 0), (8, 6)] and weeks[0].rate is None
    months = s.retention_by_month()
    assert sum(r.reviews for r in months) == 8 and months[-1].label == s.today.day.strftime("%Y-%m")


def test_forecast_and_card_states(seeded, clock):
    s = compute_stats(seeded, clock.now)
    assert len(s.forecast) == 30
    assert s.forecast[:3] == [2, 1, 0]  # overdue q-break + learning rv today; q-build tomorrow; suspended mc never
    assert sum(s.forecast) == 3
    assert s.states == {"new": 4, "learning": 1, "review": 2, "relearning": 0, "suspended": 1, "buried": 1}


def test_forecast_leaves_out_cards_no_longer_in_a_deck(seeded, clock):
    with seeded.tx():
        seeded.conn.execute(
            "INSERT INTO card_state(profile_id, card_id, queue, state, due, stability, last_review)"
            " VALUES (?, 'gone', 2, 2, ?, 3.0, ?)",
            (seeded.profile_id, int(clock.now.timestamp()) + 86400, int(clock.now.timestamp())),
        )
    s = compute_stats(seeded, clock.now)
    assert sum(s.forecast) == 3 and sum(s.states.values()) == 9


def test_mastery_is_mean_retrievability_of_seen_cards(seeded, clock):
    s = compute_stats(seeded, clock.now)
    ts = int(clock.now.timestamp())
    r_build = fsrs_r(10.0, ts - 10 * 86400, clock.now)
    assert r_build == pytest.approx(0.9)
    r_break = fsrs_r(5.0, ts - 20 * 86400 - 23 * 3600, clock.now)  # 20 whole days, as py-fsrs counts
    r_mc = fsrs_r(3.0, ts - 86400, clock.now)
    expected = (r_build + r_break + r_mc + 1.0) / 4  # rv reviewed 10 minutes ago: 0 days, recall 1
    (topic,) = s.topics
    assert (topic.name, topic.cards, topic.seen) == ("Testing", 9, 4)
    assert topic.recall == pytest.approx(expected, abs=1e-9)
    assert topic.mastery == pytest.approx(expected * 4 / 9, abs=1e-9)
    assert topic.line() == f"Testing: {expected:.0%} recall, 4/9 cards seen"
    (deck,) = s.decks
    assert (deck.name, deck.key, deck.recall) == ("Small deck", "small", topic.recall)
    assert [m.key for m in s.levels] == ["fundamentals"]


def test_mastery_uses_the_profile_parameters(seeded, clock):
    from dataclasses import replace

    params = (
        0.3,
        1.5,
        3.0,
        10.0,
        6.0,
        0.8,
        3.0,
        0.01,
        1.8,
        0.17,
        0.8,
        1.5,
        0.06,
        0.26,
        1.6,
        0.6,
        1.9,
        0.5,
        0.1,
        0.07,
        0.4,
    )
    seeded.save_settings(replace(seeded.settings(), fsrs_params=params))
    s = compute_stats(seeded, clock.now)
    ts = int(clock.now.timestamp())
    rs = [
        fsrs_r(10.0, ts - 10 * 86400, clock.now, params),
        fsrs_r(5.0, ts - 20 * 86400 - 23 * 3600, clock.now, params),
        fsrs_r(3.0, ts - 86400, clock.now, params),
        1.0,
    ]
    assert s.topics[0].recall == pytest.approx(sum(rs) / 4, abs=1e-9)
    assert fsrs_curve(params)[1] == -0.4


def test_empty_profile(small_store, clock):
    s = compute_stats(small_store, clock.now)
    assert s.total_reviews == 0 and s.streak == 0 and s.first_review is None
    assert s.topics[0].recall is None and s.topics[0].line() == "Testing: no recall yet, 0/9 cards seen"
    text = format_text(s)
    assert "current streak 0 days" in text and "no recall" not in text


def test_text_and_json_outputs(seeded, clock):
    s = compute_stats(seeded, clock.now)
    text = format_text(s)
    assert "Reviews: today 2, last 30 days 10" in text
    assert "current streak 3 days" in text
    assert "new 4, learning 1, review 2, relearning 0, suspended 1, buried 1" in text
    assert "4/9 cards seen" in text
    d = json.loads(json.dumps(s.to_dict()))
    assert d["reviews"]["all_time"] == 10 and d["streak"] == 3
    assert d["retention"]["today"]["rate"] == 0.5 and d["forecast"][:2] == [2, 1]
    assert d["mastery"]["topics"][0]["seen"] == 4


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset")
def test_study_days_follow_local_daylight_saving(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        now = datetime(2026, 3, 30, 12, 0, tzinfo=UTC)  # the day after the spring change
        starts = day_starts(now, 4, 2, 1)  # 28, 29, 30 and 31 March, 4 am
        lengths = [(b - a).total_seconds() / 3600 for a, b in itertools.pairwise(starts)]
        assert lengths == [23.0, 24.0, 24.0]
        assert all(t.astimezone().hour == 4 for t in starts)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
