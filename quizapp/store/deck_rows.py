"""A deck file read for syncing: its problems, one small reference per note, and its card rows ready to insert."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from quizapp.deck.models import Note, render_cloze
from quizapp.deck.parser import ParsedDeck, parse_bytes

_dumps = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode  # = json.dumps(x, ensure_ascii=False)
_blake = hashlib.blake2b


class NoteRef(NamedTuple):
    """What identity resolution needs of a note; its cards are ``rows[start:start + count]`` of its deck."""

    explicit_id: str | None
    key: str  # content fingerprint
    line: int
    type: str
    start: int
    count: int


@dataclass
class DeckRows(ParsedDeck):
    """A parsed deck file with its notes reduced to ``NoteRef``s and its cards to rows (cheap to pass between
    processes: a worker builds it, the process that owns the database writes it)."""

    notes: list[NoteRef] = field(default_factory=list)  # type: ignore[assignment]
    rows: list[tuple] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # each note's provisional id: its explicit id or "~" + key
    sha: str = ""

    def first_text(self, ref: NoteRef) -> str:
        """Front and back of the note's first card (what a changed note is matched on)."""
        row = self.rows[ref.start]
        return f"{row[6]} {row[7]}"

    def rows_for(self, ids: list[str]) -> list[tuple]:
        """The rows with each note given its resolved id (rebuilt only where that differs from the provisional one)."""
        if len(ids) != len(self.notes):
            raise ValueError("one id per note is needed")
        rows = self.rows
        if ids == self.ids:
            return rows
        out: list[tuple] = []
        for ref, old, nid in zip(self.notes, self.ids, ids, strict=True):
            part = rows[ref.start : ref.start + ref.count]
            if nid != old:
                part = [(nid + r[0][len(old) :], nid, *r[2:]) for r in part]
            out.extend(part)
        return out


def note_rows(note: Note, nid: str, deck_id: str, path: str, same: dict[str, str] | None = None) -> list[tuple]:
    """The ``cards`` rows for one note (without building Card objects: this is the sync's hot loop).

    ``same`` maps each repeated value (type, source, level) to one string object, so rows sent from a reader
    process are pickled with references instead of copies.
    """
    t, source, level = note.type, note.source, note.level or ""
    if same is not None:
        t, source, level = same.setdefault(t, t), same.setdefault(source, source), same.setdefault(level, level)
    tail = (note.explanation, source, level, " ".join(note.tags), note.line, path)
    base = note.line * 10
    extra = note.note
    if t == "basic":
        bodies = [(nid, nid, deck_id, 0, base, t, note.front, note.back, _dumps({"note": extra}) if extra else "")]
    elif t == "cloze":
        bodies = []
        text = note.text
        for i, n in enumerate(note.cloze_groups()):
            front, back, answers, hints = render_cloze(text, n)
            d = {"answers": answers}
            if hints:
                d["hints"] = hints
            if extra:
                d["note"] = extra
            bodies.append((f"{nid}:c{n}", nid, deck_id, i, base + i, t, front, back, _dumps(d)))
    elif t == "reversed":
        data = _dumps({"note": extra}) if extra else ""
        bodies = [
            (nid, nid, deck_id, 0, base, t, note.front, note.back, data),
            (nid + ":r", nid, deck_id, 1, base + 1, t, note.back, note.front, data),
        ]
    else:
        d = {"note": extra} if extra else {}
        back = note.back
        if t == "choice":
            d["options"] = [[o.text, o.correct] for o in note.options]
            d["answers"] = answers = [o.text for o in note.options if o.correct]
            back = back or "\n".join(f"- {a}" for a in answers)
        elif t == "order":
            d["steps"] = note.steps
            back = back or "\n".join(f"{i}. {s}" for i, s in enumerate(note.steps, 1))
        elif t == "typed":
            d["answers"] = [back.strip()]
            if note.accept:
                d["accept"] = note.accept
        bodies = [(nid, nid, deck_id, 0, base, t, note.front, back, _dumps(d) if d else "")]
    tail = (*tail, 1 if note.explicit_id else 0)
    return [body + tail for body in bodies]


def deck_rows(pd: ParsedDeck, sha: str) -> DeckRows:
    """Reduce a parsed deck to note references and card rows (built with each note's provisional id)."""
    out = DeckRows(pd.path, pd.meta, problems=pd.problems, sha=sha)
    if not pd.ok:
        return out
    deck_id = pd.meta.id
    path = pd.path
    rows = out.rows
    refs = out.notes
    ids = out.ids
    same: dict[str, str] = {}
    for note in pd.notes:
        start = len(rows)
        nid = note.explicit_id or "~" + note.key
        rows.extend(note_rows(note, nid, deck_id, path, same))
        refs.append(NoteRef(note.explicit_id, note.key, note.line, note.type, start, len(rows) - start))
        ids.append(nid)
    return out


def file_hash(raw: bytes) -> str:
    """A deck file's content hash, as ``deck_files.sha`` stores it (a touched but unchanged file is skipped)."""
    return _blake(raw, digest_size=16).hexdigest()


def read_deck_rows(job: tuple[str, tuple[bytes, str] | None]) -> DeckRows | str:
    """Read (unless the bytes and their hash are given), parse and reduce one deck file; a one-line error if it
    can't be read.

    Runs in sync worker processes, so it takes and returns only plain, picklable values.
    """
    path, read = job
    if read is None:
        try:
            raw = Path(path).read_bytes()
        except OSError as e:
            return f"{path}:0: cannot read file: {e.strerror or e}"
        read = raw, file_hash(raw)
    return deck_rows(parse_bytes(read[0], path), read[1])
