"""PreviewApp: one deck file in preview mode (no progress, no database), reloading on save, problems inline."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from quizapp.tui.text import plain, snippet
from quizapp.tui.widgets.card_view import CardView

CONTEXT_LINES = 3


@dataclass
class PreviewEntry:
    """A row of the preview list: a card, or a check problem, at a line of the file."""

    line: int
    card: dict | None = None
    problem: object | None = None  # quizapp.deck.parser.Problem


@dataclass
class PreviewData:
    """What one read of the deck file gives."""

    path: Path
    stamp: tuple[int, int] | None
    title: str = ""
    entries: list[PreviewEntry] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0
    cards: int = 0
    missing: str = ""


def file_stamp(path: Path) -> tuple[int, int] | None:
    """(mtime in ns, size) or None when the file is absent: what the reload poll compares."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def card_dict(card, note, deck_id: str) -> dict:
    """A card in the shape CardView takes (the same as the store's ``card_content``)."""
    data: dict = {"answers": list(card.answers)}
    if card.type == "choice":
        data["options"] = [[o.text, o.correct] for o in card.options]
    if card.type == "order":
        data["steps"] = list(card.steps)
    if card.accept:
        data["accept"] = list(card.accept)
    if card.hints:
        data["hints"] = list(card.hints)
    if note.note:
        data["note"] = note.note
    return {
        "id": card.id,
        "note_id": card.note_id,
        "deck_id": deck_id,
        "ord": card.ord,
        "type": card.type,
        "front": card.front,
        "back": card.back,
        "data": data,
        "explanation": card.explanation,
        "source": card.source,
        "level": card.level,
        "tags": list(card.tags),
        "line": card.line,
        "path": card.path,
    }


def load_preview(path: Path) -> PreviewData:
    """Parse and check one deck file into preview entries sorted by line (cards and problems interleaved)."""
    from quizapp.deck.checker import check_paths

    stamp = file_stamp(path)
    if stamp is None:
        return PreviewData(path, None, missing=f"{path}: no such file (waiting for it to appear)")
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as e:
        return PreviewData(path, stamp, missing=f"{path}: cannot read file: {e.strerror or e}")
    parsed, problems = check_paths([path])
    data = PreviewData(path, stamp, title=path.name, lines=lines)
    entries: list[tuple[int, int, PreviewEntry]] = []
    for pd in parsed:
        if pd.meta is not None:
            data.title = pd.meta.title
            for note in pd.notes:
                nid = note.explicit_id or f"{note.content_key()}"
                for c in note.cards(nid):
                    entries.append((c.line, 1, PreviewEntry(c.line, card=card_dict(c, note, pd.meta.id))))
    data.cards = len(entries)
    for p in problems:
        entries.append((p.line, 0, PreviewEntry(p.line, problem=p)))
        if p.severity == "error":
            data.errors += 1
        else:
            data.warnings += 1
    data.entries = [e for _, _, e in sorted(entries, key=lambda t: (t[0], t[1]))]
    return data


class Loaded(Message):
    """A fresh read of the deck file."""

    def __init__(self, data: PreviewData) -> None:
        super().__init__()
        self.data = data


class PreviewApp(App):
    """Page through every card of one deck file with its answer, explanation, source and author note."""

    CSS_PATH = "preview.tcss"
    TITLE = "quizapp preview"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n,right", "next", "Next", id="preview.next", tooltip="Show the next card"),
        Binding("p,left", "previous", "Previous", id="preview.previous", tooltip="Show the previous card"),
        Binding("e", "next_problem", "Next problem", id="preview.next_problem", tooltip="Jump to the next problem"),
        Binding("r", "reload", "Reload", id="preview.reload", tooltip="Read the deck file again now"),
        Binding("q", "quit", "Quit", id="preview.quit", tooltip="Leave the preview", priority=True),
    ]

    def __init__(self, path: str | os.PathLike[str], *, poll_interval: float = 0.5) -> None:
        super().__init__()
        self.path = Path(path)
        self.poll_interval = poll_interval
        self.data: PreviewData | None = None
        self.index = 0
        self.reloads = 0
        self._loading = False

    def compose(self) -> ComposeResult:
        yield Static(id="preview-title", markup=False)
        with Horizontal(id="preview-body"):
            yield OptionList(id="entries")
            with Vertical(id="detail"):
                yield Static(id="position", markup=False)
                yield CardView(revealed=True, extra=True, id="card")
                yield Static(id="problem", markup=False)
                yield Static(id="author-note", markup=False)
        yield Static(id="preview-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#preview-title", Static).update(plain(f"Preview: {self.path}"))
        self.query_one("#problem").display = False
        self.reload()
        self.set_interval(self.poll_interval, self.poll)

    # -- loading ------------------------------------------------------------------
    def poll(self) -> None:
        """Reload when the file's modification time or size changed (or it appeared or vanished)."""
        if self._loading or self.data is None:
            return
        if file_stamp(self.path) != self.data.stamp:
            self.reload()

    def reload(self) -> None:
        self._loading = True
        self._load()

    @work(thread=True, exclusive=True, group="preview-load")
    def _load(self) -> None:
        self.post_message(Loaded(load_preview(self.path)))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self._loading = False
        old = self.data
        keep = self.current_entry()
        self.data = event.data
        if old is not None:
            self.reloads += 1
        self.index = self._find(keep)
        self._fill_list()
        self._show()

    def _find(self, keep: PreviewEntry | None) -> int:
        """The entry to show after a reload: the same card (by id) or else the one nearest the old line."""
        entries = self.data.entries if self.data else []
        if not entries:
            return 0
        if keep is not None and keep.card is not None:
            for i, e in enumerate(entries):
                if e.card is not None and e.card["id"] == keep.card["id"]:
                    return i
        if keep is not None:
            return min(range(len(entries)), key=lambda i: (abs(entries[i].line - keep.line), i))
        return next((i for i, e in enumerate(entries) if e.card is not None), 0)

    # -- display ------------------------------------------------------------------
    def current_entry(self) -> PreviewEntry | None:
        if self.data is None or not self.data.entries:
            return None
        return self.data.entries[min(self.index, len(self.data.entries) - 1)]

    def _fill_list(self) -> None:
        ol = self.query_one("#entries", OptionList)
        ol.clear_options()
        assert self.data is not None
        options = []
        for i, e in enumerate(self.data.entries):
            if e.card is not None:
                label = Content.assemble((f"{e.line:>4} ", "dim"), (f"{e.card['type']:<8} ", "bold"),
                                         plain(snippet(e.card["front"], 28)))  # fmt: skip
            else:
                p = e.problem
                mark, style = ("✗ ", "bold red") if p.severity == "error" else ("! ", "bold yellow")
                label = Content.assemble((f"{e.line:>4} ", "dim"), (mark, style), plain(snippet(p.message, 37)))
            options.append(Option(label, id=f"e{i}"))
        ol.add_options(options)
        if options:
            ol.highlighted = self.index
        d = self.data
        if d.missing:
            status = d.missing
        else:
            status = f"{d.title}: {d.cards} card(s), {d.errors} error(s), {d.warnings} warning(s)"
            if self.reloads:
                status += f" · reloaded {self.reloads}×"
        self.query_one("#preview-status", Static).update(plain(status))

    def _show(self) -> None:
        e = self.current_entry()
        view = self.query_one("#card", CardView)
        problem = self.query_one("#problem", Static)
        note = self.query_one("#author-note", Static)
        position = self.query_one("#position", Static)
        if e is None:
            view.display = problem.display = note.display = False
            position.update(plain(self.data.missing if self.data and self.data.missing else "No cards in this file."))
            return
        n_cards = self.data.cards if self.data else 0
        if e.card is not None:
            k = sum(1 for x in self.data.entries[: self.index + 1] if x.card is not None)
            position.update(plain(f"Card {k} of {n_cards} · line {e.line} · {e.card['level'] or 'no level'}"))
            view.display, problem.display = True, False
            view.show(e.card, revealed=True, extra=True)
            text = (e.card.get("data") or {}).get("note", "")
            note.display = bool(text)
            note.update(Content.assemble(("Note: ", "bold"), plain(text)))
        else:
            p = e.problem
            position.update(plain(f"{'Error' if p.severity == 'error' else 'Warning'} at line {p.line}"))
            view.display, note.display, problem.display = False, False, True
            problem.update(self._problem_context(p))

    def _problem_context(self, p) -> Content:
        """The problem and the file's lines around it, the line itself marked."""
        lines = self.data.lines if self.data else []
        parts = [Content.assemble(("✗ " if p.severity == "error" else "! ", "bold red"), plain(str(p))), Content("")]
        lo, hi = max(1, p.line - CONTEXT_LINES), min(len(lines), p.line + CONTEXT_LINES)
        for n in range(lo, hi + 1):
            mark = "▶" if n == p.line else " "
            parts.append(Content.assemble((f"{mark}{n:>5} │ ", "bold" if n == p.line else "dim"), plain(lines[n - 1])))
        return Content("\n").join(parts)

    @on(OptionList.OptionHighlighted, "#entries")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self.index:
            self.index = event.option_index
            self._show()

    # -- actions ------------------------------------------------------------------
    def _move(self, step: int, want_problem: bool = False) -> None:
        if self.data is None or not self.data.entries:
            return
        entries = self.data.entries
        i = self.index
        for _ in range(len(entries)):
            i = (i + step) % len(entries) if want_problem else i + step
            if not 0 <= i < len(entries):
                return
            if (entries[i].problem is not None) if want_problem else (entries[i].card is not None):
                break
        else:
            return
        self.index = i
        self.query_one("#entries", OptionList).highlighted = i
        self._show()

    def action_next(self) -> None:
        self._move(1)

    def action_previous(self) -> None:
        self._move(-1)

    def action_next_problem(self) -> None:
        self._move(1, want_problem=True)

    def action_reload(self) -> None:
        self.reload()
