"""HelpScreen: every key, screen by screen, and what the four grades mean in plain words."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from quizapp.tui.widgets.footer import KeyFooter
from quizapp.tui.widgets.hanging import HangingRows

GRADES = (
    ("1 Again", "I did not remember it, or got it wrong. It comes back in a few minutes."),
    ("2 Hard", "I remembered, but only with real effort. The next gap grows a little."),
    ("3 Good", "I remembered after a moment's thought. The usual choice."),
    ("4 Easy", "I knew it at once. The next gap grows a lot."),
)
ANSWERING = (
    "Typed, multiple-choice and ordering cards are checked for you: a right answer suggests Good, a wrong one "
    "Again, and Space or Enter accepts the suggestion. You can still press 1-4 to choose another grade, for example "
    "Hard when you were right but unsure. Typed answers forgive case, accents, punctuation and a small typo "
    "(shown as 'almost'). In two-button mode (Settings) only Again (1) and Good (2) are offered. Options and steps "
    "are shuffled, in a new order each day. Once the answer is shown, the card's explanation and source follow it: "
    "s hides them (until you quit) and shows them again."
)
NOTICE = "quizapp is for education only. It is not medical advice: talk to your care team about your own treatment."


def _keys_table(title: str, bindings: list[Binding]) -> Content:
    seen: set[str] = set()
    lines = [Content.styled(title, "bold underline")]
    for b in bindings:
        if not b.description or b.description in seen or b.action.startswith("pick"):
            continue
        seen.add(b.description)
        keys = ", ".join(b.key_display or _key_name(k) for k in b.key.split(","))
        lines.append(Content.assemble((f"  {keys:<16}", "bold"), f"{b.description:<14}", (b.tooltip, "dim")))
    return Content("\n").join(lines)


def _key_name(key: str) -> str:
    names = {"question_mark": "?", "slash": "/", "minus": "-", "exclamation_mark": "!", "space": "Space"}
    return names.get(key, key.replace("ctrl+", "Ctrl+").replace("enter", "Enter").replace("escape", "Esc"))


def grades_rows() -> HangingRows:
    """What the grades mean: each description wraps under itself, not under the grade's name."""
    rows = [(Content(""), Content.styled("What the grades mean", "bold underline"))]
    rows += [(Content.styled(f"  {k:<9}", "bold"), Content(v)) for k, v in GRADES]
    return HangingRows([*rows, (Content(""), Content(""))])  # a blank line before the rest


def help_content() -> Content:
    from quizapp.tui.app import QuizApp
    from quizapp.tui.screens.browse import BrowseScreen
    from quizapp.tui.screens.card_detail import CardDetailScreen
    from quizapp.tui.screens.home import DeckTable, HomeScreen
    from quizapp.tui.screens.review import ReviewScreen
    from quizapp.tui.screens.summary import SummaryScreen

    parts = [
        Content(ANSWERING),
        _keys_table(
            "Everywhere", [*QuizApp.BINDINGS, Binding("ctrl+p", "palette", "Commands", tooltip="Search every action")]
        ),
        _keys_table("Decks (home)", [*DeckTable.BINDINGS, *HomeScreen.BINDINGS]),
        _keys_table("Studying", list(ReviewScreen.BINDINGS)),
        _keys_table(
            "Multiple choice and ordering",
            [
                Binding("1", "", "Choose", tooltip="1-9, then a-z: choose an option or place the next step"),
                Binding("enter", "", "Check", tooltip="Check a select-all-that-apply or ordering answer"),
                Binding("backspace", "", "Take back", tooltip="Ordering: take back the last step placed"),
            ],
        ),
        _keys_table("After a session", list(SummaryScreen.BINDINGS)),
        _keys_table("Browse", list(BrowseScreen.BINDINGS)),
        _keys_table("A card in Browse", list(CardDetailScreen.BINDINGS)),
        Content.styled(NOTICE, "italic"),
    ]
    return Content("\n\n").join(parts)


class HelpScreen(Screen):
    """Keys and grades; Escape or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark", "close", "Close", id="help.close", tooltip="Back to where you were"),
        Binding("down", "scroll(1)", "Scroll", show=False, id="help.down", tooltip="Scroll down"),
        Binding("up", "scroll(-1)", "Scroll", show=False, id="help.up", tooltip="Scroll up"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Content.styled("quizapp help", "bold"), id="help-title")
            yield Static(grades_rows(), id="help-grades")
            yield Static(help_content(), id="help-text")
        yield KeyFooter()

    def action_close(self) -> None:
        self.app.pop_screen()

    def action_scroll(self, direction: int) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_relative(y=direction * 3, animate=False)
