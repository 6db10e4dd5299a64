"""Incremental deck sync: skip unchanged files, resolve stable card ids, write changes in one transaction."""

from __future__ import annotations

import gc
import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.store.identity import CHUNK, resolve_ids
from quizapp.store.sync_write import insert_cards, write_deck

if TYPE_CHECKING:
    from quizapp.deck.parser import ParsedDeck
    from quizapp.store.db import Store


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
    changed: list[tuple[Path, os.stat_result, bytes | None]] = []
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
        sha = hashlib.blake2b(raw, digest_size=16).hexdigest()
        if row and row[2] == sha:
            touch.append((st.st_size, st.st_mtime_ns, str(f)))
            if row[3]:
                rep.errors.extend(row[3].split("\n"))
            continue
        changed.append((f, st, raw))
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


def _read_parse(f: Path, raw: bytes | None, rep: SyncReport) -> tuple[ParsedDeck, str] | None:
    """Read (unless already read) and parse one deck file: (parsed deck, content hash), or None if unreadable."""
    from quizapp.deck.parser import parse_file, parse_text

    if raw is None:
        try:
            raw = f.read_bytes()
        except OSError as e:
            rep.errors.append(f"{f}:0: cannot read file: {e.strerror}")
            return None
    sha = hashlib.blake2b(raw, digest_size=16).hexdigest()
    try:
        return parse_text(raw.decode("utf-8-sig"), str(f)), sha
    except UnicodeDecodeError:
        return parse_file(f), sha  # reports the line of the bad byte


def _apply_new_files(store: Store, changed, rep: SyncReport, progress) -> None:
    """Only new files and no removed cards: parse, resolve and write one file at a time (flat memory)."""
    from quizapp.deck.checker import CrossChecker

    conn = store.conn
    changed_paths = {str(f) for f, _, _ in changed}
    total = len(changed)
    checker = CrossChecker()
    claimed: set[str] = set()
    with store.tx():
        profiles = [r[0] for r in conn.execute("SELECT id FROM profiles")]
        for i in range(total):
            f, st, raw = changed[i]
            changed[i] = None  # drop the raw bytes as we go
            got = _read_parse(f, raw, rep)
            if got is None:
                continue
            pd, sha = got
            rep.parsed += 1
            checker.add(pd)
            _cross_db_errors(conn, pd, changed_paths)
            rep.errors.extend(str(p) for p in pd.errors)
            rep.warnings.extend(str(p) for p in pd.warnings)
            if not pd.ok:
                conn.execute(
                    "INSERT OR REPLACE INTO deck_files(path, deck_id, size, mtime_ns, sha, error)"
                    " VALUES (?,NULL,?,?,?,?)",
                    (pd.path, st.st_size, st.st_mtime_ns, sha, "\n".join(str(p) for p in pd.errors)),
                )
            else:
                (ids,) = resolve_ids(conn, [pd], set(), claimed)
                existing = _existing_for(conn, pd, ids)
                inserts: list[tuple] = []
                write_deck(conn, pd, st, sha, ids, existing, profiles, rep, {}, inserts)
                insert_cards(conn, inserts, profiles)
                rep.added += len(inserts)
            pd.notes = []
            del pd
            if progress:
                progress(i + 1, total)
        if rep.changed:
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('fts_dirty', '1')")


def _existing_for(conn, pd, ids: list[str]) -> dict:
    """Cards already stored under this file's note ids (a card copied from another file)."""
    out: dict = {}
    uniq = list(set(ids))
    for i in range(0, len(uniq), CHUNK):
        part = uniq[i : i + CHUNK]
        q = ",".join("?" * len(part))
        for r in conn.execute(f"SELECT id, sig, path FROM cards WHERE note_id IN ({q})", part):
            out[r[0]] = (r[1], r[2])
    return out


def _cross_db_errors(conn, pd, changed_paths: set[str]) -> None:
    from quizapp.deck.parser import Problem

    if not pd.ok:
        return
    row = conn.execute("SELECT path FROM decks WHERE id=? AND path IS NOT NULL", (pd.meta.id,)).fetchone()
    if row and row[0] != pd.path and row[0] not in changed_paths:
        pd.problems.append(Problem(pd.path, 1, f"duplicate deck id {pd.meta.id!r} (also in {row[0]})"))
    explicit = [n for n in pd.notes if n.explicit_id]
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

    conn = store.conn
    parsed: list[tuple[ParsedDeck, os.stat_result, str]] = []
    total = len(changed)
    for i, (f, st, raw) in enumerate(changed):
        got = _read_parse(f, raw, rep)
        if got is None:
            continue
        parsed.append((got[0], st, got[1]))
        rep.parsed += 1
        if progress:
            progress(i + 1, total)
    changed_paths = {pd.path for pd, _, _ in parsed} | set(gone)
    _cross_file_errors(conn, parsed, changed_paths)
    good = [(pd, st, sha) for pd, st, sha in parsed if pd.ok]
    bad = [(pd, st, sha) for pd, st, sha in parsed if not pd.ok]
    for pd, _, _ in parsed:
        rep.errors.extend(str(p) for p in pd.errors)
        rep.warnings.extend(str(p) for p in pd.warnings)
    good_paths = {pd.path for pd, _, _ in good} | set(gone)
    with store.tx():
        ids = resolve_ids(conn, [pd for pd, _, _ in good], good_paths)
        existing = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT id, sig, path FROM cards") if r[0] is not None}
        profiles = [r[0] for r in conn.execute("SELECT id FROM profiles")]
        new_ids_by_path: dict[str, set[str]] = {}
        inserts: list[tuple] = []
        for (pd, st, sha), note_ids in zip(good, ids, strict=True):
            write_deck(conn, pd, st, sha, note_ids, existing, profiles, rep, new_ids_by_path, inserts)
        insert_cards(conn, inserts, profiles)
        rep.added += len(inserts)
        for pd, st, sha in bad:
            msg = "\n".join(str(p) for p in pd.errors)
            conn.execute(
                "INSERT OR REPLACE INTO deck_files(path, deck_id, size, mtime_ns, sha, error)"
                " VALUES (?, (SELECT deck_id FROM deck_files WHERE path=?), ?, ?, ?, ?)",
                (pd.path, pd.path, st.st_size, st.st_mtime_ns, sha, msg),
            )
        for path in good_paths:
            keep = new_ids_by_path.get(path, set())
            stale = [r[0] for r in conn.execute("SELECT id FROM cards WHERE path=?", (path,)) if r[0] not in keep]
            if stale:
                rep.removed += len(stale)
                conn.executemany("UPDATE cards SET deck_id=NULL, path=NULL, sig=NULL WHERE id=?", [(i,) for i in stale])
                conn.executemany("UPDATE card_state SET deck_id=NULL WHERE card_id=?", [(i,) for i in stale])
        for path in gone:
            conn.execute("DELETE FROM deck_files WHERE path=?", (path,))
            conn.execute("UPDATE decks SET path=NULL WHERE path=?", (path,))
        if rep.changed:
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('fts_dirty', '1')")


def _cross_file_errors(conn, parsed, changed_paths: set[str]) -> None:
    from quizapp.deck.checker import cross_check

    cross_check([pd for pd, _, _ in parsed])
    for pd, _, _ in parsed:
        _cross_db_errors(conn, pd, changed_paths)
