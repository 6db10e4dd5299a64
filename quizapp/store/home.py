"""Numbers for the study app's home screen: per-deck counts capped by the daily limits, and today's progress."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime

from quizapp.days import day_bounds
from quizapp.store.study import deck_counts, today_counts


@dataclass
class DeckRow:
    """One deck as the home screen lists it; counts already capped by today's limits."""

    id: str
    title: str
    topic: str
    new: int = 0
    learning: int = 0
    due: int = 0


@dataclass
class HomeCounts:
    """Every deck's counts, what the whole collection offers today, and what was studied today."""

    decks: list[DeckRow] = field(default_factory=list)
    new: int = 0
    learning: int = 0
    due: int = 0
    studied_today: int = 0
    seconds_today: int = 0

    @property
    def remaining(self) -> int:
        return self.new + self.learning + self.due

    def topics(self) -> list[tuple[str, list[DeckRow]]]:
        """Decks grouped by topic, topics and decks in alphabetical order."""
        groups: dict[str, list[DeckRow]] = {}
        for d in sorted(self.decks, key=lambda d: (_natural(d.topic), _natural(d.title))):
            groups.setdefault(d.topic, []).append(d)
        return list(groups.items())


def _natural(text: str) -> list:
    """Sort key that puts 'Deck 2' before 'Deck 10'."""
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", text.lower()) if p]


def studied_today(conn: sqlite3.Connection, profile_id: int, since_ms: int) -> tuple[int, int]:
    """How many study answers were given since ``since_ms``, and the seconds they took."""
    row = conn.execute(
        "SELECT count(*), coalesce(sum(duration_ms), 0) FROM review_log"
        " WHERE profile_id=? AND time>=? AND mode='review'",
        (profile_id, since_ms),
    ).fetchone()
    return int(row[0]), int(row[1]) // 1000


def home_counts(store, now: datetime, levels: tuple[str, ...] | None = None) -> HomeCounts:
    """Counts for every deck, capped like a study session would cap them (deck limits, then the profile's)."""
    conn, pid = store.conn, store.profile_id
    settings = store.settings()
    overrides = store.deck_overrides()
    start, end = day_bounds(now, settings.day_start_hour)
    raw = deck_counts(conn, pid, int(now.timestamp()), end, levels)
    today = today_counts(conn, pid, start * 1000, per_deck=bool(overrides))

    def left(deck_id: str | None, which: int) -> int:
        """What may still be studied today: the profile's limit, and a deck's own limit if its file sets one."""
        key = ("new_per_day", "reviews_per_day")[which]
        room = max(0, getattr(settings, key) - today[None][which])
        ov = overrides.get(deck_id, {}).get(key) if deck_id else None
        if ov is not None:
            room = min(room, max(0, ov - today.get(deck_id, [0, 0])[which]))
        return room

    out = HomeCounts()
    for d in store.decks():
        c = raw.get(d["id"], {})
        out.decks.append(
            DeckRow(
                id=d["id"],
                title=d["title"],
                topic=d["topic"] or d["title"],
                new=min(c.get("new", 0), left(d["id"], 0)),
                learning=c.get("learning", 0),
                due=min(c.get("due", 0), left(d["id"], 1)),
            )
        )
    out.new = min(sum(d.new for d in out.decks), left(None, 0))
    out.learning = sum(d.learning for d in out.decks)
    out.due = min(sum(d.due for d in out.decks), left(None, 1))
    out.studied_today, out.seconds_today = studied_today(conn, pid, start * 1000)
    return out


def cap_group(rows: list[DeckRow], totals: HomeCounts) -> tuple[int, int, int]:
    """A topic's counts: its decks' sums, capped by what the whole profile may still study today."""
    return (
        min(sum(d.new for d in rows), totals.new),
        sum(d.learning for d in rows),
        min(sum(d.due for d in rows), totals.due),
    )
