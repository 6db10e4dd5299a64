"""A study session (UI-free): the queue, limits, answers, undo, bury, suspend and flag."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from fsrs import Scheduler

from quizapp.days import day_bounds, utcnow
from quizapp.scheduler import NEW, DeckSchedulers, answer, is_leech, preview
from quizapp.store import study as q
from quizapp.store.db import Store

LEARN_AHEAD_S = 20 * 60
NEVER = 2**62
LEARN_RECHECK_S = 60


@dataclass
class Counts:
    new: int = 0
    learning: int = 0
    review: int = 0

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review


@dataclass
class Summary:
    studied: int = 0
    correct: int = 0
    seconds: float = 0.0
    next_due: int | None = None  # epoch seconds of the next card due in this session's scope

    @property
    def percent_correct(self) -> float:
        return 100.0 * self.correct / self.studied if self.studied else 0.0


@dataclass
class _Undo:
    kind: str
    card_id: str
    log_id: int | None = None
    old: tuple | None = None
    rating: int = 0
    state_before: int = 0


@dataclass
class Session:
    """Serves cards from the store for one profile, in Anki's order: learning, reviews, then new."""

    store: Store
    deck_ids: tuple[str, ...] | None = None
    levels: tuple[str, ...] | None = None
    clock: Callable[[], datetime] = utcnow
    fuzz: bool = True
    mode: str = "review"
    current: q.StateRow | None = None
    summary: Summary = field(default_factory=Summary)
    _undo: list[_Undo] = field(default_factory=list)
    _single: str | None = None  # the card whose content showed its note has no other cards
    # When the first learning card is due (None: not known). The learning queue is asked again only once that
    # time comes, or a minute later (for learning cards another session made); an answer that sends a card to
    # learning moves it earlier, an undo forgets it. Most answers so skip one query.
    _learn_due: int | None = None
    _learn_checked: int = 0

    def __post_init__(self) -> None:
        self._filter = q.Filter(self.deck_ids, self.levels)
        self._where, self._params = self._filter.sql()
        self.settings = self.store.settings()
        self._overrides = self.store.deck_overrides()
        self._scheds = DeckSchedulers(self.settings, self._overrides, fuzz=self.fuzz)
        self._started = time.monotonic()
        self.refresh_day()

    # -- setup --------------------------------------------------------------
    def refresh_day(self) -> None:
        """Recompute the study day, unbury what has expired and reload today's counts."""
        self._learn_due = None
        now = self.clock()
        self._day_start, self._day_end = day_bounds(now, self.settings.day_start_hour)
        q.unbury(self.store.conn, self.store.profile_id, int(now.timestamp()))
        self._today = q.today_counts(
            self.store.conn, self.store.profile_id, self._day_start * 1000, per_deck=bool(self._overrides)
        )

    def scheduler(self, deck_id: str | None) -> Scheduler:
        return self._scheds.get(deck_id)

    def _limit(self, deck_id: str | None, which: int) -> int:
        key = ("new_per_day", "reviews_per_day")[which]
        ov = self._overrides.get(deck_id, {}).get(key) if deck_id else None
        lim = ov if ov is not None else getattr(self.settings, key)
        done = self._today.get(deck_id, [0, 0])[which]
        return max(0, lim - done)

    def _blocked(self, which: int) -> list[str]:
        """Decks whose own daily limit (from the deck file) is used up."""
        key = ("new_per_day", "reviews_per_day")[which]
        return [d for d, ov in self._overrides.items() if key in ov and self._limit(d, which) <= 0]

    # -- queue --------------------------------------------------------------
    def counts(self) -> Counts:
        conn, pid = self.store.conn, self.store.profile_id
        now = int(self.clock().timestamp())
        return Counts(
            new=q.capped_count(conn, pid, self._where, self._params, "queue=0", None, self._limit(None, 0)),
            learning=q.capped_count(
                conn, pid, self._where, self._params, "queue IN (1,3)", now + LEARN_AHEAD_S, 10_000
            ),
            review=q.capped_count(
                conn, pid, self._where, self._params, "queue=2", self._day_end - 1, self._limit(None, 1)
            ),
        )

    def next_card(self) -> q.StateRow | None:
        """Choose the next card (None when the session is done) and make it current."""
        conn, pid = self.store.conn, self.store.profile_id
        now = int(self.clock().timestamp())
        if now >= self._day_end:
            self.refresh_day()
        w, p = self._where, self._params
        row = None
        if self._learn_due is None or self._learn_due <= now or now >= self._learn_checked + LEARN_RECHECK_S:
            row = q.first(conn, pid, w, p, q.LEARNING_QUEUES, now, content=True)
            if row is None:
                due = q.first_due(conn, pid, w, p, q.LEARNING_QUEUES)
                self._learn_due, self._learn_checked = (NEVER if due is None else due), now
        if row is None and self._limit(None, 1) > 0:
            row = q.first(conn, pid, w, p, (2,), self._day_end - 1, self._blocked(1), content=True)
        if row is None and self._limit(None, 0) > 0:
            row = q.first(conn, pid, w, p, (0,), None, self._blocked(0), content=True)
        if row is None and self._learn_due <= now + LEARN_AHEAD_S:
            row = q.first(conn, pid, w, p, q.LEARNING_QUEUES, now + LEARN_AHEAD_S, content=True)
        self.current = row
        return row

    def content(self, row: q.StateRow | None = None) -> dict | None:
        row = row or self.current
        if row is None:
            return None
        c, row.content = row.content, None  # read with the row by next_card: used once, read afresh after that
        if c is None:
            c = q.card_content(self.store.conn, row.card_id)
        self._single = row.card_id if c and c["type"] in q.SINGLE_CARD_TYPES else None
        return c

    def intervals(self) -> dict[int, timedelta]:
        """What each grade (1-4) would schedule for the current card."""
        assert self.current is not None
        return preview(self.scheduler(self.current.deck_id), self.current.sched, self.clock())

    # -- actions ------------------------------------------------------------
    def answer(self, rating: int, duration_ms: int = 0) -> None:
        """Grade the current card (1 Again .. 4 Easy); committed before this returns."""
        row = self.current
        if row is None:
            raise RuntimeError("no current card")
        if rating not in (1, 2, 3, 4):
            raise ValueError("rating must be 1, 2, 3 or 4")
        now = self.clock()
        new = answer(self.scheduler(row.deck_id), row.sched, rating, now)
        leech = is_leech(row.sched, new)
        log_id = q.record_answer(
            self.store.conn,
            self.store.profile_id,
            row,
            new,
            rating,
            max(0, int(duration_ms)),
            int(now.timestamp() * 1000),
            leech=leech,
            bury_until=self._day_end,
            mode=self.mode,
            siblings=self._single != row.card_id,
        )
        if new.state in (1, 3) and not leech and self._learn_due is not None:
            self._learn_due = min(self._learn_due, new.due)
        self._count(row, +1)
        self.summary.studied += 1
        self.summary.correct += rating > 1
        self._undo.append(_Undo("answer", row.card_id, log_id, rating=rating, state_before=row.sched.state))
        self.current = None

    def _count(self, row: q.StateRow, sign: int) -> None:
        which = 0 if row.sched.state == NEW else 1 if row.sched.state == 2 else None
        if which is None:
            return
        for key in (None, row.deck_id):
            self._today.setdefault(key, [0, 0])[which] += sign

    def bury(self) -> None:
        """Hide the current card until the next study day."""
        row = self._need()
        old = q.set_queue(self.store.conn, self.store.profile_id, row.card_id, q.BURIED, self._day_end)
        self._undo.append(_Undo("queue", row.card_id, old=tuple(old)))
        self.current = None

    def suspend(self) -> None:
        row = self._need()
        old = q.set_queue(self.store.conn, self.store.profile_id, row.card_id, q.SUSPENDED)
        self._undo.append(_Undo("queue", row.card_id, old=tuple(old)))
        self.current = None

    def toggle_flag(self, flag: int = 1) -> int:
        row = self._need()
        cur = self.store.conn.execute(
            "SELECT flag FROM card_state WHERE profile_id=? AND card_id=?", (self.store.profile_id, row.card_id)
        ).fetchone()[0]
        new = 0 if cur == flag else flag
        old = q.set_flag(self.store.conn, self.store.profile_id, row.card_id, new)
        self._undo.append(_Undo("flag", row.card_id, old=(old,)))
        return new

    def _need(self) -> q.StateRow:
        if self.current is None:
            raise RuntimeError("no current card")
        return self.current

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> str | None:
        """Undo the last action (answer, bury, suspend or flag). Returns the card id it concerned."""
        if not self._undo:
            return None
        u = self._undo.pop()
        self._learn_due = None
        conn, pid = self.store.conn, self.store.profile_id
        if u.kind == "answer" and u.log_id is not None:
            q.undo_answer(conn, pid, u.log_id)
            self.summary.studied -= 1
            self.summary.correct -= u.rating > 1
            row = self._row(u.card_id)
            if row:
                row.sched.state = u.state_before
                self._count(row, -1)
        elif u.kind == "queue" and u.old is not None:
            q.restore_queue(conn, pid, u.card_id, u.old)
        elif u.kind == "flag" and u.old is not None:
            q.set_flag(conn, pid, u.card_id, u.old[0])
        self.current = self._row(u.card_id)
        return u.card_id

    def _row(self, card_id: str) -> q.StateRow | None:
        r = self.store.conn.execute(
            f"SELECT {q.STATE_COLS} FROM card_state WHERE profile_id=? AND card_id=?",
            (self.store.profile_id, card_id),
        ).fetchone()
        return q.StateRow.from_row(r) if r else None

    def finish(self) -> Summary:
        """The summary, with when the next card in this scope falls due."""
        self.summary.seconds = time.monotonic() - self._started
        row = self.store.conn.execute(
            f"SELECT min(due) FROM card_state WHERE profile_id=? AND queue IN (1,2,3) AND {self._where}",
            [self.store.profile_id, *self._params],
        ).fetchone()
        self.summary.next_due = row[0] if row else None
        return self.summary
