"""What parsing a deck file gives: its problems (file:line: message) and the parsed deck."""

from __future__ import annotations

from dataclasses import dataclass, field

from quizapp.deck.models import DeckMeta, Note


@dataclass(order=True)
class Problem:
    """One problem found in a deck file."""

    path: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else "warning: "
        return f"{self.path}:{self.line}: {tag}{self.message}"


@dataclass
class ParsedDeck:
    """The result of reading one deck file."""

    path: str
    meta: DeckMeta | None = None
    notes: list[Note] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return self.meta is not None and not self.errors
