"""The seed articles: every table row, definition bullet, glossary entry and step list yields a card; check passes.

Skipped when ../shared/seeds (relative to the repository) is absent.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizapp.deck.checker import check_paths
from quizapp.deck.writer import atomic_write
from quizapp.generate.build import build
from quizapp.generate.loader import load_document

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not (SEEDS / "000_a7f7efada377fc40.txt").is_file(), reason="../shared/seeds absent")

TITLES = {
    "000_a7f7efada377fc40.txt": "Aromatase inhibitors and bone health",
    "002_e5218b90b62f8ee6.txt": "How aromatase inhibitors alter bone remodeling",
}
BULLET_RE = re.compile(r"^- (?!Step )([^∞]{1,60}?) ∞ ")
GLOSSARY_RE = re.compile(r"\bMeaning ∞ ")
ROW_RE = re.compile(r"^[^|\n]+\|.*\|\s*$")
STEP_RE = re.compile(r"^- Step (One|Two|Three|Four|Five) ∞ ")


def seed_units(path):
    """Find the units straight from the file's lines (independently of the generator's readers)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    end = next(i for i, ln in enumerate(lines) if ln.strip() == "References")  # boilerplate from here on
    units = {"row": [], "bullet": [], "glossary": [], "steps": []}
    for i, ln in enumerate(lines[:end], 1):
        if ROW_RE.match(ln) and not ln.startswith("---") and not lines[i].startswith("---"):
            units["row"].append(i)
        elif BULLET_RE.match(ln):
            units["bullet"].append(i)
        elif STEP_RE.match(ln) and not STEP_RE.match(lines[i - 2]):
            units["steps"].append(i)
        units["glossary"] += [i] * len(GLOSSARY_RE.findall(ln))
    return units


def cited_lines(notes):
    """Every source line a card cites: its Source: line number and the 'Also line N' of merged duplicates."""
    out: dict[int, int] = {}
    for n in notes:
        for m in re.finditer(r"\(line (\d+)\)", n.source):
            out[int(m.group(1))] = out.get(int(m.group(1)), 0) + 1
        for m in re.finditer(r"^Also line (\d+):", n.note, re.M):
            out[int(m.group(1))] = out.get(int(m.group(1)), 0) + 1
    return out


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    out = {}
    base = tmp_path_factory.mktemp("seeds")
    for name, title in TITLES.items():
        result = build([load_document(SEEDS / name, title=title)], f"seed-{name[:3]}", out_name=name)
        path = base / f"{name[:3]}.md"
        atomic_write(path, result.text)
        out[name] = (result, path)
    return out


@pytest.mark.parametrize("name", sorted(TITLES))
def test_seed_draft_passes_check(drafts, name):
    _result, path = drafts[name]
    parsed, problems = check_paths([path])
    assert problems == []
    assert parsed[0].ok and len(parsed[0].notes) >= 40


@pytest.mark.parametrize("name", sorted(TITLES))
def test_every_unit_of_the_seed_yields_a_card(drafts, name):
    result, path = drafts[name]
    units = seed_units(SEEDS / name)
    parsed, _ = check_paths([path])
    cited = cited_lines(parsed[0].notes)
    for kind, lines in units.items():
        missing = [ln for ln in lines if ln not in cited]
        assert missing == [], f"{kind} at lines {missing} of {name} has no card"
    # the generator's own coverage count agrees with this independent one
    cov = result.report["coverage"]
    assert cov["table rows"]["found"] == cov["table rows"]["covered"] == len(units["row"])
    assert cov["definition bullets"]["found"] == cov["definition bullets"]["covered"] == len(units["bullet"])
    assert cov["glossary entries"]["found"] == cov["glossary entries"]["covered"] == len(units["glossary"])
    assert cov["step lists"]["found"] == cov["step lists"]["covered"] == len(units["steps"])


def test_seed_unit_counts_are_what_the_articles_hold():
    a = seed_units(SEEDS / "000_a7f7efada377fc40.txt")
    b = seed_units(SEEDS / "002_e5218b90b62f8ee6.txt")
    assert {k: len(v) for k, v in a.items()} == {"row": 9, "bullet": 13, "glossary": 0, "steps": 0}
    assert {k: len(v) for k, v in b.items()} == {"row": 7, "bullet": 3, "glossary": 9, "steps": 1}


@pytest.mark.parametrize("name", sorted(TITLES))
def test_seed_draft_quality(drafts, name):
    result, _ = drafts[name]
    report = result.report
    assert report["well_formed"]["share"] >= 0.95
    assert set(report["cards"]["by_level"]) == {"fundamentals", "intermediate", "academic"}
    sections = {s["why"] for s in report["skipped"] if s["what"].startswith("section")}
    assert "boilerplate section (References)" in sections and "boilerplate section (Reflection)" in sections
    for d in result.drafts:
        assert "References" not in d.note.source and "Reflection" not in d.note.source
        assert d.note.source.startswith(TITLES[name] + " § ")
