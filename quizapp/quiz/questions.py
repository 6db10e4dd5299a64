"""Quiz questions of every type and how each grades a response (UI-free, plain data)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from quizapp.quiz.match import check_typed

QTYPES: tuple[str, ...] = ("mcq", "multi", "typed", "cloze", "order", "match", "tf")
QTYPE_NAMES = {
    "mcq": "Multiple choice",
    "multi": "Select all that apply",
    "typed": "Typed answer",
    "cloze": "Fill the gap",
    "order": "Put in order",
    "match": "Match the pairs",
    "tf": "True or false",
}


@dataclass(frozen=True)
class Grade:
    """The verdict on one response: a score from 0 to 1, whether it counts as right, and words for it."""

    score: float
    correct: bool
    verdict: str  # correct | almost | partial | wrong | skipped
    message: str
    expected: str
    given: str = ""
    card_results: tuple[tuple[str, bool], ...] = ()

    @property
    def mark(self) -> str:
        return "✓" if self.correct else "✗"

    @property
    def missed_cards(self) -> tuple[str, ...]:
        return tuple(c for c, ok in self.card_results if not ok)


@dataclass
class Question:
    """What every question has: the card(s) it comes from, where they sit, and what to show after."""

    qtype: str
    card_id: str
    prompt: str
    answer: str  # the correct answer, in words, for feedback
    deck_id: str = ""
    topic: str = ""
    level: str = ""
    explanation: str = ""
    source: str = ""
    card_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.card_ids:
            self.card_ids = (self.card_id,)

    @property
    def title(self) -> str:
        return QTYPE_NAMES.get(self.qtype, self.qtype)

    def grade(self, response) -> Grade:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def skipped(self) -> Grade:
        return Grade(
            0.0,
            False,
            "skipped",
            f"✗ Skipped: the answer is {self.answer}",
            self.answer,
            card_results=tuple((c, False) for c in self.card_ids),
        )

    def _one(self, ok: bool, score: float, verdict: str, message: str, given: str) -> Grade:
        return Grade(score, ok, verdict, message, self.answer, given, tuple((c, ok) for c in self.card_ids))


@dataclass
class ChoiceQuestion(Question):
    """Pick one option (mcq, cloze as choice) or every right one (multi: scored per option)."""

    options: list[str] = field(default_factory=list)
    correct: frozenset[int] = frozenset()
    multi: bool = False

    def grade(self, response: int | Sequence[int] | None) -> Grade:
        picked = {response} if isinstance(response, int) else set(response or ())
        picked &= set(range(len(self.options)))
        given = "; ".join(self.options[i] for i in sorted(picked)) or "(nothing)"
        if not self.multi:
            ok = len(picked) == 1 and picked <= self.correct
            msg = "✓ Correct" if ok else f"✗ Wrong: the answer is {self.answer}"
            return self._one(ok, 1.0 if ok else 0.0, "correct" if ok else "wrong", msg, given)
        right = sum(1 for i in range(len(self.options)) if (i in picked) == (i in self.correct))
        score = right / len(self.options) if self.options else 0.0
        ok = right == len(self.options)
        if ok:
            msg = "✓ Correct: all the right options and none of the wrong ones"
        else:
            msg = f"✗ {right} of {len(self.options)} options right: the answers are {self.answer}"
        return self._one(ok, score, "correct" if ok else ("partial" if right else "wrong"), msg, given)


@dataclass
class TypedQuestion(Question):
    """Type the answer; tolerant of case, accents, punctuation and a small typo, never of another word."""

    answers: tuple[str, ...] = ()
    others: tuple[str, ...] = ()

    def grade(self, response: str | None) -> Grade:
        given = (response or "").strip()
        res = check_typed(given, self.answers, self.others)
        verdict = {"exact": "correct", "almost": "almost", "wrong": "wrong"}[res.verdict]
        return self._one(res.correct, 1.0 if res.correct else 0.0, verdict, res.message(), given or "(nothing)")


@dataclass
class OrderQuestion(Question):
    """Put the steps in order. ``shown`` is the shuffled order (indices into ``steps``, the right order)."""

    steps: tuple[str, ...] = ()
    shown: tuple[int, ...] = ()

    def grade(self, response: Sequence[int] | None) -> Grade:
        order = list(response or ())
        n = len(self.steps)
        placed = sum(1 for pos, step in enumerate(order[:n]) if step == pos)
        ok = placed == n and len(order) == n
        given = " → ".join(self.steps[i] for i in order if 0 <= i < n)
        msg = f"✓ Correct: all {n} steps in order" if ok else f"✗ {placed} of {n} steps in the right place"
        verdict = "correct" if ok else ("partial" if placed else "wrong")
        return self._one(ok, placed / n if n else 0.0, verdict, msg, given)


@dataclass
class MatchQuestion(Question):
    """Pair each left item with a right one. ``solution[i]`` is the right index for left ``i``; each pair
    is its own card, scored on its own."""

    lefts: tuple[str, ...] = ()
    rights: tuple[str, ...] = ()
    solution: tuple[int, ...] = ()

    def grade(self, response: Sequence[int | None] | None) -> Grade:
        pairs = list(response or ())
        pairs += [None] * (len(self.lefts) - len(pairs))
        results = tuple((cid, pairs[i] == self.solution[i]) for i, cid in enumerate(self.card_ids))
        right = sum(ok for _, ok in results)
        n = len(self.lefts)
        ok = right == n
        msg = f"✓ Correct: all {n} pairs" if ok else f"✗ {right} of {n} pairs right"
        given = "; ".join(
            f"{self.lefts[i]} → {self.rights[p]}"
            if p is not None and 0 <= p < len(self.rights)
            else f"{self.lefts[i]} → ?"
            for i, p in enumerate(pairs[:n])
        )
        verdict = "correct" if ok else ("partial" if right else "wrong")
        return Grade(right / n if n else 0.0, ok, verdict, msg, self.answer, given, results)

    def skipped(self) -> Grade:
        return self.grade([])


@dataclass
class TrueFalseQuestion(Question):
    """Is the statement true? ``statement`` reads as a sentence, or ``proposed`` answers ``prompt``."""

    statement: str = ""
    proposed: str = ""
    truth: bool = True

    def grade(self, response: bool | None) -> Grade:
        if response is None:
            return self.skipped()
        ok = bool(response) == self.truth
        word = "true" if self.truth else "false"
        msg = f"✓ Correct: it is {word}" if ok else f"✗ Wrong: it is {word}; the answer is {self.answer}"
        return self._one(ok, 1.0 if ok else 0.0, "correct" if ok else "wrong", msg, "true" if response else "false")


def card_fields(card) -> dict:
    """The fields every question copies from the card it asks about (a ``QCard``)."""
    return dict(
        card_id=card.id,
        deck_id=card.deck_id,
        topic=card.topic,
        level=card.level,
        explanation=card.explanation,
        source=card.source,
    )


_TYPE_VERB_RE = re.compile(r"^(?:type|write)(?= )", re.I)


def ask(card, *, choosing: bool = False) -> str:
    """The question text for a card: reversed glossary cards say which way they ask; a typed card asked as
    a choice says "Choose" rather than "Type"."""
    front = card.front.strip()
    if choosing:
        front = _TYPE_VERB_RE.sub("Choose", front)
    if card.type == "reversed" and not front.rstrip().endswith("?"):
        if card.ord == 1:
            return f"Which term is this?\n\n{front}"
        return f"What is meant by: {front}?"
    return front
