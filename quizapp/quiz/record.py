"""Recording quiz answers: logged with mode 'quiz', and rescheduled like reviews only when asked to."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from quizapp.days import utcnow
from quizapp.quiz.questions import Grade, Question
from quizapp.scheduler import DeckSchedulers, is_leech
from quizapp.scheduler import answer as next_state
from quizapp.store import quiz as sql
from quizapp.store.study import log_only, record_answer

RIGHT, WRONG = 3, 1  # Good / Again


class StoreRecorder:
    """Writes each answered card to the review log (mode 'quiz'). With ``count`` the answer also
    reschedules the card through the scheduler, as a review would (a right answer is Good, a wrong one
    Again); without it the schedule is left exactly as it was."""

    def __init__(self, store, *, count: bool = False, clock: Callable[[], datetime] = utcnow, fuzz: bool = True):
        self.store = store
        self.count = count
        self.clock = clock
        self.logged = 0
        self._scheds = DeckSchedulers(store.settings(), store.deck_overrides() if count else {}, fuzz=fuzz)

    def record(self, question: Question, grade: Grade, duration_ms: int) -> None:
        results = grade.card_results or ((question.card_id, grade.correct),)
        share = max(0, duration_ms) // max(1, len(results))
        now = self.clock()
        now_ms = int(now.timestamp() * 1000)
        conn, pid = self.store.conn, self.store.profile_id
        for card_id, ok in results:
            row = sql.state_row(conn, pid, card_id)
            if row is None:
                continue  # the card left its deck while the quiz ran
            rating = RIGHT if ok else WRONG
            if self.count:
                sched = self._scheds.get(row.deck_id)
                new = next_state(sched, row.sched, rating, now)
                record_answer(
                    conn,
                    pid,
                    row,
                    new,
                    rating,
                    share,
                    now_ms,
                    leech=is_leech(row.sched, new),
                    bury_until=None,
                    mode="quiz",
                )
            else:
                log_only(conn, pid, card_id, row.sched.state, rating, share, now_ms, "quiz")
            self.logged += 1

    def send_to_study(self, card_ids: list[str]) -> sql.QueueReport:
        """Put ``card_ids`` into today's study queue (seen cards due now, new cards first)."""
        now_s = int(self.clock().timestamp())
        return sql.queue_now(self.store.conn, self.store.profile_id, card_ids, now_s)
