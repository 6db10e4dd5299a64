"""StatsScreen: reviews per day, calendar and streak, retention, forecast, card states, time and mastery."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static, TabbedContent, TabPane
from textual_plotext import PlotextPlot

from quizapp.stats import HISTORY_DAYS, Mastery, Retention, Stats, compute_stats, fmt_duration, plural
from quizapp.tui.text import plain, snippet
from quizapp.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from quizapp.store.db import Store

HEAT = ("#2d333b", "#0e4429", "#006d32", "#26a641", "#39d353")  # calendar: none, then more and more answers
BAR_WIDTH = 24
NAME_WIDTH = 30


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x:.0%}"


def _rate_color(x: float | None) -> str:
    if x is None:
        return "dim"
    return "green" if x >= 0.8 else "yellow" if x >= 0.5 else "red"


def mastery_line(m: Mastery, width: int = NAME_WIDTH) -> Content:
    """'RANKL vs OPG   ██████░░░░  82% recall, 40/52 cards seen' (the name is shown literally)."""
    f = m.recall or 0.0
    full = round(f * BAR_WIDTH)
    rec = "no recall yet" if m.recall is None else f"{m.recall:4.0%} recall"
    return Content.assemble(
        plain(snippet(m.name, width).ljust(width)),
        " ",
        ("█" * full, _rate_color(m.recall)),
        ("░" * (BAR_WIDTH - full), "dim"),
        " ",
        (rec, "bold"),
        f", {m.seen}/{m.cards} cards seen",
    )


def calendar(s: Stats, weeks: int = 53) -> Content:
    """A heat map of study days: one column a week (Monday on top), the last ``weeks`` weeks up to today."""
    by_day = {d.day: d.reviews for d in s.days}
    top = max(by_day.values(), default=0) or 1
    today = s.today.day
    first = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    months = [" "] * weeks
    for w in range(weeks):
        d = first + timedelta(weeks=w)
        if d.day <= 7 and w + 3 <= weeks:
            for i, ch in enumerate(d.strftime("%b")):
                months[w + i] = ch
    parts: list = ["    ", "".join(months), "\n"]
    for wd, name in enumerate(("Mon", "", "Wed", "", "Fri", "", "Sun")):
        parts.append(f"{name:<4}")
        for w in range(weeks):
            d: date = first + timedelta(weeks=w, days=wd)
            if d > today:
                parts.append(" ")
                continue
            n = by_day.get(d, 0)
            level = 0 if n == 0 else min(4, 1 + int(3 * n / top))
            parts.append(("■", HEAT[level]))
        parts.append("\n")
    parts += ["    less ", *[("■ ", c) for c in HEAT], "more"]
    return Content.assemble(*parts)


def retention_lines(rows: list[Retention]) -> Content:
    parts: list = []
    for r in rows:
        parts += [f"  {r.label:<14} ", (f"{_pct(r.rate):>4}", _rate_color(r.rate)), f"  {r.correct}/{r.reviews}\n"]
    return Content.assemble(*parts)


class StatsScreen(Screen):
    """Progress for the current profile; computed in a worker thread (with its own database connection)."""

    DEFAULT_CSS = """
    StatsScreen #stats-title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    StatsScreen #stats-status { height: auto; padding: 0 1; color: $text-muted; }
    StatsScreen TabbedContent { height: 1fr; }
    StatsScreen TabPane { padding: 0 1; }
    StatsScreen .stats-text { height: auto; }
    StatsScreen .stats-head { height: auto; margin-top: 1; text-style: bold; }
    StatsScreen PlotextPlot { height: 12; }
    StatsScreen #plot-year { height: 9; }
    StatsScreen #calendar { height: auto; margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="stats.back", tooltip="Back to the decks"),
        Binding("r", "refresh_stats", "Refresh", id="stats.refresh", tooltip="Compute the statistics again"),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.stats: Stats | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content.assemble("Statistics · profile ", plain(self.store.profile)), id="stats-title")
        yield Static("Computing…", id="stats-status")
        with TabbedContent(id="stats-tabs"):
            with TabPane("Overview", id="tab-overview"), VerticalScroll():
                yield Static(id="overview", classes="stats-text")
                yield Static("Mastery by topic (predicted recall now)", classes="stats-head")
                yield Static(id="overview-topics", classes="stats-text")
                yield Static("Mastery by level", classes="stats-head")
                yield Static(id="overview-levels", classes="stats-text")
            with TabPane("Activity", id="tab-activity"), VerticalScroll():
                yield PlotextPlot(id="plot-month")
                yield PlotextPlot(id="plot-year")
                yield Static(id="calendar")
            with TabPane("Retention", id="tab-retention"), VerticalScroll():
                yield PlotextPlot(id="plot-retention")
                yield Static(id="retention", classes="stats-text")
            with TabPane("Forecast", id="tab-forecast"), VerticalScroll():
                yield PlotextPlot(id="plot-forecast")
                yield Static(id="forecast", classes="stats-text")
            with TabPane("Mastery", id="tab-mastery"), VerticalScroll():
                for key, title in (("topics", "topic"), ("decks", "deck"), ("levels", "level")):
                    yield Static(f"By {title}", classes="stats-head")
                    yield Static(id=f"mastery-{key}", classes="stats-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.action_refresh_stats()

    def action_refresh_stats(self) -> None:
        clock = getattr(self.app, "clock", None)
        from quizapp.days import utcnow

        self.compute(str(self.store.path), self.store.profile, (clock or utcnow)())

    @work(thread=True, exclusive=True, group="stats", exit_on_error=False)
    def compute(self, db_path: str, profile: str, now) -> None:
        from quizapp.store.db import Store

        try:
            store = Store(db_path, profile, create_profile=False)
            try:
                stats = compute_stats(store, now)
            finally:
                store.close()
        except Exception as e:  # shown on the screen, never raised into the app
            self.app.call_from_thread(self.show_error, str(e) or type(e).__name__)
            return
        self.app.call_from_thread(self.show, stats)

    def show_error(self, message: str) -> None:
        self.query_one("#stats-status", Static).update(Content.assemble(("Statistics failed: ", "red"), plain(message)))

    def show(self, s: Stats) -> None:
        self.stats = s
        status = self.query_one("#stats-status", Static)
        status.display = False
        self._overview(s)
        self._activity(s)
        self._retention(s)
        self._forecast(s)
        for key in ("topics", "decks", "levels"):
            group: list[Mastery] = getattr(s, key)
            body = Content("\n").join(mastery_line(m) for m in group) if group else Content("No cards yet.")
            self.query_one(f"#mastery-{key}", Static).update(body)

    # -- tabs -------------------------------------------------------------------------------------
    def _overview(self, s: Stats) -> None:
        r30 = s.retention_in(30)
        first = f" since {s.first_review.astimezone():%Y-%m-%d}" if s.first_review else ""
        states = " · ".join(f"{k} {v}" for k, v in s.states.items())
        rt = s.retention_in(1)
        lines = Content.assemble(
            ("Today      ", "bold"),
            f"{plural(s.today.reviews, 'answer')} · {fmt_duration(s.today.seconds)} · retention ",
            (_pct(rt.rate), _rate_color(rt.rate)),
            "\n",
            ("Streak     ", "bold"),
            f"{plural(s.streak, 'day')} · {plural(s.study_days, 'study day')} in the last year\n",
            ("30 days    ", "bold"),
            f"{plural(s.reviews_in(30), 'answer')} · {fmt_duration(s.seconds_in(30))} · retention ",
            (_pct(r30.rate), _rate_color(r30.rate)),
            "\n",
            ("All time   ", "bold"),
            f"{plural(s.total_reviews, 'answer')}{first}"
            f" · {fmt_duration(s.seconds_in(HISTORY_DAYS))} in the last year\n",
            ("Due        ", "bold"),
            f"today {s.forecast[0]} · tomorrow {s.forecast[1]} · next 7 days {sum(s.forecast[:7])}\n",
            ("Cards      ", "bold"),
            states,
        )
        self.query_one("#overview", Static).update(lines)
        for key in ("topics", "levels"):
            group: list[Mastery] = getattr(s, key)
            body = Content("\n").join(mastery_line(m) for m in group) if group else Content("No cards yet.")
            self.query_one(f"#overview-{key}", Static).update(body)

    def _bars(self, plot_id: str, labels: list[str], values: list[float], title: str, color: str, **kw) -> None:
        """A bar chart; only non-zero bars are drawn, the y axis has whole-number ticks."""
        widget = self.query_one(f"#{plot_id}", PlotextPlot)
        plt = widget.plt
        plt.clear_figure()
        xs = [i for i, v in enumerate(values) if v]
        if xs:
            plt.bar(xs, [values[i] for i in xs], color=color, width=kw.get("width", 0.6))
        plt.xlim(-0.5, len(values) - 0.5)
        step = max(1, len(labels) // kw.get("ticks", 8))
        ticks = list(range(0, len(labels), step))
        plt.xticks(ticks, [labels[i] for i in ticks])
        top = kw.get("top") or max(values, default=0) or 1
        plt.ylim(0, top)
        ystep = max(1, -(-int(top) // 4))
        plt.yticks(list(range(0, int(top) + 1, ystep)))
        plt.title(title)
        widget.refresh()

    def _activity(self, s: Stats) -> None:
        month = s.last(30)
        self._bars(
            "plot-month",
            [d.day.strftime("%d %b") for d in month],
            [d.reviews for d in month],
            f"Answers a day, last 30 days ({s.reviews_in(30)})",
            "cyan",
        )
        off = len(s.days) % 7
        weeks = [s.days[i : i + 7] for i in range(off, len(s.days), 7)]
        self._bars(
            "plot-year",
            [w[0].day.strftime("%b %y") for w in weeks],
            [sum(d.reviews for d in w) for w in weeks],
            f"Answers a week, last 52 weeks ({s.reviews_in(HISTORY_DAYS)})",
            "cyan",
            ticks=6,
        )
        head = Content.assemble(
            ("Study days ", "bold"),
            f"· streak {plural(s.streak, 'day')} · {s.study_days} of the last {HISTORY_DAYS} days\n",
        )
        self.query_one("#calendar", Static).update(head + calendar(s))

    def _retention(self, s: Stats) -> None:
        weeks = s.retention_by_week(12)
        self._bars(
            "plot-retention",
            [r.label[5:] for r in weeks],
            [round(100 * (r.rate or 0)) for r in weeks],
            "True retention by week, % (reviews of cards in review state; quiz answers left out)",
            "green",
            top=100,
            ticks=6,
        )
        periods = [s.retention_in(1, "today"), s.retention_in(7), s.retention_in(30), s.retention_in(HISTORY_DAYS)]
        days = [r for r in s.retention_by_day(30) if r.reviews][-7:]
        months = [r for r in s.retention_by_month(12) if r.reviews]
        body = Content.assemble(
            ("Periods\n", "bold"),
            retention_lines(periods),
            ("Recent days\n", "bold"),
            retention_lines(days) if days else "  no reviews in the last 30 days\n",
            ("Months\n", "bold"),
            retention_lines(months) if months else "  no reviews in the last year\n",
        )
        self.query_one("#retention", Static).update(body)

    def _forecast(self, s: Stats) -> None:
        labels = [(s.today.day + timedelta(days=i)).strftime("%d %b") for i in range(len(s.forecast))]
        self._bars(
            "plot-forecast", labels, s.forecast, "Cards due a day, next 30 days (today includes overdue)", "orange"
        )
        body = Content.assemble(
            ("Due  ", "bold"),
            f"today {s.forecast[0]} · tomorrow {s.forecast[1]} · next 7 days {sum(s.forecast[:7])}"
            f" · next 30 days {sum(s.forecast)}",
        )
        self.query_one("#forecast", Static).update(body)
