"""SQL for Anki interop: imported review history, rebuilt card states, and note ids for export."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence

from quizapp.scheduler import SchedState

CHUNK = 500
SUSPENDED = -1


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def card_decks(conn: sqlite3.Connection, profile_id: int, card_ids: Sequence[str]) -> dict[str, str | None]:
    """card id -> deck id, for the given cards that this profile has a state row for."""
    out: dict[str, str | None] = {}
    for part in _chunks(card_ids):
        q = ",".join("?" * len(part))
        out.update(
            conn.execute(
                f"SELECT card_id, deck_id FROM card_state WHERE profile_id=? AND card_id IN ({q})", [profile_id, *part]
            ).fetchall()
        )
    return out


def own_reviews(conn: sqlite3.Connection, profile_id: int, card_ids: Sequence[str]) -> dict[str, list[tuple[int, int]]]:
    """Reviews done in quizapp's study mode: card id -> [(time ms, rating)] in time order."""
    out: dict[str, list[tuple[int, int]]] = {}
    for part in _chunks(card_ids):
        q = ",".join("?" * len(part))
        for cid, t, rating in conn.execute(
            f"SELECT card_id, time, rating FROM review_log WHERE profile_id=? AND mode='review' AND card_id IN ({q})"
            " ORDER BY time",
            [profile_id, *part],
        ):
            out.setdefault(cid, []).append((t, rating))
    return out


def delete_import_logs(conn: sqlite3.Connection, profile_id: int, card_ids: Sequence[str]) -> int:
    """Forget reviews imported earlier for these cards (a re-import brings them again). Returns rows deleted."""
    n = 0
    for part in _chunks(card_ids):
        q = ",".join("?" * len(part))
        n += conn.execute(
            f"DELETE FROM review_log WHERE profile_id=? AND mode='import' AND card_id IN ({q})", [profile_id, *part]
        ).rowcount
    return n


def insert_import_logs(
    conn: sqlite3.Connection, profile_id: int, rows: Iterable[tuple[str, int, int, int, int, float, float]]
) -> None:
    """rows: (card id, time ms, rating, duration ms, state before, stability after, difficulty after)."""
    conn.executemany(
        "INSERT INTO review_log(profile_id, card_id, time, rating, duration_ms, mode, state_before, stability,"
        " difficulty) VALUES (?,?,?,?,?,'import',?,?,?)",
        ((profile_id, *r) for r in rows),
    )


def set_states(conn: sqlite3.Connection, profile_id: int, states: Iterable[tuple[str, SchedState, bool]]) -> None:
    """Write rebuilt scheduling states: (card id, state, suspended)."""
    conn.executemany(
        "UPDATE card_state SET queue=?, state=?, step=?, stability=?, difficulty=?, due=?, last_review=?, reps=?,"
        " lapses=?, buried_until=NULL WHERE profile_id=? AND card_id=?",
        (
            (
                SUSPENDED if susp else s.state,
                s.state,
                s.step,
                s.stability,
                s.difficulty,
                s.due,
                s.last_review,
                s.reps,
                s.lapses,
                profile_id,
                cid,
            )
            for cid, s, susp in states
        ),
    )


def suspend(conn: sqlite3.Connection, profile_id: int, card_ids: Sequence[str]) -> None:
    conn.executemany(
        "UPDATE card_state SET queue=? WHERE profile_id=? AND card_id=?",
        [(SUSPENDED, profile_id, c) for c in card_ids],
    )


def deck_files(conn: sqlite3.Connection, deck_ids: Sequence[str]) -> list[tuple[str, str, str]]:
    """(deck id, path, title) for decks that have a file, in the order given."""
    out = []
    for d in deck_ids:
        row = conn.execute("SELECT id, path, title FROM decks WHERE id=? AND path IS NOT NULL", (d,)).fetchone()
        if row:
            out.append((row[0], row[1], row[2]))
    return out


def all_deck_ids(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT id FROM decks WHERE path IS NOT NULL ORDER BY topic, title")]


def note_ids_by_line(conn: sqlite3.Connection, path: str) -> dict[int, str]:
    """Line of each note in a synced deck file -> the note id its cards are stored under."""
    return dict(conn.execute("SELECT line, note_id FROM cards WHERE path=? AND ord=0", (path,)).fetchall())
