"""Writing a synced deck: card rows built straight from notes, bulk inserts and in-place updates."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.deck.models import Note
    from quizapp.deck.parser import ParsedDeck


def insert_cards(conn, rows: list[tuple], profiles: list[int]) -> None:
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


def write_deck(
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
