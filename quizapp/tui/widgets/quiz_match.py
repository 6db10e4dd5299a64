"""Quiz matching widget: give each numbered term the letter of its meaning, then check."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from quizapp.tui.text import plain

LETTERS = "abcdefgh"
OK, BAD = "bold $text-success", "bold $text-error"


class MatchAnswer(Widget, can_focus=True):
    """Terms on the left (↑↓ to choose one), meanings lettered a-f: a letter pairs the chosen term with that
    meaning and moves on; Backspace clears a pair; Enter checks."""

    DEFAULT_CSS = "MatchAnswer { height: auto; margin: 1 0 0 0; }"
    BINDINGS: ClassVar[list[BindingType]] = [
        *[
            Binding(k, f"assign({i})", f"Meaning {k}", show=False, id=f"quiz.match.{k}", tooltip=f"Pair with {k}")
            for i, k in enumerate(LETTERS)
        ],
        Binding("up", "cursor(-1)", "Up", show=False, id="quiz.match.up", tooltip="Previous term"),
        Binding("down", "cursor(1)", "Down", show=False, id="quiz.match.down", tooltip="Next term"),
        Binding("backspace,delete", "clear", "Clear", id="quiz.match.clear", tooltip="Unpair the chosen term"),
        Binding("enter", "submit", "Check", id="quiz.match.check", tooltip="Check the pairs"),
    ]

    cursor: reactive[int] = reactive(0)

    class Matched(Message):
        """The learner's pairs: for each term, the index of the chosen meaning (None when left unpaired)."""

        def __init__(self, widget: MatchAnswer, pairs: list[int | None]) -> None:
            super().__init__()
            self.widget = widget
            self.pairs = pairs

    def __init__(self, lefts: Iterable[str], rights: Iterable[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lefts = [str(x) for x in lefts]
        self.rights = [str(x) for x in rights][: len(LETTERS)]
        self.pairs: list[int | None] = [None] * len(self.lefts)
        self.solution: tuple[int, ...] | None = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.solution is not None:
            return False
        if action == "assign":
            return int(parameters[0]) < len(self.rights)  # type: ignore[arg-type]
        return True

    def action_cursor(self, step: int) -> None:
        self.cursor = max(0, min(len(self.lefts) - 1, self.cursor + step))

    def action_assign(self, index: int) -> None:
        for i, p in enumerate(self.pairs):  # a meaning belongs to one term at a time
            if p == index:
                self.pairs[i] = None
        self.pairs[self.cursor] = index
        free = [i for i, p in enumerate(self.pairs) if p is None]
        later = [i for i in free if i > self.cursor]
        if later or free:
            self.cursor = (later or free)[0]
        self.refresh()

    def action_clear(self) -> None:
        self.pairs[self.cursor] = None
        self.refresh()

    def action_submit(self) -> None:
        self.post_message(self.Matched(self, list(self.pairs)))

    def show_result(self, solution: Iterable[int]) -> None:
        self.solution = tuple(solution)
        self.refresh(layout=True)
        self.refresh_bindings()

    def watch_cursor(self) -> None:
        self.refresh()

    def render(self) -> Content:
        width = max((len(t) for t in self.lefts), default=0)
        lines: list[Content] = []
        for i, term in enumerate(self.lefts):
            p = self.pairs[i]
            letter = LETTERS[p] if p is not None else "?"
            if self.solution is not None:
                right = self.solution[i]
                ok = p == right
                mark, style = ("✓", OK) if ok else ("✗", BAD)
                tail = Content("") if ok else Content.assemble(("  — should be ", "dim"), (LETTERS[right], "bold"))
                lines.append(
                    Content.assemble((f"{mark} {i + 1}. ", style), plain(term.ljust(width)), f" → {letter}", tail)
                )
                continue
            here = i == self.cursor
            lines.append(
                Content.assemble(
                    "▸" if here else " ",
                    (f"{i + 1}. ", "bold"),
                    plain(term.ljust(width)).stylize("reverse" if here else ""),
                    " → ",
                    (letter, "bold" if p is not None else "dim"),
                )
            )
        lines.append(Content(""))
        for j, text in enumerate(self.rights):
            lines.append(Content.assemble((f" {LETTERS[j]}) ", "bold"), plain(text)))
        if self.solution is None:
            last = LETTERS[len(self.rights) - 1] if self.rights else "a"
            lines.append(
                Content.styled(
                    f"↑↓ choose a term, a–{last} pairs it with a meaning · Backspace unpairs · Enter checks.",
                    "italic $text-muted",
                )
            )
        return Content("\n").join(lines)
