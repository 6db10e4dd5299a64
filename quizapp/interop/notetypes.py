"""Map Anki note types to quizapp card types, and turn one Anki note into one quizapp Note."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from quizapp.deck.models import CLOZE_RE, Note
from quizapp.interop import html
from quizapp.interop.anki_col import (
    STOCK_OCCLUSION,
    NoteTypeInfo,
)

_TAG = re.compile(r"\{\{([#^/]?)\s*([^{}]+?)\s*\}\}")  # template (mustache) tags, not HTML
SPECIAL_FIELDS = {"FrontSide", "Tags", "Type", "Deck", "Subdeck", "Card", "CardFlag", "CardID"}


def _refs(template: str) -> list[tuple[str, str, str]]:
    """(section mark, filter, field) for each template tag: '{{#Add Reverse}}' -> ('#', '', 'Add Reverse')."""
    out = []
    for m in _TAG.finditer(template):
        parts = m.group(2).split(":")
        name = parts[-1].strip()
        filt = parts[0].strip().lower() if len(parts) > 1 else ""
        if name not in SPECIAL_FIELDS:
            out.append((m.group(1), filt, name))
    return out


@dataclass
class Mapping:
    """How one note type becomes quizapp cards: its kind and which fields play which part."""

    kind: str  # basic | reversed | optional | typed | cloze
    front: int = 0
    back: int = 1
    extra: int | None = None  # cloze: Back Extra; optional: Add Reverse
    warning: str | None = None


def classify(nt: NoteTypeInfo) -> Mapping:
    """Recognise what a note type does from its fields and templates (names and stock kinds can mislead:
    Anki marks every type cloned from Basic as Basic). Anything else becomes basic, with a warning."""
    f = nt.fields
    if nt.cloze and nt.stock != STOCK_OCCLUSION and nt.name.casefold() != "image occlusion":
        idx = 0
        for _sec, filt, name in _refs(nt.templates[0][1] if nt.templates else ""):
            if filt == "cloze" and name in f:
                idx = f.index(name)
                break
        extra = next((i for i in range(len(f)) if i != idx), None)
        return Mapping("cloze", front=idx, back=idx, extra=extra)
    found = _structure(nt)
    if found:
        return found
    names = ", ".join(f[:2]) or "none"
    return Mapping(
        "basic",
        warning=f"note type {nt.name!r} is not a standard Anki type: its notes became basic cards"
        f" from the first two fields ({names})",
    )


def _structure(nt: NoteTypeInfo) -> Mapping | None:
    f, t = nt.fields, nt.templates
    if nt.cloze or not t:
        return None
    q = [_refs(tmpl[1]) for tmpl in t]
    plain_q = [{name for sec, filt, name in refs if not sec and filt != "type" and name in f} for refs in q]
    if len(t) == 1 and len(f) == 2:
        typed = [name for sec, filt, name in q[0] if filt == "type" and name in f]
        if typed and len(plain_q[0]) == 1 and typed[0] not in plain_q[0]:
            return Mapping("typed", front=f.index(next(iter(plain_q[0]))), back=f.index(typed[0]))
        if not typed and len(plain_q[0]) == 1:
            front = f.index(next(iter(plain_q[0])))
            return Mapping("basic", front=front, back=1 - front)
    if len(t) == 2 and len(plain_q[0]) == 1 and len(plain_q[1]) == 1 and plain_q[0] != plain_q[1]:
        front, back = f.index(next(iter(plain_q[0]))), f.index(next(iter(plain_q[1])))
        conds = {name for sec, _filt, name in q[1] if sec == "#" and name in f}
        if len(f) == 2 and not conds:
            return Mapping("reversed", front=front, back=back)
        rest = [i for i in range(len(f)) if i not in (front, back)]
        if len(f) == 3 and len(conds) == 1 and f.index(next(iter(conds))) == rest[0]:
            return Mapping("optional", front=front, back=back, extra=rest[0])
    return None


STOCK_NAMES = {
    "basic": Mapping("basic"),
    "basic (and reversed card)": Mapping("reversed"),
    "basic (optional reversed card)": Mapping("optional", extra=2),
    "basic (type in the answer)": Mapping("typed"),
    "cloze": Mapping("cloze", front=0, back=0, extra=1),
}


def classify_name(name: str, n_fields: int) -> Mapping:
    """For text files, which name their note type but carry no templates: the stock names, else basic + warning."""
    m = STOCK_NAMES.get(name.strip().casefold())
    if m is not None:
        return m
    return Mapping(
        "basic",
        warning=f"note type {name!r} is not a standard Anki type: its rows became basic cards"
        f" from the first two fields (of {n_fields})",
    )


def _note(**kw) -> Note:
    """A Note from trusted values, every field given (pydantic's default resolution is slow in bulk)."""
    full = {
        "front": "", "back": "", "text": "", "explanation": "", "source": "", "level": None, "note": "", "line": 0,
        "deck_id": "", "path": "", "key": "", "options": [], "steps": [], "accept": [], "tags": [],
    }  # fmt: skip
    full.update(kw)
    return Note.model_construct(**full)


@dataclass
class Converted:
    """One Anki note as a quizapp Note, with the card id for each Anki card ordinal."""

    note: Note | None
    ords: dict[int, str] = field(default_factory=dict)
    media: list[str] = field(default_factory=list)
    skipped: str | None = None  # why the note could not be imported


def convert(
    m: Mapping, fields: list[str], tags: list[str], note_id: str, media: html.MediaFn | None = None
) -> Converted:
    """Build the quizapp Note for an Anki note with ``fields`` under mapping ``m``."""
    used: list[str] = []

    def md(i: int | None) -> str:
        if i is None or i >= len(fields):
            return ""
        text, refs = html.to_markdown(fields[i], media)
        used.extend(refs)
        return text

    clean_tags = [t.replace(",", "_") for t in tags if t.strip(",")]
    if m.kind == "cloze":
        text = md(m.front)
        groups = sorted({int(g.group(1)) for g in CLOZE_RE.finditer(text) if g.group(1)})
        if not text or not CLOZE_RE.search(text):
            return Converted(None, skipped="cloze note without a deletion")
        if text.count("{{") != text.count("}}"):
            return Converted(None, skipped="cloze note with unbalanced braces")
        note = _note(type="cloze", explicit_id=note_id, text=text, explanation=md(m.extra), tags=clean_tags)
        nums = note.cloze_groups() or groups
        return Converted(note, {n - 1: f"{note_id}:c{n}" for n in nums}, used)
    front = md(m.front)
    if m.kind == "typed":
        back = html.to_plain(fields[m.back]) if m.back < len(fields) else ""
        back = " ".join(back.split())
    else:
        back = md(m.back)
    if not front:
        return Converted(None, skipped="empty front")
    if not back:
        return Converted(None, skipped="empty back")
    kind = m.kind
    if kind == "optional":
        flag = fields[m.extra] if m.extra is not None and m.extra < len(fields) else ""
        kind = "reversed" if html.to_plain(flag).strip() else "basic"
    note = _note(type=kind, explicit_id=note_id, front=front, back=back, tags=clean_tags)
    ords = {0: note_id, 1: note_id + ":r"} if kind == "reversed" else {0: note_id}
    return Converted(note, ords, used)
