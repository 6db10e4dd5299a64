"""The progress database schema, built and migrated with sqlite-utils; one function per version step."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable

SCHEMA_VERSION = 5

# A card row as a sync builds it, column by column. A stored card is updated when its stored row differs.
ROW_COLUMNS = (
    "id, note_id, deck_id, ord, pos, type, front, back, data, explanation, source, level, tags, line, path, explicit"
)


def _v1(db) -> None:
    """The first schema: profiles, settings, decks, cards, per-profile state and the review log."""
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["profiles"].create({"id": int, "name": str, "created": int}, pk="id", not_null={"name"})
    db["profiles"].create_index(["name"], unique=True)
    db["settings"].create(
        {"profile_id": int, "scope": str, "key": str, "value": str},
        pk=("profile_id", "scope", "key"),
    )
    db["deck_files"].create(
        {"path": str, "deck_id": str, "size": int, "mtime_ns": int, "sha": str, "error": str},
        pk="path",
    )
    db["decks"].create(
        {
            "id": str,
            "path": str,
            "title": str,
            "topic": str,
            "description": str,
            "level": str,
            "sources": str,
            "settings": str,
            "card_count": int,
        },
        pk="id",
    )
    db["note_keys"].create({"key": str, "note_id": str}, pk="key")
    db["cards"].create(
        {
            "id": str,
            "note_id": str,
            "deck_id": str,
            "ord": int,
            "pos": int,
            "type": str,
            "front": str,
            "back": str,
            "data": str,
            "explanation": str,
            "source": str,
            "level": str,
            "tags": str,
            "line": int,
            "path": str,
            "sig": str,
            "explicit": int,
        },
        pk="id",
    )
    db["cards"].create_index(["note_id"])
    db["cards"].create_index(["path"])
    db["card_state"].create(
        {
            "profile_id": int,
            "card_id": str,
            "deck_id": str,
            "level": str,
            "note_id": str,
            "queue": int,
            "state": int,
            "step": int,
            "stability": float,
            "difficulty": float,
            "due": int,
            "last_review": int,
            "reps": int,
            "lapses": int,
            "flag": int,
            "buried_until": int,
        },
        pk=("profile_id", "card_id"),
        defaults={"queue": 0, "state": 0, "reps": 0, "lapses": 0, "flag": 0, "due": 0},
        not_null={"queue", "state", "reps", "lapses", "flag", "due"},
    )
    db["card_state"].create_index(["profile_id", "queue", "due"])
    db["card_state"].create_index(["profile_id", "deck_id", "queue", "due", "level"])
    db["review_log"].create(
        {
            "id": int,
            "profile_id": int,
            "card_id": str,
            "time": int,  # epoch milliseconds, UTC
            "rating": int,  # 1 Again .. 4 Easy
            "duration_ms": int,
            "mode": str,  # review | quiz | import
            "state_before": int,
            "prev": str,  # JSON: the card_state row before, for exact undo
        },
        pk="id",
    )
    db["review_log"].create_index(["profile_id", "time"])
    db["review_log"].create_index(["card_id", "time"])


def _v2(db) -> None:
    """Leech marking and the stability after each review (for stats and optimisation)."""
    db["card_state"].add_column("leech", int, not_null_default=0)
    db["review_log"].add_column("stability", float)
    db["review_log"].add_column("difficulty", float)


def _v3(db) -> None:
    """Full-text search over cards (rebuilt lazily after syncs)."""
    db.execute(
        "CREATE VIRTUAL TABLE cards_fts USING fts5("
        "front, back, explanation, tags, content='cards', content_rowid='rowid',"
        " tokenize='unicode61 remove_diacritics 2')"
    )
    db["meta"].upsert({"key": "fts_dirty", "value": "1"}, pk="key")


def _v4(db) -> None:
    """Per-profile, per-card review index covering what reports and history read (replaces card+time)."""
    db["review_log"].create_index(
        ["profile_id", "card_id", "time", "rating", "duration_ms", "state_before", "mode"],
        index_name="idx_review_log_profile_card",
    )
    db.execute("DROP INDEX IF EXISTS idx_review_log_card_id_time")
    # today's counts and day-range stats read these columns only
    db["review_log"].create_index(
        ["profile_id", "time", "mode", "state_before", "card_id"], index_name="idx_review_log_profile_time"
    )
    db.execute("DROP INDEX IF EXISTS idx_review_log_profile_id_time")


def _v5(db) -> None:
    """Cards lose their row signature: a sync now compares a changed file's rows with the stored ones."""
    try:
        db.execute("ALTER TABLE cards DROP COLUMN sig")
    except sqlite3.OperationalError:  # SQLite before 3.35 has no DROP COLUMN
        db["cards"].transform(drop={"sig"})
        db["meta"].upsert({"key": "fts_dirty", "value": "1"}, pk="key")  # the copy may renumber rowids


MIGRATIONS: dict[int, Callable] = {1: _v1, 2: _v2, 3: _v3, 4: _v4, 5: _v5}


def current_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
    if row is None:
        return 0
    v = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    return int(v[0]) if v else 0


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the database up to ``target``, each step in its own transaction. Returns the old version."""
    import sqlite_utils

    old = current_version(conn)
    if old > SCHEMA_VERSION:
        raise RuntimeError(
            f"the progress database is schema version {old}, newer than this quizapp"
            f" ({SCHEMA_VERSION}); upgrade quizapp"
        )
    db = sqlite_utils.Database(conn)
    for v in range(old + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[v](db)
            conn.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
                (str(v),),
            )
            if v == 1:
                conn.execute(
                    "INSERT INTO profiles(id, name, created) VALUES (1, 'default', ?)",
                    (int(time.time()),),
                )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return old
