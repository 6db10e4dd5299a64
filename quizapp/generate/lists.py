"""Lists under a heading: a multiple-answer card ("which of these … ?"); fact items go on to single cloze cards."""

from __future__ import annotations

from dataclasses import dataclass

from quizapp.generate.definitions import split_definition
from quizapp.generate.document import Document, ListBlock, ListItem, Paragraph, Section
from quizapp.generate.draft import Draft, Skip, choice_note, pick_distractors
from quizapp.generate.sentences import rng_for, term_key, word_count

MAX_LABEL_WORDS = 8
MAX_CORRECT = 8
WANT_WRONG = 3
MIN_FACT_WORDS = 6
PRONOUNS = {"these", "this", "those", "they", "it", "here", "there", "the", "following", "some", "we", "you"}


@dataclass
class FoundList:
    doc: Document
    section: Section
    block: ListBlock
    lead: str  # the sentence that introduces the list ("These conditions can include:"), if any
    labels: list[tuple[str, ListItem]]
    facts: list[ListItem]


def item_label(text: str) -> str | None:
    """What a list item names: a definition's term, or a short item itself; None for a full-sentence fact."""
    d = split_definition(text)
    if d is not None:
        return d[0]
    n = word_count(text)
    if n <= MAX_LABEL_WORDS and not (n >= MIN_FACT_WORDS and text.rstrip().endswith(".")):
        return text.strip().rstrip(".;,")
    return None


def find_lists(doc: Document, step_lines: set[int]) -> list[FoundList]:
    out: list[FoundList] = []
    for sec in doc.sections:
        if sec.skip:
            continue
        prev = None
        for blk in sec.blocks:
            if isinstance(blk, ListBlock) and not blk.ordered and not any(it.line in step_lines for it in blk.items):
                lead = prev.text if isinstance(prev, Paragraph) and prev.text.rstrip().endswith(":") else ""
                labels: list[tuple[str, ListItem]] = []
                facts: list[ListItem] = []
                for it in blk.items:
                    lb = item_label(it.text)
                    if lb:
                        labels.append((lb, it))
                    elif word_count(it.text) >= MIN_FACT_WORDS:
                        facts.append(it)
                out.append(FoundList(doc, sec, blk, lead, labels, facts))
            prev = blk
    return out


def _nearby(i: int, labelled: list[list[tuple[str, str]]], keys: set[str], want: int = 4 * WANT_WRONG) -> list[str]:
    """Items of the lists nearest to list ``i`` (next, previous, then further out) that are not in list ``i``."""
    out: dict[str, None] = {}
    for d in range(1, len(labelled)):
        for j in (i + d, i - d):
            if 0 <= j < len(labelled):
                out.update((lb, None) for lb, k in labelled[j] if k not in keys)
        if len(out) >= want:
            break
    return list(out)


def extract_lists(found: list[FoundList], extra_pool: list[str], skips: list[Skip]) -> list[Draft]:
    """Multiple-answer cards; wrong options come from the other lists first, then other terms of the documents."""
    out: list[Draft] = []
    labelled = [[(lb, term_key(lb)) for lb, _ in fl.labels] for fl in found]
    pool = [(t, term_key(t)) for t in extra_pool]
    for i, fl in enumerate(found):
        where = f"{fl.doc.path}:{fl.block.line}"
        if len(fl.labels) < 2:
            if fl.labels:
                skips.append(Skip(where, "list", "only one short item: no 'which of these' card"))
            continue
        correct = [lb for lb, _ in fl.labels[:MAX_CORRECT]]
        keys = {k for _, k in labelled[i]}
        seed = fl.doc.title + fl.section.title + correct[0]
        wrong = pick_distractors("\x00", _nearby(i, labelled, keys), WANT_WRONG, seed)
        if len(wrong) < WANT_WRONG and pool:
            picks = rng_for(seed).sample(range(len(pool)), min(len(pool), 8 * WANT_WRONG))
            rest = [pool[j][0] for j in sorted(picks) if pool[j][1] not in keys and pool[j][0] not in wrong]
            wrong += pick_distractors("\x00", rest, WANT_WRONG - len(wrong), seed)
        wrong = [w for w in wrong if w.lower() not in {c.lower() for c in correct}]
        if len(wrong) < 2:
            skips.append(Skip(where, "list", "no other items in the documents to use as wrong options"))
            continue
        q = f"Which of these does the document list under “{fl.section.title}”?"
        if fl.section.title.endswith("?"):
            q = f"Under “{fl.section.title}”, which of these does the document list?"
        lead = fl.lead.rstrip().rstrip(":").strip()
        if lead and word_count(lead) <= 8 and lead.split()[0].lower() not in PRONOUNS:
            q = f"Which of these does the document list as “{lead}”?"
        listing = "; ".join(lb for lb, _ in fl.labels)
        explanation = (f"{fl.lead} " if fl.lead else "The document lists: ") + listing + "."
        note = choice_note(q, correct, wrong, seed, explanation=explanation, tags=["list"])
        source = "\n".join(x for x in [fl.lead, *(f"- {it.text}" for _, it in fl.labels)] if x)
        out.append(Draft(note, fl.doc, fl.section, fl.block.line, "list", source, []))
    return out
