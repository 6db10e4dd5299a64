"""Sequences: numbered lists and "Step N" lines become an ordering card plus "what comes after …" cards."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from quizapp.generate.document import Document, ListBlock, Paragraph, Section
from quizapp.generate.draft import Draft, Skip, new_note, unit
from quizapp.generate.sentences import clip_words, first_sentence, word_count

NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen".split(),  # noqa: SIM905
        1,
    )
}
NUMBER_WORDS.update({"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7})
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
STEP_RE = re.compile(
    r"^(?:step|stage|phase)\s+(?P<n>\d{1,2}|[a-z]+)\b\s*(?:[:∞.)—–-]\s*)?(?P<rest>.*)$",
    re.I,
)
CONNECTORS = {"of", "and", "in", "on", "the", "to", "for", "with", "a", "an", "or", "by", "vs", "from", "at", "into"}
MAX_STEP_WORDS = 12


@dataclass
class Step:
    label: str
    detail: str
    line: int
    number: int


def step_number(text: str) -> tuple[int, str] | None:
    """(number, rest) for "Step 3: …", "Step Three ∞ …", "Stage II - …"; None otherwise."""
    m = STEP_RE.match(text.strip())
    if not m:
        return None
    raw = m.group("n").lower()
    n = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw) or ROMAN.get(raw)
    return (n, m.group("rest").strip()) if n else None


def split_title(text: str) -> tuple[str, str]:
    """Split "Cytokine Upregulation Immune cells increase …" into a title-case label and the description."""
    for sep in (": ", " — ", " – ", " ∞ "):
        k = text.find(sep)
        if k > 0 and word_count(text[:k]) <= MAX_STEP_WORDS:
            return text[:k].strip(), text[k + len(sep) :].strip()
    toks = text.split()
    for i in range(1, len(toks) - 1):
        w, nxt = toks[i], toks[i + 1]
        if w[:1].isupper() and nxt[:1].islower() and nxt.lower() not in CONNECTORS:
            if i <= MAX_STEP_WORDS:
                return " ".join(toks[:i]).rstrip(".,;"), " ".join(toks[i:])
            break
        if w[:1].islower() and w.lower() not in CONNECTORS:
            break
    return "", text


def _label(text: str) -> tuple[str, str]:
    title, detail = split_title(text)
    if title:
        return title, detail
    short = first_sentence(text).rstrip(".")
    return clip_words(short, MAX_STEP_WORDS), text if short != text.rstrip(".") else ""


def find_sequences(doc: Document) -> list[tuple[Section, list[Step]]]:
    """Every sequence in the document's used sections: numbered lists, Step-N bullets and Step-N paragraphs."""
    if "sequences" in doc.cache:
        return doc.cache["sequences"]
    out: list[tuple[Section, list[Step]]] = []
    doc.cache["sequences"] = out
    for sec in doc.sections:
        if sec.skip:
            continue
        run: list[Step] = []
        for blk in [*sec.blocks, None]:
            if isinstance(blk, Paragraph) and (sn := step_number(blk.text)):
                label, detail = _label(sn[1])
                run.append(Step(label, detail, blk.line, sn[0]))
                continue
            if len(run) >= 2:
                out.append((sec, sorted(run, key=lambda s: s.number)))
            run = []
            if isinstance(blk, ListBlock):
                numbered = [(it, step_number(it.text)) for it in blk.items]
                if all(sn for _, sn in numbered) and len(numbered) >= 2:
                    steps = [Step(*_label(sn[1]), it.line, sn[0]) for it, sn in numbered if sn]
                    out.append((sec, sorted(steps, key=lambda s: s.number)))
                elif blk.ordered and len(blk.items) >= 2:
                    out.append((sec, [Step(*_label(it.text), it.line, k) for k, it in enumerate(blk.items, 1)]))
    return out


def extract_sequences(doc: Document, skips: list[Skip]) -> tuple[list[Draft], set[int]]:
    """Ordering and "what comes after" cards; also returns the lines used as steps (not definitions)."""
    out: list[Draft] = []
    used: set[int] = set()
    for sec, steps in find_sequences(doc):
        used.update(s.line for s in steps)
        first = steps[0].line
        where = f"{doc.path}:{first}"
        labels = [s.label for s in steps]
        if len({lb.lower() for lb in labels}) < len(labels) or not all(labels):
            skips.append(Skip(where, "step list", "steps repeat or are empty, so their order cannot be asked"))
            continue
        covers = [unit(doc, "steps", first)]
        source = "\n".join(f"{k}. {s.label}" + (f": {s.detail}" if s.detail else "") for k, s in enumerate(steps, 1))
        q = f"Put the steps under “{sec.title}” in order."
        out.append(Draft(new_note(type="order", front=q, steps=labels, tags=["steps"]), doc, sec, first, "sequence",
                         source, covers))  # fmt: skip
        for a, b in itertools.pairwise(steps):
            q = f"In the steps under “{sec.title}”, what comes after “{a.label}”?"
            note = new_note(type="basic", front=q, back=b.label, explanation=b.detail, tags=["steps"])
            said = f"{b.label}: {b.detail}" if b.detail else b.label
            out.append(Draft(note, doc, sec, b.line, "sequence", said, covers))
    return out, used
