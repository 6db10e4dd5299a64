"""How the review screen takes typed, multiple-choice and ordering answers, and words the verdict."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Input

from quizapp.tui.text import plain
from quizapp.tui.widgets.pickers import ChoicePicker, OrderPicker

OK, BAD = "bold $text-success", "bold $text-error"


class AnswerInput:
    """Mixed into ReviewScreen: option keys, the order picker, the typed answer and their checks.

    Each check ends in ``self._answered(correct, verdict)``, which shows the answer side and suggests a grade.
    """

    def _pickers(self) -> tuple[ChoicePicker, OrderPicker, Input]:
        return self.query_one(ChoicePicker), self.query_one(OrderPicker), self.query_one("#typed", Input)

    def _prompt(self, kind: str, multi: bool = False) -> Content:
        if kind == "typed":
            return Content.styled("Type the answer and press Enter (Enter alone shows the answer).", "dim")
        if kind == "choice" and multi:
            return Content.styled("Space / Enter checks what you selected (nothing selected: shows the answer).", "dim")
        if kind == "choice":
            return Content.styled("Space / Enter without choosing shows the answer.", "dim")
        if kind == "order":
            return Content.styled("Space / Enter checks your order (steps not placed go last).", "dim")
        return Content("")

    def action_option(self, index: int) -> None:
        kind = self.content["type"] if self.content else ""
        if kind == "choice":
            self.query_one(ChoicePicker).action_pick(index)
        elif kind == "order":
            self.query_one(OrderPicker).action_pick(index)
            self.refresh_bindings()

    def action_take_back(self) -> None:
        self.query_one(OrderPicker).action_take_back()
        self.refresh_bindings()

    def action_check(self) -> None:
        self.action_reveal()

    def action_reveal(self) -> None:
        kind = self.content["type"] if self.content else "basic"
        choice, order, typed = self._pickers()
        if kind == "choice":
            choice.submit()
        elif kind == "order":
            order.action_submit()
        elif kind == "typed":
            self._check_typed(typed.value)
        else:
            self._answered(None)

    def on_choice_picker_submitted(self, event: ChoicePicker.Submitted) -> None:
        event.stop()
        if self.phase == "question":
            self._answered(event.correct, self._verdict(event.correct))

    def on_order_picker_submitted(self, event: OrderPicker.Submitted) -> None:
        event.stop()
        if self.phase == "question":
            self._answered(event.correct, self._verdict(event.correct))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.phase == "question" and event.input.id == "typed":
            self._check_typed(event.value)

    def _check_typed(self, given: str) -> None:
        from quizapp.quiz.match import check_typed

        data = (self.content or {}).get("data") or {}
        answers = list(data.get("answers") or [(self.content or {}).get("back", "")]) + list(data.get("accept") or [])
        typed = self.query_one("#typed", Input)
        typed.disabled = True
        try:
            result = check_typed(given, answers)
        except ValueError:
            self._answered(None)
            return
        style = OK if result.correct else BAD
        verdict = Content.styled(result.message(), style)
        if not result.correct and given.strip():
            verdict = Content.assemble(verdict, ("  (you typed: ", "dim"), plain(given), (")", "dim"))
        self._answered(result.correct, verdict)

    def _verdict(self, correct: bool) -> Content:
        return Content.styled(
            "✓ Correct" if correct else "✗ Not quite: see the right answer above", OK if correct else BAD
        )
