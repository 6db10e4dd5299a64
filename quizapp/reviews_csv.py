"""Review-log CSV (card_id, review_rating, review_time, review_duration): export, validated idempotent import."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.store import stats as q

if TYPE_CHECKING:
    from quizapp.store.db import Store

COLUMNS = ("card_id", "review_rating", "review_time", "review_duration")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MAX_ID = 200
FUTURE_SLACK = timedelta(hours=1)
Progress = Callable[[int, int, str], None]  # (done, total, what is being done)


class CsvProblems(Exception):
    """Rows that failed validation, each ``file:line: message``; nothing was imported."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems[0] if problems else "bad CSV")
        self.problems = problems


@dataclass
class ImportResult:
    rows: int = 0
    added: int = 0
    duplicates: int = 0
    cards: int = 0
    unknown_cards: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        s = f"{self.rows} row(s): {self.added} new review(s), {self.duplicates} already in the log"
        if self.cards:
            s += f"; rebuilt the schedule of {self.cards} card(s)"
        if self.unknown_cards:
            s += f" ({self.unknown_cards} not in any deck: their history is kept)"
        return s


# -- export -------------------------------------------------------------------------------------
def export_text(store: Store) -> tuple[str, int]:
    """The profile's scheduling history (quiz answers left out) as CSV text, and its row count."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    n = 0
    for row in q.export_rows(store.conn, store.profile_id):
        w.writerow(row)
        n += 1
    return buf.getvalue(), n


def export_reviews(store: Store, path: str | Path) -> int:
    """Write the review log to ``path`` atomically. Returns the number of reviews written."""
    from quizapp.deck.writer import atomic_write

    text, n = export_text(store)
    atomic_write(Path(path), text)
    return n


# -- import -------------------------------------------------------------------------------------
def _parse_time(s: str) -> int:
    """Epoch milliseconds of an ISO 8601 time with a UTC offset; ValueError with a reason otherwise."""
    s = s.strip()
    if not s:
        raise ValueError("review_time is empty")
    try:
        dt = datetime.fromisoformat(s)
    except ValueError:
        raise ValueError(f"review_time {s!r} is not an ISO 8601 time (like 2024-03-29T20:32:32.250000+00:00)") from None
    if dt.tzinfo is None:
        raise ValueError(f"review_time {s!r} has no UTC offset (add +00:00 or Z)")
    return (dt - EPOCH) // timedelta(milliseconds=1)


def _parse_int(s: str, name: str, lo: int, hi: int | None, empty: int | None = None) -> int:
    s = s.strip()
    if not s and empty is not None:
        return empty
    try:
        v = int(s)
    except ValueError:
        raise ValueError(f"{name} {s!r} is not a whole number") from None
    if v < lo or (hi is not None and v > hi):
        rng = f"{lo} to {hi}" if hi is not None else f"at least {lo}"
        raise ValueError(f"{name} {v} is out of range ({rng})")
    return v


def read_rows(
    path: str | Path, now: datetime | None = None, progress: Progress | None = None
) -> list[tuple[str, int, int, int, int]]:
    """Validate every row; return (card_id, time_ms, rating, duration_ms, line). Raises CsvProblems."""
    path = Path(path)
    name = str(path)
    limit_ms = ((now or datetime.now(UTC)) + FUTURE_SLACK - EPOCH) // timedelta(milliseconds=1)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise CsvProblems([f"{name}:0: cannot read file: {e.strerror}"]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise CsvProblems([f"{name}:{line}: not UTF-8 text"]) from None
    problems: list[str] = []
    out: list[tuple[str, int, int, int, int]] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as e:
        raise CsvProblems([f"{name}:1: {e}"]) from None
    if not header:
        raise CsvProblems([f"{name}:1: empty file: expected the header {','.join(COLUMNS)}"])
    cols = [h.strip() for h in header]
    missing = [c for c in COLUMNS if c not in cols]
    if missing:
        raise CsvProblems([f"{name}:1: missing column(s) {', '.join(missing)}; expected {','.join(COLUMNS)}"])
    idx = [cols.index(c) for c in COLUMNS]
    line = reader.line_num
    total_lines = text.count("\n") + 1
    while True:
        start = line + 1
        try:
            rec = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            problems.append(f"{name}:{start}: {e}")
            break
        line = reader.line_num
        if progress and line % 5000 == 0:
            progress(line, total_lines, "Checking rows")
        if not rec or all(not f.strip() for f in rec):
            continue
        if len(rec) != len(cols):
            problems.append(f"{name}:{start}: expected {len(cols)} fields, found {len(rec)}")
            continue
        card_id, rating_s, time_s, dur_s = (rec[i] for i in idx)
        card_id = card_id.strip()
        try:
            if not card_id:
                raise ValueError("card_id is empty")
            if len(card_id) > MAX_ID or not card_id.isprintable():
                raise ValueError(f"card_id {card_id[:40]!r} is not a valid card id")
            rating = _parse_int(rating_s, "review_rating", 1, 4)
            t = _parse_time(time_s)
            if t > limit_ms:
                raise ValueError(f"review_time {time_s.strip()!r} is in the future")
            dur = _parse_int(dur_s, "review_duration", 0, None, empty=0)
        except ValueError as e:
            problems.append(f"{name}:{start}: {e}")
            continue
        out.append((card_id, t, rating, dur, start))
    if problems:
        raise CsvProblems(problems)
    return out


def import_reviews(
    store: Store, path: str | Path, *, progress: Progress | None = None, now: datetime | None = None
) -> ImportResult:
    """Add the file's reviews to the profile's log (skipping ones already there) and rebuild the schedule of
    every card that got new reviews by replaying its history, all in one transaction."""
    t0 = time.perf_counter()
    rows = read_rows(path, now, progress)
    res = ImportResult(rows=len(rows))
    unique: dict[tuple[str, int], tuple[str, int, int, int]] = {}
    for card_id, t, rating, dur, _line in rows:
        unique.setdefault((card_id, t), (card_id, t, rating, dur))
    with store.tx() as conn:
        touched, res.added = q.insert_imported(conn, store.profile_id, list(unique.values()))
        res.cards = len(touched)
        if touched:
            res.unknown_cards = replay_cards(store, sorted(touched), progress=progress)
    res.duplicates = res.rows - res.added
    res.seconds = time.perf_counter() - t0
    return res


def replay_cards(store: Store, card_ids: list[str], *, progress: Progress | None = None) -> int:
    """Rebuild the FSRS state of ``card_ids`` from their logs (no fuzz, so it is repeatable). Returns how many of
    them are in no deck. Runs inside the caller's transaction."""
    from quizapp.scheduler import SchedState, answer, make_scheduler

    settings = store.settings()
    overrides = store.deck_overrides()
    meta = q.card_meta(store.conn, store.profile_id, card_ids)
    scheds: dict = {}
    states: list[tuple] = []
    logs: list[tuple] = []
    total = len(card_ids)
    done = 0
    cur_id: str | None = None
    s = SchedState()
    sched = None

    def flush() -> None:
        if cur_id is not None:
            states.append((cur_id, s.state, s.step, s.stability, s.difficulty, s.due, s.last_review, s.reps, s.lapses))

    for card_id, log_id, t_ms, rating in q.card_logs(store.conn, store.profile_id, card_ids):
        if card_id != cur_id:
            flush()
            done += 1
            if progress and (done % 200 == 0 or done == total):
                progress(done, total, "Rebuilding schedules")
            cur_id = card_id
            s = SchedState()
            deck_id = meta.get(card_id, (None, 0))[0]
            sched = scheds.get(deck_id)
            if sched is None:
                merged = settings.merged(overrides.get(deck_id, {})) if deck_id else settings
                sched = scheds[deck_id] = make_scheduler(merged, fuzz=False)
        before = s.state
        s = answer(sched, s, rating, datetime.fromtimestamp(t_ms / 1000, UTC))
        logs.append((before, s.stability, s.difficulty, log_id))
    flush()
    if progress:
        progress(total, total, "Rebuilding schedules")
    q.write_replayed(store.conn, store.profile_id, states, logs)
    return sum(1 for c in card_ids if meta.get(c, (None,))[0] is None)
