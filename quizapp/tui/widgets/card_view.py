"""CardView: one card (any type) from a ``card_content`` dict: front, options, answer, explanation and source."""

from __future__ import annotations

import random
from collections.abc import Iterable
from functools import lru_cache

from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Markdown, Static
from textual.widgets._markdown import MarkdownBlock, MarkdownParagraph

from quizapp.tui.text import plain
from quizapp.tui.widgets.hanging import HangingRows

KIND = {
    "basic": "Question",
    "reversed": "Question (reversed)",
    "cloze": "Fill in the blank",
    "typed": "Type the answer",
    "order": "Put the steps in order",
}
OPTION_KEYS = "123456789abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("gfm-like")


class CardMarkdown(Markdown):
    """Textual's Markdown widget, updated in place when old and new text are plain paragraphs.

    Card text is short, so it is parsed on the spot (no thread hop), and paragraphs that are already mounted
    get the new text instead of being removed and mounted again: that keeps a new card well inside a frame.
    Anything else (lists, tables, code, quotes) takes the widget's normal update path.
    """

    def update(self, markdown: str) -> AwaitComplete:
        return self.patch(markdown) or AwaitComplete()

    def patch(self, markdown: str) -> AwaitComplete | None:
        """Show ``markdown``; None when that was done in place, else something to await (blocks being mounted)."""
        old = [c for c in self.children if isinstance(c, MarkdownBlock)]
        if not all(type(b) is MarkdownParagraph for b in old):
            return super().update(markdown)
        try:
            blocks = list(self._parse_markdown(_parser().parse(markdown)))
        except Exception:  # private API changed: the public path still works
            return super().update(markdown)
        if not all(type(b) is MarkdownParagraph for b in blocks):
            return super().update(markdown)
        self._markdown = markdown
        self._table_of_contents = None
        for mounted, fresh in zip(old, blocks):
            mounted._token, mounted.source_range = fresh._token, fresh.source_range
            mounted.set_content(fresh._content)
        awaits = []
        if len(old) > len(blocks):
            awaits.append(self.remove_children(old[len(blocks) :]))
        if len(blocks) > len(old):
            awaits.append(self.mount_all(blocks[len(old) :]))
        return AwaitComplete(*awaits) if awaits else None


def card_markdown(text: str = "", *, id: str | None = None) -> Markdown:
    """A Markdown widget for card text: links are not opened, the parser is shared."""
    return CardMarkdown(text, parser_factory=_parser, open_links=False, id=id)


def kind_label(card: dict) -> str:
    """What kind of question this is, in words."""
    if card["type"] == "choice":
        n = sum(1 for _t, ok in card["data"].get("options", []) if ok)
        return "Multiple choice: select all that apply" if n > 1 else "Multiple choice: choose one"
    return KIND.get(card["type"], "Question")


def _shuffled(card_id: str, n: int, day: str | None, *, never_sorted: bool = False) -> list[int]:
    """Indices 0..n-1 shuffled by a generator seeded with the card and the study day.

    The same card on the same day always gets the same order (undo, a resize or an edit shows it again unchanged);
    the next day brings a new one. ``never_sorted`` keeps shuffling until the order differs from 0..n-1.
    """
    order = list(range(n))
    if n < 2:
        return order
    rng = random.Random(f"{card_id}:{day or ''}")
    rng.shuffle(order)
    while never_sorted and order == sorted(order):
        rng.shuffle(order)
    return order


def shuffled_steps(card: dict, day: str | None = None) -> list[int]:
    """The order in which an ordering card's steps are offered: shuffled (never already in order), per day."""
    steps = card["data"].get("steps", [])
    return _shuffled(card["id"], len(steps), day, never_sorted=True)


def shuffled_options(card: dict, day: str | None = None) -> list[int]:
    """The order in which a choice card's options are shown (file positions): shuffled, per card and day.

    So the right answer is not learned as "option 1"; grading follows each option's own correct flag.
    """
    options = card["data"].get("options", [])
    return _shuffled(card["id"], len(options), day)


def option_lines(card: dict) -> Content:
    """Choice options or (shuffled) ordering steps as a numbered list, for the non-interactive view."""
    data = card.get("data") or {}
    if card["type"] == "choice":
        items = [t for t, _ok in data.get("options", [])]
    elif card["type"] == "order":
        steps = data.get("steps", [])
        items = [steps[i] for i in shuffled_steps(card)]
    elif card["type"] == "typed" and data.get("accept"):
        return Content.assemble(("Also accepted: ", "bold"), plain("; ".join(data["accept"])))
    else:
        return Content("")
    lines = [Content.assemble((f"{OPTION_KEYS[i]}  ", "bold"), plain(t)) for i, t in enumerate(items[:35])]
    return Content("\n").join(lines)


class CardView(VerticalScroll):
    """Shows a card. ``interactive=True`` leaves options to the review screen's pickers (mounted in ``slot``)."""

    DEFAULT_CSS = """
    CardView { height: 1fr; padding: 0 1; }
    CardView > .kind { color: $text-muted; }
    CardView Markdown { margin: 0; padding: 0; }
    CardView > #options { margin: 1 0 0 2; }
    CardView #slot > Input { margin-bottom: 1; }
    CardView > #answer-rule { color: $text-muted; }
    CardView > #extra { border-left: wide $secondary; padding-left: 1; }
    """

    def __init__(
        self,
        card: dict | None = None,
        *,
        revealed: bool = False,
        extra: bool = False,
        interactive: bool = False,
        slot: Iterable[Widget] = (),
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._slot_widgets = list(slot)
        self.card = card
        self.revealed = revealed
        self.extra = extra
        self.interactive = interactive
        self.can_focus = False

    def compose(self) -> ComposeResult:
        yield Static(id="kind", classes="kind")
        yield card_markdown(id="front")
        with Vertical(id="slot"):
            yield from self._slot_widgets
        yield Static(id="options")
        yield Static("─── Answer ───", id="answer-rule")
        yield card_markdown(id="back")
        yield Static(id="extra")

    def on_mount(self) -> None:
        self.query_one("#slot").styles.height = "auto"
        self._slot_widgets = []
        if self.card is not None:
            self.show(self.card, revealed=self.revealed, extra=self.extra)
        else:
            self._apply_visibility()

    @property
    def slot(self) -> Vertical:
        """Where the review screen mounts its pickers and typed-answer input."""
        return self.query_one("#slot", Vertical)

    def show(self, card: dict, *, revealed: bool = False, extra: bool = False) -> AwaitComplete | None:
        """Display ``card`` (front only unless ``revealed``). None if done at once, else await the result."""
        self.card, self.revealed, self.extra = card, revealed, extra
        self.query_one("#kind", Static).update(Content(kind_label(card)))
        opts = self.query_one("#options", Static)
        opts.update(Content("") if self.interactive else option_lines(card))
        self._update_extra()
        self.scroll_home(animate=False)
        awaits = [self._set_markdown("#front", card.get("front") or "")]
        if revealed:
            awaits.append(self._set_markdown("#back", card.get("back") or ""))
        self._apply_visibility()
        pending = [a for a in awaits if a is not None]
        return AwaitComplete(*pending) if pending else None

    def _set_markdown(self, selector: str, text: str) -> AwaitComplete | None:
        md = self.query_one(selector, Markdown)
        return md.patch(text) if isinstance(md, CardMarkdown) else md.update(text)

    def reveal(self) -> AwaitComplete:
        """Show the answer side."""
        self.revealed = True
        aw = self._set_markdown("#back", (self.card or {}).get("back") or "")
        self._update_extra()
        self._apply_visibility()
        return aw or AwaitComplete()

    def set_extra(self, on: bool) -> None:
        """Show or hide the explanation and source (in review: only on the answer side)."""
        self.extra = on
        self._update_extra()
        self._apply_visibility()

    @property
    def has_extra(self) -> bool:
        """Whether the card has an explanation or a source to show."""
        card = self.card or {}
        return bool(card.get("explanation") or card.get("source"))

    def _update_extra(self) -> None:
        card = self.card or {}
        rows: list[tuple[Content, Content]] = []
        if self.revealed and card.get("explanation"):
            rows.append((Content.styled("Why: ", "bold"), plain(card["explanation"])))
        if card.get("source"):
            rows.append((Content.styled("Source: ", "bold"), plain(card["source"])))
        if not rows and not self.interactive:
            rows.append((Content(""), Content.styled("No explanation or source for this card.", "italic")))
        self.query_one("#extra", Static).update(HangingRows(rows))

    def _apply_visibility(self) -> None:
        card = self.card or {}
        hide_back = self.interactive and card.get("type") in ("choice", "order", "typed")
        show_back = self.revealed and not hide_back
        self.query_one("#back").display = show_back
        self.query_one("#answer-rule").display = show_back
        shown = ("choice", "order", "typed") if self.revealed else ("choice", "order")
        self.query_one("#options").display = not self.interactive and card.get("type") in shown
        if self.interactive:  # review: after the answer, and only when there is something to show
            self.query_one("#extra").display = self.extra and self.revealed and self.has_extra
        else:
            self.query_one("#extra").display = self.extra
