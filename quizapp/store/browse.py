"""Queries for the card browser: FTS5 search, one card's state and history, suspend/unsuspend and flag."""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime
from typing import Any

from quizapp.store.study import BURIED, STATE_COLS, SUSPENDED, StateRow, set_flag, with_tx

QUEUE_NAMES = {SUSPENDED: "suspended", BURIED: "buried", 0: "new", 1: "learning", 2: "review", 3: "relearning"}
_WORD_RE = re.compile(r"\w+", re.UNICODE)
RESULT_COLS = ("id", "deck_id", "type", "front", "back", "level", "queue", "due", "flag", "reps", "lapses")


def fts_dirty(conn: sqlite3.Connection) -> bool:
    """Whether the search index must be rebuilt (the decks changed since it was built)."""
    row = conn.execute("SELECT value FROM meta WHERE key='fts_dirty'").fetchone()
    return row is None or row[0] != "0"


def rebuild_fts(conn: sqlite3.Connection) -> None:
    """Rebuild the search index from the cards table, in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("INSERT INTO cards_fts(cards_fts) VALUES('rebuild')")
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('fts_dirty', '0')")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def fts_query(text: str) -> str:
    """A safe FTS5 query from what the user typed: every word must match, as a prefix ("osteo" finds osteoclast)."""
    words = _WORD_RE.findall(text)
    return " ".join(f'"{w}"*' for w in words)


_SELECT = "c.id, c.deck_id, c.type, c.front, c.back, c.level, s.queue, s.due, s.flag, s.reps, s.lapses"
_FROM = "FROM cards c LEFT JOIN card_state s ON s.profile_id=? AND s.card_id=c.id"


def _row(r: tuple) -> dict[str, Any]:
    """A result row as a dict; ``key`` is what follows the result columns (the row's place in the order)."""
    n = len(RESULT_COLS)
    return dict(zip(RESULT_COLS, r[:n], strict=True)) | {"key": tuple(r[n:])}


def search(
    conn: sqlite3.Connection, profile_id: int, text: str, limit: int = 200, after: tuple | None = None
) -> list[dict[str, Any]]:
    """A page of the cards whose front, back, explanation or tags match ``text`` (every card when it is empty).

    Best match first, ties in file order (all in file order when ``text`` has no words). Pass the last row's
    ``key`` as ``after`` for the page that follows it (keyset paging: page 500 costs what page 1 does).
    """
    query = fts_query(text)
    if query:  # rank the matches on cards alone, then join the states of this page's cards only
        where, args = "", [query]
        if after is not None:
            where, args = " AND (f.rank, f.rid) > (?, ?)", [*args, *after]
        sql = (
            f"SELECT {_SELECT}, p.rank, p.rid FROM (SELECT f.rid, f.rank"
            " FROM (SELECT rowid AS rid, rank FROM cards_fts WHERE cards_fts MATCH ?) f JOIN cards c ON c.rowid=f.rid"
            f" WHERE c.deck_id IS NOT NULL{where} ORDER BY f.rank, f.rid LIMIT ?) p"
            f" JOIN cards c ON c.rowid=p.rid LEFT JOIN card_state s ON s.profile_id=? AND s.card_id=c.id"
            " ORDER BY p.rank, p.rid"
        )
        args += [limit, profile_id]
    else:
        where, args = "", [profile_id]
        if after is not None:
            where, args = " AND c.rowid > ?", [*args, after[-1]]
        sql = f"SELECT {_SELECT}, c.rowid {_FROM} WHERE c.deck_id IS NOT NULL{where} ORDER BY c.rowid LIMIT ?"
        args.append(limit)
    return [_row(r) for r in conn.execute(sql, args)]


def search_count(conn: sqlite3.Connection, text: str) -> int:
    """How many cards ``search`` finds for ``text`` in all (it never ranks them, so it costs less than a page)."""
    query = fts_query(text)
    if not query:
        return conn.execute("SELECT count(*) FROM cards WHERE deck_id IS NOT NULL").fetchone()[0]
    return conn.execute(
        "SELECT count(*) FROM cards_fts f JOIN cards c ON c.rowid=f.rowid"
        " WHERE cards_fts MATCH ? AND c.deck_id IS NOT NULL",
        (query,),
    ).fetchone()[0]


def card_row(conn: sqlite3.Connection, profile_id: int, card_id: str) -> dict[str, Any] | None:
    """One card as ``search`` lists it (to redraw its row after a suspend or a flag), or None if it is gone."""
    row = conn.execute(f"SELECT {_SELECT}, c.rowid {_FROM} WHERE c.id=?", (profile_id, card_id)).fetchone()
    return None if row is None else _row(row)


def card_state(conn: sqlite3.Connection, profile_id: int, card_id: str) -> dict[str, Any] | None:
    """A card's queue, flag, leech mark and scheduling state for one profile."""
    row = conn.execute(
        f"SELECT {STATE_COLS}, flag, leech, buried_until FROM card_state WHERE profile_id=? AND card_id=?",
        (profile_id, card_id),
    ).fetchone()
    if row is None:
        return None
    sr = StateRow.from_row(row)
    return {"row": sr, "queue": sr.queue, "flag": row[12], "leech": bool(row[13]), "buried_until": row[14]}


def history(conn: sqlite3.Connection, profile_id: int, card_id: str) -> list[dict[str, Any]]:
    """Every logged answer for the card, oldest first."""
    rows = conn.execute(
        "SELECT time, rating, duration_ms, mode, state_before, stability, difficulty FROM review_log"
        " WHERE profile_id=? AND card_id=? ORDER BY time, id",
        (profile_id, card_id),
    )
    keys = ("time", "rating", "duration_ms", "mode", "state_before", "stability", "difficulty")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def card_detail(store, card_id: str, now: datetime) -> dict[str, Any] | None:
    """Everything the card view shows: content, state, next due, stability, retrievability now and history."""
    from quizapp.scheduler import make_scheduler, retrievability
    from quizapp.store.study import card_content

    content = card_content(store.conn, card_id)
    if content is None:
        return None
    st = card_state(store.conn, store.profile_id, card_id)
    out: dict[str, Any] = {"content": content, "history": history(store.conn, store.profile_id, card_id)}
    if st is None:
        out.update(queue=0, flag=0, leech=False, due=None, stability=None, difficulty=None, recall=None)
        return out
    sched = st["row"].sched
    settings = store.settings()
    deck_id = content["deck_id"]
    if deck_id:
        settings = settings.merged(store.deck_overrides().get(deck_id, {}))
    recall = retrievability(make_scheduler(settings, fuzz=False), sched, now) if sched.state != 0 else None
    out.update(
        queue=st["queue"],
        flag=st["flag"],
        leech=st["leech"],
        state=sched.state,
        due=None if sched.state == 0 else sched.due,
        stability=sched.stability,
        difficulty=sched.difficulty,
        reps=sched.reps,
        lapses=sched.lapses,
        recall=recall,
    )
    return out


def set_suspended(conn: sqlite3.Connection, profile_id: int, card_id: str, suspended: bool) -> None:
    """Suspend a card (it leaves every queue) or put it back in its scheduling state's own queue."""
    if suspended:
        with_tx(
            conn, "UPDATE card_state SET queue=? WHERE profile_id=? AND card_id=?", (SUSPENDED, profile_id, card_id)
        )
    else:
        with_tx(
            conn,
            "UPDATE card_state SET queue=state, buried_until=NULL WHERE profile_id=? AND card_id=? AND queue<0",
            (profile_id, card_id),
        )


def toggle_flag(conn: sqlite3.Connection, profile_id: int, card_id: str) -> int:
    """Flag or unflag a card; returns the new flag (0 or 1)."""
    row = conn.execute("SELECT flag FROM card_state WHERE profile_id=? AND card_id=?", (profile_id, card_id)).fetchone()
    new = 0 if row and row[0] else 1
    set_flag(conn, profile_id, card_id, new)
    return new
