"""The run report: cards by type, coverage of the documents' units, well-formed share, what was skipped and why."""

from __future__ import annotations

from collections import Counter

from quizapp.deck.models import CARD_TYPES, DeckMeta
from quizapp.deck.parser import Problem
from quizapp.generate.definitions import split_definition, split_glossary
from quizapp.generate.document import Document, ListBlock, Paragraph, Table
from quizapp.generate.draft import Draft, Skip, unit
from quizapp.generate.quality import note_problems
from quizapp.generate.sequences import find_sequences
from quizapp.generate.tables import cell

UNIT_NAMES = {
    "row": "table rows",
    "definition": "definition bullets",
    "glossary": "glossary entries",
    "steps": "step lists",
}


def document_units(doc: Document, step_lines: set[int]) -> dict[str, list[str]]:
    """Every teachable unit of a document's used sections, found independently of the card makers."""
    out: dict[str, list[str]] = {k: [] for k in UNIT_NAMES}
    for sec in doc.sections:
        if sec.skip:
            continue
        for blk in sec.blocks:
            if isinstance(blk, Table) and len(blk.header) >= 2:
                out["row"] += [unit(doc, "row", r.line) for r in blk.rows if cell(r.cells, 0)]
            elif isinstance(blk, ListBlock):
                out["definition"] += [
                    unit(doc, "definition", it.line)
                    for it in blk.items
                    if it.line not in step_lines and split_definition(it.text)
                ]
            elif isinstance(blk, Paragraph):
                _, entries = split_glossary(blk.text)
                out["glossary"] += [unit(doc, "glossary", blk.line_at(start)) for _, _, start, _ in entries]
    out["steps"] = [unit(doc, "steps", steps[0].line) for _, steps in find_sequences(doc)]
    return out


def make_report(
    docs: list[Document],
    meta: DeckMeta,
    drafts: list[Draft],
    skips: list[Skip],
    problems: list[Problem],
    step_lines: dict[str, set[int]],
    seconds: float,
) -> dict:
    by_type: Counter = Counter()
    by_origin: Counter = Counter()
    by_level: Counter = Counter()
    bad: list[dict] = []
    n_cards = 0
    for d in drafts:
        per_card = d.problems if d.problems is not None else note_problems(d.note)
        n_cards += len(per_card)
        by_type[d.note.type] += len(per_card)
        by_origin[d.origin] += len(per_card)
        by_level[d.note.level or "-"] += len(per_card)
        for probs in per_card:
            if probs:
                bad.append({"where": f"{d.doc.path}:{d.line}", "card": d.note.type, "problems": probs})
    covered = {u for d in drafts for u in d.covers}
    coverage: dict[str, dict] = {}
    for kind, name in UNIT_NAMES.items():
        units = [u for doc in docs for u in document_units(doc, step_lines.get(doc.path, set()))[kind]]
        missing = [u.split("@", 1)[1] for u in units if u not in covered]
        coverage[name] = {"found": len(units), "covered": len(units) - len(missing), "missing": missing}
    errors = [str(p) for p in problems if p.severity == "error"]
    warnings = [str(p) for p in problems if p.severity != "error"]
    return {
        "deck": {"id": meta.id, "title": meta.title, "level": meta.level},
        "documents": [
            {
                "path": d.path,
                "title": d.title,
                "title_from": d.title_from,
                "format": d.format,
                "sections": len(d.sections),
                "sections_skipped": sum(1 for s in d.sections if s.skip),
            }
            for d in docs
        ],
        "cards": {
            "notes": len(drafts),
            "total": n_cards,
            "by_type": {t: by_type[t] for t in CARD_TYPES if by_type[t]},
            "by_origin": dict(sorted(by_origin.items())),
            "by_level": dict(sorted(by_level.items())),
        },
        "coverage": coverage,
        "well_formed": {
            "cards": n_cards,
            "ok": n_cards - len(bad),
            "share": round((n_cards - len(bad)) / n_cards, 4) if n_cards else 0.0,
            "problems": bad,
        },
        "skipped": [{"where": s.where, "what": s.what, "why": s.why} for s in skips],
        "check": {"errors": len(errors), "warnings": len(warnings), "problems": errors + warnings},
        "seconds": round(seconds, 3),
    }


def report_lines(report: dict, out: str, max_examples: int = 3) -> list[str]:
    """A short human-readable report."""
    c = report["cards"]
    chk = report["check"]
    state = (
        "ok" if not chk["errors"] and not chk["warnings"] else f"{chk['errors']} error(s), {chk['warnings']} warning(s)"
    )
    n_docs = len(report["documents"])
    lines = [f"Wrote {out}: {c['total']} cards from {c['notes']} notes, {n_docs} document(s) (check: {state})"]
    how = "set one with --title" if n_docs == 1 else "start the document with a title line"
    for d in report["documents"]:
        if d["title_from"] == "file name":
            lines.append(f"  note: {d['path']} has no title; used {d['title']!r} ({how})")
    lines.append("  by type:   " + ", ".join(f"{k} {v}" for k, v in c["by_type"].items()))
    lines.append("  by origin: " + ", ".join(f"{k} {v}" for k, v in c["by_origin"].items()))
    lines.append("  by level:  " + ", ".join(f"{k} {v}" for k, v in c["by_level"].items()))
    lines.append("  coverage:  " + ", ".join(f"{k} {v['covered']}/{v['found']}" for k, v in report["coverage"].items()))
    for k, v in report["coverage"].items():
        if v["missing"]:
            lines.append(f"    {k} without a card: " + ", ".join(v["missing"][:max_examples]))
    wf = report["well_formed"]
    lines.append(f"  well formed: {wf['share']:.1%} ({wf['ok']}/{wf['cards']})")
    for p in wf["problems"][:max_examples]:
        lines.append(f"    {p['where']}: {p['card']}: {', '.join(p['problems'])}")
    dupes: dict[str, list[str]] = {}
    other: list[str] = []
    counts: list[str] = []
    for sk in report["skipped"]:
        why = sk["why"]
        if why.startswith(("near-duplicate", "duplicate")):
            dupes.setdefault(why.split(" of ")[0] + "s", []).append(sk["where"])
        elif sk["where"]:
            other.append(f"{sk['where']}: {sk['what']}: {why}")
        else:
            counts.append(f"{sk['what']}: {why}")
    if other or dupes or counts:
        lines.append("  skipped:")
        lines += [f"    {x}" for x in other[: 4 * max_examples]]
        if len(other) > 4 * max_examples:
            lines.append(f"    … and {len(other) - 4 * max_examples} more (see --json)")
        for kind, wheres in dupes.items():
            more = f" (+{len(wheres) - max_examples} more)" if len(wheres) > max_examples else ""
            lines.append(f"    {len(wheres)} {kind} dropped: {', '.join(wheres[:max_examples])}{more}")
        lines += [f"    {x}" for x in counts]
    for p in chk["problems"][:max_examples]:
        lines.append(f"  check: {p}")
    return lines
