"""GradeBar: the prompt under a question, then the grade buttons with the interval each grade would give."""

from __future__ import annotations

from datetime import timedelta

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Static

from quizapp.scheduler import RATING_NAMES, fmt_interval

VARIANTS = {1: "error", 2: "warning", 3: "success", 4: "primary"}


def grade_keys(two_button: bool) -> dict[int, str]:
    """rating -> the key that gives it (two-button mode: 1 Again, 2 Good)."""
    return {1: "1", 3: "2"} if two_button else {1: "1", 2: "2", 3: "3", 4: "4"}


def intervals_text(intervals: dict[int, timedelta], two_button: bool = False) -> str:
    """'Again 1m · Hard 8m · Good 1d · Easy 4d' (or just Again and Good)."""
    return " · ".join(f"{RATING_NAMES[r]} {fmt_interval(intervals[r])}" for r in grade_keys(two_button))


class GradeBar(Vertical):
    """Shows a prompt while the question is up, and the grade buttons once the answer is shown."""

    DEFAULT_CSS = """
    GradeBar { height: 5; padding: 0 1; }
    GradeBar > #prompt { height: 2; }
    GradeBar > Horizontal { height: 3; align-horizontal: center; }
    GradeBar Button { width: 1fr; max-width: 24; margin: 0 1 0 0; }
    GradeBar #reveal { max-width: 40; }
    GradeBar Button.-suggested { text-style: bold reverse; }
    """

    class RevealPressed(Message):
        """The Show answer button was clicked."""

    class Graded(Message):
        """A grade button was clicked."""

        def __init__(self, rating: int) -> None:
            super().__init__()
            self.rating = rating

    def compose(self) -> ComposeResult:
        yield Static(id="prompt")
        with Horizontal(id="buttons"):
            reveal = Button("Show answer (Space)", id="reveal", variant="primary")
            reveal.can_focus = False
            yield reveal
            for r in (1, 2, 3, 4):
                b = Button(RATING_NAMES[r], id=f"grade-{r}", variant=VARIANTS[r])  # type: ignore[arg-type]
                b.can_focus = False
                yield b

    def on_mount(self) -> None:
        for r in (1, 2, 3, 4):
            self.query_one(f"#grade-{r}").display = False

    def ask(self, prompt: Content | str, button: str = "Show answer (Space)") -> None:
        """Question side: a prompt and the Show answer button (the bar keeps its height: no reflow)."""
        self.query_one("#prompt", Static).update(prompt, layout=False)
        reveal = self.query_one("#reveal", Button)
        if str(reveal.label) != button:
            reveal.label = button
        if not self.query_one("#reveal").display:
            for r in (1, 2, 3, 4):
                self.query_one(f"#grade-{r}").display = False
            self.query_one("#reveal").display = True

    def grades(
        self,
        intervals: dict[int, timedelta],
        *,
        two_button: bool = False,
        suggested: int | None = None,
        prompt: Content | str = "",
    ) -> None:
        """Answer side: one button per grade, labelled with its key, its name and the interval it gives."""
        keys = grade_keys(two_button)
        self.query_one("#reveal").display = False
        for r in (1, 2, 3, 4):
            b = self.query_one(f"#grade-{r}", Button)
            b.display = r in keys
            if r not in keys:
                continue
            mark = "▶ " if r == suggested else ""
            b.label = Content.assemble(
                (f"{mark}{keys[r]} ", "bold"), RATING_NAMES[r], " ", fmt_interval(intervals.get(r, timedelta(0)))
            )
            b.set_class(r == suggested, "-suggested")
        self.query_one("#prompt", Static).update(prompt, layout=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "reveal":
            self.post_message(self.RevealPressed())
        elif event.button.id and event.button.id.startswith("grade-"):
            self.post_message(self.Graded(int(event.button.id.removeprefix("grade-"))))
