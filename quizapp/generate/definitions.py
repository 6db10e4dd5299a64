"""Definitions: "Term ∞ definition", "Term: definition", "Term — definition" and inline glossary entries."""

from __future__ import annotations

import functools
import re

from quizapp.deck.models import Note
from quizapp.generate.document import Document, ListBlock, Paragraph
from quizapp.generate.draft import Draft, Skip, new_note, unit
from quizapp.generate.sentences import (
    ABBREVIATIONS,
    capitalize,
    clip_words,
    first_sentence,
    phrase_spans,
    term_key,
    word_count,
)

SEPARATORS = ("∞", " — ", " – ", " -- ", ": ")
STOP_RE = re.compile(r"[.!?][\"”’)]*(?=\s|$)")
GLOSSARY_RE = re.compile(r"[ \t]*\bMeaning[ \t]*∞[ \t]*")
SUBJECT_RE = re.compile(
    r"^(?:(?:an?|the)\s+)?(?P<subj>[^,;.]{1,90}?)\s+"
    r"(?P<verb>is|are|refers to|refer to|denotes|denote|describes|means|represents)\s+",
    re.I,
)
PRONOUN_SUBJECT_RE = re.compile(r"^(?:this|it|these|they)\s+(?:is|are|refers to|denotes|means)\s+", re.I)
NOT_TERMS = {
    "note", "notes", "example", "examples", "tip", "warning", "caution", "important", "source", "sources", "figure",
    "table", "answer", "question", "q", "a", "summary", "result", "results", "conclusion", "update", "edit",
    "see", "see also", "nb", "n.b", "ps", "http", "https",
}  # fmt: skip
VERBISH = {"is", "are", "was", "were", "include", "includes", "including", "can", "will", "should", "may", "has",
           "have", "be", "been", "do", "does", "did", "shows", "show", "said", "says"}  # fmt: skip
LEADING_FUNCTION_WORDS = {"these", "this", "those", "they", "it", "we", "there", "here", "for", "in", "as", "when",
                          "if", "because", "however", "also", "but", "and", "so", "then", "while", "with"}  # fmt: skip
MAX_ANSWER_WORDS = 25


def split_definition(text: str) -> tuple[str, str, str] | None:
    """(term, definition, separator) when ``text`` opens with a short term and a definition separator."""
    best: tuple[int, str] | None = None
    for sep in SEPARATORS:
        k = text.find(sep)
        if k > 0 and (best is None or k < best[0]):
            best = (k, sep)
    if best is None:
        return None
    k, sep = best
    term = text[:k].strip().strip("*_").strip()
    definition = text[k + len(sep) :].strip()
    if not term or not definition or len(term) > 80 or word_count(definition) < 2:
        return None
    tw = term.split()
    low = [w.lower().strip(",.") for w in tw]
    if len(tw) > 8 or (any(c in term for c in ".;?!") and not re.search(r"\b[A-Z]\.", term)):
        return None
    if term.lower() in NOT_TERMS or low[0] in LEADING_FUNCTION_WORDS or any(w in VERBISH for w in low):
        return None
    if not (term[0].isalnum() or term[0] in "“\"'("):
        return None
    return term, definition, sep.strip()


def mask_term(text: str, term: str) -> str:
    """``text`` with the term (without its parenthetical) replaced by an ellipsis, so it does not give it away."""
    base = re.sub(r"\s*\([^)]*\)", "", term).strip() or term
    spans = phrase_spans(text, base)
    for start, end in reversed(spans):
        text = text[:start] + "…" + text[end:]
    return text


def answer_text(term: str, definition: str) -> tuple[str, str]:
    """The card's answer (first sentence, subject dropped, term masked, at most ~25 words) and the full text."""
    full = " ".join(definition.split())
    ans = first_sentence(full)
    m = SUBJECT_RE.match(ans)
    if m and (term_key(m.group("subj")) == term_key(term) or term_key(m.group("subj")).startswith(term_key(term))):
        ans = capitalize(ans[m.end() :])
    else:
        mp = PRONOUN_SUBJECT_RE.match(ans)
        if mp:
            ans = capitalize(ans[mp.end() :])
    ans = mask_term(ans, term)
    ans = capitalize(ans)
    if word_count(ans) > MAX_ANSWER_WORDS:
        ans = clip_words(ans, MAX_ANSWER_WORDS - 3)
    return ans, full


def definition_note(term: str, definition: str, tags: list[str]) -> Note:
    ans, full = answer_text(term, definition)
    explanation = full if " ".join(full.split()) != ans else ""
    return new_note(type="reversed", front=term, back=ans, explanation=explanation, tags=tags)


@functools.lru_cache(maxsize=50_000)
def split_glossary(text: str) -> tuple[str, tuple[tuple[str, str, int, int], ...]]:
    """Remove inline glossary entries ("word Meaning ∞ definition.") from running text.

    Returns the cleaned text and (term, definition, start, end) per entry, offsets into the original text.
    """
    if "∞" not in text:
        return text, ()
    entries: list[tuple[str, str, int, int]] = []
    out: list[str] = []
    pos = 0
    for m in GLOSSARY_RE.finditer(text):
        if m.start() < pos:
            continue
        rest = text[m.end() :]
        definition = _first_full_stop(rest)
        if not definition:
            continue
        end = m.end() + len(definition)
        definition = definition.strip()
        before = text[pos : m.start()]
        term, term_start = _glossary_term(before, definition)
        entries.append((term, definition, pos + term_start, end))
        out.append(before)
        pos = end
    out.append(text[pos:])
    clean = " ".join("".join(out).split())
    return clean, tuple(entries)


def _first_full_stop(text: str) -> str:
    """Text up to the first full stop followed by a space, whatever the next word's case (glossary entries)."""
    for m in STOP_RE.finditer(text):
        last = text[: m.start()].rsplit(None, 1)[-1].lower() if text[: m.start()].strip() else ""
        if last in ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            continue
        return text[: m.end()]
    return text


def _glossary_term(before: str, definition: str) -> tuple[str, int]:
    """The glossary word(s) just before "Meaning ∞", matched against the definition's subject."""
    tail = max(0, len(before) - 160)
    spans = [(tail + m.start(), m.group(0)) for m in re.finditer(r"\S+", before[tail:])][-6:]
    subj_m = SUBJECT_RE.match(definition)
    subj = subj_m.group("subj") if subj_m else " ".join(definition.split()[:3])
    skey = term_key(subj)
    for k in range(len(spans), 0, -1):
        cand = " ".join(w for _, w in spans[-k:])
        ck = term_key(cand)
        if ck and (ck == skey or (skey.startswith(ck + " ") and k > 1)):
            shown = subj.strip() if subj_m and term_key(subj) == ck else cand
            return capitalize(shown.strip(" ,;:“”\"'")), spans[-k][0]
    if subj_m and len(subj.split()) <= 6:
        return capitalize(subj.strip(" ,;:“”\"'")), len(before.rstrip())
    if spans:
        start, w = spans[-1]
        return capitalize(w.strip(" ,;:“”\"'()")), start
    return capitalize(subj), len(before)


def _draft(doc: Document, sec, line: int, origin: str, text: str, term: str, definition: str) -> Draft:
    note = definition_note(term, definition, [origin])
    if origin == "definition" and sec.depth > 0:  # the section says what kind of thing the term is
        where = f"Listed under “{sec.title}”."
        note.__dict__["explanation"] = f"{note.explanation} ({where})" if note.explanation else where
    return Draft(note, doc, sec, line, origin, text, [unit(doc, origin, line)], dedupe=term_key(term))


def extract_definitions(doc: Document, step_lines: set[int], skips: list[Skip]) -> list[Draft]:
    """Term → definition cards (reversed) from definition bullets, short definition paragraphs and glossaries."""
    out: list[Draft] = []
    for sec in doc.sections:
        if sec.skip:
            continue
        for blk in sec.blocks:
            if isinstance(blk, ListBlock):
                for it in blk.items:
                    d = None if it.line in step_lines else split_definition(it.text)
                    if d is not None:
                        out.append(_draft(doc, sec, it.line, "definition", it.text, d[0], d[1]))
            elif isinstance(blk, Paragraph):
                _, entries = split_glossary(blk.text)
                for term, definition, start, end in entries:
                    line = blk.line_at(start)
                    if not term_key(term):
                        skips.append(Skip(f"{doc.path}:{line}", "glossary entry", "no term before 'Meaning ∞'"))
                        continue
                    out.append(_draft(doc, sec, line, "glossary", blk.text[start:end], term, definition))
                if entries or blk.line in step_lines:
                    continue
                d = split_definition(blk.text)
                if d is not None and word_count(d[0]) <= 6:
                    out.append(_draft(doc, sec, blk.line, "definition", blk.text, d[0], d[1]))
    return out
