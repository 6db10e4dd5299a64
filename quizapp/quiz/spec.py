"""What a quiz should be: how many questions, of which types, from which decks and levels, under which seed."""

from __future__ import annotations

from dataclasses import dataclass

from quizapp.quiz.questions import QTYPES

MAX_QUESTIONS = 500
TYPE_ALIASES = {
    "choice": "mcq",
    "mc": "mcq",
    "multiple": "multi",
    "truefalse": "tf",
    "ordering": "order",
    "matching": "match",
    "true-false": "tf",
    "fill": "cloze",
}


@dataclass(frozen=True)
class QuizSpec:
    """A quiz request. ``seed`` makes the quiz repeatable; ``count`` makes answers count as reviews."""

    n: int = 20
    types: tuple[str, ...] = QTYPES
    deck_ids: tuple[str, ...] | None = None
    levels: tuple[str, ...] | None = None
    seed: int | None = None
    timed_minutes: float | None = None
    count: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.n <= MAX_QUESTIONS:
            raise ValueError(f"the number of questions must be between 1 and {MAX_QUESTIONS}")
        bad = [t for t in self.types if t not in QTYPES]
        if bad or not self.types:
            raise ValueError(f"unknown question type {bad[0] if bad else ''!r}: choose from {', '.join(QTYPES)}")
        if self.timed_minutes is not None and not 0 < self.timed_minutes <= 24 * 60:
            raise ValueError("the time limit must be between 1 second and 24 hours (in minutes)")

    @property
    def time_limit_s(self) -> float | None:
        return None if self.timed_minutes is None else self.timed_minutes * 60.0


def parse_types(text: str | None) -> tuple[str, ...]:
    """'mcq,typed' -> ('mcq', 'typed'); empty or 'all' means every type. Raises ValueError on unknown names."""
    if not text or text.strip().lower() == "all":
        return QTYPES
    out: list[str] = []
    for raw in text.replace(" ", ",").split(","):
        name = raw.strip().lower()
        if not name:
            continue
        name = TYPE_ALIASES.get(name, name)
        if name not in QTYPES:
            raise ValueError(f"unknown question type {raw.strip()!r}: choose from {', '.join(QTYPES)}")
        if name not in out:
            out.append(name)
    return tuple(out) or QTYPES
