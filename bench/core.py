"""Core benchmark: deck sync, cold start, answers, due counts and memory, optionally against Anki's engine.

    python bench/core.py --cards 100000 --reviews 1000000 [--runs 5] [--vs-anki]
    python bench/core.py --quick [--vs-anki]

Builds N cards in 20 deck files and an M-row review history in a temp dir, and prints ONE JSON object
with medians over runs (p95 where stated). Each run uses a fresh database; every run's measured work
happens in a worker subprocess (bench/_quiz_core.py, bench/_anki_core.py) so its peak RSS is its own.
With --vs-anki the same operations run with Anki's engine in the same run, and ratio_* = quizapp cost /
Anki cost, taken per run then the median (<= 1 means quizapp is at least as fast/lean).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _anki_core
import _quiz_core
from _gen import N_DECKS, make_notes, write_decks
from _util import child_env, emit, median, rnd, run_worker, timed_child

PHASES = ("import_ms", "open_sync_ms", "first_card_ms")
# figure -> (target, "min" if higher is better else "max")
TARGETS = {
    "sync_cards_per_s": (60_000, "min"),
    "resync_unchanged_ms": (50, "max"),
    "cold_start_first_card_ms": (150, "max"),
    "answer_ms_median": (0.10, "max"),
    "answer_ms_p95": (0.25, "max"),
    "due_counts_ms": (15, "max"),
    "peak_rss_mb": (120, "max"),
}


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def cold_starts(code: str, args: list[str], n: int) -> tuple[float, dict]:
    """One warm-up spawn, then the median wall ms of ``n`` spawns, and the last child's own breakdown."""
    env = child_env()
    timed_child(code, args, env)
    walls, rep = [], {}
    for _ in range(n):
        ms, rep = timed_child(code, args, env)
        walls.append(ms)
    return median(walls), rep


def figures(w: dict, cold_ms: float, n_cards: int) -> dict:
    return {
        "sync_cards_per_s": n_cards / w["sync_s"],
        "resync_unchanged_ms": w["resync_ms"],
        "cold_start_first_card_ms": cold_ms,
        "answer_ms_median": w["answer_ms_median"],
        "answer_ms_p95": w["answer_ms_p95"],
        "due_counts_ms": w["due_counts_ms"],
        "peak_rss_mb": w["peak_rss_mb"],
    }


def cost_ratio(key: str, q: float, a: float) -> float:
    """quizapp cost / Anki cost (for a rate, the inverse of the rates)."""
    if key == "sync_cards_per_s":
        return a / q
    return q / a if a else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cards", type=int, default=100_000)
    ap.add_argument("--reviews", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--answers", type=int, default=2000)
    ap.add_argument("--cold", type=int, default=3, help="timed cold starts per run (after one warm-up)")
    ap.add_argument("--vs-anki", action="store_true")
    ap.add_argument("--quick", action="store_true", help="small run: 5000 cards, 20000 reviews, 2 runs")
    ap.add_argument("--keep", action="store_true", help="keep the temp dir (its path goes to stderr)")
    a = ap.parse_args()
    if a.quick:
        a.cards, a.reviews, a.runs, a.answers = 5000, 20_000, 2, 500
    if a.cards < N_DECKS or a.reviews < 0 or a.runs < 1:
        ap.error("need --cards >= 20, --reviews >= 0 and --runs >= 1")

    anki_skip = _anki_core.available() if a.vs_anki else None
    use_anki = a.vs_anki and anki_skip is None
    load_start = os.getloadavg()[0]
    tmp = Path(tempfile.mkdtemp(prefix="quizapp-bench-"))
    t_all = time.perf_counter()
    try:
        log(f"writing {a.cards} cards in {N_DECKS} deck files under {tmp}")
        decks = tmp / "decks"
        write_decks(make_notes(a.cards), decks)
        deck_mb = sum(p.stat().st_size for p in decks.iterdir()) / 2**20
        qruns, aruns = [], []
        common = ["--reviews", str(a.reviews), "--answers", str(a.answers)]
        for r in range(a.runs):
            home = tmp / f"q{r}"
            log(f"run {r + 1}/{a.runs}: quizapp")
            w = run_worker(
                "_quiz_core.py",
                [str(decks), str(home), *common, "--history", str(tmp / "q-history.db")],
            )
            w["cold_ms"], w["cold_child"] = cold_starts(_quiz_core.COLD_START, [str(home), str(decks)], a.cold)
            qruns.append(w)
            shutil.rmtree(home, ignore_errors=True)
            if use_anki:
                work = tmp / f"a{r}"
                log(f"run {r + 1}/{a.runs}: anki")
                w = run_worker(
                    "_anki_core.py",
                    [str(a.cards), str(work), *common, "--history", str(tmp / "a-history.db")],
                )
                col_path = str(work / "collection.anki2")
                w["cold_ms"], w["cold_child"] = cold_starts(_anki_core.COLD_START, [col_path], a.cold)
                aruns.append(w)
                shutil.rmtree(work, ignore_errors=True)
    finally:
        if a.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    qfig = [figures(w, w["cold_ms"], a.cards) for w in qruns]
    out: dict = {
        "bench": "core",
        "n_cards": a.cards,
        "n_reviews": a.reviews,
        "n_decks": N_DECKS,
        "runs": a.runs,
        "answers_per_run": a.answers,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "machine": {
            "cpus": os.cpu_count(),
            "loadavg_1m_start_end": [rnd(load_start, 2), rnd(os.getloadavg()[0], 2)],
            "platform": platform.platform(),
        },
    }
    for key in TARGETS:
        out[key] = rnd(median([f[key] for f in qfig]), 4 if key.startswith("answer") else 1)
    out["targets"] = {}
    for key, (target, kind) in TARGETS.items():
        v = out[key]
        ok = v >= target if kind == "min" else v <= target
        out["targets"][key] = {"target": f"{'>=' if kind == 'min' else '<='} {target}", "value": v, "pass": ok}
    out["all_pass"] = all(t["pass"] for t in out["targets"].values())
    out["detail"] = {
        "deck_files_mb": rnd(deck_mb, 1),
        "synced_cards": qruns[0]["synced_cards"],
        "sync_warnings": qruns[0]["sync_warnings"],
        "sync_errors": qruns[0]["sync_errors"],
        "sync_reader_processes": qruns[0]["sync_reader_processes"],  # 0: parsed in the syncing process
        "create_db_ms": rnd(median([w["create_db_ms"] for w in qruns]), 1),
        "resync_with_history_ms": rnd(median([w["resync_big_ms"] for w in qruns]), 2),
        "cold_start_child_ms": {k: rnd(median([w["cold_child"][k] for w in qruns]), 1) for k in PHASES},
        "peak_rss_sync_mb": rnd(median([w["peak_rss_sync_mb"] for w in qruns]), 1),
        "peak_rss_study_mb": rnd(median([w["peak_rss_study_mb"] for w in qruns]), 1),
        "peak_rss_reset_ok": all(w["rss_reset"] for w in qruns),
        "counts_total": qruns[0]["counts_total"],
        "answers_served_by_state": qruns[0]["served_states"],
        "history_build_s": rnd(median([w["build_s"] for w in qruns]), 1),
        "cpu_time": {  # process CPU time: less sensitive than wall time to other load on a shared machine
            "sync_cards_per_cpu_s": rnd(median([a.cards / w["sync_cpu_s"] for w in qruns]), 0),
            "answer_cpu_ms_mean": rnd(median([w["answer_cpu_ms_mean"] for w in qruns]), 4),
        },
        "db_mb": rnd(median([w["db_mb"] for w in qruns]), 1),
    }
    if a.vs_anki:
        if not use_anki:
            out["anki"] = {"skipped": anki_skip}
        else:
            import anki.buildinfo

            afig = [figures(w, w["cold_ms"], a.cards) for w in aruns]
            out["anki"] = {
                "version": anki.buildinfo.version,
                "mapping": {
                    "sync_cards_per_s": "build the same notes + col.add_notes in batches of 10k (no files to parse)",
                    "resync_unchanged_ms": "reopen the collection: Collection(path)",
                    "cold_start_first_card_ms": "new process: import anki, open, get_queued_cards, card.note()",
                    "answer_ms": "build_answer + answer_card + get_queued_cards + card.note()",
                    "due_counts_ms": "col.sched.deck_due_tree()",
                    "peak_rss_mb": "add notes + study in one process",
                },
                "counts_total": aruns[0]["counts_total"],
                "n_reviews": aruns[0]["n_reviews"],
                "cold_start_child_ms": {k: rnd(median([w["cold_child"][k] for w in aruns]), 1) for k in PHASES},
                "add_notes_only_cards_per_s": rnd(median([a.cards / w["add_notes_s"] for w in aruns]), 0),
                "cpu_time": {
                    "sync_cards_per_cpu_s": rnd(median([a.cards / w["sync_cpu_s"] for w in aruns]), 0),
                    "answer_cpu_ms_mean": rnd(median([w["answer_cpu_ms_mean"] for w in aruns]), 4),
                },
            }
            for key in TARGETS:
                out[f"anki_{key}"] = rnd(median([f[key] for f in afig]), 4 if key.startswith("answer") else 1)
            for key in TARGETS:
                out[f"ratio_{key}"] = rnd(median([cost_ratio(key, q[key], an[key]) for q, an in zip(qfig, afig)]), 3)
            out["ratio_note"] = "quizapp cost / Anki cost per run, median over runs; <= 1: quizapp as good or better"
    out["seconds"] = rnd(time.perf_counter() - t_all, 1)
    emit(out)


if __name__ == "__main__":
    main()
