"""Answer pickers for review: multiple choice by option keys, ordering by picking steps in turn."""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from quizapp.tui.text import plain
from quizapp.tui.widgets.card_view import OPTION_KEYS

OK_STYLE, BAD_STYLE = "bold $text-success", "bold $text-error"


class ChoicePicker(Widget):
    """Options with keys 1-9 then a-z. One correct option: a key answers. Several: keys toggle, Enter checks.

    Not focusable: the review screen owns the keys (``can_pick``/``action_pick``/``submit``), so moving from
    card to card never moves the focus (which would restyle the whole screen).
    """

    DEFAULT_CSS = "ChoicePicker { height: auto; }"

    class Submitted(Message):
        """The learner has answered; ``correct`` says whether the picks were exactly the right options."""

        def __init__(self, picker: ChoicePicker, correct: bool) -> None:
            super().__init__()
            self.picker = picker
            self.correct = correct

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.options: list[tuple[str, bool]] = []
        self.picked: set[int] = set()
        self.done = False

    @property
    def multi(self) -> bool:
        return sum(1 for _t, ok in self.options if ok) > 1

    @property
    def correct(self) -> bool:
        return self.picked == {i for i, (_t, ok) in enumerate(self.options) if ok}

    def set_options(self, options: list[tuple[str, bool]]) -> None:
        self.options = [(str(t), bool(ok)) for t, ok in options][: len(OPTION_KEYS)]
        self.picked = set()
        self.done = False
        self.refresh(layout=True)

    def can_pick(self, index: int) -> bool:
        return not self.done and index < len(self.options)

    def action_pick(self, index: int) -> None:
        if not self.can_pick(index):
            return
        if self.multi:
            self.picked ^= {index}
            self.refresh()
        else:
            self.picked = {index}
            self.submit()

    def action_submit(self) -> None:
        self.submit()

    def submit(self) -> None:
        if self.done:
            return
        self.done = True
        self.refresh(layout=True)
        self.post_message(self.Submitted(self, self.correct))

    def render(self) -> Content:
        lines: list[Content] = []
        for i, (text, ok) in enumerate(self.options):
            key = OPTION_KEYS[i]
            chosen = i in self.picked
            if not self.done:
                box = ("☑ " if chosen else "☐ ") if self.multi else ""
                style = "reverse" if chosen else ""
                lines.append(Content.assemble((f" {key} ", "bold reverse"), " ", box, plain(text).stylize(style)))
                continue
            if ok and chosen:
                mark, word, style = "✓", "correct, you chose it", OK_STYLE
            elif ok:
                mark, word, style = "✗", "correct, you missed it", BAD_STYLE
            elif chosen:
                mark, word, style = "✗", "wrong, you chose it", BAD_STYLE
            else:
                mark, word, style = " ", "", "dim"
            tail = Content.assemble(("  — ", "dim"), (word, style)) if word else Content("")
            lines.append(Content.assemble((f" {mark} ", style), (f"{key} ", "dim"), plain(text), tail))
        if not self.done:
            n = OPTION_KEYS[len(self.options) - 1] if self.options else "1"
            hint = f"Press 1–{n} to select, then Enter to check." if self.multi else f"Press 1–{n} to answer."
            lines.append(Content.styled(hint, "italic $text-muted"))
        return Content("\n").join(lines)


class OrderPicker(Widget):
    """Steps shown shuffled; the learner presses their keys in the right order. Backspace takes one back.

    Like ChoicePicker, it is driven by the review screen's keys and never takes the focus.
    """

    DEFAULT_CSS = "OrderPicker { height: auto; }"

    class Submitted(Message):
        """The learner has answered; ``correct`` says whether every step was in place."""

        def __init__(self, picker: OrderPicker, correct: bool) -> None:
            super().__init__()
            self.picker = picker
            self.correct = correct

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.steps: list[str] = []
        self.offered: list[int] = []  # step indices, in the shuffled order shown
        self.placed: list[int] = []  # positions in ``offered``, in the learner's order
        self.done = False

    def set_steps(self, steps: list[str], offered: list[int]) -> None:
        self.steps = [str(s) for s in steps]
        self.offered = list(offered)[: len(OPTION_KEYS)]
        self.placed = []
        self.done = False
        self.refresh(layout=True)

    @property
    def answer(self) -> list[int]:
        """The learner's order as step indices (unplaced steps appended in the order shown)."""
        rest = [p for p in range(len(self.offered)) if p not in self.placed]
        return [self.offered[p] for p in self.placed + rest]

    @property
    def correct(self) -> bool:
        return self.answer == sorted(self.answer)

    def can_pick(self, index: int) -> bool:
        return not self.done and index < len(self.offered) and index not in self.placed

    def action_pick(self, index: int) -> None:
        if self.can_pick(index):
            self.placed.append(index)
            self.refresh(layout=True)

    def action_take_back(self) -> None:
        if self.placed and not self.done:
            self.placed.pop()
            self.refresh(layout=True)

    def action_submit(self) -> None:
        self.done = True
        self.refresh(layout=True)
        self.post_message(self.Submitted(self, self.correct))

    def render(self) -> Content:
        lines: list[Content] = []
        if self.done:
            for pos, step in enumerate(self.answer):
                ok = step == pos
                mark, style = ("✓", OK_STYLE) if ok else ("✗", BAD_STYLE)
                tail = (
                    Content("")
                    if ok
                    else Content.assemble(("  — should be: ", "dim"), plain(self.steps[pos]).stylize("italic"))
                )
                lines.append(Content.assemble((f" {mark} {pos + 1}. ", style), plain(self.steps[step]), tail))
            return Content("\n").join(lines)
        lines.append(Content.styled("Steps:", "bold"))
        for p, step in enumerate(self.offered):
            key = OPTION_KEYS[p]
            if p in self.placed:
                n = self.placed.index(p) + 1
                lines.append(
                    Content.assemble(
                        (f" {key}  ", "dim"), plain(self.steps[step]).stylize("dim strike"), (f"  → {n}.", "dim")
                    )
                )
            else:
                lines.append(Content.assemble((f" {key} ", "bold reverse"), " ", plain(self.steps[step])))
        lines.append(Content.styled("Your order:", "bold"))
        if not self.placed:
            lines.append(Content.styled("  (nothing yet)", "dim"))
        for n, p in enumerate(self.placed, 1):
            lines.append(Content.assemble(f"  {n}. ", plain(self.steps[self.offered[p]])))
        last = OPTION_KEYS[len(self.offered) - 1] if self.offered else "1"
        lines.append(
            Content.styled(
                f"Press the keys (1–{last}) in the order the steps happen; Backspace takes back; Enter checks.",
                "italic $text-muted",
            )
        )
        return Content("\n").join(lines)
