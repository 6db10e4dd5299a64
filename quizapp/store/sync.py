"""Incremental deck sync: skip unchanged files, resolve stable card ids, write changes in one transaction."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.store.identity import CHUNK, resolve_ids
from quizapp.store.schema import ROW_COLUMNS
from quizapp.store.sync_write import insert_cards, write_deck

if TYPE_CHECKING:
    from quizapp.store.db import Store
    from quizapp.store.deck_rows import DeckRows


BULK_BYTES = 1_000_000  # reading this much deck text writes enough to checkpoint in the background


@dataclass
class SyncReport:
    """What a sync did."""

    files: int = 0
    parsed: int = 0
    added: int = 0
    updated: int = 0
    removed: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def _scan(dirs: list[Path]) -> list[Path]:
    out: list[Path] = []
    seen: set[str] = set()
    for d in dirs:
        if d.is_file():
            cands = [d]
        elif d.is_dir():
            cands = []
            for root, subdirs, files in os.walk(d):
                subdirs[:] = sorted(s for s in subdirs if not s.startswith("."))
                cands.extend(Path(root, f) for f in sorted(files) if f.endswith(".md") and f.lower() != "readme.md")
        else:
            continue
        for c in cands:
            key = str(c.resolve())
            if key not in seen:
                seen.add(key)
                out.append(Path(key))
    return out


def sync_decks(
    store: Store,
    dirs: list[Path],
    progress: Callable[[int, int], None] | None = None,
) -> SyncReport:
    """Bring the store's cards in line with the deck files under ``dirs``."""
    t0 = time.perf_counter()
    rep = SyncReport()
    conn = store.conn
    files = _scan(dirs)
    rep.files = len(files)
    known = {r[0]: r[1:] for r in conn.execute("SELECT path, size, mtime_ns, sha, error FROM deck_files")}
    changed: list[tuple[Path, os.stat_result, tuple[bytes, str] | None]] = []  # (bytes, hash) if read
    touch: list[tuple[int, int, str]] = []
    for f in files:
        try:
            st = f.stat()
        except OSError:
            continue
        row = known.get(str(f))
        if row and row[0] == st.st_size and row[1] == st.st_mtime_ns:
            if row[3]:
                rep.errors.extend(row[3].split("\n"))
            continue
        if row is None:  # a new file: read it when it is parsed (keeps memory flat)
            changed.append((f, st, None))
            continue
        try:
            raw = f.read_bytes()
        except OSError as e:
            rep.errors.append(f"{f}:0: cannot read file: {e.strerror}")
            continue
        from quizapp.store.deck_rows import file_hash  # (a changed file is parsed next: the parser is due anyway)

        sha = file_hash(raw)
        if row and row[2] == sha:
            touch.append((st.st_size, st.st_mtime_ns, str(f)))
            if row[3]:
                rep.errors.extend(row[3].split("\n"))
            continue
        changed.append((f, st, (raw, sha)))
    present = {str(f) for f in files}
    gone = [p for p in known if p not in present]
    if touch:
        with store.tx():
            conn.executemany("UPDATE deck_files SET size=?, mtime_ns=? WHERE path=?", touch)
    if not changed and not gone:
        rep.seconds = time.perf_counter() - t0
        return rep
    # Parsing builds many small objects that live until the write: the cyclic GC would rescan them over
    # and over (it doubles the time of a large first sync) and they hold no cycles worth collecting.
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        fresh = not gone and not any(str(f) in known for f, _, _ in changed)
        if fresh and not conn.execute("SELECT 1 FROM cards WHERE path IS NULL LIMIT 1").fetchone():
            _apply_new_files(store, changed, rep, progress)
        else:
            _apply(store, changed, gone, rep, progress)
    finally:
        if gc_was_on:
            gc.enable()
    rep.seconds = time.perf_counter() - t0
    return rep


def _jobs(changed) -> tuple[list[tuple[str, tuple[bytes, str] | None]], int, dict[str, os.stat_result]]:
    """What the readers get (path, and bytes and hash if already read), the bytes to read, each file's stat."""
    jobs = [(str(f), read) for f, _, read in changed]
    stats = {str(f): st for f, st, _ in changed}
    return jobs, sum(st.st_size for st in stats.values()), stats


def _read(jobs: list, size: int, rep: SyncReport, progress) -> Iterator[DeckRows]:
    """The readable files' DeckRows in order, counting progress; each job's bytes are dropped once it is read."""
    from quizapp.store.sync_pool import read_in_order

    total = len(jobs)
    for i, dr in enumerate(read_in_order(jobs, size)):
        jobs[i] = None
        if progress:
            progress(i + 1, total)
        if isinstance(dr, str):
            rep.errors.append(dr)
        else:
            rep.parsed += 1
            yield dr


def _fresh_ids(dr: DeckRows, claimed: set[str]) -> list[str] | None:
    """Into an empty store, every note keeps its provisional id unless two notes share one (then None)."""
    ids = dr.ids
    if len(set(ids)) != len(ids) or not claimed.isdisjoint(ids):
        return None
    claimed.update(ids)
    return ids


def _apply_new_files(store: Store, changed, rep: SyncReport, progress) -> None:
    """Only new files and no removed cards: read, resolve and write one file at a time (flat memory).

    Into an empty store (a first load) no stored card can share an id or a fingerprint with the new ones, so
    the per-file lookups are skipped and the secondary indexes are built once at the end.
    """
    from quizapp.deck.checker import CrossChecker

    conn = store.conn
    jobs, size, stats = _jobs(changed)
    changed.clear()  # drop the raw bytes as they are handed out
    changed_paths = set(stats)
    checker = CrossChecker()
    claimed: set[str] = set()
    with store.tx(bulk=size >= BULK_BYTES):
        profiles = [r[0] for r in conn.execute("SELECT id FROM profiles")]
        fresh = conn.execute("SELECT 1 FROM cards UNION ALL SELECT 1 FROM note_keys LIMIT 1").fetchone() is None
        indexes = _drop_indexes(conn) if fresh else []
        for dr in _read(jobs, size, rep, progress):
            st = stats[dr.path]
            checker.add(dr)
            _cross_db_errors(conn, dr, changed_paths, cards=not fresh)
            rep.errors.extend(str(p) for p in dr.errors)
            rep.warnings.extend(str(p) for p in dr.warnings)
            if not dr.ok:
                conn.execute(
                    "INSERT OR REPLACE INTO deck_files(path, deck_id, size, mtime_ns, sha, error)"
                    " VALUES (?,NULL,?,?,?,?)",
                    (dr.path, st.st_size, st.st_mtime_ns, dr.sha, "\n".join(str(p) for p in dr.errors)),
                )
                continue
            ids = _fresh_ids(dr, claimed) if fresh else None
            if ids is None:
                (ids,) = resolve_ids(conn, [dr], set(), claimed, lookup=not fresh)
            rows = dr.rows_for(ids)
            existing = {} if fresh else _existing(conn, [r[0] for r in rows])
            inserts: list[tuple] = []
            write_deck(conn, dr, st, rows, existing, profiles, rep, None, inserts)
            insert_cards(conn, inserts)
            rep.added += len(inserts)
        for sql in indexes:
            conn.execute(sql)
        if rep.changed:
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('fts_dirty', '1')")


def _drop_indexes(conn) -> list[str]:
    """Drop the cards' and card states' secondary indexes (rebuilt in one sorted pass after a bulk load)."""
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL"
        " AND tbl_name IN ('cards', 'card_state')"
    ).fetchall()
    for name, _sql in rows:
        conn.execute(f'DROP INDEX "{name}"')
    return [sql for _name, sql in rows]


def _existing(conn, card_ids: list[str]) -> dict[str, tuple[tuple, str | None]]:
    """The stored row and path of each of these cards that is already stored (path None: removed earlier)."""
    out: dict[str, tuple[tuple, str | None]] = {}
    for i in range(0, len(card_ids), CHUNK):
        part = card_ids[i : i + CHUNK]
        q = ",".join("?" * len(part))
        for r in conn.execute(f"SELECT {ROW_COLUMNS} FROM cards WHERE id IN ({q})", part):
            out[r[0]] = (r, r[14])
    return out


def _cross_db_errors(conn, pd, changed_paths: set[str], cards: bool = True) -> None:
    """A deck id, or (with ``cards``) an explicit card id, already used by a stored file that is not changing."""
    from quizapp.deck.parser import Problem

    if not pd.ok:
        return
    row = conn.execute("SELECT path FROM decks WHERE id=? AND path IS NOT NULL", (pd.meta.id,)).fetchone()
    if row and row[0] != pd.path and row[0] not in changed_paths:
        pd.problems.append(Problem(pd.path, 1, f"duplicate deck id {pd.meta.id!r} (also in {row[0]})"))
    explicit = [n for n in pd.notes if n.explicit_id] if cards else []
    for i in range(0, len(explicit), CHUNK):
        part = explicit[i : i + CHUNK]
        q = ",".join("?" * len(part))
        rows = conn.execute(
            f"SELECT note_id, path, line FROM cards WHERE note_id IN ({q}) AND path IS NOT NULL",
            [n.explicit_id for n in part],
        ).fetchall()
        clash = {r[0]: f"{r[1]}:{r[2]}" for r in rows if r[1] not in changed_paths}
        for n in part:
            if n.explicit_id in clash:
                pd.problems.append(
                    Problem(pd.path, n.line, f"duplicate id {n.explicit_id!r} (also at {clash[n.explicit_id]})")
                )


def _apply(store: Store, changed, gone: list[str], rep: SyncReport, progress) -> None:
    """Some files changed or went away: read them all, then resolve ids across them and write in one go."""
    conn = store.conn
    jobs, size, stats = _jobs(changed)
    changed.clear()
    parsed = list(_read(jobs, size, rep, progress))
    changed_paths = {dr.path for dr in parsed} | set(gone)
    _cross_file_errors(conn, parsed, changed_paths)
    good = [dr for dr in parsed if dr.ok]
    bad = [dr for dr in parsed if not dr.ok]
    for dr in parsed:
        rep.errors.extend(str(p) for p in dr.errors)
        rep.warnings.extend(str(p) for p in dr.warnings)
    good_paths = {dr.path for dr in good} | set(gone)
    with store.tx(bulk=size >= BULK_BYTES):
        ids = resolve_ids(conn, good, good_paths)
        deck_rows = [dr.rows_for(note_ids) for dr, note_ids in zip(good, ids, strict=True)]
        existing = _existing(conn, [r[0] for rows in deck_rows for r in rows])
        profiles = [r[0] for r in conn.execute("SELECT id FROM profiles")]
        new_ids_by_path: dict[str, set[str]] = {}
        inserts: list[tuple] = []
        for dr, rows in zip(good, deck_rows, strict=True):
            write_deck(conn, dr, stats[dr.path], rows, existing, profiles, rep, new_ids_by_path, inserts)
        insert_cards(conn, inserts)
        rep.added += len(inserts)
        for dr in bad:
            st = stats[dr.path]
            msg = "\n".join(str(p) for p in dr.errors)
            conn.execute(
                "INSERT OR REPLACE INTO deck_files(path, deck_id, size, mtime_ns, sha, error)"
                " VALUES (?, (SELECT deck_id FROM deck_files WHERE path=?), ?, ?, ?, ?)",
                (dr.path, dr.path, st.st_size, st.st_mtime_ns, dr.sha, msg),
            )
        for path in good_paths:
            keep = new_ids_by_path.get(path, set())
            stale = [r[0] for r in conn.execute("SELECT id FROM cards WHERE path=?", (path,)) if r[0] not in keep]
            if stale:
                rep.removed += len(stale)
                conn.executemany("UPDATE cards SET deck_id=NULL, path=NULL WHERE id=?", [(i,) for i in stale])
                conn.executemany("UPDATE card_state SET deck_id=NULL WHERE card_id=?", [(i,) for i in stale])
        for path in gone:
            conn.execute("DELETE FROM deck_files WHERE path=?", (path,))
            conn.execute("UPDATE decks SET path=NULL WHERE path=?", (path,))
        if rep.changed:
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('fts_dirty', '1')")


def _cross_file_errors(conn, parsed: list[DeckRows], changed_paths: set[str]) -> None:
    from quizapp.deck.checker import cross_check

    cross_check(parsed)
    for dr in parsed:
        _cross_db_errors(conn, dr, changed_paths)
