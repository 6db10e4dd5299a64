"""Thin wrapper over the fsrs package (FSRS-6): next states, interval previews and recall."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler, State

from quizapp.settings import Settings

NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3
LEECH_THRESHOLD = 8
RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


@dataclass(slots=True)
class SchedState:
    """A card's scheduling state as stored (times are epoch seconds, UTC)."""

    state: int = NEW
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: int = 0
    last_review: int | None = None
    reps: int = 0
    lapses: int = 0


def make_scheduler(settings: Settings, *, fuzz: bool = True) -> Scheduler:
    kwargs = {}
    if settings.fsrs_params:
        kwargs["parameters"] = tuple(settings.fsrs_params)
    return Scheduler(
        desired_retention=settings.desired_retention,
        learning_steps=tuple(timedelta(minutes=m) for m in settings.learning_steps),
        relearning_steps=tuple(timedelta(minutes=m) for m in settings.relearning_steps),
        maximum_interval=36500,
        enable_fuzzing=fuzz,
        **kwargs,
    )


class DeckSchedulers:
    """One fsrs Scheduler per deck, from the profile's settings with each deck's own overrides."""

    def __init__(self, settings: Settings, overrides: dict[str, dict], *, fuzz: bool = True) -> None:
        self.settings, self.overrides, self.fuzz = settings, overrides, fuzz
        self._cache: dict[str | None, Scheduler] = {}

    def get(self, deck_id: str | None) -> Scheduler:
        sched = self._cache.get(deck_id)
        if sched is None:
            s = self.settings.merged(self.overrides.get(deck_id, {})) if deck_id else self.settings
            sched = self._cache[deck_id] = make_scheduler(s, fuzz=self.fuzz)
        return sched


def _dt(ts: int | float | None) -> datetime | None:
    return None if ts is None else datetime.fromtimestamp(ts, UTC)


def to_fsrs(s: SchedState, card_id: int = 0) -> Card:
    if s.state == NEW:
        return Card(card_id=card_id, state=State.Learning, step=0)
    return Card(
        card_id=card_id,
        state=State(s.state),
        step=s.step,
        stability=s.stability,
        difficulty=s.difficulty,
        due=_dt(s.due),
        last_review=_dt(s.last_review),
    )


def answer(sched: Scheduler, s: SchedState, rating: int, now: datetime) -> SchedState:
    """The state after answering with ``rating`` (1-4) at ``now``."""
    card, _log = sched.review_card(to_fsrs(s), Rating(rating), now)
    lapses = s.lapses + (1 if rating == 1 and s.state == REVIEW else 0)
    return SchedState(
        state=int(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=int(card.due.timestamp()),
        last_review=int(now.timestamp()),
        reps=s.reps + 1,
        lapses=lapses,
    )


def preview(sched: Scheduler, s: SchedState, now: datetime) -> dict[int, timedelta]:
    """The interval each grade would give, without fuzz."""
    out = {}
    fuzz = sched.enable_fuzzing
    sched.enable_fuzzing = False
    try:
        for r in (1, 2, 3, 4):
            card, _ = sched.review_card(to_fsrs(s), Rating(r), now)
            out[r] = card.due - now
    finally:
        sched.enable_fuzzing = fuzz
    return out


def retrievability(sched: Scheduler, s: SchedState, now: datetime) -> float:
    if s.state == NEW or s.stability is None or s.last_review is None:
        return 0.0
    return float(sched.get_card_retrievability(to_fsrs(s), now))


def is_leech(before: SchedState, after: SchedState) -> bool:
    """Anki's rule: a card becomes a leech at 8 lapses, and again every 4 lapses after."""
    if after.lapses == before.lapses or after.lapses < LEECH_THRESHOLD:
        return False
    return (after.lapses - LEECH_THRESHOLD) % (LEECH_THRESHOLD // 2) == 0


def fmt_interval(d: timedelta) -> str:
    """Short human interval: 45s, 10m, 3h, 4d, 2mo, 1.5y."""
    s = d.total_seconds()
    if s < 60:
        return f"{max(0, round(s))}s"
    if s < 3600:
        return f"{round(s / 60)}m"
    if s < 86400:
        return f"{round(s / 3600)}h"
    days = s / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{round(days / 30.4)}mo"
    return f"{days / 365:.1f}y"
