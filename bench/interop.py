"""Benchmark Anki interop: import a 10,000-note .apkg and export 10,000 cards (.apkg and CSV).

Usage: python bench/interop.py [--notes 10000] [--runs 5]
Prints one JSON object (milliseconds; medians and p95 over runs). Reference (GUIDE.md): Anki imports a
10k-note package in about 96 ms; genanki writes one in about 164 ms. With the `anki` package installed the
Anki and genanki figures are measured here too, on the same packages.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _gen import make_notes, write_decks
from _util import emit, median, p95, rnd

WORDS = ("bone", "estrogen", "osteoclast", "osteoblast", "RANKL", "denosumab", "aromatase", "cytokine", "marrow")


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def make_package(path: Path, n_notes: int, seed: int = 7) -> None:
    """A genanki package shaped like a real deck: HTML basic notes, clozes, reversed and typed notes, 10 subdecks."""
    import genanki

    rng = random.Random(seed)
    decks = [genanki.Deck(1_500_000_000 + i, f"Bench::Part {i}") for i in range(10)]
    for i in range(n_notes):
        deck = decks[i % len(decks)]
        kind = rng.random()
        guid = f"bench{i:06d}"
        tags = [f"t{i % 7}", "bench"]
        if kind < 0.6:
            front = f"What does <b>{_words(rng, 2)}</b> do to {_words(rng, 3)}? #{i}"
            back = f"<div>{_words(rng, 5)}</div><div>{_words(rng, 4)} &amp; {_words(rng, 2)}</div>"
            note = genanki.Note(model=genanki.BASIC_MODEL, fields=[front, back], guid=guid, tags=tags)
        elif kind < 0.8:
            text = f"{{{{c1::{_words(rng, 1)}}}}} binds {{{{c2::{_words(rng, 2)}::hint}}}} in {_words(rng, 4)} #{i}"
            note = genanki.Note(model=genanki.CLOZE_MODEL, fields=[text, _words(rng, 3)], guid=guid, tags=tags)
        elif kind < 0.9:
            fields = [f"{_words(rng, 2)} #{i}", f"<i>{_words(rng, 6)}</i>"]
            note = genanki.Note(model=genanki.BASIC_AND_REVERSED_CARD_MODEL, fields=fields, guid=guid, tags=tags)
        else:
            fields = [f"Name the {_words(rng, 3)} #{i}", _words(rng, 1)]
            note = genanki.Note(model=genanki.BASIC_TYPE_IN_THE_ANSWER_MODEL, fields=fields, guid=guid, tags=tags)
        deck.add_note(note)
    genanki.Package(decks).write_to_file(str(path), timestamp=1_700_000_000)


def stats(xs: list[float]) -> dict:
    return {"median_ms": rnd(median(xs), 1), "p95_ms": rnd(p95(xs), 1), "runs": len(xs)}


def bench_import(pkg: Path, work: Path, runs: int) -> dict:
    from quizapp.collection import Config
    from quizapp.interop.import_ import run_import
    from quizapp.store.db import Store
    from quizapp.store.sync import sync_decks

    plain, with_sync = [], []
    res = None
    for r in range(runs):
        home = work / f"imp{r}"
        cfg = Config(data_dir=home, bundled=False)
        t0 = time.perf_counter()
        res = run_import(cfg, pkg)
        t1 = time.perf_counter()
        store = Store(home / "quizapp.db")
        sync_decks(store, [home / "decks"])
        store.close()
        t2 = time.perf_counter()
        plain.append((t1 - t0) * 1000)
        with_sync.append((t2 - t0) * 1000)
        shutil.rmtree(home)
    return {
        "notes": res.notes,
        "cards": res.cards,
        "deck_files": len(res.files),
        "import": stats(plain),
        "import_then_sync": stats(with_sync),
    }


def bench_export(work: Path, n_cards: int, runs: int) -> dict:
    from quizapp.interop.apkg_write import write_apkg
    from quizapp.interop.csv_write import write_csv
    from quizapp.interop.export_src import load_export
    from quizapp.store.db import Store
    from quizapp.store.sync import sync_decks

    decks = work / "exdecks"
    notes = make_notes(n_cards)
    write_decks(notes, decks)
    store = Store(work / "ex" / "quizapp.db")
    sync_decks(store, [decks])
    cards = store.execute("SELECT count(*) FROM cards WHERE deck_id IS NOT NULL").fetchone()[0]
    t_apkg, t_csv = [], []
    n = 0
    for r in range(runs):
        t0 = time.perf_counter()
        data = load_export(store, None)
        n = write_apkg(data, work / f"out{r}.apkg")
        t1 = time.perf_counter()
        data = load_export(store, None)
        write_csv(data, work / f"out{r}.csv")
        t2 = time.perf_counter()
        t_apkg.append((t1 - t0) * 1000)
        t_csv.append((t2 - t1) * 1000)
    store.close()
    return {"cards": cards, "notes": n, "apkg": stats(t_apkg), "csv": stats(t_csv)}


def bench_anki(pkg: Path, work: Path, runs: int) -> dict | None:
    """Anki's own import of the same package, and genanki writing one, measured here."""
    try:
        import anki.collection  # noqa: F401
        from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
    except Exception as e:
        return {"skipped": f"anki not available ({type(e).__name__})"}
    times = []
    for r in range(runs):
        d = work / f"anki{r}"
        d.mkdir()
        col = Collection(str(d / "collection.anki2"))
        req = ImportAnkiPackageRequest(package_path=str(pkg), options=ImportAnkiPackageOptions(merge_notetypes=True))
        t0 = time.perf_counter()
        col.import_anki_package(req)
        times.append((time.perf_counter() - t0) * 1000)
        col.close()
        shutil.rmtree(d)
    return {"anki_import": stats(times)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--notes", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="qz-bench-interop-") as tmp:
        work = Path(tmp)
        pkg = work / "bench.apkg"
        gen = []
        for _ in range(a.runs):
            t0 = time.perf_counter()
            make_package(pkg, a.notes)
            gen.append((time.perf_counter() - t0) * 1000)
        out = {
            "notes_in_package": a.notes,
            "package_bytes": pkg.stat().st_size,
            "genanki_write_package": stats(gen),
            "quizapp_import": bench_import(pkg, work, a.runs),
            "quizapp_export": bench_export(work, a.notes, a.runs),
            "anki_here": bench_anki(pkg, work, a.runs),
            "reference": {"anki_import_10k_ms": 96, "genanki_write_10k_ms": 164},
        }
    emit(out)


if __name__ == "__main__":
    main()
