"""Quiz answer widgets that pick options: one (multiple choice, true/false) or several (select all)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from quizapp.tui.text import plain

KEYS = "123456789"
OK, BAD = "bold $text-success", "bold $text-error"


class ChoiceAnswer(Widget, can_focus=True):
    """Options with keys 1-9 and a cursor. Single answer: a key (or Enter on the cursor) answers.
    Several: keys or Space toggle, Enter checks. After answering it marks each option right or wrong."""

    DEFAULT_CSS = "ChoiceAnswer { height: auto; margin: 1 0 0 0; }"
    BINDINGS: ClassVar[list[BindingType]] = [
        *[
            Binding(k, f"pick({i})", f"Option {k}", show=False, id=f"quiz.pick{k}", tooltip=f"Choose option {k}")
            for i, k in enumerate(KEYS)
        ],
        Binding("up", "move(-1)", "Up", show=False, id="quiz.choice.up", tooltip="Previous option"),
        Binding("down", "move(1)", "Down", show=False, id="quiz.choice.down", tooltip="Next option"),
        Binding("space", "toggle", "Select", id="quiz.choice.toggle", tooltip="Select or unselect this option"),
        Binding("enter", "submit", "Check", id="quiz.choice.check", tooltip="Check your answer"),
    ]

    cursor: reactive[int] = reactive(0)

    class Chosen(Message):
        """The learner answered: ``response`` is an option index, or a list of them when several may be right."""

        def __init__(self, widget: ChoiceAnswer, response: int | list[int]) -> None:
            super().__init__()
            self.widget = widget
            self.response = response

    def __init__(self, options: Iterable[str], *, multi: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.options = [str(o) for o in options][: len(KEYS)]
        self.multi = multi
        self.picked: set[int] = set()
        self.correct: frozenset[int] | None = None  # set once answered

    @property
    def done(self) -> bool:
        return self.correct is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.done:
            return False
        if action == "pick":
            return int(parameters[0]) < len(self.options)  # type: ignore[arg-type]
        if action == "toggle":
            return self.multi
        return True

    def action_move(self, step: int) -> None:
        if self.options:
            self.cursor = (self.cursor + step) % len(self.options)

    def action_pick(self, index: int) -> None:
        self.cursor = index
        if self.multi:
            self.picked ^= {index}
            self.refresh()
        else:
            self.picked = {index}
            self._send()

    def action_toggle(self) -> None:
        self.action_pick(self.cursor)

    def action_submit(self) -> None:
        if not self.multi:
            self.picked = {self.cursor}
        self._send()

    def _send(self) -> None:
        response: int | list[int] = sorted(self.picked) if self.multi else next(iter(self.picked))
        self.post_message(self.Chosen(self, response))

    def show_result(self, correct: Iterable[int]) -> None:
        self.correct = frozenset(correct)
        self.refresh(layout=True)
        self.refresh_bindings()

    def watch_cursor(self) -> None:
        self.refresh()

    def render(self) -> Content:
        lines: list[Content] = []
        for i, text in enumerate(self.options):
            chosen = i in self.picked
            if not self.done:
                here = i == self.cursor
                box = ("☑ " if chosen else "☐ ") if self.multi else ""
                pointer = "▸" if here else " "
                body = plain(text).stylize("reverse" if (chosen and self.multi) or here else "")
                lines.append(Content.assemble(pointer, (f"{KEYS[i]} ", "bold"), box, body))
                continue
            ok = i in (self.correct or ())
            if ok and chosen:
                mark, word, style = "✓", "right, you chose it", OK
            elif ok:
                mark, word, style = "✓", "right, you missed it" if self.multi else "the right answer", OK
            elif chosen:
                mark, word, style = "✗", "wrong, you chose it", BAD
            else:
                mark, word, style = " ", "", "dim"
            tail = Content.assemble(("  — ", "dim"), (word, style)) if word else Content("")
            lines.append(Content.assemble((f"{mark} ", style), (f"{KEYS[i]} ", "dim"), plain(text), tail))
        if not self.done:
            last = KEYS[len(self.options) - 1] if self.options else "1"
            if self.multi:
                hint = f"Press 1–{last} (or Space) to select every right option, then Enter to check."
            else:
                hint = f"Press 1–{last} to answer (or ↑↓ and Enter)."
            lines.append(Content.styled(hint, "italic $text-muted"))
        return Content("\n").join(lines)


class TrueFalseAnswer(ChoiceAnswer):
    """True or false: t / f (or 1 / 2)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "pick(0)", "True", id="quiz.tf.true", tooltip="Answer: true"),
        Binding("f", "pick(1)", "False", id="quiz.tf.false", tooltip="Answer: false"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(["True", "False"], id=id)

    def _send(self) -> None:
        self.post_message(self.Chosen(self, next(iter(self.picked))))

    def render(self) -> Content:
        content = super().render()
        if self.done:
            return content
        lines = content.split("\n")[:-1]
        lines.append(Content.styled("Press t for true or f for false.", "italic $text-muted"))
        return Content("\n").join(lines)
