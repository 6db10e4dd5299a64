"""StudyHeader: what is being studied, the remaining New / Learning / Due counts and the elapsed time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from quizapp.tui.text import plain

QUEUE_STYLE = {0: "bold $text-primary", 1: "bold $text-error", 3: "bold $text-error", 2: "bold $text-success"}


def fmt_clock(seconds: float) -> str:
    """Elapsed time as m:ss, or h:mm:ss past an hour."""
    s = max(0, int(seconds))
    h, rem = divmod(s, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def counts_content(new: int | None, learning: int | None, due: int | None, current: int | None = None) -> Content:
    """'New 3 · Learning 1 · Due 9'; the current card's queue is underlined and marked with ▸ (not colour alone).

    A count of None (not counted yet) shows as '…'.
    """
    parts: list[Content | str] = []
    for queue, name, n in ((0, "New", new), (1, "Learning", learning), (2, "Due", due)):
        here = current == queue or (queue == 1 and current == 3)
        style = QUEUE_STYLE[queue] + (" underline" if here else "")
        if parts:
            parts.append(" · ")
        parts.append(Content.assemble("▸" if here else "", f"{name} ", ("…" if n is None else str(n), style)))
    return Content.assemble(*parts)


class StudyHeader(Horizontal):
    """One line at the top of the review screen."""

    DEFAULT_CSS = """
    StudyHeader { height: 1; dock: top; background: $panel; padding: 0 1; }
    StudyHeader > #scope { width: 1fr; text-overflow: ellipsis; text-wrap: nowrap; }
    StudyHeader > #counts { width: 36; margin: 0 1; }
    StudyHeader > #flag { width: 10; }
    StudyHeader > #elapsed { width: 10; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="scope")
        yield Static(id="counts")
        yield Static(id="flag")
        yield Static("Time 0:00", id="elapsed")

    def set_scope(self, title: str) -> None:
        self.query_one("#scope", Static).update(plain(title), layout=False)

    def set_counts(self, new: int | None, learning: int | None, due: int | None, current: int | None = None) -> None:
        self.query_one("#counts", Static).update(counts_content(new, learning, due, current), layout=False)

    def set_flag(self, flagged: bool) -> None:
        flag = Content.styled("⚑ flagged", "bold $text-warning") if flagged else ""
        self.query_one("#flag", Static).update(flag, layout=False)

    def set_elapsed(self, seconds: float) -> None:
        self.query_one("#elapsed", Static).update(f"Time {fmt_clock(seconds)}", layout=False)
