"""ReviewScreen: one card at a time; reveal, answer (typed, choice, order), grade, undo, bury, suspend, flag, edit."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input

from quizapp.days import day_start
from quizapp.scheduler import RATING_NAMES
from quizapp.session import Session
from quizapp.store.browse import card_state
from quizapp.tui.remaining import Remaining
from quizapp.tui.screens.review_answers import AnswerInput
from quizapp.tui.widgets.card_view import OPTION_KEYS, CardView, shuffled_options, shuffled_steps
from quizapp.tui.widgets.footer import KeyFooter
from quizapp.tui.widgets.grade_bar import GradeBar, grade_keys
from quizapp.tui.widgets.header import StudyHeader
from quizapp.tui.widgets.pickers import ChoicePicker, OrderPicker

MAX_ANSWER_MS = 60_000  # like Anki: a long pause is not counted as thinking time


def _grade_binding(n: int) -> Binding:
    word = RATING_NAMES[n]
    return Binding(str(n), f"grade({n})", word, show=False, id=f"review.grade{n}", tooltip=f"Grade: {word}")


OPTION_BINDINGS = [
    Binding(k, f"option({i})", f"Option {k}", show=False, id=f"review.option.{k}", tooltip=f"Option or step {k}")
    for i, k in enumerate(OPTION_KEYS)
]


class ReviewScreen(AnswerInput, Screen):
    """Study the cards due in a scope (all decks, a topic or a deck), optionally one level only."""

    AUTO_FOCUS = ""  # nothing is focused unless a typed answer is wanted: the screen's keys work at once
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,enter", "reveal", "Show answer", id="review.reveal", tooltip="Show the answer"),
        Binding("space,enter", "check", "Check", id="review.check", tooltip="Check your choice or order"),
        Binding("backspace", "take_back", "Take back", id="review.take_back", tooltip="Take back the last step placed"),
        Binding("space,enter", "accept", "Accept", id="review.accept", tooltip="Give the suggested grade (or Good)"),
        *[_grade_binding(n) for n in (1, 2, 3, 4)],
        Binding("u,ctrl+z", "undo", "Undo", id="review.undo", tooltip="Undo the last answer, bury, suspend or flag"),
        Binding("minus", "bury", "Bury", key_display="-", id="review.bury", tooltip="Hide this card until tomorrow"),
        Binding(
            "exclamation_mark", "suspend", "Suspend", key_display="!", id="review.suspend", tooltip="Stop showing it"
        ),
        Binding("f", "flag", "Flag", id="review.flag", tooltip="Flag or unflag this card (find it in Browse)"),
        Binding("e", "edit", "Edit", id="review.edit", tooltip="Open the card's deck file at its line in $EDITOR"),
        Binding("s", "source", "Why", id="review.source", tooltip="Hide / show the explanation under the answer"),
        Binding("escape", "end", "End", id="review.end", tooltip="End this session and see the summary"),
        Binding("down", "scroll(1)", "Scroll down", show=False, id="review.down", tooltip="Scroll the card"),
        Binding("up", "scroll(-1)", "Scroll up", show=False, id="review.up", tooltip="Scroll the card"),
        *OPTION_BINDINGS,  # last, so the footer keeps the order above (these share keys with it)
    ]

    def __init__(
        self,
        deck_ids: tuple[str, ...] | None = None,
        levels: tuple[str, ...] | None = None,
        title: str = "All decks",
        *,
        session: Session | None = None,
        started: float | None = None,
        undo: bool = False,
    ) -> None:
        super().__init__()
        self.deck_ids, self.levels, self.title_text = deck_ids, levels, title
        self.session = session
        self.remaining: Remaining | None = None
        self.two_button = False
        self.started = started
        self.undo_first = undo
        self.phase = "loading"  # loading | question | answer | done
        self.content: dict | None = None
        self.suggested: int | None = None
        self.shown_at = 0.0

    def compose(self) -> ComposeResult:
        yield StudyHeader()
        typed = Input(placeholder="Type your answer, then Enter", id="typed", compact=True)
        yield CardView(interactive=True, id="card", slot=[ChoicePicker(id="choice"), OrderPicker(id="order"), typed])
        yield GradeBar()
        yield KeyFooter()

    async def on_mount(self) -> None:
        for picker in self._pickers():
            picker.display = False
        self.query_one(StudyHeader).set_scope(self.title_text)
        if self.app.store is None:  # opened before the decks were loaded: store_ready() starts the session
            self.query_one(GradeBar).ask(Content("Loading your decks…"))
        else:
            await self.store_ready()

    async def store_ready(self) -> None:
        """Start the session (once the app's store is open)."""
        if self.session is not None and self.phase != "loading":
            return
        app = self.app
        if self.started is None:
            self.started = app.monotonic()
        if self.session is None:
            self.session = Session(app.store, self.deck_ids, self.levels, clock=app.clock, fuzz=app.fuzz)
        self.two_button = self.session.settings.two_button
        self.remaining = Remaining()  # counted in a worker just after the first card is shown
        self.set_interval(1.0, self._tick)
        self._tick()
        if self.undo_first:
            await self.action_undo()
        else:
            await self._next()

    def _tick(self) -> None:
        self.query_one(StudyHeader).set_elapsed(self.app.monotonic() - (self.started or 0.0))

    # -- showing cards ------------------------------------------------------------
    async def _next(self) -> None:
        """Move on to the next card, or to the summary when the session is done."""
        while self.session.next_card() is not None:
            if await self._show():
                return
            self.session.current = None  # removed from its deck file since the session began
        self._finish()

    async def _show(self) -> bool:
        """Display the session's current card, question side. False if the card no longer exists.

        Everything is updated synchronously (card text is patched in place), so the new card reaches the screen
        in the next frame; the footer is refreshed just after that frame.
        """
        session = self.session
        row = session.current
        content = session.content(row)
        if content is None:
            return False
        self.content, self.phase, self.suggested = content, "question", None
        self.shown_at = self.app.monotonic()
        header = self.query_one(StudyHeader)
        header.set_counts(*self.remaining.values(), row.queue)
        st = card_state(session.store.conn, session.store.profile_id, row.card_id)
        header.set_flag(bool(st and st["flag"]))
        kind = content["type"]
        data = content.get("data") or {}
        choice, order, typed = self._pickers()
        choice.display, order.display, typed.display = kind == "choice", kind == "order", kind == "typed"
        if kind == "choice":
            choice.set_options(data.get("options", []), shuffled_options(content, self._study_day()))
        elif kind == "order":
            order.set_steps(data.get("steps", []), shuffled_steps(content, self._study_day()))
        if kind == "typed":
            typed.value, typed.disabled = "", False
            typed.focus()
        elif self.focused is not None:
            self.set_focus(None)
        bar = self.query_one(GradeBar)
        multi = kind == "choice" and self.query_one(ChoicePicker).multi
        button = {"order": "Check (Space)", "typed": "Check (Enter)"}.get(kind, "Show answer (Space)")
        bar.ask(self._prompt(kind, multi), "Check (Space)" if multi else button)
        pending = self.query_one(CardView).show(content, extra=self.app.show_explanations)
        if pending is not None:  # the card's Markdown needed new blocks mounted
            await pending
        self.call_after_refresh(self._painted, row.card_id)
        return True

    def _study_day(self) -> str:
        """Today's study day (local date at the day-start hour): choice options and steps are shuffled per day."""
        start = day_start(self.app.clock(), self.session.settings.day_start_hour)
        return start.astimezone().date().isoformat()

    def _painted(self, card_id: str) -> None:
        self.app.card_painted(card_id)
        self.refresh_bindings()
        if self.remaining.stale(self.app.monotonic()):
            self._recount(self.remaining.begin())

    @work(thread=True, exclusive=True, group="recount", exit_on_error=False)
    def _recount(self, token: int) -> None:
        """The exact New / Learning / Due counts, from this thread's own connection and session."""
        from quizapp.store.db import Store

        app = self.app
        store = Store(app.cfg.db_file, self.session.store.profile, create_profile=False)
        try:
            counts = Session(store, self.deck_ids, self.levels, clock=app.clock).counts()
        finally:
            store.close()
        app.call_from_thread(self._counted, counts, token)

    def _counted(self, counts, token: int) -> None:
        if self.remaining.done(counts, token, self.app.monotonic()) and self.session.current is not None:
            self.query_one(StudyHeader).set_counts(*self.remaining.values(), self.session.current.queue)

    def _answered(self, correct: bool | None, verdict: Content | None = None) -> None:
        """Show the answer side; for checked answers, suggest Good when right and Again when wrong."""
        self.phase = "answer"
        self.suggested = None if correct is None else (3 if correct else 1)
        if self.focused is not None:
            self.set_focus(None)
        card = self.query_one(CardView)
        card.reveal()
        lines: list[Content] = [verdict] if verdict is not None else []
        if self.suggested is None:
            lines.append(
                Content.assemble("How well did you remember? ", ("Space", "bold"), " = Good, or pick a grade:")
            )
        else:
            name = RATING_NAMES[self.suggested]
            lines.append(Content.assemble("Suggested grade: ", (name, "bold"), " (Space), or pick another:"))
        self.query_one(GradeBar).grades(
            self.session.intervals(),
            two_button=self.two_button,
            suggested=self.suggested,
            prompt=Content("\n").join(lines),
        )
        self.refresh_bindings()

    # -- answering ----------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        kind = self.content["type"] if self.content else ""
        if action == "option":
            if self.phase != "question" or kind not in ("choice", "order"):
                return False
            picker = self.query_one(ChoicePicker) if kind == "choice" else self.query_one(OrderPicker)
            return picker.can_pick(int(parameters[0]))  # type: ignore[arg-type]
        if action == "take_back":
            return self.phase == "question" and kind == "order" and bool(self.query_one(OrderPicker).placed)
        checks = kind == "order" or (kind == "choice" and self.query_one(ChoicePicker).multi)
        if action == "check":
            return self.phase == "question" and checks
        if action == "reveal":
            return self.phase == "question" and not checks
        if action in ("accept", "grade"):
            if self.phase != "answer":
                return False
            return action == "accept" or str(parameters[0]) in grade_keys(self.two_button).values()
        if action in ("bury", "suspend", "flag", "edit", "source"):
            return self.phase in ("question", "answer")
        return True

    async def action_accept(self) -> None:
        await self._grade(self.suggested or 3)

    async def action_grade(self, key: int) -> None:
        rating = {1: 1, 2: 3}.get(key, 3) if self.two_button else key
        await self._grade(rating)

    @on(GradeBar.RevealPressed)
    def _reveal_clicked(self, event: GradeBar.RevealPressed) -> None:
        event.stop()
        if self.phase == "question":
            self.action_reveal()

    @on(GradeBar.Graded)
    async def _clicked(self, event: GradeBar.Graded) -> None:
        event.stop()
        if self.phase == "answer":
            await self._grade(event.rating)

    async def _grade(self, rating: int) -> None:
        if self.phase != "answer" or self.session.current is None:
            return
        row = self.session.current
        self.phase = "loading"
        ms = min(MAX_ANSWER_MS, int((self.app.monotonic() - self.shown_at) * 1000))
        self.session.answer(rating, ms)
        st = card_state(self.session.store.conn, self.session.store.profile_id, row.card_id)
        if st:
            self.remaining.answered(row.queue, st["queue"], st["row"].sched.due, self.app.clock().timestamp())
        if st and st["leech"] and st["queue"] == -1:
            self.notify("You have forgotten this card many times: it is suspended as a leech (Browse to unsuspend).")
        await self._next()

    # -- other actions -------------------------------------------------------------------
    async def action_undo(self) -> None:
        if not self.session.can_undo:
            self.notify("Nothing to undo.")
            return
        self.session.undo()
        self.remaining.invalidate()
        if self.session.current is None or not await self._show():
            await self._next()
        self.notify("Undone.")

    async def action_bury(self) -> None:
        self.remaining.left(self.session.current.queue if self.session.current else -9)
        self.session.bury()
        self.notify("Buried until tomorrow (u to undo).")
        await self._next()

    async def action_suspend(self) -> None:
        self.remaining.left(self.session.current.queue if self.session.current else -9)
        self.session.suspend()
        self.notify("Suspended: it will not be shown again until you unsuspend it in Browse (u to undo).")
        await self._next()

    def action_flag(self) -> None:
        flagged = self.session.toggle_flag()
        self.query_one(StudyHeader).set_flag(bool(flagged))
        self.notify("Flagged." if flagged else "Flag removed.")

    def action_source(self) -> None:
        """Hide or show the explanation and source on the answer side, for the rest of this run of the app."""
        on = self.app.show_explanations = not self.app.show_explanations
        card = self.query_one(CardView)
        card.set_extra(on)
        if not on:
            self.notify("Explanations hidden after the answer (s shows them again).")
        elif self.phase == "question":
            self.notify("The explanation and source will be shown with the answer.")
        elif not card.has_extra:
            self.notify("This card has no explanation or source.")

    def action_scroll(self, direction: int) -> None:
        card = self.query_one(CardView)
        card.scroll_relative(y=direction * 3, animate=False)

    def action_edit(self) -> None:
        from quizapp.tui.editing import edit_card

        if self.content:
            edit_card(self.app, self.content, self._edited)

    async def _edited(self, result) -> None:
        """After the editor closed and the decks were synced: show the card again, as edited."""
        if isinstance(result, str):
            self.notify(result, title="Reload failed", severity="error", markup=False)
        self.remaining.invalidate()
        if self.session.current is not None and self.phase != "done" and not await self._show():
            await self._next()

    def action_end(self) -> None:
        self._finish()

    def _finish(self) -> None:
        from quizapp.tui.screens.summary import SummaryScreen

        if self.phase == "done" or self.session is None:
            if self.session is None:
                self.app.go_home()
            return
        self.phase = "done"
        summary = self.session.finish()
        summary.seconds = self.app.monotonic() - (self.started or 0.0)
        if summary.studied == 0 and not self.session.can_undo and self.content is not None:
            self.app.go_home()  # left before answering anything: straight back home
            return
        self.app.switch_screen(SummaryScreen(self.session, self.title_text, self.started or 0.0))
