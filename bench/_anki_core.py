"""One run of the same operations with Anki's own engine (the `anki` package, Rust backend, FSRS on).

Usage: python bench/_anki_core.py N_CARDS WORK_DIR --reviews M --answers K
Prints one JSON object. Mapping to the quizapp figures:
  sync      -> build the same notes and add them in batches of 10k with col.add_notes (Anki has no deck files)
  resync    -> reopen the collection (Collection(path) after close)
  counts    -> col.sched.deck_due_tree()
  answer    -> build_answer + answer_card, then get_queued_cards for the next card and card.note() (raw content)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import itertools

from _gen import N_DECKS, answer_ratings, iter_notes, plan_states, review_rows
from _util import emit, median, p95, peak_rss_mb, reset_peak_rss, rss_mb

BATCH = 10_000

COLD_START = """
import time
t0 = time.perf_counter()
import sys, json
import anki.collection
from anki.collection import Collection
from anki.cards import Card
t1 = time.perf_counter()
col = Collection(sys.argv[1])
t2 = time.perf_counter()
q = col.sched.get_queued_cards()
card = Card(col)
card._load_from_backend_card(q.cards[0].card)
fields = card.note().fields
t3 = time.perf_counter()
sys.stdout.write(json.dumps({"card": card.id, "front": len(fields[0]), "import_ms": (t1 - t0) * 1e3,
    "open_sync_ms": (t2 - t1) * 1e3, "first_card_ms": (t3 - t2) * 1e3}) + "\\n")
sys.stdout.flush()
"""


def _import_anki():
    """anki.collection must be imported before anki.cards (else a circular import fails)."""
    import importlib

    col = importlib.import_module("anki.collection")
    cards = importlib.import_module("anki.cards")
    return col, cards


def available() -> str | None:
    """None if anki imports, else the reason it cannot be used."""
    try:
        _import_anki()
    except Exception as e:  # pragma: no cover - depends on the machine
        return f"anki cannot be imported: {type(e).__name__}: {e}"
    return None


def _fields(n) -> tuple[str, list[str]]:
    """(notetype name, fields) for a generated note."""
    extra = "<br>".join(x for x in (n.why, n.source) if x)
    if n.type == "cloze":
        parts = []
        for k, (b, a, h) in enumerate(n.c, 1):
            parts.append(f"{b} {{{{c{k}::{a}::{h}}}}}" if h else f"{b} {{{{c{k}::{a}}}}}")
        return "Cloze", [" ".join(parts) + " " + n.c_tail, extra]
    front = n.q
    back = n.a
    if n.type == "choice":
        front += "<br>" + "<br>".join(f"- {t}" for t, _ in n.options)
        back = "<br>".join(t for t, ok in n.options if ok)
    elif n.type == "order":
        back = "<br>".join(f"{i}. {s}" for i, s in enumerate(n.steps, 1))
    if extra:
        back += "<br><br>" + extra
    name = {"reversed": "Basic (and reversed card)", "typed": "Basic (type in the answer)"}.get(n.type, "Basic")
    return name, [front, back]


def build_history(path: str, today: int, day_start: int, n_reviews: int, now: int) -> dict:
    """Bulk SQL on the closed collection file (plain sqlite3, one transaction): the same card states and
    review-log rows as the quizapp run. (Anki's own col.db.executemany commits row by row: minutes.)"""
    import sqlite3

    conn = sqlite3.connect(path, isolation_level=None)
    ids = [r[0] for r in conn.execute("SELECT id FROM cards ORDER BY id")]
    plans = plan_states(len(ids), n_reviews, now)
    rows = []
    for p in plans:
        data = json.dumps(
            {"s": round(p.stability, 4), "d": round(p.difficulty, 3), "dr": 0.9, "decay": 0.1542, "lrt": p.last_review}
        )
        ivl = max(1, round((p.due - p.last_review) / 86400))
        if p.state == 2:
            due = today + (p.due - day_start) // 86400
            rows.append((2, p.queue, due, ivl, 2500, p.reps, p.lapses, 0, data, ids[p.index]))
        else:
            rows.append((p.state, 1, p.due, ivl if p.state == 3 else 0, 2500, p.reps, p.lapses, 1, data, ids[p.index]))
    conn.execute("BEGIN")
    conn.executemany(
        "UPDATE cards SET type=?, queue=?, due=?, ivl=?, factor=?, reps=?, lapses=?, left=?, data=? WHERE id=?", rows
    )
    sql = (
        "INSERT OR IGNORE INTO revlog(id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
        " VALUES (?,?,-1,?,?,?,2500,?,?)"
    )

    def revlog():
        for i, t, rating, dur, sb, s, _d in review_rows(plans):
            ivl = max(1, round(s))
            yield (t, ids[i], rating, ivl, max(1, ivl // 2), dur, 0 if sb == 0 else 1)

    conn.executemany(sql, revlog())
    missing = n_reviews - conn.execute("SELECT count(*) FROM revlog").fetchone()[0]
    if missing > 0:  # a few ms-timestamp ids collided: add that many more rows
        top = conn.execute("SELECT max(id) FROM revlog").fetchone()[0]
        conn.executemany(sql, [(top + k + 1, ids[plans[k].index], 3, 1, 1, 5000, 1) for k in range(missing)])
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return {"studied_cards": len(plans)}


CARD_COLS = "type, queue, due, ivl, factor, reps, lapses, left, data"


def _ranked(conn) -> None:
    conn.execute("CREATE TEMP TABLE ranked(id INTEGER PRIMARY KEY, rank INTEGER UNIQUE)")
    conn.execute("INSERT INTO ranked SELECT id, row_number() OVER (ORDER BY id) - 1 FROM cards")


def save_history(path: str, hist: Path) -> None:
    """Keep the built history in a side DB (cards by creation rank: ids differ per run)."""
    import sqlite3

    conn = sqlite3.connect(path, isolation_level=None)
    _ranked(conn)
    conn.execute("ATTACH ? AS h", (str(hist),))
    conn.execute("BEGIN")
    conn.execute(
        f"CREATE TABLE h.state AS SELECT r.rank, {CARD_COLS} FROM cards c JOIN ranked r ON r.id=c.id WHERE c.queue<>0"
    )
    conn.execute(
        "CREATE TABLE h.revlog AS SELECT v.id, r.rank, v.usn, v.ease, v.ivl, v.lastIvl, v.factor, v.time, v.type"
        " FROM revlog v JOIN ranked r ON r.id=v.cid"
    )
    conn.execute("COMMIT")
    conn.close()


def load_history(path: str, hist: Path) -> dict:
    import sqlite3

    conn = sqlite3.connect(path, isolation_level=None)
    _ranked(conn)
    conn.execute("ATTACH ? AS h", (str(hist),))
    conn.execute("BEGIN")
    conn.execute(
        f"CREATE TEMP TABLE st(id INTEGER PRIMARY KEY, {CARD_COLS})",
    )
    conn.execute(f"INSERT INTO st SELECT r.id, {CARD_COLS} FROM h.state s JOIN ranked r ON r.rank=s.rank")
    sets = ", ".join(f"{c}=st.{c}" for c in CARD_COLS.split(", "))
    conn.execute(f"UPDATE cards SET {sets} FROM st WHERE cards.id=st.id")
    conn.execute(
        "INSERT INTO revlog(id, cid, usn, ease, ivl, lastIvl, factor, time, type) SELECT v.id, r.id, v.usn, v.ease,"
        " v.ivl, v.lastIvl, v.factor, v.time, v.type FROM h.revlog v JOIN ranked r ON r.rank=v.rank ORDER BY v.id"
    )
    n = conn.execute("SELECT count(*) FROM h.state").fetchone()[0]
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return {"studied_cards": n}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("cards", type=int)
    ap.add_argument("work")
    ap.add_argument("--reviews", type=int, required=True)
    ap.add_argument("--history", help="side DB with the built history (made on the first run, copied after)")
    ap.add_argument("--answers", type=int, default=2000)
    ap.add_argument("--reopens", type=int, default=5)
    ap.add_argument("--counts", type=int, default=20)
    a = ap.parse_args()

    acol, acards = _import_anki()
    Card, AddNoteRequest, Collection = acards.Card, acol.AddNoteRequest, acol.Collection

    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    path = str(work / "collection.anki2")
    out: dict = {"rss_start_mb": rss_mb()}

    col = Collection(path)
    col.set_config("fsrs", True)
    conf = col.decks.get_config(1)
    conf["new"]["perDay"] = 9999
    conf["rev"]["perDay"] = 9999
    col.decks.update_config(conf)
    dids = [col.decks.id(f"bench::d{i:02d}") for i in range(N_DECKS)]
    col.decks.select(col.decks.id("bench"))
    models = {m.name: col.models.get(m.id) for m in col.models.all_names_and_ids()}

    # first load: build and add the notes in batches
    t0, c0 = time.perf_counter(), time.process_time()
    add_s = 0.0
    notes = iter_notes(a.cards)
    while batch := list(itertools.islice(notes, BATCH)):
        reqs = []
        for n in batch:
            name, fields = _fields(n)
            note = col.new_note(models[name])
            note.fields = fields
            note.tags = list(n.tags)
            reqs.append(AddNoteRequest(note, dids[n.deck]))
        t1 = time.perf_counter()
        col.add_notes(reqs)
        add_s += time.perf_counter() - t1
    out["sync_s"] = time.perf_counter() - t0
    out["sync_cpu_s"] = time.process_time() - c0
    out["add_notes_s"] = add_s
    out["synced_cards"] = col.card_count()

    reopen = []
    for _ in range(a.reopens):
        col.close()
        t0 = time.perf_counter()
        col = Collection(path)
        reopen.append((time.perf_counter() - t0) * 1e3)
    out["resync_ms"] = median(reopen)
    out["rss_after_sync_mb"] = rss_mb()
    out["peak_rss_sync_mb"] = peak_rss_mb()

    now = int(time.time())
    t0 = time.perf_counter()
    today, day_start = col.sched.today, col.sched.day_cutoff - 86400
    col.close()
    hist = Path(a.history) if a.history else None
    if hist and hist.exists():
        out.update(load_history(path, hist))
    else:
        out.update(build_history(path, today, day_start, a.reviews, now))
        if hist:
            save_history(path, hist)
    col = Collection(path)
    out["build_s"] = time.perf_counter() - t0
    out["n_reviews"] = col.db.scalar("SELECT count(*) FROM revlog")
    out["rss_reset"] = reset_peak_rss()

    cms = []
    tree = None
    for _ in range(a.counts):
        t0 = time.perf_counter()
        tree = col.sched.deck_due_tree()
        cms.append((time.perf_counter() - t0) * 1e3)
    out["due_counts_ms"] = median(cms)
    out["counts_total"] = {"new": tree.new_count, "learning": tree.learn_count, "due": tree.review_count}

    ratings = answer_ratings(a.answers)
    q = col.sched.get_queued_cards()
    qc = q.cards[0]
    card = Card(col)
    card._load_from_backend_card(qc.card)
    card.start_timer()
    card.note()
    times = []
    pc = time.perf_counter
    c0 = time.process_time()
    for rating in ratings:
        t0 = pc()
        ans = col.sched.build_answer(card=card, states=qc.states, rating=rating - 1)  # AGAIN is 0
        col.sched.answer_card(ans)
        q = col.sched.get_queued_cards()
        if not q.cards:
            break
        qc = q.cards[0]
        card = Card(col)
        card._load_from_backend_card(qc.card)
        card.start_timer()
        card.note()
        times.append((pc() - t0) * 1e3)
    out["answer_cpu_ms_mean"] = (time.process_time() - c0) * 1e3 / max(1, len(times))
    out["answers"] = len(times)
    out["answer_ms_median"] = median(times)
    out["answer_ms_p95"] = p95(times)
    out["peak_rss_study_mb"] = peak_rss_mb()
    out["peak_rss_mb"] = max(out["peak_rss_sync_mb"], out["peak_rss_study_mb"])
    col.close()
    out["db_mb"] = Path(path).stat().st_size / 2**20
    emit(out)


if __name__ == "__main__":
    main()
