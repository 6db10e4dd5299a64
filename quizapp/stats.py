"""Progress figures (UI-free): reviews per day, streak, retention, forecast, card states, time and mastery."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from quizapp.days import day_start
from quizapp.store import stats as q

if TYPE_CHECKING:
    from quizapp.store.db import Store

HISTORY_DAYS = 365
FORECAST_DAYS = 30
STATE_NAMES = {0: "new", 1: "learning", 2: "review", 3: "relearning", -1: "suspended", -2: "buried"}
LEVEL_ORDER = {"fundamentals": 0, "intermediate": 1, "academic": 2, "": 3}


def fsrs_curve(params: tuple[float, ...] | None) -> tuple[float, float]:
    """(factor, decay) of the FSRS-6 forgetting curve R = (1 + factor * t / S) ** decay for these parameters."""
    if not params:
        from fsrs.scheduler import DEFAULT_PARAMETERS

        params = DEFAULT_PARAMETERS
    decay = -float(params[20])
    return 0.9 ** (1 / decay) - 1, decay


def day_starts(now: datetime, hour: int, back: int, ahead: int) -> list[datetime]:
    """Starts (UTC) of the study days from ``back`` days ago to ``ahead`` days on (today is day 0).

    Computed on local wall-clock dates, so days stay right across daylight-saving changes.
    """
    today = day_start(now, hour).astimezone().replace(tzinfo=None)
    return [(today + timedelta(days=k)).astimezone().astimezone(UTC) for k in range(-back, ahead + 1)]


@dataclass
class Day:
    """One study day: answers, reviews that count for retention and how many were right, seconds studied."""

    day: date
    reviews: int = 0
    base: int = 0
    correct: int = 0
    seconds: float = 0.0


@dataclass
class Retention:
    """True retention over a period: the share of reviews (cards in review state, not quiz) not rated Again."""

    label: str
    reviews: int
    correct: int

    @property
    def rate(self) -> float | None:
        return self.correct / self.reviews if self.reviews else None

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "reviews": self.reviews, "correct": self.correct, "rate": self.rate}


@dataclass
class Mastery:
    """Predicted recall now (mean FSRS retrievability over the cards seen) and how many cards were seen."""

    name: str
    cards: int = 0
    seen: int = 0
    r_sum: float = 0.0
    key: str = ""

    @property
    def recall(self) -> float | None:
        return self.r_sum / self.seen if self.seen else None

    @property
    def mastery(self) -> float:
        """Recall counted over all cards (unseen cards count as not known)."""
        return self.r_sum / self.cards if self.cards else 0.0

    def line(self) -> str:
        rec = "no recall yet" if self.recall is None else f"{self.recall:.0%} recall"
        return f"{self.name}: {rec}, {self.seen}/{self.cards} cards seen"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "key": self.key,
            "cards": self.cards,
            "seen": self.seen,
            "recall": self.recall,
            "mastery": self.mastery,
        }


@dataclass
class Stats:
    """Every figure on the statistics screen, for one profile at one moment."""

    profile: str
    now: datetime
    days: list[Day]  # the last HISTORY_DAYS study days, oldest first; the last one is today
    streak: int
    forecast: list[int]  # cards due on each of the next FORECAST_DAYS days; [0] includes overdue
    states: dict[str, int]
    total_reviews: int
    first_review: datetime | None
    topics: list[Mastery] = field(default_factory=list)
    decks: list[Mastery] = field(default_factory=list)
    levels: list[Mastery] = field(default_factory=list)

    @property
    def today(self) -> Day:
        return self.days[-1]

    def last(self, n: int) -> list[Day]:
        return self.days[-n:]

    def reviews_in(self, n: int) -> int:
        return sum(d.reviews for d in self.last(n))

    def seconds_in(self, n: int) -> float:
        return sum(d.seconds for d in self.last(n))

    @property
    def study_days(self) -> int:
        return sum(1 for d in self.days if d.reviews)

    def retention_in(self, n: int, label: str = "") -> Retention:
        part = self.last(n)
        return Retention(label or f"last {n} days", sum(d.base for d in part), sum(d.correct for d in part))

    def retention_by_day(self, n: int = 30) -> list[Retention]:
        return [Retention(d.day.isoformat(), d.base, d.correct) for d in self.last(n)]

    def retention_by_week(self, n: int = 12) -> list[Retention]:
        """Weeks of seven study days ending today, oldest first, labelled by their first day."""
        out = []
        for k in range(n, 0, -1):
            part = self.days[len(self.days) - 7 * k : len(self.days) - 7 * (k - 1)]
            if part:
                out.append(Retention(part[0].day.isoformat(), sum(d.base for d in part), sum(d.correct for d in part)))
        return out

    def retention_by_month(self, n: int = 12) -> list[Retention]:
        """Calendar months (of study days), oldest first, labelled YYYY-MM."""
        months: dict[str, list[int]] = {}
        for d in self.days:
            m = months.setdefault(d.day.strftime("%Y-%m"), [0, 0])
            m[0] += d.base
            m[1] += d.correct
        return [Retention(k, v[0], v[1]) for k, v in list(months.items())[-n:]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "profile": self.profile,
            "now": self.now.isoformat(),
            "reviews": {
                "today": self.today.reviews,
                "last_30_days": self.reviews_in(30),
                "last_365_days": self.reviews_in(HISTORY_DAYS),
                "all_time": self.total_reviews,
                "per_day": [{"day": d.day.isoformat(), "reviews": d.reviews} for d in self.days if d.reviews],
            },
            "study_days_365": self.study_days,
            "streak": self.streak,
            "retention": {
                "today": self.retention_in(1, "today").to_dict(),
                "last_7_days": self.retention_in(7).to_dict(),
                "last_30_days": self.retention_in(30).to_dict(),
                "last_365_days": self.retention_in(HISTORY_DAYS).to_dict(),
                "by_day": [r.to_dict() for r in self.retention_by_day()],
                "by_week": [r.to_dict() for r in self.retention_by_week()],
                "by_month": [r.to_dict() for r in self.retention_by_month()],
            },
            "forecast": self.forecast,
            "card_states": self.states,
            "time_studied_seconds": {
                "today": round(self.today.seconds, 1),
                "last_30_days": round(self.seconds_in(30), 1),
                "last_7_days": round(self.seconds_in(7), 1),
                "last_365_days": round(self.seconds_in(HISTORY_DAYS), 1),
            },
            "first_review": self.first_review.isoformat() if self.first_review else None,
            "mastery": {
                "topics": [m.to_dict() for m in self.topics],
                "decks": [m.to_dict() for m in self.decks],
                "levels": [m.to_dict() for m in self.levels],
            },
        }


def compute_stats(store: Store, now: datetime | None = None) -> Stats:
    """All statistics for the store's profile at ``now`` (UTC; default: the current time)."""
    now = now or datetime.now(UTC)
    settings = store.settings()
    conn, pid = store.conn, store.profile_id
    starts = day_starts(now, settings.day_start_hour, HISTORY_DAYS - 1, FORECAST_DAYS)
    hist = starts[: HISTORY_DAYS + 1]
    bounds = [int(t.timestamp() * 1000) for t in hist]
    with ThreadPoolExecutor(1) as pool:  # the year of reviews is summed in parallel with the card figures
        pending = pool.submit(q.daily_on_own_connection, store.path, pid, bounds)
        fut = starts[HISTORY_DAYS - 1 :]
        due = q.forecast(conn, pid, [int(t.timestamp()) for t in fut])
        older, first_ms = q.totals(conn, pid, bounds[0])
        groups = _mastery(store, now)
        agg = pending.result()
    days = []
    for i in range(HISTORY_DAYS):
        n, base, ok, ms = agg.get(i, (0, 0, 0, 0))
        days.append(Day(hist[i].astimezone().date(), n, base, ok, ms / 1000))
    streak = _streak(store, days, hist, settings.day_start_hour)
    stats = Stats(
        profile=store.profile,
        now=now,
        days=days,
        streak=streak,
        forecast=[due.get(i, 0) for i in range(FORECAST_DAYS)],
        states={},
        total_reviews=older + sum(d.reviews for d in days),
        first_review=datetime.fromtimestamp(first_ms / 1000, UTC) if first_ms is not None else None,
    )
    stats.states, stats.topics, stats.decks, stats.levels = groups
    return stats


def _streak(store: Store, days: list[Day], starts: list[datetime], hour: int) -> int:
    """Consecutive study days up to today (or up to yesterday while today has no answers yet)."""
    i = len(days) - 1
    if days[i].reviews == 0:
        i -= 1
    n = 0
    while i >= 0 and days[i].reviews:
        n += 1
        i -= 1
    if i >= 0:
        return n
    # studied every day of the window: look further back, a year at a time
    end = starts[0]
    while True:
        older = day_starts(end - timedelta(hours=12), hour, HISTORY_DAYS - 1, 1)  # 365 days, then ``end``
        hit = q.days_with_reviews(store.conn, store.profile_id, [int(t.timestamp() * 1000) for t in older])
        k = len(older) - 2
        while k >= 0 and k in hit:
            n += 1
            k -= 1
        if k >= 0:
            return n
        end = older[0]


def _mastery(store: Store, now: datetime) -> tuple[dict[str, int], list[Mastery], list[Mastery], list[Mastery]]:
    """Card states, and mastery by topic, deck and level."""
    factor, decay = fsrs_curve(store.settings().fsrs_params)
    conn, pid = store.conn, store.profile_id
    info = q.deck_info(conn)
    states = {name: 0 for name in STATE_NAMES.values()}
    for _deck_id, queue, n in q.queue_counts(conn, pid):
        states[STATE_NAMES.get(queue, "new")] += n
    topics: dict[str, Mastery] = {}
    decks: dict[str, Mastery] = {}
    levels: dict[str, Mastery] = {}
    for deck_id, level, n, seen, r_sum in q.card_groups(conn, pid, int(now.timestamp()), factor, decay):
        title, topic = info.get(deck_id, (deck_id, deck_id))
        for bucket, key, name in ((topics, topic, topic), (decks, deck_id, title), (levels, level, level or "none")):
            m = bucket.get(key)
            if m is None:
                m = bucket[key] = Mastery(name, key=key)
            m.cards += n
            m.seen += seen
            m.r_sum += r_sum
    return (
        states,
        sorted(topics.values(), key=lambda m: m.name.lower()),
        sorted(decks.values(), key=lambda m: m.name.lower()),
        sorted(levels.values(), key=lambda m: LEVEL_ORDER.get(m.key, 9)),
    )


# -- plain text -----------------------------------------------------------------------------------
SPARK = " ▁▂▃▄▅▆▇█"


def sparkline(values: list[int]) -> str:
    top = max(values, default=0)
    if top <= 0:
        return SPARK[0] * len(values)
    return "".join(SPARK[0] if v <= 0 else SPARK[max(1, round(v / top * 8))] for v in values)


def bar(fraction: float | None, width: int = 20) -> str:
    f = min(1.0, max(0.0, fraction or 0.0))
    full = round(f * width)
    return "█" * full + "░" * (width - full)


def plural(n: int, word: str) -> str:
    """'1 answer', '3 answers'."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def fmt_duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.0f} s"
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def fmt_rate(r: Retention) -> str:
    return "–" if r.rate is None else f"{r.rate:.0%} ({r.correct}/{r.reviews})"


def format_text(s: Stats) -> str:
    """The statistics as plain text for the terminal."""
    lines = [f"Statistics for profile {s.profile!r} at {s.now.astimezone():%Y-%m-%d %H:%M}", ""]
    lines.append(
        f"Reviews: today {s.today.reviews}, last 30 days {s.reviews_in(30)}, last 365 days"
        f" {s.reviews_in(HISTORY_DAYS)}, all time {s.total_reviews}"
    )
    lines.append(f"  last 30 days  |{sparkline([d.reviews for d in s.last(30)])}|")
    weeks = [sum(d.reviews for d in s.days[i : i + 7]) for i in range(len(s.days) % 7, len(s.days), 7)]
    lines.append(f"  last 52 weeks |{sparkline(weeks)}|")
    lines.append(f"Study days: {s.study_days} of the last {HISTORY_DAYS}; current streak {plural(s.streak, 'day')}")
    lines.append(
        f"Time studied: today {fmt_duration(s.today.seconds)}, last 30 days {fmt_duration(s.seconds_in(30))},"
        f" last 365 days {fmt_duration(s.seconds_in(HISTORY_DAYS))}"
    )
    lines.append("")
    lines.append("True retention (reviews of cards in review, quiz answers left out):")
    for r in (s.retention_in(1, "today"), s.retention_in(7), s.retention_in(30), s.retention_in(HISTORY_DAYS)):
        lines.append(f"  {r.label:<14} {fmt_rate(r)}")
    weeks_r = [r for r in s.retention_by_week() if r.reviews]
    if weeks_r:
        lines.append("  by week:  " + ", ".join(f"{r.label} {r.rate:.0%}" for r in weeks_r[-6:]))
    months_r = [r for r in s.retention_by_month() if r.reviews]
    if months_r:
        lines.append("  by month: " + ", ".join(f"{r.label} {r.rate:.0%}" for r in months_r[-6:]))
    lines.append("")
    lines.append("Card states: " + ", ".join(f"{k} {v}" for k, v in s.states.items()))
    lines.append(
        f"Due: today {s.forecast[0]}, tomorrow {s.forecast[1]}, next 7 days {sum(s.forecast[:7])},"
        f" next 30 days {sum(s.forecast)}"
    )
    lines.append(f"  next 30 days  |{sparkline(s.forecast)}|")
    for title, group in (("topic", s.topics), ("deck", s.decks), ("level", s.levels)):
        if not group:
            continue
        lines.append("")
        lines.append(f"Mastery by {title}:")
        width = min(36, max(len(m.name) for m in group))
        for m in group:
            rec = "  –" if m.recall is None else f"{m.recall:4.0%}"
            name = m.name if len(m.name) <= width else m.name[: width - 1] + "…"
            lines.append(f"  {name:<{width}} {bar(m.recall)} {rec} recall, {m.seen}/{m.cards} cards seen")
    return "\n".join(lines)
