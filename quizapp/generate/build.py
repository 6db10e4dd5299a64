"""Assemble a draft deck from documents: run the extractors, dedupe, gate, add sources and notes, self-check."""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.deck.models import LEVELS, DeckMeta, Note, SourceDoc
from quizapp.deck.parser import parse_text
from quizapp.deck.writer import deck_text
from quizapp.generate.cloze import extract_cloze, prose_terms
from quizapp.generate.dedupe import dedupe
from quizapp.generate.definitions import extract_definitions
from quizapp.generate.document import Document, Table
from quizapp.generate.draft import Draft, Skip
from quizapp.generate.lists import extract_lists, find_lists
from quizapp.generate.quality import note_problems
from quizapp.generate.report import make_report
from quizapp.generate.sequences import extract_sequences
from quizapp.generate.tables import cell, extract_tables
from quizapp.generate.text import titleish

DEFAULT_LEVEL = "intermediate"
Progress = Callable[[int, int], None]


@dataclass
class Result:
    """The deck text and what went into it."""

    text: str
    meta: DeckMeta
    notes: list[Note]
    drafts: list[Draft]
    report: dict
    skips: list[Skip] = field(default_factory=list)


def deck_id_for(path: str | Path) -> str:
    """A deck id from the output file name: lower case letters, digits, '.', '_' and '-'."""
    slug = re.sub(r"[^a-z0-9._-]+", "-", Path(path).stem.lower()).strip("-._")
    return slug or "generated"


def unique_titles(docs: list[Document]) -> None:
    """Give documents with the same title distinct ones (sources are told apart by title)."""
    seen: Counter = Counter()
    for d in docs:
        seen[d.title.lower()] += 1
        if seen[d.title.lower()] > 1:
            d.title = f"{d.title} ({seen[d.title.lower()]})"


def _note_text(d: Draft) -> str:
    """The document's own text for the instructor, with that of the near-duplicates merged into this card."""
    lines = [d.sentence]
    for where, sentence in d.also:
        lines.append(f"Also {where}: {sentence}")
    return "\n".join(x for x in lines if x)


def _cell_term(text: str) -> bool:
    """A table cell that names something: a few title-case words, or one acronym-like word (DEXA, IL-6)."""
    words = text.split()
    if len(words) == 1:
        w = words[0]
        return sum(c.isupper() for c in w) >= 2 or (any(c.isdigit() for c in w) and any(c.isalpha() for c in w))
    return 1 < len(words) <= 4 and titleish(words)


def _terms(drafts: list[Draft], docs: list[Document]) -> tuple[list[str], list[str]]:
    """Key terms (definitions, glossary, table keys and short cells, list items) and the distractor pool."""
    defs = [d.note.front for d in drafts if d.origin in ("definition", "glossary")]
    keys: list[str] = []
    cells: list[str] = []
    for doc in docs:
        for sec in doc.sections:
            if sec.skip:
                continue
            for blk in sec.blocks:
                if isinstance(blk, Table) and len(blk.header) >= 2:
                    for r in blk.rows:
                        keys.append(cell(r.cells, 0))
                        cells += [c for c in r.cells[1:] if _cell_term(c)]
    return [*defs, *keys, *cells], [*defs, *keys]


def build(
    docs: list[Document],
    deck_id: str,
    *,
    title: str | None = None,
    level: str | None = None,
    out_name: str = "<deck>",
    progress: Progress | None = None,
) -> Result:
    """Generate the draft deck for ``docs``. Deterministic: the same documents give the same text."""
    t0 = time.perf_counter()
    if level is not None and level not in LEVELS:
        raise ValueError(f"unknown level {level!r}")
    unique_titles(docs)
    total = len(docs) * 4 + 4
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total)

    skips: list[Skip] = []
    for doc in docs:
        for sec in doc.sections:
            if sec.skip:
                n = len(sec.blocks)
                skips.append(Skip(f"{doc.path}:{sec.line}", f"section '{sec.title}' ({n} block(s))", sec.skip))
    drafts: list[Draft] = []
    found = []
    step_lines_by_doc: dict[str, set[int]] = {}
    for doc in docs:
        seq, step_lines = extract_sequences(doc, skips)
        step_lines_by_doc[doc.path] = step_lines
        tick()
        drafts += extract_tables(doc, skips)
        tick()
        drafts += extract_definitions(doc, step_lines, skips)
        tick()
        drafts += seq
        found += find_lists(doc, step_lines)
        tick()
    terms, pool = _terms(drafts, docs)
    drafts += extract_lists(found, pool, skips)
    terms += [lb for fl in found for lb, _ in fl.labels]
    terms += [t for doc in docs for t in prose_terms(doc)]
    tick()
    drafts += extract_cloze(docs, terms, found, skips)
    tick()
    doc_index = {id(d): i for i, d in enumerate(docs)}
    drafts.sort(key=lambda d: (doc_index[id(d.doc)], *d.order))
    kept = dedupe(drafts, skips)
    tick()

    final: list[Draft] = []
    for d in kept:
        d.problems = note_problems(d.note)
        bad = {p for card in d.problems for p in card if p != "answer longer than 25 words"}
        if bad:
            skips.append(Skip(f"{d.doc.path}:{d.line}", f"{d.origin} card", "; ".join(sorted(bad))))
            continue
        final.append(d)
    multi = len(docs) > 1
    for d in final:
        # plain dict update: these notes are the generator's own, and pydantic's setattr is slow on big decks
        d.note.__dict__.update(
            source=f"{d.doc.title} § {d.section.title.replace('§', '-')} (line {d.line})",
            level=d.section.level or level or DEFAULT_LEVEL,
            note=_note_text(d),
        )
    levels = Counter(d.note.level for d in final)
    deck_level = level or (min(levels, key=lambda lv: (-levels[lv], LEVELS.index(lv))) if levels else DEFAULT_LEVEL)
    names = ", ".join(Path(d.path).name for d in docs)
    meta = DeckMeta(
        id=deck_id,
        title=title or (docs[0].title if len(docs) == 1 else " + ".join(d.title for d in docs)),
        description=f"Draft generated from {names} by quizapp generate. Check every card against its source.",
        level=deck_level,
        sources=[SourceDoc(title=d.title, reference=Path(d.path).name) for d in docs],
    )
    notes = [d.note for d in final]
    sections = [f"{d.section.title} ({d.doc.title})" if multi else d.section.title for d in final]
    text = deck_text(meta, notes, sections)
    parsed = parse_text(text, out_name)
    tick()
    report = make_report(docs, meta, final, skips, parsed.problems, step_lines_by_doc, time.perf_counter() - t0)
    return Result(text, meta, notes, final, report, skips)
