"""Quiz benchmark: building a 20-question quiz (load the pool, classify answers, draw distractors) and typed checks.

    python bench/quiz.py [--cards 10000] [--runs 5]

Uses the shipped decks and a synthetic collection of --cards cards (drugs, cells, cytokines, figures and
sentences, in 10 decks over 5 topics), synced into a temp data dir. Prints ONE JSON object: medians and p95.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _util import emit, median, p95, rnd

SUFFIXES = ("zole", "mab", "dronate", "stane", "tide", "cyte", "blast", "clast")
SYLLABLES = ("ra", "lo", "te", "mi", "na", "do", "ve", "ki", "su", "pa", "ro", "xe")
TOPICS = ("Bone biology", "Drugs", "Evidence", "Risk", "Symptoms")


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()


def deck_text(i: int, n: int, rng: random.Random) -> str:
    out = [f'+++\nid = "d{i}"\ntitle = "Deck {i}"\ntopic = "{TOPICS[i % len(TOPICS)]}"\nlevel = "intermediate"\n+++']
    for j in range(n):
        kind = j % 5
        if kind in (0, 1):
            name = word(rng) + rng.choice(SUFFIXES)
            out.append(f"Type: typed\nQ: Which one is number {i}-{j}?\nA: {name}")
        elif kind == 2:
            out.append(f"Q: Which cytokine is {i}-{j}?\nA: IL-{rng.randint(1, 40)}")
        elif kind == 3:
            out.append(f"C: Trial {i}-{j} reported {{{{-{rng.randint(1, 9)}.{rng.randint(0, 9)}%}}}} at the spine.")
        else:
            words = " ".join(word(rng).lower() for _ in range(rng.randint(6, 12)))
            out.append(f"Q: Why does thing {i}-{j} happen?\nA: Because {words}.")
    return "\n---\n".join(out) + "\n"


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1e3)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cards", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()

    from quizapp.quiz.load import make_quiz
    from quizapp.quiz.match import check_typed
    from quizapp.quiz.spec import QuizSpec
    from quizapp.store.db import Store
    from quizapp.store.sync import sync_decks

    rng = random.Random(1)
    tmp = Path(tempfile.mkdtemp(prefix="quizapp-quiz-bench-"))
    synth = tmp / "decks"
    synth.mkdir()
    for i in range(10):
        (synth / f"d{i}.md").write_text(deck_text(i, a.cards // 10, rng), encoding="utf-8")
    shipped = Path(__file__).resolve().parent.parent / "decks"

    result: dict = {"cards": a.cards, "runs": a.runs}
    for name, folder in (("shipped", shipped), ("synthetic", synth)):
        store = Store(tmp / name / "quizapp.db")
        sync_decks(store, [folder])
        n_cards = store.conn.execute("SELECT count(*) FROM cards").fetchone()[0]
        seeds = iter(range(10_000))
        sizes: list[int] = []

        def build(store=store, seeds=seeds, sizes=sizes) -> None:
            questions, _ = make_quiz(store, QuizSpec(n=20, seed=next(seeds)))
            sizes.append(len(questions))

        build()  # warm the lexicon and caches once
        ms = timed(build, a.runs)
        one_deck = store.decks()[0]["id"]
        ms_deck = timed(lambda store=store, d=one_deck: make_quiz(store, QuizSpec(n=20, seed=1, deck_ids=(d,))), a.runs)
        result[name] = {
            "cards": n_cards,
            "questions": min(sizes),
            "build_all_decks_ms": rnd(median(ms), 1),
            "build_all_decks_p95_ms": rnd(p95(ms), 1),
            "build_one_deck_ms": rnd(median(ms_deck), 1),
            "build_one_deck_p95_ms": rnd(p95(ms_deck), 1),
        }
        store.close()

    pairs = [("anastrazole", ["Anastrozole"]), ("osteoclast", ["Osteoblasts"]), ("tnf alpha", ["TNF-α"])] * 200
    per = []
    for _ in range(a.runs):
        t0 = time.perf_counter()
        for g, ans in pairs:
            check_typed(g, ans)
        per.append((time.perf_counter() - t0) / len(pairs) * 1e6)
    result["check_typed_us"] = rnd(median(per), 1)
    result["check_typed_p95_us"] = rnd(p95(per), 1)
    emit(result)


if __name__ == "__main__":
    main()
