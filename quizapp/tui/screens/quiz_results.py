"""QuizResultsScreen: the score overall, per topic and per level, the time, the missed list, "study missed"."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from quizapp.quiz.questions import TrueFalseQuestion
from quizapp.quiz.scoring import Results, Tally, fmt_seconds
from quizapp.tui.text import cell, plain, snippet
from quizapp.tui.widgets.footer import KeyFooter


def _pts(x: float) -> str:
    return f"{x:g}" if x == int(x) else f"{x:.1f}"


def score_line(t: Tally) -> str:
    return f"{_pts(t.points)}/{t.total} ({t.percent:.0f}%)"


def headline(results: Results) -> Content:
    o = results.overall
    parts: list[Content | str | tuple[str, str]] = [
        ("Score ", "bold"),
        (score_line(o), "bold $text-success" if o.percent >= 80 else "bold"),
        f" · {o.correct} of {o.total} fully right · time {fmt_seconds(results.seconds)}",
    ]
    if results.timed_out:
        parts.append(("  · time ran out", "bold $text-warning"))
    if results.unanswered:
        parts.append(f" · {results.unanswered} not answered")
    return Content.assemble(*parts)


def _expected(q) -> str:
    """The right answer as the missed list shows it (a true/false question says which it was)."""
    if isinstance(q, TrueFalseQuestion):
        return f"{'true' if q.truth else 'false'}: {q.answer}"
    return q.answer.replace("\n", "; ")


class QuizResultsScreen(Screen):
    """After the quiz. s sends the missed cards into today's study queue; Enter closes."""

    CSS_PATH = "quiz.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "s",
            "study_missed",
            "Study missed",
            id="quiz.results.study",
            tooltip="Put the missed cards in today's study",
        ),
        Binding("enter,escape", "close", "Close", id="quiz.results.close", tooltip="Leave the results"),
    ]

    def __init__(self, results: Results, recorder=None, *, title: str = "All decks") -> None:
        super().__init__()
        self.results = results
        self.recorder = recorder
        self.title_text = title
        self.sent = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="results-body"):
            yield Static(Content.assemble(("Quiz results: ", "bold"), plain(self.title_text)), id="results-title")
            yield Static(headline(self.results), id="results-score")
            yield DataTable(id="results-breakdown", cursor_type="none", zebra_stripes=False, show_cursor=False)
            yield Static(id="results-missed-title")
            yield DataTable(id="results-missed", cursor_type="none", show_cursor=False)
            yield Static(id="results-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        r = self.results
        table = self.query_one("#results-breakdown", DataTable)
        table.add_column("By", key="by")
        table.add_column("Score", key="score")
        table.add_column(cell("Right", justify="right"), key="right")
        for label, group in (("Topic", r.by_topic), ("Level", r.by_level)):
            for name, t in sorted(group.items()):
                table.add_row(
                    cell(f"{label}: {snippet(name, 40)}"),
                    cell(score_line(t)),
                    cell(f"{t.correct}/{t.total}", justify="right"),
                )
        missed = self.query_one("#results-missed", DataTable)
        title = self.query_one("#results-missed-title", Static)
        if not r.missed:
            words = "Nothing missed among the questions you answered." if r.unanswered else "Nothing missed. Well done!"
            title.update(Content.styled(words, "bold $text-success"))
            missed.display = False
        else:
            n = len(r.missed)
            title.update(
                Content.assemble(
                    (f"Missed ({n}):", "bold"),
                    ("  press s to put these cards into today's study queue", "italic $text-muted")
                    if self.recorder is not None
                    else "",
                )
            )
            missed.add_column("Question", key="q")
            missed.add_column("You said", key="given")
            missed.add_column("Answer", key="answer")
            for a in r.missed:
                q, g = a.question, a.grade
                missed.add_row(
                    cell(snippet(q.prompt or getattr(q, "statement", ""), 40)),
                    cell(snippet(g.given if g else "", 20)),
                    cell(snippet(_expected(q), 26)),
                )
        if r.seed is not None:
            self.query_one("#results-status", Static).update(
                Content.styled(f"Seed {r.seed}: run the same quiz again with --seed {r.seed}.", "dim")
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "study_missed":
            return self.recorder is not None and bool(self.results.missed_card_ids) and not self.sent
        return True

    def action_study_missed(self) -> None:
        ids = self.results.missed_card_ids
        if self.recorder is None or not ids or self.sent:
            return
        rep = self.recorder.send_to_study(ids)
        self.sent = True
        words = [f"{rep.queued} card{'s' if rep.queued != 1 else ''} added to today's study"]
        if rep.new_first:
            words.append(f"{rep.new_first} new (first in line)")
        if rep.suspended:
            words.append(f"{rep.suspended} suspended, left alone")
        self.query_one("#results-status", Static).update(
            Content.styled("✓ " + "; ".join(words) + ".", "bold $text-success")
        )
        self.notify("; ".join(words) + ".", title="Study missed", markup=False)
        self.refresh_bindings()

    def action_close(self) -> None:
        hook = getattr(self.app, "quiz_closed", None)
        if callable(hook):
            hook(self)
        else:
            self.app.pop_screen()

    def palette_commands(self):
        yield "Study missed", "Put the missed cards into today's study queue", self.action_study_missed
