"""Quiz header: the scope, question number, score so far and the time taken (or left, when timed)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from quizapp.quiz.scoring import fmt_seconds
from quizapp.tui.text import plain


def _points(x: float) -> str:
    return f"{x:g}" if x == int(x) else f"{x:.1f}"


class QuizHeader(Horizontal):
    """One line at the top of the quiz screen."""

    DEFAULT_CSS = """
    QuizHeader { height: 1; dock: top; background: $panel; padding: 0 1; }
    QuizHeader > #quiz-scope { width: 1fr; text-overflow: ellipsis; text-wrap: nowrap; }
    QuizHeader > #quiz-progress { width: auto; margin: 0 2; }
    QuizHeader > #quiz-clock { width: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="quiz-scope")
        yield Static(id="quiz-progress")
        yield Static(id="quiz-clock")

    def set_scope(self, title: str) -> None:
        self.query_one("#quiz-scope", Static).update(Content.assemble(("Quiz", "bold"), " · ", plain(title)))

    def set_progress(self, number: int, total: int, score: float, answered: int) -> None:
        self.query_one("#quiz-progress", Static).update(
            Content.assemble(
                "Question ", (f"{number}/{total}", "bold"), " · Score ", (f"{_points(score)}/{answered}", "bold")
            )
        )

    def set_clock(self, elapsed: float, left: float | None) -> None:
        if left is None:
            text = Content(f"⏱ {fmt_seconds(elapsed)}")
        else:
            style = "bold $text-error" if left < 60 else "bold"
            text = Content.assemble("⏳ ", (fmt_seconds(left), style), " left")
        self.query_one("#quiz-clock", Static).update(text)
