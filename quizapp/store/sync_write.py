"""Writing a synced deck: bulk inserts of new cards, in-place updates of changed ones, the deck and file rows."""

from __future__ import annotations

import json
from operator import itemgetter
from typing import TYPE_CHECKING

from quizapp.store.schema import ROW_COLUMNS

if TYPE_CHECKING:
    from quizapp.store.deck_rows import DeckRows


def insert_cards(conn, rows: list[tuple]) -> None:
    """Insert new cards and, in SQL, their state for every profile; sorted by id so the B-trees are appended to."""
    if not rows:
        return
    rows.sort(key=itemgetter(0))
    (last,) = conn.execute("SELECT coalesce(max(rowid), 0) FROM cards").fetchone()
    conn.executemany(f"INSERT INTO cards({ROW_COLUMNS}) VALUES ({','.join('?' * len(ROW_COLUMNS.split(',')))})", rows)
    conn.execute(
        "INSERT OR IGNORE INTO card_state(profile_id, card_id, deck_id, level, note_id, due)"
        " SELECT p.id, c.id, c.deck_id, c.level, c.note_id, c.pos FROM cards c, profiles p WHERE c.rowid > ?"
        " ORDER BY p.id, c.rowid",
        (last,),
    )


def write_deck(
    conn, pd: DeckRows, st, rows: list[tuple], existing, profiles, rep, new_ids_by_path, pending_inserts
) -> None:
    """Update the deck's changed cards in place and queue its new ones; record the deck and its file."""
    meta = pd.meta
    assert meta is not None
    count = len(rows)
    if new_ids_by_path is not None:
        new_ids_by_path[pd.path] = {r[0] for r in rows}
    if not existing:
        pending_inserts.extend(rows)
        updates = []
    else:
        pending_inserts.extend(r for r in rows if r[0] not in existing)
        updates = [r for r in rows if r[0] in existing and existing[r[0]][0] != r]
    if updates:
        conn.executemany(
            "UPDATE cards SET note_id=?, deck_id=?, ord=?, pos=?, type=?, front=?, back=?, data=?,"
            " explanation=?, source=?, level=?, tags=?, line=?, path=?, explicit=? WHERE id=?",
            [(*r[1:], r[0]) for r in updates],
        )
        conn.executemany(
            "UPDATE card_state SET deck_id=?, level=?, note_id=?,"
            " due=CASE WHEN queue=0 AND state=0 THEN ? ELSE due END WHERE card_id=?",
            [(r[2], r[11], r[1], r[4], r[0]) for r in updates],
        )
        for pid in profiles:  # a card that came back may lack a state row for newer profiles
            conn.executemany(
                "INSERT OR IGNORE INTO card_state(profile_id, card_id, deck_id, level, note_id, due)"
                " VALUES (?,?,?,?,?,?)",
                [(pid, r[0], r[2], r[11], r[1], r[4]) for r in updates],
            )
        rep.updated += sum(1 for r in updates if existing[r[0]][1] is not None)
        rep.added += sum(1 for r in updates if existing[r[0]][1] is None)
    conn.execute(
        "INSERT OR REPLACE INTO decks(id, path, title, topic, description, level, sources, settings, card_count)"
        " VALUES (?,?,?,?,?,?,?,?,?)",
        (
            meta.id,
            pd.path,
            meta.title,
            meta.topic_or_title,
            meta.description,
            meta.level or "",
            json.dumps([s.model_dump() for s in meta.sources], ensure_ascii=False),
            json.dumps(meta.settings.model_dump(exclude_none=True)),
            count,
        ),
    )
    conn.execute("UPDATE decks SET path=NULL WHERE path=? AND id<>?", (pd.path, meta.id))
    conn.execute(
        "INSERT OR REPLACE INTO deck_files(path, deck_id, size, mtime_ns, sha, error) VALUES (?,?,?,?,?,NULL)",
        (pd.path, meta.id, st.st_size, st.st_mtime_ns, pd.sha),
    )
