"""Fixtures for the generator tests: the fixture documents, and building a draft deck from text."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


@pytest.fixture
def fixture_path():
    return lambda name: FIXTURES / name


@pytest.fixture
def gen():
    """gen(text, fmt="text", title=None, level=None) -> build Result for a document given as text."""
    from quizapp.generate.build import build
    from quizapp.generate.loader import parse_document

    def _gen(text: str, fmt: str = "text", title: str | None = "Doc", level: str | None = None, path: str = "doc.txt"):
        doc = parse_document(text, path, fmt, title)
        return build([doc], "draft", level=level, out_name="draft.md")

    return _gen
