"""A candidate card: the note to write plus where it came from (section, line, sentence) and what it covers."""

from __future__ import annotations

from dataclasses import dataclass, field

from quizapp.deck.models import Note, Option, fast_model
from quizapp.generate.document import Document, Section
from quizapp.generate.sentences import rng_for

ORIGINS = ("table", "definition", "glossary", "list", "sequence", "cloze")
ORIGIN_RANK = {o: i for i, o in enumerate(ORIGINS)}
_NOTE_FIELDS: dict[str, object] = {}  # Note's fields and defaults, read once
_LIST_FIELDS: list[str] = []  # those whose default is a list (each note gets its own)


@dataclass(slots=True)
class Draft:
    """One generated note before dedupe; ``covers`` names the document units it teaches (for coverage)."""

    note: Note
    doc: Document
    section: Section
    line: int
    origin: str
    sentence: str  # the document text the card came from, for the instructor's ``Note:``
    covers: list[str] = field(default_factory=list)
    dedupe: str = ""  # text compared for near-duplicates ("" = exact duplicates only)
    also: list[tuple[str, str]] = field(default_factory=list)  # ("line N", sentence) of merged near-duplicates
    problems: list[list[str]] | None = None  # per card, what makes it ill-formed (filled by the build)

    @property
    def order(self) -> tuple[int, int, int]:
        return (self.section.index, self.line, ORIGIN_RANK[self.origin])


@dataclass
class Skip:
    """Something the generator chose not to turn into cards, and why."""

    where: str  # "file:line"
    what: str
    why: str


def new_note(**fields) -> Note:
    """A Note from values the generator built itself (types known good): no validation, no default copying."""
    if not _NOTE_FIELDS:
        _NOTE_FIELDS.update((n, f.default) for n, f in Note.model_fields.items())
        _LIST_FIELDS.extend(n for n, d in _NOTE_FIELDS.items() if isinstance(d, list))
    data = _NOTE_FIELDS.copy()
    for n in _LIST_FIELDS:
        data[n] = []
    data.update(fields)
    return fast_model(Note, data)


def unit(doc: Document, kind: str, line: int) -> str:
    """A coverage unit id: kind@file:line."""
    return f"{kind}@{doc.path}:{line}"


def choice_note(question: str, correct: list[str], wrong: list[str], seed: str, **kw) -> Note:
    """A multiple-choice note with options in a fixed pseudo-random order (seeded by the question)."""
    opts: list[Option] = []
    seen: set[str] = set()
    for ok, texts in ((True, correct), (False, wrong)):
        for t in texts:
            t = " ".join(t.split())
            if t and t.lower() not in seen:  # the checker rejects repeated options
                seen.add(t.lower())
                opts.append(fast_model(Option, {"text": t, "correct": ok}))
    rng_for(seed, question).shuffle(opts)
    return new_note(type="choice", front=question, options=opts, **kw)


def pick_distractors(answer: str, pool: list[str], k: int, seed: str) -> list[str]:
    """Up to ``k`` options from ``pool`` unlike ``answer`` and each other, chosen the same way every run."""
    seen = {answer.strip().lower()}
    cands: list[str] = []
    for p in pool:
        key = p.strip().lower()
        if p.strip() and key not in seen:
            seen.add(key)
            cands.append(p.strip())
    rng = rng_for(seed, answer)
    rng.shuffle(cands)
    return cands[:k]
