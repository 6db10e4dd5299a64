"""Review-log CSV: round trip, bad rows (file:line, nothing imported), idempotent import, rebuilt schedules."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Card, Rating, ReviewLog, Scheduler

from quizapp.reviews_csv import COLUMNS, CsvProblems, export_text, import_reviews, read_rows

SAMPLE = Path(__file__).parents[2].parent / "shared" / "data" / "review_log_sample.csv"
HEADER = ",".join(COLUMNS)


def write(tmp_path: Path, lines: list[str], name: str = "log.csv") -> Path:
    p = tmp_path / name
    p.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return p


def log_count(store) -> int:
    return store.conn.execute("SELECT count(*) FROM review_log WHERE profile_id=?", (store.profile_id,)).fetchone()[0]


GOOD = [
    "q-build,3,2026-02-01T10:00:00+00:00,5000",
    "q-build,3,2026-02-03T10:00:00.250000+00:00,4000",
    "q-build,1,2026-02-10T09:00:00Z,9000",
    "q-break,4,2026-02-02T08:00:00+01:00,",
    "1711684180217,3,2026-02-02T08:00:00+00:00,1200",
]


def test_import_then_export_round_trips(small_store, tmp_path, clock):
    res = import_reviews(small_store, write(tmp_path, GOOD), now=clock.now)
    assert (res.rows, res.added, res.duplicates, res.cards, res.unknown_cards) == (5, 5, 0, 3, 1)
    text, n = export_text(small_store)
    assert n == 5
    rows = list(csv.reader(text.splitlines()))
    assert rows[0] == list(COLUMNS)
    assert rows[1:] == [  # time order, UTC, Python's ISO format, missing duration as 0
        ["q-build", "3", "2026-02-01T10:00:00+00:00", "5000"],
        ["q-break", "4", "2026-02-02T07:00:00+00:00", "0"],
        ["1711684180217", "3", "2026-02-02T08:00:00+00:00", "1200"],
        ["q-build", "3", "2026-02-03T10:00:00.250000+00:00", "4000"],
        ["q-build", "1", "2026-02-10T09:00:00+00:00", "9000"],
    ]
    # into another profile: the same file comes back out
    from quizapp.store.db import Store

    other = Store(small_store.path, "other")
    try:
        back = tmp_path / "back.csv"
        back.write_text(text, encoding="utf-8")
        import_reviews(other, back, now=clock.now)
        assert export_text(other)[0] == text
    finally:
        other.close()


def test_import_is_idempotent(small_store, tmp_path, clock):
    path = write(tmp_path, [*GOOD, GOOD[0]])  # a duplicate inside the file too
    first = import_reviews(small_store, path, now=clock.now)
    assert (first.rows, first.added, first.duplicates) == (6, 5, 1)
    state = small_store.conn.execute("SELECT * FROM card_state ORDER BY card_id").fetchall()
    again = import_reviews(small_store, path, now=clock.now)
    assert (again.added, again.duplicates, again.cards) == (0, 6, 0)
    assert log_count(small_store) == 5
    assert small_store.conn.execute("SELECT * FROM card_state ORDER BY card_id").fetchall() == state


def test_import_rebuilds_the_schedule_like_py_fsrs(small_store, tmp_path, clock):
    import_reviews(small_store, write(tmp_path, GOOD), now=clock.now)
    times = [
        datetime(2026, 2, 1, 10, tzinfo=UTC),
        datetime(2026, 2, 3, 10, 0, 0, 250000, tzinfo=UTC),
        datetime(2026, 2, 10, 9, tzinfo=UTC),
    ]
    ratings = [Rating.Good, Rating.Good, Rating.Again]
    logs = [ReviewLog(card_id=7, rating=r, review_datetime=t, review_duration=None) for r, t in zip(ratings, times)]
    want = Scheduler(enable_fuzzing=False).reschedule_card(Card(card_id=7), logs)
    row = small_store.conn.execute(
        "SELECT queue, state, stability, difficulty, due, last_review, reps, lapses FROM card_state"
        " WHERE profile_id=? AND card_id='q-build'",
        (small_store.profile_id,),
    ).fetchone()
    assert row[0] == row[1] == int(want.state)
    assert row[2] == pytest.approx(want.stability) and row[3] == pytest.approx(want.difficulty)
    assert row[4] == int(want.due.timestamp()) and row[5] == int(times[-1].timestamp())
    assert row[6:] == (3, 1)
    states = [
        r[0]
        for r in small_store.conn.execute("SELECT state_before FROM review_log WHERE card_id='q-build' ORDER BY time")
    ]
    assert states == [0, 1, 2]  # new, learning, review


def test_unknown_cards_keep_their_history(small_store, tmp_path, clock):
    import_reviews(small_store, write(tmp_path, GOOD), now=clock.now)
    row = small_store.conn.execute(
        "SELECT deck_id, note_id, state, reps FROM card_state WHERE profile_id=? AND card_id='1711684180217'",
        (small_store.profile_id,),
    ).fetchone()
    assert row[0] is None and row[1] == "1711684180217" and row[2] != 0 and row[3] == 1


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("q-build,5,2026-02-01T10:00:00+00:00,10", "review_rating 5 is out of range (1 to 4)"),
        ("q-build,good,2026-02-01T10:00:00+00:00,10", "review_rating 'good' is not a whole number"),
        ("q-build,3,2026-02-01 10:00,10", "has no UTC offset"),
        ("q-build,3,yesterday,10", "is not an ISO 8601 time"),
        ("q-build,3,2030-01-01T00:00:00+00:00,10", "is in the future"),
        ("q-build,3,2026-02-01T10:00:00+00:00,-4", "review_duration -4 is out of range"),
        (",3,2026-02-01T10:00:00+00:00,10", "card_id is empty"),
        ("q-build,3,2026-02-01T10:00:00+00:00", "expected 4 fields, found 3"),
    ],
)
def test_a_bad_row_imports_nothing(small_store, tmp_path, clock, line, message):
    path = write(tmp_path, [*GOOD, line])
    with pytest.raises(CsvProblems) as e:
        import_reviews(small_store, path, now=clock.now)
    (problem,) = e.value.problems
    assert problem.startswith(f"{path}:7: ") and message in problem
    assert log_count(small_store) == 0


def test_every_bad_row_is_reported(tmp_path, clock):
    path = write(tmp_path, ["a,0,2026-02-01T10:00:00+00:00,1", GOOD[0], "b,3,nope,1"])
    with pytest.raises(CsvProblems) as e:
        read_rows(path, clock.now)
    assert [p.split(": ")[0] for p in e.value.problems] == [f"{path}:2", f"{path}:4"]


def test_bad_header_and_encoding(tmp_path, clock):
    p = tmp_path / "h.csv"
    p.write_text("card,rating\nx,1\n")
    with pytest.raises(CsvProblems, match=r"h\.csv:1: missing column\(s\) card_id, review_rating"):
        read_rows(p, clock.now)
    p.write_bytes(HEADER.encode() + b"\nx,1,2026-02-01T10:00:00+00:00,\xff\n")
    with pytest.raises(CsvProblems, match=r"h\.csv:2: not UTF-8"):
        read_rows(p, clock.now)
    p.write_text("")
    with pytest.raises(CsvProblems, match="empty file"):
        read_rows(p, clock.now)


def test_cli_import_and_export(tmp_path):
    from tests.stats.test_stats_cli import run

    path = write(tmp_path, [*GOOD[:1], "q-build,9,2026-02-01T11:00:00+00:00,1"])
    r = run("import-reviews", str(path), home=tmp_path / "h")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.splitlines() == [
        f"{path}:3: review_rating 9 is out of range (1 to 4)",
        f"quizapp: 1 bad row(s) in {path}: nothing imported",
    ]
    good = write(tmp_path, GOOD, "good.csv")
    r = run("import-reviews", str(good), home=tmp_path / "h")
    assert r.returncode == 0 and "5 new review(s)" in r.stdout, r.stderr
    out = tmp_path / "out.csv"
    r = run("export-reviews", "-o", str(out), home=tmp_path / "h")
    assert r.returncode == 0 and out.read_text().startswith(HEADER + "\n") and len(out.read_text().splitlines()) == 6


@pytest.mark.skipif(not SAMPLE.exists(), reason="../shared/data is not available")
def test_sample_file_round_trips_byte_for_byte(small_store, tmp_path):
    res = import_reviews(small_store, SAMPLE)
    assert (res.rows, res.added, res.cards) == (12580, 12580, 1205)
    assert export_text(small_store)[0] == SAMPLE.read_text(encoding="utf-8")
    again = import_reviews(small_store, SAMPLE)
    assert again.added == 0 and log_count(small_store) == 12580


def test_future_limit_uses_the_clock(tmp_path):
    p = write(tmp_path, ["x,3,2026-02-01T10:00:00+00:00,1"])
    with pytest.raises(CsvProblems, match="in the future"):
        read_rows(p, datetime(2026, 2, 1, 8, tzinfo=UTC))
    assert read_rows(p, datetime(2026, 2, 1, 8, tzinfo=UTC) + timedelta(hours=2))[0][0] == "x"
