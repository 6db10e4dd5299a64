"""Fixed SQL for the study hot path: pick the next card, record an answer, undo, bury, suspend, flag."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from quizapp.scheduler import NEW, REVIEW, SchedState

_UPDATE_STATE = (
    "UPDATE card_state SET queue=?, state=?, step=?, stability=?, difficulty=?, due=?, last_review=?,"
    " reps=?, lapses=?, leech=leech OR ? WHERE profile_id=? AND card_id=?"
)
_dumps = json.JSONEncoder().encode  # = json.dumps, without building an encoder per call
SINGLE_CARD_TYPES = frozenset({"basic", "choice", "typed", "order"})  # a note of these types has one card
STATE_COLS = "card_id, note_id, deck_id, queue, state, step, stability, difficulty, due, last_review, reps, lapses"
SUSPENDED, BURIED = -1, -2


@dataclass(slots=True)
class StateRow:
    """A card's per-profile row: identity, queue and scheduling state."""

    card_id: str
    note_id: str
    deck_id: str | None
    queue: int
    sched: SchedState
    rowid: int | None = None  # where the row was read from (lets an answer update it without an index lookup)
    content: dict | None = None  # the card's text, when it was read along with the row

    @classmethod
    def from_row(cls, r: Sequence, rowid: int | None = None) -> StateRow:
        return cls(r[0], r[1], r[2], r[3], SchedState(r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11]), rowid)


@dataclass(frozen=True, slots=True)
class Filter:
    """Which cards a session or count covers: decks and levels (None means all)."""

    deck_ids: tuple[str, ...] | None = None
    levels: tuple[str, ...] | None = None

    def sql(self) -> tuple[str, list]:
        parts = ["deck_id IS NOT NULL"]
        params: list = []
        if self.deck_ids is not None:
            parts.append(f"deck_id IN ({','.join('?' * len(self.deck_ids))})")
            params.extend(self.deck_ids)
        if self.levels is not None:
            parts.append(f"level IN ({','.join('?' * len(self.levels))})")
            params.extend(self.levels)
        return " AND ".join(parts), params


def unbury(conn: sqlite3.Connection, profile_id: int, now_s: int) -> None:
    conn.execute(
        "UPDATE card_state SET queue=state, buried_until=NULL WHERE profile_id=? AND queue=? AND buried_until<=?",
        (profile_id, BURIED, now_s),
    )


_FIRST_SQL: dict[tuple, str] = {}
LEARNING_QUEUES = (1, 3)


def first(
    conn: sqlite3.Connection,
    profile_id: int,
    where: str,
    params: list,
    queues: tuple[int, ...],
    due_max: int | None,
    exclude: Sequence[str] = (),
    *,
    content: bool = False,
) -> StateRow | None:
    """The card due first in these queues; with ``content``, its ``card_content`` too (as ``row.content``).

    Each queue is read in due order from the (profile, queue, due) index and stops at its first match, so the
    cost does not grow with the queue; the SQL text is built once per shape (this runs on every answer).
    """
    shape = (where, queues, due_max is None, len(exclude), content)
    sql = _FIRST_SQL.get(shape)
    if sql is None:
        part = f"SELECT {STATE_COLS}, rowid FROM card_state WHERE profile_id=? AND queue=? AND {where}"
        if due_max is not None:
            part += " AND due<=?"
        if exclude:
            part += f" AND deck_id NOT IN ({','.join('?' * len(exclude))})"
        part += " ORDER BY due LIMIT 1"
        sql = part if len(queues) == 1 else " UNION ALL ".join([f"SELECT * FROM ({part})"] * len(queues))
        sql += " ORDER BY due LIMIT 1" if len(queues) > 1 else ""
        if content:  # the card's text in the same statement: one round trip less per answer
            cols = ", ".join(f"c.{col.strip()}" for col in CONTENT_COLS.split(","))
            sql = f"SELECT s.*, {cols} FROM ({sql}) s LEFT JOIN cards c ON c.id=s.card_id"
        if len(_FIRST_SQL) < 256:
            _FIRST_SQL[shape] = sql
    args: list = []
    for queue in queues:
        args += [profile_id, queue, *params]
        if due_max is not None:
            args.append(due_max)
        args.extend(exclude)
    row = conn.execute(sql, args).fetchone()
    if row is None:
        return None
    state = StateRow.from_row(row, row[12])
    if content:
        state.content = content_dict(row[13:]) if row[13] is not None else None
    return state


def first_due(
    conn: sqlite3.Connection, profile_id: int, where: str, params: list, queues: tuple[int, ...]
) -> int | None:
    """When the first card of these queues is due (None when they are empty)."""
    row = first(conn, profile_id, where, params, queues, None)
    return row.sched.due if row else None


def capped_count(
    conn: sqlite3.Connection, profile_id: int, where: str, params: list, queue_sql: str, due_max: int | None, cap: int
) -> int:
    if cap <= 0:
        return 0
    due = " AND due<=?" if due_max is not None else ""
    args = [profile_id, *params] + ([due_max] if due_max is not None else []) + [cap]
    return conn.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM card_state WHERE profile_id=? AND {queue_sql} AND {where}{due} LIMIT ?)",
        args,
    ).fetchone()[0]


def today_counts(
    conn: sqlite3.Connection, profile_id: int, since_ms: int, per_deck: bool = False
) -> dict[str | None, list[int]]:
    """[new cards started, reviews done] today in study mode: in all (key None) and, if asked, per deck."""
    new, rev = conn.execute(
        "SELECT coalesce(sum(state_before=0), 0), coalesce(sum(state_before=2), 0) FROM review_log"
        " WHERE profile_id=? AND time>=? AND mode='review'",
        (profile_id, since_ms),
    ).fetchone()
    out: dict[str | None, list[int]] = {None: [new, rev]}
    if per_deck:
        rows = conn.execute(
            "SELECT s.deck_id, sum(r.state_before=0), sum(r.state_before=2) FROM review_log r"
            " JOIN card_state s ON s.profile_id=r.profile_id AND s.card_id=r.card_id"
            " WHERE r.profile_id=? AND r.time>=? AND r.mode='review' GROUP BY s.deck_id",
            (profile_id, since_ms),
        )
        for deck_id, n, r in rows:
            out[deck_id] = [n or 0, r or 0]
    return out


CONTENT_COLS = "id, note_id, deck_id, ord, type, front, back, data, explanation, source, level, tags, line, path"
_CONTENT_KEYS = ("id", "note_id", "deck_id", "ord", "type", "front", "back", "data", "explanation", "source", "level")


def card_content(conn: sqlite3.Connection, card_id: str) -> dict | None:
    row = conn.execute(f"SELECT {CONTENT_COLS} FROM cards WHERE id=?", (card_id,)).fetchone()
    return None if row is None else content_dict(row)


def content_dict(row: Sequence) -> dict:
    """A ``cards`` row (``CONTENT_COLS``) as the dict the screens and quiz builders take."""
    d = dict(zip(_CONTENT_KEYS, row[:11], strict=True))
    d["data"] = json.loads(row[7]) if row[7] else {}
    d["tags"] = row[11].split() if row[11] else []
    d["line"], d["path"] = row[12], row[13]
    return d


def record_answer(
    conn: sqlite3.Connection,
    profile_id: int,
    row: StateRow,
    new: SchedState,
    rating: int,
    duration_ms: int,
    now_ms: int,
    *,
    leech: bool,
    bury_until: int | None,
    mode: str = "review",
    siblings: bool = True,
) -> int:
    """Write the new state and the log entry in one committed transaction. Returns the log id.

    ``siblings=False`` says the card's note has no other cards (skips looking for siblings to bury).
    """
    s = row.sched
    buried: list[str] = []
    conn.execute("BEGIN IMMEDIATE")
    try:
        if bury_until is not None and siblings:
            siblings = [
                r[0] for r in conn.execute("SELECT id FROM cards WHERE note_id=? AND id<>?", (row.note_id, row.card_id))
            ]
            buried = [
                c
                for c in siblings
                if (
                    q := conn.execute(
                        "SELECT queue FROM card_state WHERE profile_id=? AND card_id=?", (profile_id, c)
                    ).fetchone()
                )
                and q[0] in (0, 2)
            ]
            if buried:
                conn.executemany(
                    "UPDATE card_state SET queue=-2, buried_until=? WHERE profile_id=? AND card_id=?",
                    [(bury_until, profile_id, c) for c in buried],
                )
        prev = _dumps(
            [row.queue, s.state, s.step, s.stability, s.difficulty, s.due, s.last_review, s.reps, s.lapses, buried]
        )
        queue = SUSPENDED if leech else new.state
        values = (
            queue,
            new.state,
            new.step,
            new.stability,
            new.difficulty,
            new.due,
            new.last_review,
            new.reps,
            new.lapses,
            1 if leech else 0,
            profile_id,
            row.card_id,
        )
        updated = 0
        if row.rowid is not None:  # checked against the key, in case the row moved since it was read
            updated = conn.execute(_UPDATE_STATE + " AND rowid=?", (*values, row.rowid)).rowcount
        if not updated:
            conn.execute(_UPDATE_STATE, values)
        cur = conn.execute(
            "INSERT INTO review_log(profile_id, card_id, time, rating, duration_ms, mode, state_before, prev,"
            " stability, difficulty) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (profile_id, row.card_id, now_ms, rating, duration_ms, mode, s.state, prev, new.stability, new.difficulty),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return int(cur.lastrowid)


def log_only(
    conn: sqlite3.Connection,
    profile_id: int,
    card_id: str,
    state: int,
    rating: int,
    duration_ms: int,
    now_ms: int,
    mode: str,
) -> int:
    """Log an answer without touching the schedule (quiz mode by default)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        cur = conn.execute(
            "INSERT INTO review_log(profile_id, card_id, time, rating, duration_ms, mode, state_before)"
            " VALUES (?,?,?,?,?,?,?)",
            (profile_id, card_id, now_ms, rating, duration_ms, mode, state),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return int(cur.lastrowid)


def undo_answer(conn: sqlite3.Connection, profile_id: int, log_id: int) -> tuple[str, int] | None:
    """Restore the exact state before review ``log_id`` and delete it. Returns (card_id, state_before)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute(
            "SELECT card_id, prev, state_before FROM review_log WHERE id=? AND profile_id=?", (log_id, profile_id)
        ).fetchone()
        if row is None or row[1] is None:
            conn.execute("ROLLBACK")
            return None
        card_id, prev, state_before = row
        q, state, step, stab, diff, due, last, reps, lapses, buried = json.loads(prev)
        conn.execute(
            "UPDATE card_state SET queue=?, state=?, step=?, stability=?, difficulty=?, due=?, last_review=?,"
            " reps=?, lapses=? WHERE profile_id=? AND card_id=?",
            (q, state, step, stab, diff, due, last, reps, lapses, profile_id, card_id),
        )
        if buried:
            conn.executemany(
                "UPDATE card_state SET queue=state, buried_until=NULL WHERE profile_id=? AND card_id=? AND queue=-2",
                [(profile_id, c) for c in buried],
            )
        conn.execute("DELETE FROM review_log WHERE id=?", (log_id,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return card_id, state_before


def set_queue(conn: sqlite3.Connection, profile_id: int, card_id: str, queue: int | None, until: int | None = None):
    """Suspend (-1), bury (-2, until), or restore (None: back to the state's own queue). Returns the old values."""
    old = conn.execute(
        "SELECT queue, buried_until FROM card_state WHERE profile_id=? AND card_id=?", (profile_id, card_id)
    ).fetchone()
    with_tx(
        conn,
        "UPDATE card_state SET queue=COALESCE(?, state), buried_until=? WHERE profile_id=? AND card_id=?",
        (queue, until, profile_id, card_id),
    )
    return old


def restore_queue(conn: sqlite3.Connection, profile_id: int, card_id: str, old: Sequence) -> None:
    with_tx(
        conn,
        "UPDATE card_state SET queue=?, buried_until=? WHERE profile_id=? AND card_id=?",
        (old[0], old[1], profile_id, card_id),
    )


def set_flag(conn: sqlite3.Connection, profile_id: int, card_id: str, flag: int) -> int:
    old = conn.execute("SELECT flag FROM card_state WHERE profile_id=? AND card_id=?", (profile_id, card_id)).fetchone()
    with_tx(conn, "UPDATE card_state SET flag=? WHERE profile_id=? AND card_id=?", (flag, profile_id, card_id))
    return int(old[0]) if old else 0


def with_tx(conn: sqlite3.Connection, sql: str, params: Sequence) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(sql, params)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def deck_counts(
    conn: sqlite3.Connection, profile_id: int, now_s: int, day_end: int, levels: tuple[str, ...] | None = None
) -> dict[str, dict[str, int]]:
    """new / learning / due (uncapped) for every deck, from one grouped query over an index."""
    lv = ""
    args: list = [profile_id, now_s + 1200, day_end]
    if levels is not None:
        lv = f" AND level IN ({','.join('?' * len(levels))})"
        args.extend(levels)
    out: dict[str, dict[str, int]] = {}
    for deck_id, queue, n in conn.execute(
        "SELECT deck_id, queue, count(*) FROM card_state WHERE profile_id=? AND deck_id IS NOT NULL"
        " AND (queue=0 OR (queue IN (1,3) AND due<=?) OR (queue=2 AND due<?))" + lv + " GROUP BY deck_id, queue",
        args,
    ):
        d = out.setdefault(deck_id, {"new": 0, "learning": 0, "due": 0})
        key = "new" if queue == NEW else "due" if queue == REVIEW else "learning"
        d[key] += n
    return out
