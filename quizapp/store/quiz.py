"""Quiz SQL: candidate cards for a quiz, logging quiz answers, and sending missed cards to today's queue."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from quizapp.scheduler import NEW
from quizapp.store.study import STATE_COLS, StateRow

_CARD_COLS = (
    "c.id, c.note_id, c.deck_id, c.ord, c.type, c.front, c.back, c.data, c.explanation, c.source,"
    " c.level, c.tags, d.topic, d.title"
)


def quiz_cards(conn: sqlite3.Connection, profile_id: int, deck_ids: Sequence[str] | None = None) -> list[dict]:
    """Every live, unsuspended card of ``deck_ids`` and of the other decks in their topics (answers there
    make distractors), as ``card_content``-style dicts with ``topic`` and ``deck_title``. None means all decks.
    Levels are not filtered here: distractors may come from any level."""
    sql = (
        f"SELECT {_CARD_COLS} FROM cards c JOIN decks d ON d.id = c.deck_id"
        " LEFT JOIN card_state s ON s.card_id = c.id AND s.profile_id = ?"
        " WHERE c.deck_id IS NOT NULL AND d.path IS NOT NULL AND COALESCE(s.queue, 0) <> -1"
    )
    args: list = [profile_id]
    if deck_ids is not None:
        q = ",".join("?" * len(deck_ids))
        sql += f" AND (c.deck_id IN ({q}) OR d.topic IN (SELECT topic FROM decks WHERE id IN ({q}) AND topic <> ''))"
        args += [*deck_ids, *deck_ids]
    out = []
    for r in conn.execute(sql + " ORDER BY c.id", args):
        out.append(
            {
                "id": r[0],
                "note_id": r[1],
                "deck_id": r[2],
                "ord": r[3],
                "type": r[4],
                "front": r[5],
                "back": r[6],
                "data": json.loads(r[7]) if r[7] else {},
                "explanation": r[8],
                "source": r[9],
                "level": r[10],
                "tags": r[11].split() if r[11] else [],
                "topic": r[12] or r[13],
                "deck_title": r[13],
            }
        )
    return out


def state_row(conn: sqlite3.Connection, profile_id: int, card_id: str) -> StateRow | None:
    r = conn.execute(
        f"SELECT {STATE_COLS} FROM card_state WHERE profile_id=? AND card_id=?", (profile_id, card_id)
    ).fetchone()
    return StateRow.from_row(r) if r else None


def schedules(conn: sqlite3.Connection, profile_id: int, card_ids: Iterable[str] | None = None) -> dict[str, tuple]:
    """card id -> (queue, state, due, stability, difficulty, reps, lapses, last_review): to prove a quiz left
    the schedule alone."""
    sql = (
        "SELECT card_id, queue, state, due, stability, difficulty, reps, lapses, last_review FROM card_state"
        " WHERE profile_id=?"
    )
    rows = conn.execute(sql, (profile_id,)).fetchall()
    wanted = None if card_ids is None else set(card_ids)
    return {r[0]: tuple(r[1:]) for r in rows if wanted is None or r[0] in wanted}


@dataclass
class QueueReport:
    """What sending cards to today's study queue did."""

    due_now: int = 0  # learning/review cards now due
    new_first: int = 0  # new cards moved to the front of the new-card queue
    suspended: int = 0  # left alone: the learner suspended them
    missing: int = 0  # no longer in any deck

    @property
    def queued(self) -> int:
        return self.due_now + self.new_first


def queue_now(conn: sqlite3.Connection, profile_id: int, card_ids: Sequence[str], now_s: int) -> QueueReport:
    """Make ``card_ids`` part of today's study in one transaction: seen cards due now (and unburied), new
    cards first in the new queue. Suspended cards stay suspended."""
    rep = QueueReport()
    ids = list(dict.fromkeys(card_ids))
    conn.execute("BEGIN IMMEDIATE")
    try:
        first_new = conn.execute(
            "SELECT min(due) FROM card_state WHERE profile_id=? AND queue=0", (profile_id,)
        ).fetchone()[0]
        front = min(0, int(first_new or 0)) - len(ids) - 1
        for i, cid in enumerate(ids):
            row = conn.execute(
                "SELECT queue, state, deck_id FROM card_state WHERE profile_id=? AND card_id=?", (profile_id, cid)
            ).fetchone()
            if row is None or row[2] is None:
                rep.missing += 1
            elif row[0] == -1:
                rep.suspended += 1
            elif row[1] == NEW:
                conn.execute(
                    "UPDATE card_state SET queue=0, buried_until=NULL, due=? WHERE profile_id=? AND card_id=?",
                    (front + i, profile_id, cid),
                )
                rep.new_first += 1
            else:
                conn.execute(
                    "UPDATE card_state SET queue=state, buried_until=NULL, due=min(due, ?)"
                    " WHERE profile_id=? AND card_id=?",
                    (now_s, profile_id, cid),
                )
                rep.due_now += 1
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return rep
