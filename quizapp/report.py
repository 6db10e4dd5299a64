"""Instructor reports (UI-free): one row per profile and topic, as CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from quizapp.stats import fsrs_curve
from quizapp.store import stats as q

if TYPE_CHECKING:
    from quizapp.store.db import Store

COLUMNS = (
    "profile",
    "topic",
    "cards",
    "cards_seen",
    "reviews",
    "retention",
    "mastery",
    "time_studied_min",
    "last_studied",
)


@dataclass
class ReportRow:
    """What one learner did in one topic. ``reviews``, ``retention``, ``time_studied_min`` and ``last_studied``
    cover the answers since the report's start date; ``cards_seen`` and ``mastery`` (mean predicted recall now
    of the cards seen) describe the learner now."""

    profile: str
    topic: str
    cards: int = 0
    cards_seen: int = 0
    reviews: int = 0
    retention: float | None = None
    mastery: float | None = None
    time_studied_min: float = 0.0
    last_studied: str | None = None


def build_report(
    store: Store, profiles: list[str] | None = None, since: datetime | None = None, now: datetime | None = None
) -> list[ReportRow]:
    """Rows for the given profiles (all when None), reviews counted from ``since`` (all time when None)."""
    now = now or datetime.now(UTC)
    since_ms = int(since.timestamp() * 1000) if since else -(2**62)
    info = q.deck_info(store.conn)
    out: list[ReportRow] = []
    for pid, name, raw_params in q.profile_rows(store.conn, profiles):
        factor, decay = fsrs_curve(q.parse_params(raw_params))
        rows: dict[str, ReportRow] = {}
        sums: dict[str, list[float]] = {}

        def row(deck_id: str, name: str = name, rows: dict = rows, sums: dict = sums) -> ReportRow:
            topic = info.get(deck_id, (deck_id, deck_id))[1]
            if topic not in rows:
                rows[topic] = ReportRow(name, topic)
                sums[topic] = [0.0, 0, 0]  # recall sum, retention base, correct
            return rows[topic]

        groups = q.card_groups(store.conn, pid, int(now.timestamp()), factor, decay)
        for deck_id, _level, n, seen, r_sum in groups:
            r = row(deck_id)
            r.cards += n
            r.cards_seen += seen
            sums[r.topic][0] += r_sum
        for deck_id, n, base, ok, ms, last in q.report_reviews(store.conn, pid, since_ms):
            r = row(deck_id)
            r.reviews += n
            sums[r.topic][1] += base or 0
            sums[r.topic][2] += ok or 0
            r.time_studied_min += (ms or 0) / 60000
            if last is not None:
                iso = datetime.fromtimestamp(last / 1000, UTC).isoformat(timespec="seconds")
                r.last_studied = max(r.last_studied or "", iso)
        for topic, r in sorted(rows.items(), key=lambda kv: kv[0].lower()):
            r_sum, base, ok = sums[topic]
            r.mastery = round(r_sum / r.cards_seen, 4) if r.cards_seen else None
            r.retention = round(ok / base, 4) if base else None
            r.time_studied_min = round(r.time_studied_min, 1)
            out.append(r)
    return out


def to_csv(rows: list[ReportRow]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for r in rows:
        w.writerow(["" if v is None else v for v in asdict(r).values()])
    return buf.getvalue()


def to_json(rows: list[ReportRow]) -> str:
    return json.dumps([asdict(r) for r in rows], indent=2, ensure_ascii=False)
