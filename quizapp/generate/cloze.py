"""Key sentences: sentences holding the documents' key terms become cloze cards with the key term deleted."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from quizapp.generate.definitions import split_glossary
from quizapp.generate.document import Document, Paragraph, Section
from quizapp.generate.draft import Draft, Skip, new_note
from quizapp.generate.sentences import SECOND_PERSON_RE, WORD_RE, norm, singular, split_sentences

MIN_WORDS, MAX_WORDS = 6, 40
MAX_TERM_WORDS = 6
PER_SECTION = 4
PER_TERM = 3
COMMON_SHARE = 0.3  # a term in more than this share of sentences is too common to ask
DEFINING_RE = re.compile(r"\b(is|are|acts as|known as|called|refers to|means|causes|leads to|binds?)\b", re.I)
NUMBER_RE = re.compile(r"(?<![\w.])[-−]?\d+(?:[.,]\d+)?\s*(?:%|mg|ml|years?|months?|weeks?|days?)?(?![\w])")
PUNCT = set(",;:.!?")  # a term's words may not run across these
GENERIC = {"this", "that", "these", "those", "other", "each", "some", "more", "most", "such", "with", "from", "state"}


def term_variants(term: str) -> list[str]:
    """A term, the term without its parenthetical, and the parenthetical (an abbreviation or full name)."""
    term = " ".join(term.split()).strip(" .;,:")
    out = [term]
    m = re.match(r"^(.*?)\s*\(([^)]+)\)\s*(.*)$", term)
    if m:
        out += [f"{m.group(1)} {m.group(3)}".strip(), m.group(2).strip()]
    for sep in (" vs. ", " vs ", ", "):
        if sep in term:
            out += [p.strip() for p in term.split(sep)]
    return [t for t in dict.fromkeys(out) if t]


def usable_term(term: str) -> bool:
    ws = WORD_RE.findall(term)
    if not ws or len(ws) > MAX_TERM_WORDS or not any(c.isalpha() for c in term) or "::" in term:
        return False
    if len(ws) == 1:
        w = ws[0]
        return w.lower() not in GENERIC and (
            len(w) >= 4 or (w.isupper() and len(w) >= 2) or any(c.isdigit() for c in w)
        )
    return True


def _surface_forms(word: str) -> set[str]:
    """The lower-case forms a term's last word may take in text: as written, singular and plural."""
    one = singular(word)
    forms = {word, one, one + "s", one + "es"}
    if one.endswith("y"):
        forms.add(one[:-1] + "ies")
    return forms


@dataclass
class TermIndex:
    """Key terms by the words they are written with in text (last word singular or plural), for fast matching."""

    by_surface: dict[tuple[str, ...], tuple[str, ...]]  # lower-case words as in text -> the term's key
    terms: dict[tuple[str, ...], str]  # key (singular words) -> the term as first given
    starts: dict[str, list[int]]  # first word -> term lengths in words, longest first

    @classmethod
    def build(cls, terms: list[str]) -> TermIndex:
        by: dict[tuple[str, ...], str] = {}
        surface: dict[tuple[str, ...], tuple[str, ...]] = {}
        for t in terms:
            for v in term_variants(t):
                if not usable_term(v):
                    continue
                ws = [w.lower() for w in WORD_RE.findall(v)]
                k = tuple(singular(w) for w in ws)
                by.setdefault(k, v)
                for last in _surface_forms(ws[-1]):
                    for head in {tuple(ws[:-1]), k[:-1]}:
                        surface.setdefault((*head, last), k)
        starts: dict[str, set[int]] = {}
        for form in surface:
            starts.setdefault(form[0], set()).add(len(form))
        return cls(surface, by, {f: sorted(ls, reverse=True) for f, ls in starts.items()})

    def matches(self, text: str) -> list[tuple[tuple[str, ...], int, int]]:
        """(term key, start char, end char) of every (longest-at-position) term occurrence in ``text``."""
        found = list(WORD_RE.finditer(text))
        words = [m.group(0).lower() for m in found]
        n = len(words)
        out = []
        for i, w in enumerate(words):
            lengths = self.starts.get(w)
            if not lengths:
                continue
            for L in lengths:
                if i + L <= n:
                    k = self.by_surface.get(tuple(words[i : i + L]))
                    if k is not None and not any(
                        c in PUNCT for j in range(i, i + L - 1) for c in text[found[j].end() : found[j + 1].start()]
                    ):
                        out.append((k, found[i].start(), found[i + L - 1].end()))
                        break
        return out


@dataclass
class Candidate:
    section: Section
    line: int
    text: str
    hits: list[tuple[tuple[str, ...], int, int]]
    score: float
    origin: str = "cloze"


def candidate_sentences(doc: Document) -> list[tuple[Section, int, str, bool]]:
    """(section, line, sentence, standalone) for every sentence of the used sections' paragraphs."""
    out = []
    for sec in doc.sections:
        if sec.skip:
            continue
        for blk in sec.blocks:
            if not isinstance(blk, Paragraph):
                continue
            clean, _ = split_glossary(blk.text)
            sents = split_sentences(clean)
            for off, s in sents:
                out.append((sec, blk.line_at(off) if clean is blk.text else blk.line, s, len(sents) == 1))
    return out


def reject(sentence: str) -> str:
    """Why a sentence makes a poor card ("" if it is fine)."""
    n = len(sentence.split())
    if n < MIN_WORDS:
        return "too short for a cloze"
    if n > MAX_WORDS:
        return "too long for a cloze"
    if sentence.endswith("?"):
        return "a question"
    if SECOND_PERSON_RE.search(sentence):
        return "addresses the reader"
    if "{{" in sentence or "}}" in sentence or "∞" in sentence:
        return "holds a ∞ or braces"
    if not sentence[:1].isupper() and not sentence[:1].isdigit():
        return "not a full sentence"
    return ""


ABBR_RE = re.compile(r"\(([A-Z][A-Za-z0-9-]{0,9}?[A-Z0-9][a-z]?s?)\)")
KNOWN_AS_RE = re.compile(r"\b(?:known as|called|termed)\s+(?:an?\s+|the\s+)?[“\"]?([A-Za-z][\w-]*(?:\s+[\w-]+){0,6})")
STOP_AFTER = {"which", "that", "and", "or", "is", "are", "in", "to", "for", "with", "by", "as", "of", "on", "when"}


def prose_terms(doc: Document) -> list[str]:
    """Terms the running text defines: "Long Name (ABBR)", "ABBR (Long Name)", "known as X", "called X"."""
    out: list[str] = []
    for sec in doc.sections:
        if sec.skip:
            continue
        for blk in sec.blocks:
            if not isinstance(blk, Paragraph):
                continue
            text, _ = split_glossary(blk.text)
            for m in ABBR_RE.finditer(text):
                abbr = m.group(1)
                letters = [c for c in abbr.lower().rstrip("s") if c.isalpha()]
                before = text[: m.start()].split()[-(len(abbr) + 3) :]
                for k in range(1, len(before) + 1):
                    cand = " ".join(before[-k:]).strip(" ,;:“”\"'")
                    if cand[:1].lower() == letters[0] and _in_order(letters, cand.lower()):
                        out += [cand, abbr]
                        break
            for m in KNOWN_AS_RE.finditer(text):
                ws = m.group(1).split()
                words = [ws[0].strip(',.;:”"')]
                for i, w in enumerate(ws[1:], 1):
                    bare = w.strip(',.;:”"')
                    nxt = ws[i + 1] if i + 1 < len(ws) else ""
                    if words[-1] != ws[i - 1] or not (bare[:1].isupper() or (bare == "of" and nxt[:1].isupper())):
                        break
                    words.append(bare)
                out.append(" ".join(words))
    return out


def _in_order(letters: list[str], text: str) -> bool:
    it = iter(text)
    return all(ch in it for ch in letters)


def cloze_text(sentence: str, start: int, end: int) -> str:
    if sentence[start:end].count("(") > sentence[start:end].count(")") and sentence[end : end + 1] == ")":
        end += 1
    return f"{sentence[:start]}{{{{{sentence[start:end]}}}}}{sentence[end:]}"


def _pick(c: Candidate, doc_freq: Counter, used: Counter) -> tuple[tuple[str, ...], int, int] | None:
    counts = Counter(k for k, _, _ in c.hits)
    low = c.text.lower()
    ok = [
        h
        for h in c.hits
        if counts[h[0]] == 1
        and used[h[0]] < PER_TERM
        and low.count(c.text[h[1] : h[2]].lower()) == 1
        and not any(o is not h and o[1] <= h[1] and h[2] <= o[2] and o[0] != h[0] for o in c.hits)
    ]
    if not ok:
        return None
    return min(ok, key=lambda h: (-len(h[0]), doc_freq[h[0]], used[h[0]], h[1]))


def extract_cloze(docs: list[Document], terms: list[str], facts, skips: list[Skip]) -> list[Draft]:
    """Cloze cards: up to PER_SECTION key sentences per section, plus one per fact list item."""
    index = TermIndex.build(terms)
    cands: list[tuple[Document, Candidate]] = []
    doc_freq: Counter = Counter()
    reasons: Counter = Counter()
    n_sent = 0
    for doc in docs:
        for sec, line, s, standalone in candidate_sentences(doc):
            n_sent += 1
            why = reject(s)
            if why:
                reasons[why] += 1
                continue
            hits = index.matches(s)
            doc_freq.update({k for k, _, _ in hits})
            if not hits:
                reasons["holds no key term"] += 1
                continue
            score = len({k for k, _, _ in hits}) + (2 if standalone else 0) + (1 if DEFINING_RE.search(s) else 0)
            cands.append((doc, Candidate(sec, line, s, hits, score)))
    for fl in facts:
        for it in fl.facts:
            why = reject(it.text)
            if why:
                skips.append(Skip(f"{fl.doc.path}:{it.line}", "list item", why))
                continue
            cands.append((fl.doc, Candidate(fl.section, it.line, it.text, index.matches(it.text), 99.0, "list")))
    common = {k for k, n in doc_freq.items() if n_sent and n > COMMON_SHARE * n_sent and n > 3}
    for _, c in cands:
        c.hits = [h for h in c.hits if h[0] not in common]

    out: list[Draft] = []
    used: Counter = Counter()
    per_section: Counter = Counter()
    ranked = sorted(range(len(cands)), key=lambda i: (-cands[i][1].score, cands[i][1].line, i))
    chosen: dict[int, tuple[tuple[str, ...], int, int] | None] = {}
    for i in ranked:
        doc, c = cands[i]
        skey = (doc.path, c.section.index)
        if c.origin == "cloze" and per_section[skey] >= PER_SECTION:
            reasons["beyond the per-section limit"] += 1
            continue
        hit = _pick(c, doc_freq, used)
        if hit is None and c.origin == "list":
            m = NUMBER_RE.search(c.text)
            hit = (("#", m.group(0).strip()), m.start(), m.start() + len(m.group(0).rstrip())) if m else None
        if hit is None:
            if c.origin == "list":
                skips.append(Skip(f"{doc.path}:{c.line}", "list item", "no key term or number to delete"))
            else:
                reasons["key term repeats in the sentence or is used up"] += 1
            continue
        used[hit[0]] += 1
        if c.origin == "cloze":
            per_section[skey] += 1
        chosen[i] = hit
    for i in sorted(chosen):
        doc, c = cands[i]
        hit = chosen[i]
        assert hit is not None
        note = new_note(
            type="cloze", text=cloze_text(c.text, hit[1], hit[2]), tags=["cloze" if c.origin == "cloze" else "list"]
        )
        out.append(Draft(note, doc, c.section, c.line, c.origin, c.text, [], dedupe=norm(c.text)))
    for why, n in sorted(reasons.items()):
        skips.append(Skip("", f"{n} sentence(s)", why))
    return out
