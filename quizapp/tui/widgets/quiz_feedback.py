"""Quiz feedback: right or wrong (mark and words), the correct answer, the explanation and the source."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from quizapp.quiz.questions import Grade, MatchQuestion, Question
from quizapp.tui.text import plain

OK, BAD, PART = "bold $text-success", "bold $text-error", "bold $text-warning"


def feedback_content(question: Question, grade: Grade, *, last: bool = False) -> Content:
    """The lines shown after an answer."""
    style = OK if grade.correct else (PART if grade.verdict == "partial" else BAD)
    lines: list[Content] = [Content.styled(grade.message, style)]
    if not grade.correct and not isinstance(question, MatchQuestion) and question.answer not in grade.message:
        lines.append(Content.assemble(("Answer: ", "bold"), plain(question.answer)))
    if question.explanation:
        lines.append(Content.assemble(("Why: ", "bold"), plain(question.explanation)))
    if question.source:
        lines.append(Content.assemble(("Source: ", "bold"), plain(question.source).stylize("italic")))
    hint = "Enter: see your results" if last else "Enter: next question"
    lines.append(Content.styled(hint, "italic $text-muted"))
    return Content("\n").join(lines)


class QuizFeedback(Static):
    """Hidden until a question is answered."""

    DEFAULT_CSS = """
    QuizFeedback { height: auto; margin: 1 0 0 0; padding: 0 1; border-left: thick $primary; display: none; }
    QuizFeedback.-right { border-left: thick $success; }
    QuizFeedback.-wrong { border-left: thick $error; }
    """

    def show(self, question: Question, grade: Grade, *, last: bool = False) -> None:
        self.update(feedback_content(question, grade, last=last))
        self.set_class(grade.correct, "-right")
        self.set_class(not grade.correct, "-wrong")
        self.display = True

    def clear(self) -> None:
        self.update("")
        self.display = False
