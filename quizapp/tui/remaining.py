"""The review header's New / Learning / Due counts: adjusted per answer, recounted now and then off the main thread."""

from __future__ import annotations

from quizapp.session import LEARN_AHEAD_S, Counts

RECOUNT_EVERY = 25  # answers between exact recounts
RECOUNT_SECONDS = 60.0
KEYS = {0: "new", 1: "learning", 3: "learning", 2: "review"}


class Remaining:
    """Counting thousands of due cards takes milliseconds at 100k cards, so it is not done on every answer.

    Each answer moves its card out of its queue (and back into Learning when it is due again soon); an exact
    count (``Session.counts`` on the worker's own connection) replaces these figures every few dozen answers
    or minutes. A count that raced with an answer is dropped and asked for again.
    """

    def __init__(self) -> None:
        self.new = self.learning = self.review = 0
        self.counted = False
        self.version = 0  # bumped by every local change
        self.since = 0  # local changes since the last exact count
        self.at = 0.0  # when the last exact count arrived (monotonic seconds)
        self.pending = False

    def values(self) -> tuple[int | None, int | None, int | None]:
        """(new, learning, due), or Nones before the first count."""
        return (self.new, self.learning, self.review) if self.counted else (None, None, None)

    def stale(self, now: float) -> bool:
        if self.pending:
            return False
        return not self.counted or self.since >= RECOUNT_EVERY or now - self.at > RECOUNT_SECONDS

    def begin(self) -> int:
        """An exact count is starting; returns the token to hand back to ``done``."""
        self.pending = True
        return self.version

    def done(self, counts: Counts, token: int, now: float) -> bool:
        """Take an exact count, unless the learner answered while it ran (then it is stale: False)."""
        self.pending = False
        if token != self.version:
            return False
        self.new, self.learning, self.review = counts.new, counts.learning, counts.review
        self.counted, self.since, self.at = True, 0, now
        return True

    def invalidate(self) -> None:
        """Something the local bookkeeping cannot follow happened (an undo, an edit): count again soon."""
        self.version += 1
        self.since = RECOUNT_EVERY

    def left(self, queue: int) -> None:
        """A card of ``queue`` was answered, buried or suspended."""
        key = KEYS.get(queue)
        if key:
            setattr(self, key, max(0, getattr(self, key) - 1))
        self.version += 1
        self.since += 1

    def answered(self, old_queue: int, new_queue: int, new_due: int, now: float) -> None:
        self.left(old_queue)
        if new_queue in (1, 3) and new_due <= now + LEARN_AHEAD_S:
            self.learning += 1
