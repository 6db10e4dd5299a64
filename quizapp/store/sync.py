"""Incremental deck sync: skip unchanged files, resolve stable card ids, write changes in one transaction."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.deck.models import Note
    from quizapp.deck.parser import ParsedDeck
    from quizapp.store.db import Store

SAME_DECK_CUTOFF = 80.0
OTHER_DECK_CUTOFF = 90.0
CHUNK = 500


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
        _apply(store, changed, gone, rep, progress)
    finally:
        if gc_was_on:
            gc.enable()
    rep.seconds = time.perf_counter() - t0
    return rep


def _apply(store: Store, changed, gone: list[str], rep: SyncReport, progress) -> None:
    from quizapp.deck.parser import parse_text

    conn = store.conn
    parsed: list[tuple[ParsedDeck, os.stat_result, str]] = []
    total = len(changed)
    for i, (f, st, raw) in enumerate(changed):
        try:
            text = raw.decode("utf-8-sig")
            pd = parse_text(text, str(f))
        except UnicodeDecodeError:
            from quizapp.deck.parser import parse_file

            pd = parse_file(f)
        parsed.append((pd, st, hashlib.blake2b(raw, digest_size=16).hexdigest()))
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
        ids = _resolve_ids(conn, [pd for pd, _, _ in good], good_paths)
        existing = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT id, sig, path FROM cards") if r[0] is not None}
        profiles = [r[0] for r in conn.execute("SELECT id FROM profiles")]
        new_ids_by_path: dict[str, set[str]] = {}
        inserts: list[tuple] = []
        for (pd, st, sha), note_ids in zip(good, ids, strict=True):
            _write_deck(conn, pd, st, sha, note_ids, existing, profiles, rep, new_ids_by_path, inserts)
        _insert_cards(conn, inserts, profiles)
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
    from quizapp.deck.parser import Problem

    cross_check([pd for pd, _, _ in parsed])
    # explicit ids and deck ids already used by files that are not changing
    for pd, _, _ in parsed:
        if not pd.ok:
            continue
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


def _first_card_text(note: Note) -> str:
    c = note.cards("x")[0]
    return f"{c.front} {c.back}"


def _resolve_ids(conn, decks: list[ParsedDeck], changed_paths: set[str]) -> list[list[str]]:
    """A note id for every note: explicit, known fingerprint, similar removed card, or new.

    An implicit note's id is ``~`` + its fingerprint when first seen; ``note_keys`` only records the
    fingerprints that map elsewhere (after an edit was matched to an existing card).
    """
    out: list[list[str]] = [[""] * len(pd.notes) for pd in decks]
    claimed: set[str] = set()
    pending: list[tuple[int, int, str]] = []
    keys: dict[tuple[int, int], str] = {}
    for di, pd in enumerate(decks):
        for ni, n in enumerate(pd.notes):
            if n.explicit_id:
                out[di][ni] = n.explicit_id
                claimed.add(n.explicit_id)
            else:
                keys[(di, ni)] = n.key or n.content_key()
    mapping: dict[str, str] = {}
    known: set[str] = set()
    if keys and conn.execute("SELECT 1 FROM cards LIMIT 1").fetchone():
        all_keys = list(set(keys.values()))
        for i in range(0, len(all_keys), CHUNK):
            part = all_keys[i : i + CHUNK]
            q = ",".join("?" * len(part))
            mapping.update(conn.execute(f"SELECT key, note_id FROM note_keys WHERE key IN ({q})", part).fetchall())
            known.update(
                r[0]
                for r in conn.execute(
                    f"SELECT DISTINCT note_id FROM cards WHERE note_id IN ({q})", ["~" + k for k in part]
                )
            )
    for (di, ni), key in keys.items():
        nid = mapping.get(key) or ("~" + key if "~" + key in known else None)
        if nid and nid not in claimed:
            out[di][ni] = nid
            claimed.add(nid)
        else:
            pending.append((di, ni, key))
    if pending and known | set(mapping.values()) | _has_orphans(conn, changed_paths):
        _match_orphans(conn, decks, pending, out, claimed, changed_paths)
    aliases = []
    for di, ni, key in pending:
        if not out[di][ni]:
            nid = "~" + key
            k = 2
            while nid in claimed:
                nid = f"~{key}-{k}"
                k += 1
            out[di][ni] = nid
            claimed.add(nid)
        if out[di][ni] != "~" + key:
            aliases.append((key, out[di][ni]))
    if aliases:
        conn.executemany("INSERT OR REPLACE INTO note_keys(key, note_id) VALUES (?, ?)", aliases)
    return out


def _has_orphans(conn, changed_paths: set[str]) -> set[str]:
    """A non-empty set when some card could be matched (a removed card, or one in a changed file)."""
    if conn.execute("SELECT 1 FROM cards WHERE path IS NULL LIMIT 1").fetchone():
        return {"removed"}
    for p in changed_paths:
        if conn.execute("SELECT 1 FROM cards WHERE path=? LIMIT 1", (p,)).fetchone():
            return {"changed"}
    return set()


def _match_orphans(conn, decks, pending, out, claimed: set[str], changed_paths: set[str]) -> None:
    """Give an unknown note the id of a similar card that just disappeared or was removed earlier."""
    qp = ",".join("?" * len(changed_paths)) or "''"
    rows = conn.execute(
        "SELECT note_id, type, deck_id, front || ' ' || back FROM cards"
        f" WHERE ord=0 AND explicit=0 AND (path IS NULL OR path IN ({qp}))",
        list(changed_paths),
    ).fetchall()
    orphans = [r for r in rows if r[0] not in claimed]
    if not orphans:
        return
    from rapidfuzz import fuzz, process

    by_type: dict[str, list[tuple[str, str | None, str]]] = {}
    for nid, typ, deck_id, text in orphans:
        by_type.setdefault(typ, []).append((nid, deck_id, text))
    for di, ni, _key in pending:
        note = decks[di].notes[ni]
        cands = [c for c in by_type.get(note.type, []) if c[0] not in claimed]
        if not cands:
            continue
        text = _first_card_text(note)
        best = None
        for same in (True, False):
            pool = [c for c in cands if (c[1] == note.deck_id) == same]
            if not pool:
                continue
            cutoff = SAME_DECK_CUTOFF if same else OTHER_DECK_CUTOFF
            hit = process.extractOne(text, [c[2] for c in pool], scorer=fuzz.ratio, score_cutoff=cutoff)
            if hit:
                best = pool[hit[2]][0]
                break
        if best:
            out[di][ni] = best
            claimed.add(best)


def _insert_cards(conn, rows: list[tuple], profiles: list[int]) -> None:
    """Insert new cards and their per-profile state, sorted by id so the B-trees are appended to."""
    if not rows:
        return
    rows.sort(key=lambda r: r[0])
    conn.executemany(
        "INSERT INTO cards(id, note_id, deck_id, ord, pos, type, front, back, data, explanation, source,"
        " level, tags, line, path, sig, explicit) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    for pid in profiles:
        conn.executemany(
            "INSERT OR IGNORE INTO card_state(profile_id, card_id, deck_id, level, note_id, due) VALUES (?,?,?,?,?,?)",
            [(pid, r[0], r[2], r[11], r[1], r[4]) for r in rows],
        )


def _note_rows(note: Note, nid: str, deck_id: str, path: str) -> list[tuple]:
    """The ``cards`` rows for one note (without building Card objects: this is the sync's hot loop)."""
    from quizapp.deck.models import render_cloze

    t = note.type
    common = (note.explanation, note.source)
    tail = (note.level or "", " ".join(note.tags), note.line, path)
    explicit = 1 if note.explicit_id else 0
    extra = {"note": note.note} if note.note else {}
    base = note.line * 10
    if t == "cloze":
        out = []
        for i, n in enumerate(note.cloze_groups()):
            front, back, answers, hints = render_cloze(note.text, n)
            d = {"answers": answers, **({"hints": hints} if hints else {}), **extra}
            out.append(
                ((f"{nid}:c{n}", nid, deck_id, i, base + i, t, front, back, json.dumps(d, ensure_ascii=False)), i)
            )
    elif t == "reversed":
        data = json.dumps(extra, ensure_ascii=False) if extra else ""
        out = [
            ((nid, nid, deck_id, 0, base, t, note.front, note.back, data), 0),
            ((nid + ":r", nid, deck_id, 1, base + 1, t, note.back, note.front, data), 1),
        ]
    else:
        d = dict(extra)
        back = note.back
        if t == "choice":
            d["options"] = [[o.text, o.correct] for o in note.options]
            d["answers"] = [o.text for o in note.options if o.correct]
            back = back or "\n".join(f"- {a}" for a in d["answers"])
        elif t == "order":
            d["steps"] = note.steps
            back = back or "\n".join(f"{i}. {s}" for i, s in enumerate(note.steps, 1))
        elif t == "typed":
            d["answers"] = [note.back.strip()]
            if note.accept:
                d["accept"] = note.accept
        data = json.dumps(d, ensure_ascii=False) if d else ""
        out = [((nid, nid, deck_id, 0, base, t, note.front, back, data), 0)]
    rows = []
    for body, _ord in out:
        full = body + common + tail
        sig = hashlib.blake2b("\x1f".join(map(str, full)).encode(), digest_size=8).hexdigest()
        rows.append((*full, sig, explicit))
    return rows


def _write_deck(
    conn, pd: ParsedDeck, st, sha: str, note_ids, existing, profiles, rep, new_ids_by_path, pending_inserts
) -> None:
    meta = pd.meta
    assert meta is not None
    rows = []
    for note, nid in zip(pd.notes, note_ids, strict=True):
        rows.extend(_note_rows(note, nid, meta.id, pd.path))
    count = len(rows)
    keep = {r[0] for r in rows}
    new_ids_by_path[pd.path] = keep
    pending_inserts.extend(r for r in rows if r[0] not in existing)
    updates = [r for r in rows if r[0] in existing and existing[r[0]][0] != r[15]]
    if updates:
        conn.executemany(
            "UPDATE cards SET note_id=?, deck_id=?, ord=?, pos=?, type=?, front=?, back=?, data=?,"
            " explanation=?, source=?, level=?, tags=?, line=?, path=?, sig=?, explicit=? WHERE id=?",
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
        (pd.path, meta.id, st.st_size, st.st_mtime_ns, sha),
    )
