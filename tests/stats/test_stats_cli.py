"""The progress commands: stats, report (columns, --since, --all-profiles), profiles, unknown profiles."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from quizapp.report import COLUMNS
from tests.conftest import SMALL_DECK

ROOT = Path(__file__).parents[2]


def run(*args: str, home: Path, decks: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QUIZAPP_HOME": str(home)}
    extra = ["--no-bundled", "--decks", str(decks)] if decks else ["--no-bundled"]
    return subprocess.run(
        [sys.executable, "-m", "quizapp", *extra, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=ROOT,
        input=stdin,
    )


def setup_home(tmp_path: Path) -> tuple[Path, Path]:
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "small.md").write_text(SMALL_DECK)
    log = tmp_path / "log.csv"
    log.write_text(
        "card_id,review_rating,review_time,review_duration\n"
        "q-build,3,2026-01-01T10:00:00+00:00,60000\n"
        "q-build,3,2026-01-05T10:00:00+00:00,60000\n"
        "q-build,3,2026-01-10T10:00:00+00:00,60000\n"
        "q-build,1,2026-01-20T10:00:00+00:00,60000\n"
        "q-break,3,2026-01-02T10:00:00+00:00,30000\n"
    )
    home = tmp_path / "h"
    r = run("profiles", "create", "ann", home=home, decks=decks)
    assert r.returncode == 0, r.stderr
    r = run("--profile", "ann", "import-reviews", str(log), home=home, decks=decks)
    assert r.returncode == 0, r.stderr
    return home, decks


def test_report_columns_and_profile_isolation(tmp_path):
    home, decks = setup_home(tmp_path)
    r = run("report", "--all-profiles", home=home, decks=decks)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert list(rows[0]) == list(COLUMNS)
    by = {row["profile"]: row for row in rows}
    assert set(by) == {"default", "ann"}
    ann, dflt = by["ann"], by["default"]
    assert (ann["topic"], ann["cards"], ann["cards_seen"], ann["reviews"]) == ("Testing", "9", "2", "5")
    assert ann["retention"] == "0.5"  # q-build in review state: Good, then Again
    assert ann["time_studied_min"] == "4.5" and ann["last_studied"] == "2026-01-20T10:00:00+00:00"
    assert 0 < float(ann["mastery"]) <= 1
    assert (dflt["cards_seen"], dflt["reviews"], dflt["mastery"], dflt["last_studied"]) == ("0", "0", "", "")
    # one profile only, JSON, --since
    r = run("--profile", "ann", "report", "--format", "json", "--since", "2026-01-04", home=home, decks=decks)
    (row,) = json.loads(r.stdout)
    assert list(row) == list(COLUMNS)
    assert row["profile"] == "ann" and row["reviews"] == 3 and row["cards_seen"] == 2 and row["time_studied_min"] == 3.0
    r = run("report", "--since", "last week", home=home, decks=decks)
    assert r.returncode == 2 and "--since" in r.stderr


def test_stats_are_per_profile(tmp_path):
    home, decks = setup_home(tmp_path)
    ann = json.loads(run("--profile", "ann", "stats", "--json", home=home, decks=decks).stdout)
    dflt = json.loads(run("stats", "--json", home=home, decks=decks).stdout)
    assert ann["reviews"]["all_time"] == 5 and dflt["reviews"]["all_time"] == 0
    assert ann["mastery"]["topics"][0]["seen"] == 2 and dflt["mastery"]["topics"][0]["seen"] == 0
    text = run("--profile", "ann", "stats", home=home, decks=decks).stdout
    assert "Statistics for profile 'ann'" in text and "2/9 cards seen" in text


def test_unknown_profile_is_one_line_and_not_created(tmp_path):
    home, decks = setup_home(tmp_path)
    for cmd in (["stats"], ["report"], ["export-reviews", "-o", str(tmp_path / "x.csv")], ["optimize"]):
        r = run("--profile", "nobody", *cmd, home=home, decks=decks)
        assert r.returncode == 1 and r.stderr == "quizapp: no profile named 'nobody' (see 'quizapp profiles')\n", cmd
    r = run("profiles", home=home, decks=decks)
    assert "nobody" not in r.stdout and "ann" in r.stdout


def test_profiles_commands(tmp_path):
    home, decks = setup_home(tmp_path)
    r = run("profiles", "create", "ann", home=home, decks=decks)
    assert r.returncode == 1 and r.stderr == "quizapp: a profile named 'ann' already exists\n"
    assert run("profiles", "rename", "ann", "bea", home=home, decks=decks).returncode == 0
    listing = run("profiles", "list", home=home, decks=decks).stdout.splitlines()
    assert listing[1].split()[:3] == ["*", "default", "0"] and listing[2].split()[:3] == ["bea", "5", "2"]
    # deleting a profile with progress asks first; "n" keeps it
    r = run("profiles", "delete", "bea", home=home, decks=decks, stdin="n\n")
    assert r.returncode == 1 and "5 review(s)" in r.stderr and "bea" in run("profiles", home=home, decks=decks).stdout
    r = run("profiles", "delete", "bea", "--yes", home=home, decks=decks)
    assert r.returncode == 0 and "bea" not in run("profiles", home=home, decks=decks).stdout
    r = run("profiles", "delete", "default", "--yes", home=home, decks=decks)
    assert r.returncode == 1 and "only profile" in r.stderr
    # an empty profile is deleted without a question
    run("profiles", "create", "tmp", home=home, decks=decks)
    assert run("profiles", "delete", "tmp", home=home, decks=decks, stdin="").returncode == 0
