"""Fit FSRS parameters to a profile's own reviews with fsrs-rs-python, scored on a time split (UI-free)."""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from quizapp.errors import UserError
from quizapp.store import stats as q

if TYPE_CHECKING:
    from quizapp.store.db import Store

MIN_REVIEWS = 400
TRAIN_SHARE = 0.7
DAY_MS = 86_400_000
EPS = 1e-7
INSTALL_HINT = 'fitting FSRS parameters needs fsrs-rs-python: pip install "quizapp[optimize]"'
Stage = Callable[[str], None]


class NeedMoreData(UserError):
    """Too few reviews to fit or score parameters."""


@dataclass
class Score:
    """How well parameters predict the held-out reviews (lower is better)."""

    log_loss: float
    rmse_bins: float
    n: int

    def to_dict(self) -> dict[str, Any]:
        return {"log_loss": round(self.log_loss, 4), "rmse_bins": round(self.rmse_bins, 4), "reviews": self.n}


@dataclass
class Result:
    reviews: int
    train_reviews: int
    test_reviews: int
    current_label: str  # "defaults" or "current"
    current: Score
    fitted: Score
    params: tuple[float, ...]
    defaults: Score | None = None
    saved: bool = False
    clipped: list[int] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def better(self) -> bool:
        return self.fitted.log_loss < self.current.log_loss

    def to_dict(self) -> dict[str, Any]:
        d = {
            "reviews": self.reviews,
            "train_reviews": self.train_reviews,
            "test_reviews": self.test_reviews,
            self.current_label: self.current.to_dict(),
            "fitted": self.fitted.to_dict(),
            "params": list(self.params),
            "saved": self.saved,
        }
        if self.defaults is not None:
            d["defaults"] = self.defaults.to_dict()
        return d

    def text(self) -> str:
        rows = [(self.current_label, self.current)]
        if self.defaults is not None:
            rows.insert(0, ("defaults", self.defaults))
        rows.append(("fitted", self.fitted))
        lines = [
            f"{self.reviews} reviews: trained on the first {self.train_reviews}, scored on the last"
            f" {self.test_reviews} ({self.fitted.n} predictions a day or more after the previous review)",
            f"{'parameters':<10}  {'log loss':>8}  {'RMSE(bins)':>10}",
        ]
        lines += [f"{name:<10}  {s.log_loss:8.4f}  {s.rmse_bins:10.4f}" for name, s in rows]
        if self.clipped:
            lines.append(f"(parameters {', '.join(map(str, self.clipped))} were moved inside the allowed range)")
        if self.saved:
            lines.append("The fitted parameters are better: saved for this profile.")
        elif self.better:
            lines.append("The fitted parameters are better (not saved: dry run).")
        else:
            lines.append(f"The fitted parameters are not better than the {self.current_label}: nothing changed.")
        return "\n".join(lines)


def load_backend():
    try:
        import fsrs_rs_python
    except ImportError:
        raise UserError(INSTALL_HINT) from None
    return fsrs_rs_python


def default_params() -> tuple[float, ...]:
    from fsrs.scheduler import DEFAULT_PARAMETERS

    return tuple(DEFAULT_PARAMETERS)


# -- data -----------------------------------------------------------------------------------------
def group_cards(rows: Sequence[tuple[str, int, int]]) -> list[tuple[list[int], list[int]]]:
    """(times ms, ratings) per card, from rows sorted by card then time."""
    out: list[tuple[list[int], list[int]]] = []
    cur = None
    for card_id, t, rating in rows:
        if card_id != cur:
            cur = card_id
            out.append(([], []))
        out[-1][0].append(t)
        out[-1][1].append(rating)
    return out


def study_day(t_ms: int, hour: int, offsets: dict[int, int] | None = None) -> int:
    """The local study-day number of a time (days start at ``hour``), as Anki counts intervals for training.
    ``offsets`` caches UTC offsets per hour (they change only at daylight-saving switches) within one job."""
    s = t_ms // 1000
    off = None if offsets is None else offsets.get(s // 3600)
    if off is None:
        off = time.localtime(s).tm_gmtoff
        if offsets is not None:
            offsets[s // 3600] = off
    return (s + off - hour * 3600) // 86400


def train_items(fr, cards, cutoff_ms: int, hour: int) -> list:
    """One FSRSItem per training review a study day or more after the previous one: the card's history up to it."""
    items = []
    offsets: dict[int, int] = {}
    for times, ratings in cards:
        hist = []
        prev = None
        for t, r in zip(times, ratings):
            if t >= cutoff_ms:
                break
            day = study_day(t, hour, offsets)
            dt = 0 if prev is None else day - prev
            prev = day
            hist.append(fr.FSRSReview(r, dt))
            if dt > 0 and len(hist) > 1:
                items.append(fr.FSRSItem(list(hist)))
    return items


def _full_items(fr, cards):
    """One FSRSItem per card with whole elapsed days between reviews, as py-fsrs counts them."""
    out = []
    for times, ratings in cards:
        deltas = [0] + [(b - a) // DAY_MS for a, b in itertools.pairwise(times)]
        out.append(fr.FSRSItem([fr.FSRSReview(r, d) for r, d in zip(ratings, deltas)]))
    return out


def _bin(v: float, base: float, mult: float) -> int:
    return round(mult * base ** math.floor(math.log(v) / math.log(base)))


def predictions(fr, params: Sequence[float], cards, cutoff_ms: int, items=None) -> list[tuple[float, int, tuple]]:
    """(p, y, bin) for every held-out review a whole day or more after the previous one: p is the recall
    FSRS predicted just before it, y whether it was recalled, bin the srs-benchmark RMSE bin. ``items`` may
    pass in ``_full_items(fr, cards)`` when it is already built."""
    states = fr.FSRS(list(params)).historical_memory_state_batch(items or _full_items(fr, cards))
    decay = -params[20]
    factor = 0.9 ** (1 / decay) - 1
    out = []
    for (times, ratings), st in zip(cards, states):
        long_n = 0
        lapses = 0
        for i in range(1, len(times)):
            d = (times[i] - times[i - 1]) // DAY_MS
            if d < 1:
                continue
            long_n += 1
            if times[i] >= cutoff_ms:
                p = (1 + factor * d / st[i - 1].stability) ** decay
                key = (_bin(d, 3.62, 248), _bin(long_n, 1.89, 1.99), _bin(lapses, 1.73, 1.65) if lapses else 0)
                out.append((p, 1 if ratings[i] > 1 else 0, key))
            lapses += ratings[i] == 1
    return out


def score(preds: list[tuple[float, int, tuple]]) -> Score:
    """Log loss and RMSE(bins) (bins by interval, review count and lapses, as in srs-benchmark)."""
    if not preds:
        raise NeedMoreData("no held-out review comes a day or more after the previous one: needs more data")
    ll = 0.0
    groups: dict[tuple, list[float]] = {}
    for p, y, key in preds:
        p = min(max(p, EPS), 1 - EPS)
        ll -= math.log(p) if y else math.log(1 - p)
        g = groups.setdefault(key, [0.0, 0.0, 0])
        g[0] += p
        g[1] += y
        g[2] += 1
    rmse = math.sqrt(sum((a / c - b / c) ** 2 * c for a, b, c in groups.values()) / len(preds))
    return Score(ll / len(preds), rmse, len(preds))


def clip(params: Sequence[float]) -> tuple[tuple[float, ...], list[int]]:
    """Round and move parameters inside py-fsrs's bounds; returns them and the indexes that moved."""
    from fsrs.scheduler import LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

    if len(params) != len(LOWER_BOUNDS_PARAMETERS) or not all(math.isfinite(p) for p in params):
        raise ValueError("the fitted parameters are not usable")
    out, moved = [], []
    for i, (p, lo, hi) in enumerate(zip(params, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS)):
        v = round(min(max(float(p), lo), hi), 6)
        if v < lo or v > hi:  # rounding crossed a bound
            v = lo if v < lo else hi
        if abs(v - p) > 1e-5:
            moved.append(i)
        out.append(v)
    return tuple(out), moved


def fit(fr, items) -> list[float]:
    try:
        return list(fr.FSRS(list(fr.DEFAULT_PARAMETERS)).compute_parameters(items))
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as e:  # fsrs-rs raises ValueError, or a pyo3 PanicException (a BaseException)
        raise UserError(f"fitting failed: {str(e).splitlines()[0] if str(e) else type(e).__name__}") from None


# -- the whole job --------------------------------------------------------------------------------
def optimize(store: Store, *, save: bool = True, stage: Stage | None = None) -> Result:
    """Train on the first 70% of the profile's reviews (by time), score on the rest, save if better."""
    t0 = time.perf_counter()
    fr = load_backend()
    stage = stage or (lambda _s: None)
    stage("Reading reviews")
    rows = q.sched_log(store.conn, store.profile_id)
    if len(rows) < MIN_REVIEWS:
        raise NeedMoreData(f"{len(rows)} reviews so far: optimizing needs about {MIN_REVIEWS} or more; study more")
    cards = group_cards(rows)
    times = sorted(r[1] for r in rows)
    cut_i = int(len(times) * TRAIN_SHARE)
    cutoff = times[cut_i]
    settings = store.settings()
    stage("Fitting parameters")
    items = train_items(fr, cards, cutoff, settings.day_start_hour)
    if not items:
        raise NeedMoreData("no training review comes a day or more after the previous one: needs more data")
    raw = fit(fr, items)
    try:
        params, moved = clip(raw)
        from fsrs import Scheduler

        Scheduler(parameters=params)
    except ValueError as e:
        why = str(e).splitlines()[0]
        raise UserError(f"the fitted parameters are out of bounds ({why}); nothing changed") from None
    stage("Scoring")
    full = _full_items(fr, cards)
    defaults = default_params()
    current = tuple(settings.fsrs_params) if settings.fsrs_params else defaults
    label = "defaults" if current == defaults else "current"
    res = Result(
        reviews=len(rows),
        train_reviews=cut_i,
        test_reviews=len(rows) - cut_i,
        current_label=label,
        current=score(predictions(fr, current, cards, cutoff, full)),
        fitted=score(predictions(fr, params, cards, cutoff, full)),
        params=params,
        clipped=moved,
    )
    if label != "defaults":
        res.defaults = score(predictions(fr, defaults, cards, cutoff, full))
    if save and res.better:
        stage("Saving")
        save_params(store, fr, params, rows, full)
        res.saved = True
    res.seconds = time.perf_counter() - t0
    return res


def save_params(store: Store, fr, params: tuple[float, ...], rows, items=None) -> None:
    """Store the parameters and recompute every reviewed card's memory state (stability, difficulty) with them;
    due dates stay as they are."""
    ids = []
    cur = None
    for card_id, _t, _r in rows:
        if card_id != cur:
            ids.append(card_id)
            cur = card_id
    states = fr.FSRS(list(params)).memory_state_batch(items or _full_items(fr, group_cards(rows)))
    with store.tx():
        store.save_settings(replace(store.settings(), fsrs_params=params))
        q.update_memory(store.conn, store.profile_id, [(m.stability, m.difficulty, c) for m, c in zip(states, ids)])
