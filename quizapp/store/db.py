"""The Store: the one connection to the progress database, its transactions, profiles and settings."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from quizapp.settings import Settings
from quizapp.store.schema import SCHEMA_VERSION, current_version, migrate

AUTOCHECKPOINT_PAGES = 1000  # SQLite's default


class StoreError(Exception):
    """A problem with the progress database, with a one-line message for the user."""


class Store:
    """Progress for every profile. Open one per thread: sqlite connections are thread-bound."""

    def __init__(self, path: str | Path, profile: str = "default", *, create_profile: bool = True) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30, check_same_thread=True)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=OFF")
            self.conn.execute("PRAGMA busy_timeout=30000")
            self.conn.execute("PRAGMA cache_size=-8000")  # 8 MB: as fast as 32 MB for syncs and answers, 24 MB less RSS
            if current_version(self.conn) != SCHEMA_VERSION:
                migrate(self.conn)
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: cannot open the progress database: {e}") from None
        except RuntimeError as e:
            raise StoreError(f"{self.path}: {e}") from None
        self.profile_id = self._profile_id(profile, create=create_profile)
        self.profile = profile
        self._settings_cache: Settings | None = None
        self.checkpointer: threading.Thread | None = None

    # -- transactions -------------------------------------------------------
    @contextmanager
    def tx(self, bulk: bool = False) -> Iterator[sqlite3.Connection]:
        """A write transaction (BEGIN IMMEDIATE, so two writers queue instead of deadlocking).

        ``bulk`` is for a write of many MB (a first load): its commit skips SQLite's automatic checkpoint,
        which then copies the WAL into the database file on a background thread instead of in the caller.
        """
        if self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        if bulk:
            self.conn.execute("PRAGMA wal_autocheckpoint=0")
        try:
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        finally:
            if bulk:
                self.conn.execute(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT_PAGES}")
        if bulk:
            self._checkpoint_in_background()

    def _checkpoint_in_background(self) -> threading.Thread | None:
        """Copy a big WAL into the database file on a thread with its own connection (readers and writers go on)."""
        try:
            if os.path.getsize(f"{self.path}-wal") < AUTOCHECKPOINT_PAGES * 4096:
                return None
        except OSError:
            return None

        def run() -> None:
            try:
                conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
                finally:
                    conn.close()
            except sqlite3.Error:
                pass  # the next commit's automatic checkpoint does it instead

        t = threading.Thread(target=run, name="quizapp-checkpoint", daemon=True)
        t.start()
        self.checkpointer = t
        return t

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def close(self) -> None:
        try:
            self.conn.close()
        except sqlite3.Error:
            pass

    @property
    def db(self):
        """A sqlite_utils.Database over this connection, for schema work and bulk loads."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    # -- profiles -----------------------------------------------------------
    def _profile_id(self, name: str, create: bool) -> int:
        row = self.conn.execute("SELECT id FROM profiles WHERE name=?", (name,)).fetchone()
        if row:
            return int(row[0])
        if not create:
            raise StoreError(f"no profile named {name!r} (see 'quizapp profiles')")
        return self.create_profile(name)

    def profiles(self) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT p.id, p.name, p.created, (SELECT count(*) FROM review_log r WHERE r.profile_id=p.id)"
            " FROM profiles p ORDER BY p.id"
        ).fetchall()
        return [{"id": r[0], "name": r[1], "created": r[2], "reviews": r[3]} for r in rows]

    def create_profile(self, name: str) -> int:
        name = name.strip()
        if not name or len(name) > 64:
            raise StoreError("a profile name must have 1 to 64 characters")
        with self.tx():
            if self.conn.execute("SELECT 1 FROM profiles WHERE name=?", (name,)).fetchone():
                raise StoreError(f"a profile named {name!r} already exists")
            cur = self.conn.execute("INSERT INTO profiles(name, created) VALUES (?, ?)", (name, int(time.time())))
            pid = int(cur.lastrowid)
            self.conn.execute(
                "INSERT OR IGNORE INTO card_state(profile_id, card_id, deck_id, level, note_id, due)"
                " SELECT ?, id, deck_id, level, note_id, pos FROM cards",
                (pid,),
            )
        return pid

    def rename_profile(self, old: str, new: str) -> None:
        new = new.strip()
        if not new or len(new) > 64:
            raise StoreError("a profile name must have 1 to 64 characters")
        with self.tx():
            if self.conn.execute("SELECT 1 FROM profiles WHERE name=?", (new,)).fetchone():
                raise StoreError(f"a profile named {new!r} already exists")
            cur = self.conn.execute("UPDATE profiles SET name=? WHERE name=?", (new, old))
            if cur.rowcount == 0:
                raise StoreError(f"no profile named {old!r}")
        if old == self.profile:
            self.profile = new

    def delete_profile(self, name: str) -> None:
        with self.tx():
            row = self.conn.execute("SELECT id FROM profiles WHERE name=?", (name,)).fetchone()
            if row is None:
                raise StoreError(f"no profile named {name!r}")
            if self.conn.execute("SELECT count(*) FROM profiles").fetchone()[0] <= 1:
                raise StoreError("cannot delete the only profile")
            pid = row[0]
            for table in ("card_state", "review_log", "settings"):
                self.conn.execute(f"DELETE FROM {table} WHERE profile_id=?", (pid,))
            self.conn.execute("DELETE FROM profiles WHERE id=?", (pid,))

    # -- settings -----------------------------------------------------------
    def settings(self) -> Settings:
        """The profile's settings (defaults for anything not set)."""
        if self._settings_cache is None:
            rows = self.conn.execute(
                "SELECT key, value FROM settings WHERE profile_id=? AND scope=''", (self.profile_id,)
            ).fetchall()
            data = {k: json.loads(v) for k, v in rows}
            try:
                self._settings_cache = Settings.from_dict(data)
            except (TypeError, ValueError):
                self._settings_cache = Settings()
        return self._settings_cache

    def save_settings(self, settings: Settings) -> None:
        settings.validate()
        with self.tx():
            self.conn.executemany(
                "INSERT OR REPLACE INTO settings(profile_id, scope, key, value) VALUES (?, '', ?, ?)",
                [(self.profile_id, k, json.dumps(v)) for k, v in settings.to_dict().items()],
            )
        self._settings_cache = settings

    def deck_overrides(self) -> dict[str, dict[str, Any]]:
        """Per-deck scheduling overrides from the deck files' [settings] tables."""
        out: dict[str, dict[str, Any]] = {}
        for deck_id, raw in self.conn.execute("SELECT id, settings FROM decks WHERE path IS NOT NULL"):
            data = json.loads(raw or "{}")
            data = {k: v for k, v in data.items() if v is not None}
            if data:
                out[deck_id] = data
        return out

    def meta_get(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def meta_set(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # -- decks --------------------------------------------------------------
    def decks(self) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT id, path, title, topic, description, level, sources, card_count FROM decks"
            " WHERE path IS NOT NULL ORDER BY topic, title"
        ).fetchall()
        keys = ("id", "path", "title", "topic", "description", "level", "sources", "card_count")
        out = []
        for r in rows:
            d = dict(zip(keys, r, strict=True))
            d["sources"] = json.loads(d["sources"] or "[]")
            out.append(d)
        return out

    def deck_errors(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT error FROM deck_files WHERE error IS NOT NULL ORDER BY path")]
