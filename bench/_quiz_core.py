"""One quizapp benchmark run in its own process: first sync, resync, study-state build, counts and answers.

Usage: python bench/_quiz_core.py DECKS_DIR HOME_DIR --reviews M --answers K
Prints one JSON object. Peak RSS covers sync + study; the (untimed) history build is left out by
resetting the peak after it (Linux /proc/self/clear_refs).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gen import answer_ratings, plan_states, review_rows
from _util import emit, median, p95, peak_rss_mb, reset_peak_rss, rss_mb

# What a new process does to show the first card: import, open, re-check the deck files, first due card.
COLD_START = """
import time
t0 = time.perf_counter()
import sys, json
from pathlib import Path
from quizapp.collection import Config, open_synced
from quizapp.session import Session
t1 = time.perf_counter()
cfg = Config(data_dir=Path(sys.argv[1]), extra_decks=[Path(sys.argv[2])], bundled=False)
store, rep = open_synced(cfg)
t2 = time.perf_counter()
s = Session(store)
row = s.next_card()
c = s.content()
t3 = time.perf_counter()
sys.stdout.write(json.dumps({"card": row.card_id if row else None, "front": len(c["front"]) if c else 0,
    "changed": rep.changed, "import_ms": (t1 - t0) * 1e3, "open_sync_ms": (t2 - t1) * 1e3,
    "first_card_ms": (t3 - t2) * 1e3}) + "\\n")
sys.stdout.flush()
"""


def _children_cpu() -> float:
    t = os.times()
    return t.children_user + t.children_system


def _state_args(p, pid: int, card_id: str) -> tuple:
    return (p.queue, p.state, p.step, p.stability, p.difficulty, p.due, p.last_review, p.reps, p.lapses, pid, card_id)


def build_history(store, n_reviews: int, now: int) -> dict:
    """Bulk SQL: give ~29% of the cards a review/learning state and write n_reviews log rows."""
    conn, pid = store.conn, store.profile_id
    sql = "SELECT card_id FROM card_state WHERE profile_id=? ORDER BY deck_id, due"
    ids = [r[0] for r in conn.execute(sql, (pid,))]
    plans = plan_states(len(ids), n_reviews, now)
    with store.tx():
        conn.executemany(
            "UPDATE card_state SET queue=?, state=?, step=?, stability=?, difficulty=?, due=?, last_review=?,"
            " reps=?, lapses=? WHERE profile_id=? AND card_id=?",
            [_state_args(p, pid, ids[p.index]) for p in plans],
        )
        rows = (
            (
                pid,
                ids[i],
                t,
                rating,
                dur,
                sb,
                f"[{sb}, {sb}, null, {s}, {d}, {t // 1000 - 86400}, {t // 1000 - 172800}, 3, 0, []]",
                s,
                d,
            )
            for i, t, rating, dur, sb, s, d in review_rows(plans)
        )
        conn.executemany(
            "INSERT INTO review_log(profile_id, card_id, time, rating, duration_ms, mode, state_before, prev,"
            " stability, difficulty) VALUES (?,?,?,?,?,'review',?,?,?,?)",
            rows,
        )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"studied_cards": len(plans)}


STATE_COLS = "queue, state, step, stability, difficulty, due, last_review, reps, lapses"


def save_history(store, path: Path) -> None:
    """Keep the built history in a side DB so later runs copy it in SQL instead of rebuilding it."""
    conn = store.conn
    conn.execute("ATTACH ? AS h", (str(path),))
    with store.tx():
        conn.execute("CREATE TABLE h.review_log AS SELECT * FROM review_log")
        conn.execute(
            f"CREATE TABLE h.state AS SELECT card_id, {STATE_COLS} FROM card_state WHERE profile_id=? AND queue<>0",
            (store.profile_id,),
        )
    conn.execute("DETACH h")


def load_history(store, path: Path) -> dict:
    conn = store.conn
    conn.execute("ATTACH ? AS h", (str(path),))
    with store.tx():
        conn.execute("INSERT INTO review_log SELECT * FROM h.review_log")
        sets = ", ".join(f"{c}=s.{c}" for c in STATE_COLS.split(", "))
        conn.execute(
            f"UPDATE card_state SET {sets} FROM h.state AS s"
            " WHERE card_state.profile_id=? AND card_state.card_id=s.card_id",
            (store.profile_id,),
        )
        n = conn.execute("SELECT count(*) FROM h.state").fetchone()[0]
    conn.execute("DETACH h")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"studied_cards": n}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("decks")
    ap.add_argument("home")
    ap.add_argument("--reviews", type=int, required=True)
    ap.add_argument("--history", help="side DB with the built history (made on the first run, copied after)")
    ap.add_argument("--answers", type=int, default=2000)
    ap.add_argument("--resyncs", type=int, default=5)
    ap.add_argument("--counts", type=int, default=20)
    a = ap.parse_args()

    from quizapp.collection import Config, open_store
    from quizapp.days import day_bounds, utcnow
    from quizapp.session import Session
    from quizapp.store.study import deck_counts
    from quizapp.store.sync import sync_decks

    decks, home = Path(a.decks), Path(a.home)
    cfg = Config(data_dir=home, extra_decks=[decks], bundled=False)
    out: dict = {"rss_start_mb": rss_mb()}

    # first load into a fresh DB
    t0 = time.perf_counter()
    store = open_store(cfg)
    out["create_db_ms"] = (time.perf_counter() - t0) * 1e3
    from quizapp.store.sync_pool import worker_count

    files = sorted(decks.glob("*.md"))
    out["sync_reader_processes"] = worker_count(len(files), sum(f.stat().st_size for f in files))
    t0, c0, k0 = time.perf_counter(), time.process_time(), _children_cpu()
    rep = sync_decks(store, cfg.deck_dirs())
    out["sync_s"] = time.perf_counter() - t0
    out["sync_cpu_s"] = time.process_time() - c0 + _children_cpu() - k0  # with the reader processes'
    out["sync_workers_cpu_s"] = _children_cpu() - k0
    out["synced_cards"] = store.conn.execute("SELECT count(*) FROM cards").fetchone()[0]
    out["sync_errors"] = rep.errors[:5]
    out["sync_warnings"] = len(rep.warnings)

    resync = []
    for _ in range(a.resyncs):
        t0 = time.perf_counter()
        r2 = sync_decks(store, cfg.deck_dirs())
        resync.append((time.perf_counter() - t0) * 1e3)
        assert not r2.changed and not r2.parsed, "resync of unchanged files did work"
    out["resync_ms"] = median(resync)
    out["rss_after_sync_mb"] = rss_mb()
    out["peak_rss_sync_mb"] = peak_rss_mb()

    # untimed: a study history, written directly with bulk SQL
    now = int(time.time())
    t0 = time.perf_counter()
    hist = Path(a.history) if a.history else None
    if hist and hist.exists():
        out.update(load_history(store, hist))
    else:
        out.update(build_history(store, a.reviews, now))
        if hist:
            save_history(store, hist)
    out["build_s"] = time.perf_counter() - t0
    store.save_settings(store.settings().merged({"new_per_day": 9999, "reviews_per_day": 9999}))
    out["rss_reset"] = reset_peak_rss()

    # resync again with a 1M-row history (the cold start does this too)
    t0 = time.perf_counter()
    sync_decks(store, cfg.deck_dirs())
    out["resync_big_ms"] = (time.perf_counter() - t0) * 1e3

    # due counts for every deck
    st = store.settings()
    cms = []
    res = {}
    for _ in range(a.counts):
        t0 = time.perf_counter()
        nows = utcnow()
        _start, end = day_bounds(nows, st.day_start_hour)
        res = deck_counts(store.conn, store.profile_id, int(nows.timestamp()), end)
        cms.append((time.perf_counter() - t0) * 1e3)
    out["due_counts_ms"] = median(cms)
    out["counts_total"] = {k: sum(d[k] for d in res.values()) for k in ("new", "learning", "due")}
    out["counts_decks"] = len(res)

    # answer: grade + commit + next card + its content
    sess = Session(store)
    row = sess.next_card()
    sess.content()
    ratings = answer_ratings(a.answers)
    times = []
    served = {0: 0, 1: 0, 2: 0, 3: 0}
    pc = time.perf_counter
    c0 = time.process_time()
    for rating in ratings:
        served[sess.current.sched.state] += 1
        t0 = pc()
        sess.answer(rating, 4000)
        row = sess.next_card()
        sess.content()
        times.append((pc() - t0) * 1e3)
        if row is None:
            break
    out["answer_cpu_ms_mean"] = (time.process_time() - c0) * 1e3 / max(1, len(times))
    out["answers"] = len(times)
    out["answer_ms_median"] = median(times)
    out["answer_ms_p95"] = p95(times)
    out["served_states"] = served
    out["peak_rss_study_mb"] = peak_rss_mb()
    out["peak_rss_mb"] = max(out["peak_rss_sync_mb"], out["peak_rss_study_mb"])
    out["db_mb"] = cfg.db_file.stat().st_size / 2**20
    store.close()
    emit(out)


if __name__ == "__main__":
    main()
