"""TUI benchmark: first card painted by a fresh process, and keypress-to-next-card latency, at 100k cards.

    python bench/tui.py [--cards 100000] [--reviews 1000000] [--runs 5] [--answers 500]

Builds N cards (every type) in 20 deck files in a temp dir, syncs them once and gives the profile a study
history like bench/core.py's (about 29% of cards studied, M review-log rows, thousands of reviews due; daily
review limit 9999, new cards 20). Then:
- first_card_painted_ms: wall time from spawning ``python bench/tui.py --child ...`` (the real app, headless,
  opening straight into a review of all decks) until the first card is rendered: the child prints
  time.time() from the app's paint hook. Median (and p95) of --runs spawns after one warm-up.
- keypress_to_next_card_ms: in one headless app (Textual's run_test), for --answers cards: reveal the answer,
  then time from pressing '3' (Good) until the next card has been rendered. Median and p95.
Prints ONE JSON object.
"""

from __future__ import annotations

import sys


def child(home: str, decks: str) -> None:
    """The measured process: the real app; print time.time() once the first card is on screen, then exit."""
    import time
    from pathlib import Path

    from quizapp.collection import Config
    from quizapp.tui.app import make_app

    def painted(_card_id: str) -> None:
        sys.stdout.write(f"{time.time()}\n")
        sys.stdout.flush()
        app.exit()

    cfg = Config(data_dir=Path(home), extra_decks=[Path(decks)], bundled=False)
    app = make_app(cfg, study_on_start=True, paint_hook=painted)
    app.call_later(lambda: app.set_timer(60, lambda: app.exit(return_code=1)))  # never hang the benchmark
    app.run(headless=True, size=(100, 30))


if __name__ == "__main__" and len(sys.argv) == 4 and sys.argv[1] == "--child":
    child(sys.argv[2], sys.argv[3])
    sys.exit(0)

import argparse  # noqa: E402
import asyncio  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gen import make_notes, write_decks  # noqa: E402
from _quiz_core import build_history  # noqa: E402
from _util import child_env, emit, median, p95, rnd  # noqa: E402

TARGETS = {"first_card_painted_ms": 400, "keypress_to_next_card_ms_median": 16, "keypress_to_next_card_ms_p95": 33}


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def build(root: Path, n_cards: int, n_reviews: int) -> tuple[Path, Path]:
    """Deck files, a synced store and a study history (as bench/core.py builds it): thousands of reviews due."""
    from dataclasses import replace

    from quizapp.store.db import Store
    from quizapp.store.sync import sync_decks

    decks, home = root / "decks", root / "home"
    write_decks(make_notes(n_cards), decks)
    store = Store(home / "quizapp.db")
    t0 = time.perf_counter()
    report = sync_decks(store, [decks])
    log(f"synced {n_cards} cards in {time.perf_counter() - t0:.1f} s ({len(report.errors)} errors)")
    hist = build_history(store, n_reviews, int(time.time()))
    due = store.conn.execute("SELECT count(*) FROM card_state WHERE queue=2 AND due<=?", (int(time.time()),))
    log(f"history: {hist['studied_cards']} cards studied, {n_reviews} reviews, {due.fetchone()[0]} due now")
    # Anki's largest daily limit, as heavy users set it: every due review is offered today.
    store.save_settings(replace(store.settings(), reviews_per_day=9999))
    store.meta_set("notice_seen", "1")
    store.close()
    return home, decks


def first_paint(home: Path, decks: Path) -> float:
    t0 = time.time()
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", str(home), str(decks)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
    )
    line = proc.stdout.readline() if proc.stdout else ""
    _out, err = proc.communicate(timeout=120)
    if not line.strip():
        raise RuntimeError(f"the app did not paint a card ({proc.returncode}):\n{err[-4000:]}")
    return (float(line) - t0) * 1000


async def keypresses(home: Path, decks: Path, n: int) -> list[float]:
    from quizapp.collection import Config
    from quizapp.tui.app import make_app

    painted: list[float] = []
    app = make_app(
        Config(data_dir=home, extra_decks=[decks], bundled=False),
        study_on_start=True,
        paint_hook=lambda _cid: painted.append(time.perf_counter()),
    )
    out: list[float] = []
    async with app.run_test(size=(100, 30)) as pilot:
        while not painted:
            await asyncio.sleep(0.01)
        for _ in range(n):
            await pilot.press("enter")  # reveal / check (an empty typed answer or no choice counts as wrong)
            await pilot.pause()
            painted.clear()
            t0 = time.perf_counter()
            await pilot.press("3")
            while not painted:
                await asyncio.sleep(0.0002)
            out.append((painted[0] - t0) * 1000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cards", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--answers", type=int, default=500)
    ap.add_argument("--reviews", type=int, default=1_000_000, help="review-log rows in the built history")
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="quizapp-bench-tui-"))
    try:
        home, decks = build(root, args.cards, args.reviews)
        first_paint(home, decks)  # warm-up: page cache, bytecode
        paints = [first_paint(home, decks) for _ in range(args.runs)]
        log(f"first paint: {[round(x) for x in paints]}")
        lat = asyncio.run(keypresses(home, decks, args.answers))
        fig = {
            "first_card_painted_ms": rnd(median(paints), 1),
            "first_card_painted_ms_p95": rnd(p95(paints), 1),
            "keypress_to_next_card_ms_median": rnd(median(lat), 2),
            "keypress_to_next_card_ms_p95": rnd(p95(lat), 2),
        }
        emit(
            {
                "bench": "tui",
                "cards": args.cards,
                "runs": args.runs,
                "answers": args.answers,
                "reviews": args.reviews,
                **fig,
                "targets": TARGETS,
                "met": {k: fig[k] <= t for k, t in TARGETS.items()},
            }
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
