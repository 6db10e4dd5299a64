"""--with-history: Anki's review log becomes quizapp's (mode 'import'), and each card's FSRS state is replayed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from quizapp.scheduler import SchedState, answer, make_scheduler

Progress = Callable[[str, int, int], None]


@dataclass
class HistoryReport:
    """What a history import did."""

    reviews: int = 0
    cards: int = 0
    unmatched: int = 0  # reviews of cards that were not imported (skipped notes, unknown card ordinals)
    suspended: int = 0


def import_history(
    store,
    revlog: list[tuple[int, int, int, int, int]],
    card_map: dict[int, str],
    suspended: set[str],
    progress: Progress | None = None,
) -> HistoryReport:
    """Replace earlier imported reviews of these cards and replay all their reviews to rebuild FSRS states.

    Runs inside the caller's transaction when there is one (``store.tx()`` nests)."""
    from quizapp.store import interop as sql

    rep = HistoryReport()
    per_card: dict[str, list[tuple[int, int, int]]] = {}
    for t_ms, cid, ease, dur, _type in revlog:
        ours = card_map.get(cid)
        if ours is None:
            rep.unmatched += 1
            continue
        per_card.setdefault(ours, []).append((t_ms, ease, max(0, dur)))
    conn, pid = store.conn, store.profile_id
    decks = sql.card_decks(conn, pid, sorted(set(per_card) | suspended))
    rep.unmatched += sum(len(v) for k, v in per_card.items() if k not in decks)
    ids = [c for c in per_card if c in decks]
    settings = store.settings()
    overrides = store.deck_overrides()
    scheds: dict[str | None, object] = {}

    def sched_for(deck_id: str | None):
        if deck_id not in scheds:
            scheds[deck_id] = make_scheduler(settings.merged(overrides.get(deck_id or "", {})), fuzz=False)
        return scheds[deck_id]

    with store.tx():
        sql.delete_import_logs(conn, pid, ids)
        own = sql.own_reviews(conn, pid, ids)
        logs: list[tuple[str, int, int, int, int, float, float]] = []
        states: list[tuple[str, SchedState, bool]] = []
        for k, cid in enumerate(ids, 1):
            events = [(t, r, d, True) for t, r, d in per_card[cid]] + [(t, r, 0, False) for t, r in own.get(cid, [])]
            events.sort(key=lambda e: e[0])
            sched = sched_for(decks[cid])
            s = SchedState()
            for t_ms, rating, dur, imported in events:
                new = answer(sched, s, rating, datetime.fromtimestamp(t_ms / 1000, UTC))
                if imported:
                    logs.append((cid, t_ms, rating, dur, s.state, new.stability, new.difficulty))
                s = new
            states.append((cid, s, cid in suspended))
            if progress and (k % 500 == 0 or k == len(ids)):
                progress("Replaying history", k, len(ids))
        sql.insert_import_logs(conn, pid, logs)
        sql.set_states(conn, pid, states)
        rest = [c for c in suspended if c in decks and c not in per_card]
        sql.suspend(conn, pid, rest)
    rep.reviews = len(logs)
    rep.cards = len(ids)
    rep.suspended = sum(1 for c in suspended if c in decks)
    return rep
