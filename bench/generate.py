"""Generation benchmark: a ~1 MB document -> draft deck (read, extract, dedupe, write, self-check).

    python bench/generate.py [--size 1000000] [--runs 7]

Three documents of about --size bytes each:
  seeds_fresh_words  the seed articles repeated, every word of 4+ letters swapped for a made-up one per copy:
                     the seeds' shape and card density (~4.7 cards/KB) with nothing for dedupe to merge;
  seeds              the seed articles repeated with numbers changed per copy (mostly near-duplicates);
  synthetic          random words in dense seed-like structure (~9 cards/KB, twice the seeds' density):
                     a stress case, reported but not part of the target.
The first two need ../shared/seeds (else only synthetic runs, and is then the target). Each run is cold (the
generator's caches are cleared). Prints ONE JSON object: median and p95 wall seconds, median CPU seconds,
cards made, and whether the target documents' median meets 1 s. Wall times grow with other load on the machine
(load_avg_1min is reported); CPU time is the steadier figure.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _util import emit, median, p95, rnd

TARGET_S = 1.0
SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
SYLLABLES = "ka lo mi ne ro sa tu vi ze da fe go hi ju ki li mo nu pa qui re si to ul ve wa xi yo zu".split()  # noqa: SIM905
FILLER = "the of and a to in is that for with as by on are this from which its can be".split()  # noqa: SIM905


def seeds_doc(size: int) -> str | None:
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not files:
        return None
    texts = [f.read_text(encoding="utf-8") for f in files]
    parts: list[str] = []
    total, i = 0, 0
    while total < size:
        for t in texts:
            part = re.sub(r"\d+", lambda m, i=i: str(int(m.group(0)) + i), t)
            parts.append(part)
            total += len(part.encode())
        i += 1
    return "\n".join(parts)


def fresh_words_doc(size: int) -> str | None:
    """The seeds repeated, but in each copy every word of four letters or more is swapped for a new made-up
    word (the same word always becomes the same new word within a copy): the seeds' shape and density, with
    nothing for dedupe to merge."""
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not files:
        return None
    texts = [f.read_text(encoding="utf-8") for f in files]
    parts: list[str] = []
    total, i = 0, 0
    keep = {
        "Fundamentals",
        "Intermediate",
        "Academic",
        "References",
        "Reflection",
        "Meaning",
        "Step",
        "Three",
        "Four",
        "Five",
    }

    def swap(m: re.Match[str], i: int) -> str:
        w = m.group(0)
        if w in keep:
            return w
        rng = random.Random(f"{i}:{w.lower()}")
        new = "".join(rng.choice(SYLLABLES) for _ in range(max(2, len(w) // 3)))
        return new.capitalize() if w[0].isupper() else new

    while total < size:
        for t in texts:
            part = re.sub(r"[A-Za-z]{4,}", lambda m, i=i: swap(m, i), t)
            parts.append(part)
            total += len(part.encode())
        i += 1
    return "\n".join(parts)


def synthetic_doc(size: int, seed: int = 7) -> str:
    """Seed-shaped plain text with fresh vocabulary throughout."""
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))

    def term() -> str:
        return " ".join(word().capitalize() for _ in range(rng.randint(1, 3)))

    def sentence(terms: list[str]) -> str:
        ws = [rng.choice(FILLER) if rng.random() < 0.4 else word() for _ in range(rng.randint(10, 24))]
        if terms:
            ws.insert(rng.randint(0, len(ws)), rng.choice(terms).lower())
        return " ".join(ws).capitalize() + "."

    out: list[str] = []
    total = 0
    part = 0
    while total < size:
        part += 1
        chunk: list[str] = []
        for level in ("Fundamentals", "Intermediate", "Academic"):
            chunk += ["", level]
            for _ in range(3):
                terms = [term() for _ in range(6)]
                chunk += ["", f"{term()} of {term()} {part}"]
                chunk += [" ".join(sentence(terms) for _ in range(4)) for _ in range(3)]
                chunk.append(f"It ensures that the {terms[0].lower()} Meaning ∞ {terms[0]} is {sentence([])}")
                chunk += [f"- {t} ∞ {sentence(terms)}" for t in terms[1:4]]
                chunk += ["Name | Kind | Measure |", "---|---|---|"]
                chunk += [f"{t} | {word()} {word()} | {rng.randint(1, 99)}% |" for t in terms[2:6]]
                names = ["One", "Two", "Three", "Four"]
                chunk += [f"- Step {n} ∞ {term()} {sentence(terms)}" for n in names]
        chunk += ["References", "- Author A. A book. Publisher, 2020.", "Reflection", sentence([])]
        text = "\n".join(chunk)
        out.append(text)
        total += len(text.encode())
    return "\n".join(out)


def clear_caches() -> None:
    from quizapp.generate import definitions, sentences

    for f in (sentences.singular, sentences.term_key, definitions.split_glossary):
        f.cache_clear()


def run_once(text: str) -> tuple[float, dict]:
    from quizapp.generate.build import build
    from quizapp.generate.loader import parse_document

    clear_caches()
    c0, t0 = time.process_time(), time.perf_counter()
    doc = parse_document(text, "bench.txt", "text", "Bench document")
    result = build([doc], "bench")
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    result.report["cpu_s"] = cpu
    return wall, result.report


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=7)
    a = ap.parse_args()
    docs = {
        "seeds_fresh_words": fresh_words_doc(a.size),
        "seeds": seeds_doc(a.size),
        "synthetic": synthetic_doc(a.size),
    }
    out: dict = {"bench": "generate", "target_s": TARGET_S, "runs": a.runs}
    targets = [n for n in ("seeds_fresh_words", "seeds") if docs.get(n) is not None] or ["synthetic"]
    ok = True
    for name, text in docs.items():
        if text is None:
            out[name] = "skipped: ../shared/seeds is absent"
            continue
        run_once(text)  # warm imports
        times: list[float] = []
        cpu: list[float] = []
        report: dict = {}
        for _ in range(a.runs):
            t, report = run_once(text)
            times.append(t)
            cpu.append(report["cpu_s"])
        med = median(times)
        if name in targets:
            ok = ok and med <= TARGET_S
        out[name] = {
            "bytes": len(text.encode()),
            "median_s": rnd(med),
            "p95_s": rnd(p95(times)),
            "cpu_median_s": rnd(median(cpu)),
            "cards": report["cards"]["total"],
            "notes": report["cards"]["notes"],
            "by_type": report["cards"]["by_type"],
            "well_formed_share": report["well_formed"]["share"],
            "check_errors": report["check"]["errors"],
            "within_target": med <= TARGET_S,
        }
    out["target_documents"] = targets
    out["meets_target"] = ok
    out["load_avg_1min"] = rnd(os.getloadavg()[0], 2)  # other work on the machine inflates wall times
    emit(out)


if __name__ == "__main__":
    main()
