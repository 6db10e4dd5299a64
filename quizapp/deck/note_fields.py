"""Check one card's fields and turn them into a Note: the parser's per-card step (and the sync's hot loop)."""

from __future__ import annotations

import re

from quizapp.deck.models import (
    CARD_TYPES,
    CLOZE_RE,
    ID_RE,
    LEVELS,
    Note,
    Option,
    fast_model,
    fingerprint,
)
from quizapp.deck.problems import ParsedDeck, Problem

OPTION_RE = re.compile(r"^[ \t]*[-*+][ \t]+\[([ xX])\][ \t]+(.*)$")
STEP_RE = re.compile(r"^[ \t]*(\d+)[.)][ \t]+(.*)$")
STEP_SEARCH_RE = re.compile(r"^[ \t]*\d+[.)][ \t]+", re.M)


def _split_question(q: str) -> tuple[list[str], list[Option], list[str]]:
    """Separate option lines and numbered steps from the question's own lines."""
    options: list[Option] = []
    steps: list[str] = []
    front_lines: list[str] = []
    for ln in q.split("\n"):
        om = OPTION_RE.match(ln)
        if om:
            options.append(fast_model(Option, {"text": om.group(2).strip(), "correct": om.group(1) != " "}))
            continue
        sm = STEP_RE.match(ln)
        if sm:
            steps.append(sm.group(2).strip())
        front_lines.append(ln)
    return front_lines, options, steps


def build_note(fields: dict[str, str], at: dict[str, int], result: ParsedDeck, titles: set[str]) -> None:
    """Check one card's fields and add its Note (the sync's hot loop: errors are built only when found)."""
    path = result.path
    meta = result.meta
    assert meta is not None
    start = next(iter(at.values()))  # the line of the card's first field
    errs: list[Problem] = []  # errors and warnings, in the order they are found
    bad = False
    get = fields.get

    q = get("q", "")
    if "[" in q or (("\n" in q or q.lstrip(" \t")[:1].isdigit()) and STEP_SEARCH_RE.search(q)):
        front_lines, options, steps = _split_question(q)
    else:
        front_lines, options, steps = [], [], []

    ctype = get("type")
    if ctype is not None:
        ctype = ctype.strip().lower()
    if ctype:
        if ctype not in CARD_TYPES:
            msg = f"unknown card type {ctype!r} (expected one of: {', '.join(CARD_TYPES)})"
            result.problems.append(Problem(path, at["type"], msg))
            return
    elif "c" in fields:
        ctype = "cloze"
    elif options:
        ctype = "choice"
    elif steps and "a" not in fields:
        ctype = "order"
    elif "q" in fields:
        ctype = "basic"
    else:
        result.problems.append(Problem(path, start, "card has no 'Q:' or 'C:' field"))
        return

    if ctype == "choice":
        front = "\n".join(front_lines).strip()
    elif ctype == "order":
        front = "\n".join(ln for ln in front_lines if not STEP_RE.match(ln)).strip()
        if not steps and "a" in fields:
            steps = [m.group(2).strip() for ln in fields["a"].split("\n") if (m := STEP_RE.match(ln))]
    else:
        front = q.strip()
        options = []
    back = get("a", "").strip()
    text = get("c", "").strip()

    if ctype == "cloze":
        if "q" in fields:
            bad = _err(errs, path, at.get("q", start), "cloze card takes 'C:' text, not 'Q:'")
        if not text:
            bad = _err(errs, path, at.get("c", start), "cloze card has empty text")
        elif "{{" not in text or not CLOZE_RE.search(text):
            bad = _err(errs, path, at.get("c", start), "cloze card has no deletion (mark one with {{...}})")
        elif text.count("{{") != text.count("}}"):
            bad = _err(errs, path, at.get("c", start), "cloze text has an unclosed '{{' or a stray '}}'")
        elif any(not m.group(2).strip() for m in CLOZE_RE.finditer(text)):
            bad = _err(errs, path, at.get("c", start), "cloze deletion is empty")
    else:
        if "c" in fields:
            bad = _err(errs, path, at.get("c", start), f"'C:' belongs to cloze cards, not {ctype} cards")
        if not front:
            bad = _err(errs, path, at.get("q", start), "card has an empty question")
        if not back and ctype in ("basic", "reversed", "typed"):
            bad = _err(
                errs,
                path,
                at.get("a", start),
                "card has an empty answer" if "a" in fields else "card has no answer ('A:')",
            )
        elif ctype == "choice":
            if len(options) < 2:
                bad = _err(
                    errs, path, at.get("q", start), "multiple choice needs at least two options ('- [ ] ...' lines)"
                )
            elif not any(o.correct for o in options):
                bad = _err(
                    errs, path, at.get("q", start), "multiple choice has no correct option (mark one with '- [x]')"
                )
            elif any(not o.text for o in options):
                bad = _err(errs, path, at.get("q", start), "multiple choice has an empty option")
            texts = [o.text.lower() for o in options]
            if len(set(texts)) != len(texts):
                bad = _err(errs, path, at.get("q", start), "multiple choice repeats an option")
        elif ctype == "order" and len(steps) < 2:
            bad = _err(errs, path, at.get("q", start), "ordering card needs at least two numbered steps")

    accept_raw = get("accept")
    accept = [a.strip() for a in accept_raw.split(";") if a.strip()] if accept_raw else []
    if accept and ctype != "typed":
        errs.append(Problem(path, at["accept"], "'Accept:' only applies to typed cards", "warning"))

    explicit_id = get("id")
    if explicit_id is not None:
        explicit_id = explicit_id.strip() or None
        if explicit_id and not ID_RE.match(explicit_id):
            bad = _err(
                errs, path, at.get("id", start), f"bad id {explicit_id!r}: use letters, digits, '.', '_' and '-'"
            )

    level = get("level")
    level = (level.strip().lower() if level is not None else "") or meta.level
    if level:
        if level not in LEVELS:
            bad = _err(
                errs, path, at.get("level", start), f"unknown level {level!r} (expected one of: {', '.join(LEVELS)})"
            )
    else:
        errs.append(Problem(path, start, "card has no level (set 'Level:' or the deck's level)", "warning"))

    source = get("source")
    source = source.strip() if source is not None else ""
    if source and titles and "§" in source:
        doc = source.split("§", 1)[0].strip()
        if doc and doc.lower() not in titles:
            errs.append(
                Problem(path, at["source"], f"source document {doc!r} is not in the deck's [[sources]]", "warning")
            )

    if errs:
        result.problems.extend(errs)
        if bad:
            return
    if ctype == "cloze":
        key = fingerprint(ctype, text)
    elif ctype == "choice":
        key = fingerprint(ctype, front + "\x1f" + "\x1f".join(o.text for o in options))
    elif ctype == "order":
        key = fingerprint(ctype, front + "\x1f" + "\x1f".join(steps))
    else:
        key = fingerprint(ctype, front + "\x1f" + back)  # = Note.content_key(), without a model to call it on
    tags = get("tags")
    explanation = get("explanation")
    note_text = get("note")
    note = fast_model(
        Note,
        {
            "type": ctype,
            "explicit_id": explicit_id,
            "front": front,
            "back": back,
            "text": text,
            "options": options,
            "steps": steps,
            "accept": accept,
            "explanation": explanation.strip() if explanation is not None else "",
            "source": source,
            "level": level or None,
            "tags": tags.replace(",", " ").split() if tags is not None else [],
            "note": note_text.strip() if note_text is not None else "",
            "line": start,
            "deck_id": meta.id,
            "path": path,
            "key": key,
        },
    )
    result.notes.append(note)


def _err(errs: list[Problem], path: str, line: int, msg: str) -> bool:
    errs.append(Problem(path, line, msg))
    return True
