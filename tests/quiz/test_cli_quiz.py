"""``quizapp quiz``: line by line with --plain (or a pipe), one-line errors for misuse."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.quiz.conftest import OTHER_DECK, QUIZ_DECK

ROOT = Path(__file__).parents[2]


def run(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    decks = tmp_path / "decks"
    if not decks.exists():
        decks.mkdir()
        (decks / "bone.md").write_text(QUIZ_DECK, encoding="utf-8")
        (decks / "other.md").write_text(OTHER_DECK, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "quizapp", "--data-dir", str(tmp_path / "home"), "--no-bundled", "--decks", str(decks)]
    return subprocess.run([*cmd, *args], input=stdin, capture_output=True, text=True, env=env, timeout=60, cwd=ROOT)


def test_plain_quiz_from_a_pipe_logs_quiz_answers(tmp_path):
    r = run(tmp_path, "quiz", "bone", "--n", "3", "--seed", "11", "--types", "tf", stdin="t\nf\nt\n")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert out.count("True or false?") == 3
    assert "Score " in out and "Seed 11" in out and "Topic Bone:" in out
    import sqlite3

    con = sqlite3.connect(tmp_path / "home" / "quizapp.db")
    modes = con.execute("SELECT mode, count(*) FROM review_log GROUP BY mode").fetchall()
    studied = con.execute("SELECT count(*) FROM card_state WHERE reps > 0 OR queue <> 0").fetchone()[0]
    assert modes == [("quiz", 3)] and studied == 0


def test_same_seed_same_questions(tmp_path):
    a = run(tmp_path, "quiz", "--n", "4", "--seed", "5", "--plain", stdin="")
    b = run(tmp_path, "quiz", "--n", "4", "--seed", "5", "--plain", stdin="")
    first = [line for line in a.stdout.splitlines() if line.startswith("[")]
    assert first and first == [line for line in b.stdout.splitlines() if line.startswith("[")]


def test_misuse_is_one_line(tmp_path):
    bad = [
        (("quiz", "--types", "mcq,essay"), "unknown question type 'essay'", 2),
        (("quiz", "--level", "expert"), "unknown level 'expert'", 2),
        (("quiz", "--n", "0"), "number of questions", 2),
        (("quiz", "--timed", "-3"), "time limit", 2),
        (("quiz", "nosuchdeck"), "no deck or topic matches 'nosuchdeck'", 1),
        (("quiz", "bone", "--types", "order", "--level", "fundamentals"), "no questions could be built", 1),
    ]
    for args, words, code in bad:
        r = run(tmp_path, *args)
        assert r.returncode == code, (args, r.stderr)
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and words in lines[0] and "Traceback" not in r.stderr, (args, r.stderr)
