"""Tolerant typed-answer matching: forgives case, accents, punctuation and a small typo, never a different word."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import Levenshtein

_PUNCT_RE = re.compile(r"[^\w\s]|_")


def normalise(text: str) -> str:
    """Lower case, accents and punctuation removed, white space collapsed; Greek letters spelled out."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("α", "alpha").replace("β", "beta").replace("γ", "gamma").replace("κ", "kappa")
    text = _PUNCT_RE.sub(" ", text.lower())
    return " ".join(text.split())


def allowed_typos(length: int) -> int:
    """How many edits a word of ``length`` letters may have and still count: none for short words."""
    if length <= 4:
        return 0
    if length <= 8:
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


def check_typed(given: str, answers: Iterable[str], others: Iterable[str] = ()) -> TypedResult:
    """Compare ``given`` with the accepted ``answers`` (first is the canonical spelling).

    ``others`` are known wrong answers of the same kind (e.g. the other drug names in the deck):
    a typed answer that is one of them is wrong even when it is only a few letters away.
    """
    answers = [a for a in answers if a and a.strip()]
    if not answers:
        raise ValueError("a typed card needs at least one answer")
    expected = answers[0].strip()
    g = normalise(given)
    if not g:
        return TypedResult("wrong", given, expected)
    norm = [normalise(a) for a in answers]
    if g in norm:
        return TypedResult("exact", given, expected)
    wrong = {normalise(o) for o in others} - set(norm)
    if g in wrong:
        return TypedResult("wrong", given, expected)
    best = min(norm, key=lambda a: Levenshtein.distance(g, a))
    dist = Levenshtein.distance(g, best)
    budget = allowed_typos(min(len(g), len(best)))
    # Near another known answer just as closely? Then it is ambiguous, so not accepted.
    if 0 < dist <= budget and not any(Levenshtein.distance(g, w) <= dist for w in wrong):
        return TypedResult("almost", given, expected)
    return TypedResult("wrong", given, expected)
