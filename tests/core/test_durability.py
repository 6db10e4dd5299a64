"""Crash safety under SIGKILL, two writers at once, and schema migrations from the first version."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quizapp.store.db import Store, StoreError
from quizapp.store.schema import SCHEMA_VERSION, migrate

LOOP = str(Path(__file__).with_name("study_loop.py"))
ROOT = str(Path(__file__).parents[2])


def big_deck(d: Path, n: int) -> None:
    d.mkdir(exist_ok=True)
    head = '+++\nid = "big"\ntitle = "Big"\nlevel = "academic"\n+++\n'
    (d / "big.md").write_text(head + "\n---\n".join(f"Q: q{i}\nA: a{i}" for i in range(n)) + "\n")


def spawn(db: Path, decks: Path, limit: int, seed: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": ROOT}
    return subprocess.Popen(
        [sys.executable, LOOP, str(db), str(decks), str(limit), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_sigkill_never_loses_a_committed_answer(tmp_path):
    decks, db = tmp_path / "decks", tmp_path / "q.db"
    big_deck(decks, 3000)
    Store(db).close()
    rng = random.Random(7)
    reported: set[int] = set()
    for i in range(20):
        p = spawn(db, decks, 10**9, i)
        assert p.stdout.readline().strip() == "ready", p.stderr.read()
        time.sleep(rng.uniform(0.0, 0.15))
        p.send_signal(signal.SIGKILL)
        out, _err = p.communicate()
        for line in out.splitlines():
            if line.startswith("committed "):
                reported.add(int(line.split()[1]))
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ids = {r[0] for r in conn.execute("SELECT id FROM review_log")}
    assert reported, "the study loop never got to answer"
    assert reported <= ids
    # every logged answer has its card state written too (same transaction)
    orphan = conn.execute(
        "SELECT count(*) FROM review_log r JOIN card_state s ON s.card_id=r.card_id WHERE s.reps=0"
    ).fetchone()[0]
    assert orphan == 0
    conn.close()


def test_two_processes_answer_at_once(tmp_path):
    decks, db = tmp_path / "decks", tmp_path / "q.db"
    big_deck(decks, 2000)
    Store(db).close()
    procs = [spawn(db, decks, 400, seed) for seed in (1, 2)]
    total = 0
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert "Traceback" not in err
        total += sum(1 for line in out.splitlines() if line.startswith("committed "))
    assert total == 800
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM review_log").fetchone()[0] == 800
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_migrates_from_first_schema(tmp_path):
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    migrate(conn, target=1)
    conn.execute(
        "INSERT INTO cards(id, note_id, deck_id, ord, pos, type, front, back) VALUES ('c','c','d',0,0,'basic','F','B')"
    )
    conn.execute(
        "INSERT INTO card_state(profile_id, card_id, deck_id, queue, state, due, stability, reps)"
        " VALUES (1,'c','d',2,2,100,3.5,4)"
    )
    conn.execute(
        "INSERT INTO review_log(profile_id, card_id, time, rating, duration_ms, mode, state_before)"
        " VALUES (1,'c',5000,3,900,'review',2)"
    )
    conn.close()
    store = Store(db)
    assert store.meta_get("schema_version") == str(SCHEMA_VERSION)
    assert store.execute("SELECT queue, stability, reps, leech FROM card_state").fetchone() == (2, 3.5, 4, 0)
    assert store.execute("SELECT rating, duration_ms, stability FROM review_log").fetchone() == (3, 900, None)
    assert store.meta_get("fts_dirty") == "1"
    cols = [r[1] for r in store.execute("PRAGMA table_info(cards)")]
    assert "sig" not in cols and store.execute("SELECT id, front, back FROM cards").fetchall() == [("c", "F", "B")]
    store.execute("INSERT INTO cards_fts(cards_fts) VALUES('rebuild')")
    hits = store.execute("SELECT rowid FROM cards_fts WHERE cards_fts MATCH 'F'").fetchall()
    assert len(hits) == 1
    store.close()


def test_newer_schema_is_refused_with_one_line(tmp_path):
    db = tmp_path / "new.db"
    Store(db).close()
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meta SET value='999' WHERE key='schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as e:
        Store(db)
    assert "newer than this quizapp" in str(e.value) and "\n" not in str(e.value)


def test_not_a_database(tmp_path):
    db = tmp_path / "junk.db"
    db.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open the progress database"):
        Store(db)


def test_core_never_imports_textual():
    """Every core module imports in a fresh interpreter without pulling in textual."""
    code = (
        "import importlib, pkgutil, sys, json\n"
        "import quizapp\n"
        "mods = [m.name for m in pkgutil.walk_packages(quizapp.__path__, 'quizapp.')"
        " if not m.name.startswith('quizapp.tui')]\n"
        "for m in mods: importlib.import_module(m)\n"
        "print(json.dumps([m for m in sys.modules if m == 'textual' or m.startswith('textual.')]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
