"""Answer pickers for review: multiple choice by option keys, ordering by picking steps in turn."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from quizapp.tui.text import plain
from quizapp.tui.widgets.card_view import OPTION_KEYS
from quizapp.tui.widgets.hanging import HangingRows, Row

OK_STYLE, BAD_STYLE = "bold $text-success", "bold $text-error"


class ChoicePicker(Widget):
    """Options with keys 1-9 then a-z. One correct option: a key answers. Several: keys toggle, Enter checks.

    The options are shown in the order given to ``set_options`` (the review screen shuffles them per card and
    day); keys, picks and grading all refer to that shown order, and each option carries its own correct flag.
    Not focusable: the review screen owns the keys (``can_pick``/``action_pick``/``submit``), so moving from
    card to card never moves the focus (which would restyle the whole screen).
    """

    DEFAULT_CSS = "ChoicePicker { height: auto; margin-bottom: 1; }"

    class Submitted(Message):
        """The learner has answered; ``correct`` says whether the picks were exactly the right options."""

        def __init__(self, picker: ChoicePicker, correct: bool) -> None:
            super().__init__()
            self.picker = picker
            self.correct = correct

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.options: list[tuple[str, bool]] = []  # in the order shown
        self.shown: list[int] = []  # the file position of each option shown
        self.picked: set[int] = set()  # positions in the order shown
        self.done = False

    @property
    def multi(self) -> bool:
        return sum(1 for _t, ok in self.options if ok) > 1

    @property
    def correct(self) -> bool:
        return self.picked == {i for i, (_t, ok) in enumerate(self.options) if ok}

    def set_options(self, options: Sequence[Sequence], order: Sequence[int] | None = None) -> None:
        """Show ``options`` ([text, correct] in file order) in ``order`` (file positions; default: as given)."""
        order = list(range(len(options))) if order is None else list(order)
        self.shown = order[: len(OPTION_KEYS)]
        self.options = [(str(options[i][0]), bool(options[i][1])) for i in self.shown]
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

    def render(self) -> HangingRows:
        rows: list[Row] = []
        for i, (text, ok) in enumerate(self.options):
            key = OPTION_KEYS[i]
            chosen = i in self.picked
            if not self.done:
                box = ("☑ " if chosen else "☐ ") if self.multi else ""
                style = "reverse" if chosen else ""
                rows.append((Content.assemble((f" {key} ", "bold reverse"), " ", box), plain(text).stylize(style)))
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
            rows.append((Content.assemble((f" {mark} ", style), (f"{key} ", "dim")), plain(text) + tail))
        if not self.done:
            n = OPTION_KEYS[len(self.options) - 1] if self.options else "1"
            hint = f"Press 1–{n} to select, then Enter to check." if self.multi else f"Press 1–{n} to answer."
            rows.append((Content(""), Content.styled(hint, "italic $text-muted")))
        return HangingRows(rows)


class OrderPicker(Widget):
    """Steps shown shuffled; the learner presses their keys in the right order. Backspace takes one back.

    Like ChoicePicker, it is driven by the review screen's keys and never takes the focus.
    """

    DEFAULT_CSS = "OrderPicker { height: auto; margin-bottom: 1; }"

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

    def render(self) -> HangingRows:
        none = Content("")
        rows: list[Row] = []
        if self.done:
            for pos, step in enumerate(self.answer):
                ok = step == pos
                mark, style = ("✓", OK_STYLE) if ok else ("✗", BAD_STYLE)
                should = Content.assemble(("  — should be: ", "dim"), plain(self.steps[pos]).stylize("italic"))
                tail = none if ok else should
                rows.append((Content.styled(f" {mark} {pos + 1}. ", style), plain(self.steps[step]) + tail))
            return HangingRows(rows)
        rows.append((none, Content.styled("Steps:", "bold")))
        for p, step in enumerate(self.offered):
            key = OPTION_KEYS[p]
            if p in self.placed:
                n = self.placed.index(p) + 1
                text = Content.assemble(plain(self.steps[step]).stylize("dim strike"), (f"  → {n}.", "dim"))
                rows.append((Content.styled(f" {key}  ", "dim"), text))
            else:
                rows.append((Content.assemble((f" {key} ", "bold reverse"), " "), plain(self.steps[step])))
        rows.append((none, Content.styled("Your order:", "bold")))
        if not self.placed:
            rows.append((none, Content.styled("  (nothing yet)", "dim")))
        for n, p in enumerate(self.placed, 1):
            rows.append((Content(f"  {n}. "), plain(self.steps[self.offered[p]])))
        last = OPTION_KEYS[len(self.offered) - 1] if self.offered else "1"
        hint = f"Press the keys (1–{last}) in the order the steps happen; Backspace takes back; Enter checks."
        rows.append((none, Content.styled(hint, "italic $text-muted")))
        return HangingRows(rows)
