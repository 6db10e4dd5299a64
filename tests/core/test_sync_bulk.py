"""Big syncs: reader processes write exactly what one process writes, first loads, background checkpoints."""

from __future__ import annotations

import sqlite3
import sys
import threading
from pathlib import Path

import pytest

from quizapp.store import db as db_mod
from quizapp.store import sync as sync_mod
from quizapp.store import sync_pool
from quizapp.store.db import Store
from quizapp.store.sync import sync_decks

HEAD = '+++\nid = "{id}"\ntitle = "{id}"\nlevel = "fundamentals"\n+++\n'


def deck_text(deck_id: str, n: int, shared: str = "") -> str:
    cards = []
    for i in range(n):
        k = i % 5
        if k == 0:
            cards.append(f"Q: {deck_id} question {i}?\nA: answer {i}")
        elif k == 1:
            cards.append(f"C: In {deck_id}, {{{{first {i}}}}} and {{{{c2::second {i}::hint}}}}.")
        elif k == 2:
            cards.append(f"Type: reversed\nQ: {deck_id} front {i}\nA: back {i}\nID: {deck_id}-r{i}")
        elif k == 3:
            cards.append(f"Q: {deck_id} pick {i}\n- [x] right {i}\n- [ ] wrong {i}\nExplanation: because {i}")
        else:
            cards.append(f"Q: {deck_id} order {i}\n1. one\n2. two\n3. three\nTags: t{i}, steps")
    if shared:
        cards.append(shared)
    return HEAD.format(id=deck_id) + "\n---\n".join(cards) + "\n"


SHARED = "Q: The same card in two files?\nA: Yes"


def write_decks(d: Path) -> None:
    d.mkdir()
    for i in range(5):
        (d / f"d{i}.md").write_text(deck_text(f"d{i}", 40, SHARED if i in (1, 3) else ""))
    (d / "bad.md").write_text(HEAD.format(id="bad") + "Q: no answer\n")
    (d / "dup.md").write_text(HEAD.format(id="dup") + "Q: x\nA: y\nID: d0-r2\n")  # an id d0.md already uses


def snapshot(store: Store) -> dict:
    q = store.execute
    return {
        "cards": q("SELECT * FROM cards ORDER BY id").fetchall(),
        "state": q("SELECT * FROM card_state ORDER BY card_id").fetchall(),
        "decks": q("SELECT * FROM decks ORDER BY id").fetchall(),
        "files": q("SELECT path, deck_id, sha, error FROM deck_files ORDER BY path").fetchall(),
        "keys": q("SELECT * FROM note_keys ORDER BY key").fetchall(),
    }


def load(tmp_path: Path, name: str, d: Path) -> tuple[dict, object]:
    store = Store(tmp_path / f"{name}.db")
    rep = sync_decks(store, [d])
    snap = snapshot(store)
    store.close()
    return snap, rep


needs_fork = pytest.mark.skipif(
    sys.platform != "linux" or sync_pool.worker_count(2, 10**9) == 0, reason="reader processes need Linux and 2 CPUs"
)


@needs_fork
def test_reader_processes_write_what_one_process_writes(tmp_path, monkeypatch):
    d = tmp_path / "decks"
    write_decks(d)
    used: list[int] = []
    real = sync_pool.worker_count

    def spy(n_jobs: int, total_bytes: int) -> int:
        used.append(real(n_jobs, total_bytes))
        return used[-1]

    monkeypatch.setattr(sync_pool, "worker_count", spy)
    monkeypatch.setattr(sync_pool, "PARALLEL_MIN_BYTES", 0)
    parallel, prep = load(tmp_path, "parallel", d)
    assert used and used[-1] >= 2
    monkeypatch.setattr(sync_pool, "PARALLEL_MIN_BYTES", 10**12)
    serial, srep = load(tmp_path, "serial", d)
    assert used[-1] == 0
    assert parallel == serial
    assert prep.errors == srep.errors and prep.warnings == srep.warnings
    assert prep.added == srep.added == len(serial["cards"]) == 282
    assert any("duplicate id 'd0-r2'" in e for e in prep.errors)
    assert any("bad.md" in e and "no answer" in e for e in prep.errors)
    # the card in two files: one keeps its fingerprint id, the other gets a suffix and an alias
    shared = [c for c in serial["cards"] if c[6] == "The same card in two files?"]
    assert sorted(c[0][-2:] for c in shared)[0] == "-2" and len({c[0] for c in shared}) == 2
    assert len(serial["keys"]) == 1


@needs_fork
def test_reader_processes_on_a_resync_keep_ids_and_history(tmp_path, monkeypatch, clock):
    from quizapp.session import Session

    monkeypatch.setattr(sync_pool, "PARALLEL_MIN_BYTES", 0)
    d = tmp_path / "decks"
    write_decks(d)
    store = Store(tmp_path / "q.db")
    sync_decks(store, [d])
    s = Session(store, clock=clock, fuzz=False)
    s.current = s._row("d2-r2")
    s.answer(3, 1000)
    for i in (2, 4):  # edit two files: reword a card, drop one, add one
        p = d / f"d{i}.md"
        p.write_text(p.read_text().replace("question 0?", "question zero?").replace("order 4", "ordering 4"))
    rep = sync_decks(store, [d])
    assert rep.parsed == 2 and rep.updated >= 2 and rep.removed == 0
    assert store.execute("SELECT count(*) FROM review_log WHERE card_id='d2-r2'").fetchone()[0] == 1
    store.close()


def test_no_reader_processes_from_a_threaded_process():
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        assert sync_pool.worker_count(20, 10**9) == 0
    finally:
        stop.set()
        t.join()


def test_small_syncs_read_in_process():
    assert sync_pool.worker_count(20, sync_pool.PARALLEL_MIN_BYTES - 1) == 0
    assert sync_pool.worker_count(1, 10**9) == 0


@needs_fork
def test_read_in_order_reports_unreadable_files_in_place(tmp_path, monkeypatch):
    monkeypatch.setattr(sync_pool, "PARALLEL_MIN_BYTES", 0)
    paths = []
    for i in range(7):
        p = tmp_path / f"d{i}.md"
        p.write_text(deck_text(f"d{i}", 3))
        paths.append(str(p))
    paths[3] = str(tmp_path / "missing.md")
    out = list(sync_pool.read_in_order([(p, None) for p in paths], 10**9))
    assert isinstance(out[3], str) and "missing.md:0: cannot read file" in out[3]
    assert [o.path for i, o in enumerate(out) if i != 3] == [p for i, p in enumerate(paths) if i != 3]


def test_big_sync_checkpoints_on_a_background_thread(tmp_path, monkeypatch):
    monkeypatch.setattr(sync_mod, "BULK_BYTES", 0)
    monkeypatch.setattr(db_mod, "AUTOCHECKPOINT_PAGES", 1)
    d = tmp_path / "decks"
    write_decks(d)
    store = Store(tmp_path / "q.db")
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    rep = sync_decks(store, [d])
    assert rep.added == 282
    t = store.checkpointer
    assert t is not None
    t.join(10)
    assert not t.is_alive()
    busy, frames, done = store.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    assert busy == 0 and frames == done
    assert store.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1  # restored after the commit
    other = sqlite3.connect(tmp_path / "q.db")
    assert other.execute("SELECT count(*) FROM cards").fetchone()[0] == rep.added
    assert other.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    other.close()
    store.close()


def test_failed_bulk_sync_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(sync_mod, "BULK_BYTES", 0)
    d = tmp_path / "decks"
    write_decks(d)
    store = Store(tmp_path / "q.db")

    def boom(*_a, **_k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(sync_mod, "insert_cards", boom)
    with pytest.raises(RuntimeError):
        sync_decks(store, [d])
    assert store.execute("SELECT count(*) FROM cards").fetchone()[0] == 0
    assert store.execute("SELECT count(*) FROM deck_files").fetchone()[0] == 0
    # the indexes dropped for the bulk load came back with the rollback
    names = {r[0] for r in store.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"idx_cards_note_id", "idx_card_state_profile_id_queue_due"} <= names
    assert store.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == db_mod.AUTOCHECKPOINT_PAGES
    store.close()


_PARENT: list[int] = []
_REAL_READ = sync_pool.read_deck_rows


def _fragile_read(job):
    """A reader that dies (as if killed) on d2.md in a worker process, and reads normally in the parent."""
    import os

    if os.getpid() not in _PARENT and job[0].endswith("d2.md"):
        os._exit(1)
    return _REAL_READ(job)


@needs_fork
def test_a_dying_reader_process_does_not_stop_the_load(tmp_path, monkeypatch):
    import os

    monkeypatch.setattr(sync_pool, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(sync_pool, "read_deck_rows", _fragile_read)
    monkeypatch.setattr(sys.modules[__name__], "_PARENT", [os.getpid()])
    d = tmp_path / "decks"
    write_decks(d)
    got, rep = load(tmp_path, "broken", d)
    monkeypatch.setattr(sync_pool, "PARALLEL_MIN_BYTES", 10**12)
    want, _ = load(tmp_path, "serial", d)
    assert got == want and rep.added == 282
