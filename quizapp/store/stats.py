"""SQL for progress figures, reports and the review-log CSV: grouped aggregates only, no loops over reviews."""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterable, Iterator, Sequence

# Reviews that count for retention: scheduled answers (not quiz) given while the card was in review state.
RET_COND = "r.state_before=2 AND r.mode<>'quiz'"
# Answers that are part of the scheduling history (replayed, exported, optimised on).
SCHED_MODES = "mode<>'quiz'"
NEG_INF = -(2**62)


def ensure_math(conn: sqlite3.Connection) -> None:
    """Make sure ``pow()`` exists in SQL (sqlite builds without math functions get a deterministic Python one)."""
    try:
        conn.execute("SELECT pow(2, 3)").fetchone()
    except sqlite3.OperationalError:
        conn.create_function("pow", 2, math.pow, deterministic=True)


def r_sql(alias: str = "s") -> str:
    """FSRS-6 retrievability of a card row now, in SQL: (1 + factor * whole_days / S) ^ decay.

    Parameters: :now (epoch s), :factor, :decay. Cards never reviewed give NULL (left out of means).
    """
    a = alias
    return (
        f"CASE WHEN {a}.last_review IS NOT NULL AND {a}.stability > 0 THEN"
        f" pow(1.0 + :factor * (max(0, :now - {a}.last_review) / 86400) / {a}.stability, :decay) END"
    )


def _values(rows: Sequence[tuple]) -> tuple[str, list]:
    width = len(rows[0])
    one = "(" + ",".join("?" * width) + ")"
    return ",".join([one] * len(rows)), [x for r in rows for x in r]


def _days(bounds: Sequence[int], first: int | None = None) -> tuple[str, list]:
    days = [(i, first if (i == 0 and first is not None) else bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]
    return _values(days)


def daily(conn: sqlite3.Connection, profile_id: int, bounds_ms: Sequence[int]) -> dict[int, tuple]:
    """Per study day i (from bounds_ms[i] to bounds_ms[i+1]): answers, retention base, correct, ms studied.

    One index range per day (a correlated subquery), so no sort over the year's reviews is needed."""
    vals, params = _days(bounds_ms)
    sql = (
        f"WITH d(i, s, e) AS (VALUES {vals}) SELECT d.i, (SELECT json_array(count(*), total({RET_COND}),"
        f" total({RET_COND} AND r.rating>1), total(r.duration_ms)) FROM review_log r"
        " WHERE r.profile_id=? AND r.time>=d.s AND r.time<d.e) FROM d"
    )
    out = {}
    for i, packed in conn.execute(sql, [*params, profile_id]):
        n, base, ok, ms = json.loads(packed)
        if n:
            out[i] = (int(n), int(base), int(ok), float(ms))
    return out


def daily_on_own_connection(db_path, profile_id: int, bounds_ms: Sequence[int]) -> dict[int, tuple]:
    """``daily`` on a fresh read-only connection, so it can run in another thread alongside the other figures
    (sqlite releases the GIL while it works). Sees committed data only, as every write here is committed."""
    conn = sqlite3.connect(db_path, timeout=30)
    try:
        return daily(conn, profile_id, bounds_ms)
    finally:
        conn.close()


def days_with_reviews(conn: sqlite3.Connection, profile_id: int, bounds_ms: Sequence[int]) -> set[int]:
    """Which of the given days have at least one answer (index-only: used to extend a long streak)."""
    vals, params = _days(bounds_ms)
    sql = (
        f"WITH d(i, s, e) AS (VALUES {vals}) SELECT d.i FROM d WHERE EXISTS"
        " (SELECT 1 FROM review_log r WHERE r.profile_id=? AND r.time>=d.s AND r.time<d.e)"
    )
    return {r[0] for r in conn.execute(sql, [*params, profile_id])}


def totals(conn: sqlite3.Connection, profile_id: int, before_ms: int) -> tuple[int, int | None]:
    """Answers before ``before_ms`` (the rest are counted per day) and the first answer's time in ms; both from
    the (profile, time) index alone."""
    n = conn.execute(
        "SELECT count(*) FROM review_log WHERE profile_id=? AND time<?", (profile_id, before_ms)
    ).fetchone()[0]
    first = conn.execute("SELECT min(time) FROM review_log WHERE profile_id=?", (profile_id,)).fetchone()[0]
    return int(n), first


def forecast(conn: sqlite3.Connection, profile_id: int, bounds_s: Sequence[int]) -> dict[int, int]:
    """Cards (in decks; learning, review or relearning) due on each coming day; day 0 includes overdue cards.

    Index-only counts: all cards of the queue due that day, minus those no longer in any deck."""
    vals, params = _days(bounds_s, NEG_INF)
    sql = (
        f"WITH d(i, s, e) AS (VALUES {vals}) SELECT d.i,"
        " (SELECT count(*) FROM card_state c WHERE c.profile_id=? AND c.queue=? AND c.due>=d.s AND c.due<d.e)"
        " - (SELECT count(*) FROM card_state c WHERE c.profile_id=? AND c.deck_id IS NULL AND c.queue=?"
        " AND c.due>=d.s AND c.due<d.e) FROM d"
    )
    out: dict[int, int] = {}
    for queue in (1, 2, 3):
        for i, n in conn.execute(sql, [*params, profile_id, queue, profile_id, queue]):
            out[i] = out.get(i, 0) + n
    return out


def card_groups(
    conn: sqlite3.Connection, profile_id: int, now_s: int, factor: float, decay: float
) -> list[tuple[str, str, int, int, float]]:
    """Per (deck, level): cards, cards seen, sum of retrievability now over the seen cards.

    A plain table scan then one small sort: walking an index in deck order would cost a random row read per card.
    """
    ensure_math(conn)
    sql = (
        f"SELECT s.deck_id, coalesce(s.level, ''), count(*), count(s.last_review), total({r_sql('s')})"
        " FROM card_state s NOT INDEXED WHERE s.profile_id=:pid AND s.deck_id IS NOT NULL GROUP BY s.deck_id, s.level"
    )
    return conn.execute(sql, {"pid": profile_id, "now": now_s, "factor": factor, "decay": decay}).fetchall()


def queue_counts(conn: sqlite3.Connection, profile_id: int) -> list[tuple[str, int, int]]:
    """(deck, queue, cards) for cards in decks (from the deck/queue index alone)."""
    return conn.execute(
        "SELECT deck_id, queue, count(*) FROM card_state WHERE profile_id=? AND deck_id IS NOT NULL"
        " GROUP BY deck_id, queue",
        (profile_id,),
    ).fetchall()


def deck_info(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """deck id -> (title, topic) for decks that still have a file."""
    return {
        r[0]: (r[1] or r[0], r[2] or r[1] or r[0])
        for r in conn.execute("SELECT id, title, topic FROM decks WHERE path IS NOT NULL")
    }


# -- report -------------------------------------------------------------------------------------
REPORT_COLS = {"profile_id", "card_id", "time", "rating", "duration_ms", "state_before", "mode"}


def _covering_card_index(conn: sqlite3.Connection) -> bool:
    """Whether review_log has an index on (profile_id, card_id, ...) holding every column the report reads."""
    for (name,) in conn.execute("SELECT name FROM pragma_index_list('review_log')"):
        cols = [r[0] for r in conn.execute("SELECT name FROM pragma_index_info(?) ORDER BY seqno", (name,))]
        if cols[:2] == ["profile_id", "card_id"] and set(cols) >= REPORT_COLS:
            return True
    return False


def report_reviews(conn: sqlite3.Connection, profile_id: int, since_ms: int) -> list[tuple]:
    """Per deck: answers, retention base, correct, ms studied, last answer (ms) since ``since_ms``.

    Reviews are summed per card first (one pass over the profile's log), then joined to the cards' decks. With a
    covering (profile_id, card_id, ...) index that pass is an ordered index scan; without one, reading the rows in
    time order (the table's own order) and sorting them beats reading every row at random through the
    (card_id, time) index, so ``+card_id`` keeps the planner off that index."""
    group = "r.card_id" if _covering_card_index(conn) else "+r.card_id"
    sql = (
        f"WITH per AS (SELECT r.card_id, count(*) n, sum({RET_COND}) b, sum({RET_COND} AND r.rating>1) ok,"
        f" total(r.duration_ms) ms, max(r.time) last FROM review_log r WHERE r.profile_id=? AND r.time>=?"
        f" GROUP BY {group})"
        " SELECT s.deck_id, sum(n), sum(b), sum(ok), sum(ms), max(last) FROM per"
        " JOIN card_state s ON s.profile_id=? AND s.card_id=per.card_id WHERE s.deck_id IS NOT NULL GROUP BY s.deck_id"
    )
    return conn.execute(sql, (profile_id, since_ms, profile_id)).fetchall()


def profile_rows(conn: sqlite3.Connection, names: Iterable[str] | None = None) -> list[tuple[int, str, str | None]]:
    """(id, name, stored fsrs_params JSON or None) for the given profiles (all when None)."""
    rows = conn.execute(
        "SELECT p.id, p.name, st.value FROM profiles p LEFT JOIN settings st"
        " ON st.profile_id=p.id AND st.scope='' AND st.key='fsrs_params' ORDER BY p.id"
    ).fetchall()
    if names is not None:
        wanted = set(names)
        rows = [r for r in rows if r[1] in wanted]
    return rows


def profile_names(db_path) -> list[str]:
    """Profile names in a database file, read without opening a Store (which needs an existing profile)."""
    conn = sqlite3.connect(db_path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM profiles ORDER BY id")]
    except sqlite3.Error:
        return []
    finally:
        conn.close()


def profile_summary(conn: sqlite3.Connection) -> list[dict]:
    """Every profile with its answers, cards seen and last answer (ISO, UTC)."""
    rows = conn.execute(
        "SELECT p.id, p.name, (SELECT count(*) FROM review_log r WHERE r.profile_id=p.id),"
        " (SELECT count(*) FROM card_state s WHERE s.profile_id=p.id AND s.last_review IS NOT NULL),"
        " (SELECT strftime('%Y-%m-%d %H:%M', max(r.time) / 1000, 'unixepoch') FROM review_log r"
        " WHERE r.profile_id=p.id) FROM profiles p ORDER BY p.id"
    ).fetchall()
    return [{"id": r[0], "name": r[1], "reviews": r[2], "seen": r[3], "last": r[4]} for r in rows]


def parse_params(value: str | None) -> tuple[float, ...] | None:
    if not value:
        return None
    try:
        data = json.loads(value)
    except ValueError:
        return None
    return tuple(float(x) for x in data) if isinstance(data, list) and len(data) == 21 else None


# -- review log CSV -----------------------------------------------------------------------------
def export_rows(conn: sqlite3.Connection, profile_id: int) -> Iterator[tuple[str, int, str, int]]:
    """The scheduling history as CSV rows (card_id, rating, ISO 8601 UTC time as Python writes it, duration ms)."""
    return conn.execute(
        "SELECT card_id, rating, strftime('%Y-%m-%dT%H:%M:%S', time / 1000, 'unixepoch')"
        " || CASE WHEN time % 1000 = 0 THEN '' ELSE printf('.%03d000', time % 1000) END || '+00:00',"
        " coalesce(duration_ms, 0)"
        f" FROM review_log WHERE profile_id=? AND {SCHED_MODES} ORDER BY time, id",
        (profile_id,),
    )


def insert_imported(
    conn: sqlite3.Connection, profile_id: int, rows: Sequence[tuple[str, int, int, int]]
) -> tuple[set[str], int]:
    """Insert (card_id, time_ms, rating, duration_ms) rows not already logged for this profile and card at that
    time (idempotent). Creates missing card_state rows (deck_id NULL for cards in no deck). Returns the card ids
    that got new rows and the number of rows added. Call inside a transaction.

    The rows go through a temporary table, so the duplicate check and the insert are two set-based statements."""
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS import_rows(card_id TEXT, time INTEGER, rating INTEGER, duration_ms INTEGER)"
    )
    conn.execute("DELETE FROM temp.import_rows")
    conn.executemany("INSERT INTO temp.import_rows VALUES (?,?,?,?)", rows)
    new = (
        " FROM temp.import_rows t WHERE NOT EXISTS"
        " (SELECT 1 FROM review_log r WHERE r.card_id=t.card_id AND r.time=t.time AND r.profile_id=?)"
    )
    touched = {r[0] for r in conn.execute("SELECT DISTINCT t.card_id" + new, (profile_id,))}
    added = conn.execute(
        "INSERT INTO review_log(profile_id, card_id, time, rating, duration_ms, mode, state_before)"
        " SELECT ?, t.card_id, t.time, t.rating, t.duration_ms, 'import', 0" + new + " ORDER BY t.time",
        (profile_id, profile_id),
    ).rowcount
    conn.execute("DELETE FROM temp.import_rows")
    if touched:
        conn.executemany(
            "INSERT OR IGNORE INTO card_state(profile_id, card_id, deck_id, level, note_id, due)"
            " SELECT ?, ?, c.deck_id, c.level, coalesce(c.note_id, ?), 0 FROM (SELECT 1)"
            " LEFT JOIN cards c ON c.id=?",
            [(profile_id, c, c, c) for c in touched],
        )
    return touched, added


def card_logs(conn: sqlite3.Connection, profile_id: int, card_ids: Sequence[str]) -> Iterator[tuple]:
    """(card_id, log id, time ms, rating) of the scheduling history of the given cards, by card then time.

    For many cards one sorted pass over the profile's log beats thousands of index lookups."""
    if len(card_ids) > 2000:
        wanted = set(card_ids)
        hint = "" if _covering_card_index(conn) else " NOT INDEXED"
        rows = conn.execute(
            f"SELECT card_id, id, time, rating FROM review_log{hint} WHERE profile_id=? AND {SCHED_MODES}"
            " ORDER BY card_id, time, id",
            (profile_id,),
        )
        yield from (r for r in rows if r[0] in wanted)
        return
    for i in range(0, len(card_ids), 500):
        part = list(card_ids[i : i + 500])
        q = ",".join("?" * len(part))
        yield from conn.execute(
            f"SELECT card_id, id, time, rating FROM review_log WHERE card_id IN ({q}) AND profile_id=?"
            f" AND {SCHED_MODES} ORDER BY card_id, time, id",
            [*part, profile_id],
        )


def card_meta(conn: sqlite3.Connection, profile_id: int, card_ids: Sequence[str]) -> dict[str, tuple]:
    """card id -> (deck_id, queue) for the given cards."""
    out: dict[str, tuple] = {}
    for i in range(0, len(card_ids), 500):
        part = list(card_ids[i : i + 500])
        q = ",".join("?" * len(part))
        for r in conn.execute(
            f"SELECT card_id, deck_id, queue FROM card_state WHERE profile_id=? AND card_id IN ({q})",
            [profile_id, *part],
        ):
            out[r[0]] = (r[1], r[2])
    return out


def write_replayed(conn: sqlite3.Connection, profile_id: int, states: Sequence[tuple], logs: Sequence[tuple]) -> None:
    """Store rebuilt card states (card_id, state, step, S, D, due, last_review, reps, lapses) and per-review
    (state_before, S, D, log id). Suspended and buried cards stay so. Call inside a transaction."""
    conn.executemany(
        "UPDATE card_state SET queue=CASE WHEN queue<0 THEN queue ELSE ? END, state=?, step=?, stability=?,"
        " difficulty=?, due=?, last_review=?, reps=?, lapses=? WHERE profile_id=? AND card_id=?",
        [(s[1], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], profile_id, s[0]) for s in states],
    )
    conn.executemany("UPDATE review_log SET state_before=?, stability=?, difficulty=? WHERE id=?", logs)


# -- optimisation -------------------------------------------------------------------------------
def sched_log(conn: sqlite3.Connection, profile_id: int) -> list[tuple[str, int, int]]:
    """(card_id, time ms, rating) of the whole scheduling history, by card then time (a sort beats walking the
    (card_id, time) index with a random row read per review, unless a covering index exists)."""
    hint = "" if _covering_card_index(conn) else " NOT INDEXED"
    return conn.execute(
        f"SELECT card_id, time, rating FROM review_log{hint} WHERE profile_id=? AND {SCHED_MODES}"
        " ORDER BY card_id, time, id",
        (profile_id,),
    ).fetchall()


def update_memory(conn: sqlite3.Connection, profile_id: int, rows: Sequence[tuple[float, float, str]]) -> None:
    """Set (stability, difficulty) of cards after new parameters. Call inside a transaction."""
    conn.executemany(
        "UPDATE card_state SET stability=?, difficulty=? WHERE profile_id=? AND card_id=? AND state<>0",
        [(s, d, profile_id, c) for s, d, c in rows],
    )
