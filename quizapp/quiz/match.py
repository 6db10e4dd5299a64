"""Tolerant typed-answer matching: forgives case, accents, punctuation and a small typo, never a different word."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import OSA

from quizapp.quiz.equiv import fold_word, key, normalise

_NUMBER_RE = re.compile(r"(?:minus )?\d+(?:d\d+)?")

__all__ = ["TypedResult", "allowed_typos", "check_typed", "normalise"]


def allowed_typos(length: int) -> int:
    """How many edits (a transposition counts as one) a word of ``length`` letters may have and still count.

    None up to 4 letters (IL-6 is not IL-1, RANK is not RANKL), one up to 9 (letrozol, anastrazole),
    two from 10 letters on (teriparatyde ok). Longer answers are judged word by word."""
    if length <= 4:
        return 0
    if length <= 9:
        return 1
    return 2


@dataclass(frozen=True)
class TypedResult:
    """The verdict on a typed answer, with the exact spelling to show."""

    verdict: Literal["exact", "almost", "wrong"]
    given: str
    expected: str

    @property
    def correct(self) -> bool:
        return self.verdict != "wrong"

    def message(self) -> str:
        if self.verdict == "exact":
            return f"✓ Correct: {self.expected}"
        if self.verdict == "almost":
            return f"✓ Almost: you typed {self.given!r}; the exact spelling is {self.expected!r}"
        return f"✗ Not quite: the answer is {self.expected}"


def _numbers(text: str) -> tuple[str, ...]:
    """The numbers in an answer, sign and decimals kept ('-2.0%' -> ('minus', '2'))."""
    return tuple(_NUMBER_RE.findall(key(text)))


def _folded(text: str) -> str:
    """Normalised, plurals folded and a leading article dropped: 'The osteoblasts' == 'osteoblast'."""
    return key(text)


def _distance(g: str, a: str) -> int | None:
    """Edits between two normalised answers if every word is within its own budget, else None."""
    gw, aw = g.split(), a.split()
    if len(gw) == len(aw):
        total = 0
        for x, y in zip(gw, aw):
            d = OSA.distance(x, y)
            budget = allowed_typos(min(len(x), len(y)))
            if len(aw) > 1 and len(y) == 4 and y.isalpha():
                budget = 1  # a plain word beside others ("zoledronic acd") may slip once
            if d > budget:
                return None
            total += d
        return total if total <= allowed_typos(len(a.replace(" ", ""))) else None
    gs, as_ = g.replace(" ", ""), a.replace(" ", "")  # "zoledronicacid", a missing or extra space
    d = OSA.distance(gs, as_)
    return d if d <= allowed_typos(min(len(gs), len(as_))) else None


def _swaps_affix(g: str, a: str) -> bool:
    """True when ``g`` uses a meaning-changing affix that ``a`` does not (osteoclast for osteoblast)."""
    from quizapp.quiz.lexicon import lexicon

    gw, aw = g.split(), a.split()
    pairs = list(zip(gw, aw)) if len(gw) == len(aw) else [(g.replace(" ", ""), a.replace(" ", ""))]
    for x, y in pairs:
        x, y = fold_word(x), fold_word(y)
        for group in lexicon().confusable_affixes:
            for affix in group:
                found_g = x.startswith(affix) if len(affix) < 4 else affix in x
                found_a = y.startswith(affix) if len(affix) < 4 else affix in y
                if (
                    found_g
                    and not found_a
                    and any((y.startswith(o) if len(o) < 4 else o in y) for o in group if o != affix)
                ):
                    return True
    return False


def _spellings(folded: set[str]) -> set[str]:
    """Lexicon synonyms of the answers: not wrong words (oestrogen), though not accepted outright either."""
    from quizapp.quiz.lexicon import lexicon

    lex = lexicon()
    reps = {lex.synonym_of(f) for f in folded}
    return {k for group in lex.synonym_groups for k in group if lex.synonym_of(k) in reps}


def _known_terms() -> dict[str, str]:
    from quizapp.quiz.lexicon import lexicon

    return lexicon().all_terms


def check_typed(given: str, answers: Iterable[str], others: Iterable[str] = ()) -> TypedResult:
    """Compare ``given`` with the accepted ``answers`` (the first is the canonical spelling).

    ``others`` are known wrong answers of the same kind (e.g. the other drug names in the deck); the
    lexicon's terms (kinds.toml) count as known too. A typed answer that is one of them, or is at least as
    close to one of them as to the answer, is wrong however few letters it differs by; so is one that
    swaps a meaning-changing affix (blast/clast, hyper/hypo)."""
    answers = [a for a in answers if a and a.strip()]
    if not answers:
        raise ValueError("a typed card needs at least one answer")
    expected = answers[0].strip()
    g = normalise(given)
    if not g:
        return TypedResult("wrong", given, expected)
    if _numbers(expected) and not any(_numbers(given) == _numbers(a) for a in answers):
        return TypedResult("wrong", given, expected)  # figures must match exactly, sign included
    norm = [normalise(a) for a in answers]
    folded = {_folded(a) for a in answers}
    squeezed = {n.replace(" ", "") for n in norm}
    if g in norm or _folded(given) in folded or g.replace(" ", "") in squeezed:
        return TypedResult("exact", given, expected)
    wrong = {_folded(o) for o in others} | set(_known_terms())
    wrong -= folded
    wrong -= _spellings(folded)
    gf = _folded(given)
    if gf in wrong:
        return TypedResult("wrong", given, expected)
    best: tuple[int, str] | None = None
    for a in sorted(folded):
        d = _distance(gf, a)
        if d is not None and (best is None or d < best[0]):
            best = (d, a)
    if best is None or _swaps_affix(gf, best[1]):
        return TypedResult("wrong", given, expected)
    dist = best[0]
    # As close to another known word as to the answer? Then it may be that word misspelt: not accepted.
    if any(OSA.distance(gf, w) <= dist for w in wrong if abs(len(w) - len(gf)) <= dist):
        return TypedResult("wrong", given, expected)
    return TypedResult("almost", given, expected)
