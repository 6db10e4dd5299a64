"""Quiz ordering widget: move steps up and down with the keys until they are in order, then check."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from quizapp.tui.text import plain

OK, BAD = "bold $text-success", "bold $text-error"


class OrderAnswer(Widget, can_focus=True):
    """The steps in a shuffled order. ↑↓ choose a step, Shift+↑↓ (or [ and ]) move it, Enter checks."""

    DEFAULT_CSS = "OrderAnswer { height: auto; margin: 1 0 0 0; }"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False, id="quiz.order.up", tooltip="Previous step"),
        Binding("down", "cursor(1)", "Down", show=False, id="quiz.order.down", tooltip="Next step"),
        Binding(
            "shift+up,left_square_bracket,k",
            "shift(-1)",
            "Move up",
            key_display="⇧↑",
            id="quiz.order.move_up",
            tooltip="Move the chosen step one place earlier",
        ),
        Binding(
            "shift+down,right_square_bracket,j",
            "shift(1)",
            "Move down",
            key_display="⇧↓",
            id="quiz.order.move_down",
            tooltip="Move the chosen step one place later",
        ),
        Binding("enter", "submit", "Check", id="quiz.order.check", tooltip="Check the order"),
    ]

    cursor: reactive[int] = reactive(0)

    class Ordered(Message):
        """The learner's order, as indices into the steps in their right order."""

        def __init__(self, widget: OrderAnswer, order: list[int]) -> None:
            super().__init__()
            self.widget = widget
            self.order = order

    def __init__(self, steps: Iterable[str], shown: Iterable[int], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.steps = [str(s) for s in steps]
        self.order = list(shown)
        self.done = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not self.done

    def action_cursor(self, step: int) -> None:
        self.cursor = max(0, min(len(self.order) - 1, self.cursor + step))

    def action_shift(self, step: int) -> None:
        i, j = self.cursor, self.cursor + step
        if 0 <= j < len(self.order):
            self.order[i], self.order[j] = self.order[j], self.order[i]
            self.cursor = j
            self.refresh()

    def action_submit(self) -> None:
        self.post_message(self.Ordered(self, list(self.order)))

    def show_result(self) -> None:
        self.done = True
        self.refresh(layout=True)
        self.refresh_bindings()

    def watch_cursor(self) -> None:
        self.refresh()

    def render(self) -> Content:
        lines: list[Content] = []
        for pos, step in enumerate(self.order):
            if self.done:
                ok = step == pos
                mark, style = ("✓", OK) if ok else ("✗", BAD)
                tail = (
                    Content("")
                    if ok
                    else Content.assemble(("  — should be: ", "dim"), plain(self.steps[pos]).stylize("italic"))
                )
                lines.append(Content.assemble((f"{mark} {pos + 1}. ", style), plain(self.steps[step]), tail))
                continue
            here = pos == self.cursor
            pointer = "▸" if here else " "
            lines.append(
                Content.assemble(
                    pointer, (f"{pos + 1}. ", "bold"), plain(self.steps[step]).stylize("reverse" if here else "")
                )
            )
        if not self.done:
            lines.append(
                Content.styled(
                    "↑↓ choose a step · Shift+↑↓ (or [ ]) move it · Enter checks the order.", "italic $text-muted"
                )
            )
        return Content("\n").join(lines)
