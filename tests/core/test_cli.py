"""The quizapp command: check exit codes, cards listing, global options and one-line misuse errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]


def run(*args: str, home: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if home:
        env["QUIZAPP_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "quizapp", *args], capture_output=True, text=True, env=env, timeout=60, cwd=ROOT
    )


def test_check_bundled_decks_is_clean():
    r = run("check", "decks")
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout == ""
    assert "0 error(s), 0 warning(s)" in r.stderr


def test_check_reports_file_line_and_exits_1(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text('+++\nid = "b"\ntitle = "B"\nlevel = "academic"\n+++\nQ: pick\n- [ ] a\n- [ ] b\n')
    good = tmp_path / "good.md"
    good.write_text('+++\nid = "g"\ntitle = "G"\nlevel = "academic"\n+++\nQ: a\nA: b\n')
    r = run("check", str(tmp_path))
    assert r.returncode == 1
    assert r.stdout.splitlines() == [f"{bad}:6: multiple choice has no correct option (mark one with '- [x]')"]
    assert "Traceback" not in r.stderr


def test_check_missing_path(tmp_path):
    r = run("check", str(tmp_path / "nope"))
    assert r.returncode == 1 and "no such file or folder" in r.stdout


def test_cards_json_lists_every_field(tmp_path):
    from tests.conftest import SMALL_DECK

    d = tmp_path / "decks"
    d.mkdir()
    (d / "small.md").write_text(SMALL_DECK)
    r = run("--data-dir", str(tmp_path / "h"), "--no-bundled", "--decks", str(d), "cards", "--json")
    assert r.returncode == 0, r.stderr
    cards = {c["id"]: c for c in json.loads(r.stdout)}
    assert set(cards) == {"q-build", "q-break", "cz:c1", "cz:c2", "rv", "rv:r", "mc", "ty", "ord"}
    mc = cards["mc"]
    assert mc["type"] == "choice" and mc["deck"] == "small" and mc["level"] == "fundamentals"
    assert [o["correct"] for o in mc["options"]] == [False, False, True]
    assert cards["ty"]["accept"] == ["CYP19A1"] and cards["ord"]["steps"][0] == "Estrogen falls"
    assert cards["q-build"]["file"].endswith("small.md") and cards["q-build"]["line"] == 9
    # filtering by deck id and by path give the same cards
    by_id = run("--data-dir", str(tmp_path / "h"), "--no-bundled", "--decks", str(d), "cards", "--json", "small")
    assert {c["id"] for c in json.loads(by_id.stdout)} == set(cards)


def test_cards_of_bundled_decks_from_any_directory(tmp_path):
    env_home = tmp_path / "home"
    r = run("cards", "rankl-opg", home=env_home)
    assert r.returncode == 0, r.stderr
    assert len(r.stdout.splitlines()) > 10
    assert (env_home / "quizapp.db").exists()


def test_misuse_is_one_line(tmp_path):
    for args in (["bogus"], ["check"], ["--decks", str(tmp_path / "missing"), "cards"], ["cards", "no-such-deck"]):
        r = run(*args, home=tmp_path)
        assert r.returncode in (1, 2), args
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("quizapp: "), (args, r.stderr)


def test_broken_deck_is_skipped_with_reason(tmp_path):
    d = tmp_path / "decks"
    d.mkdir()
    (d / "ok.md").write_text('+++\nid = "ok"\ntitle = "OK"\nlevel = "academic"\n+++\nQ: a\nA: b\n')
    (d / "broken.md").write_text('+++\nid = "br"\ntitle = "BR"\n+++\nQ: a\n')
    r = run("--no-bundled", "--decks", str(d), "cards", home=tmp_path / "h")
    assert r.returncode == 0
    assert "\tok\t" in r.stdout
    assert "skipped deck:" in r.stderr and "broken.md:5: card has no answer" in r.stderr
