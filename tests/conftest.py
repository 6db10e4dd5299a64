"""Shared fixtures: a temporary data dir, small decks written on the fly, a store and a frozen clock."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

SMALL_DECK = """\
+++
id = "small"
title = "Small deck"
topic = "Testing"
level = "fundamentals"
[[sources]]
title = "Doc"
+++
Q: What builds bone?
A: Osteoblasts
ID: q-build
---
Q: What breaks down bone?
A: Osteoclasts
ID: q-break
---
C: {{Denosumab}} binds {{RANKL::a protein}}.
ID: cz
---
Type: reversed
Q: Aromatase
A: The enzyme that makes estrogen from androgens
ID: rv
---
Q: Which drug is steroidal?
- [ ] Anastrozole
- [ ] Letrozole
- [x] Exemestane
ID: mc
---
Type: typed
Q: Name the enzyme blocked by AIs.
A: Aromatase
Accept: CYP19A1
ID: ty
---
Type: order
Q: Order the steps.
1. Estrogen falls
2. RANKL rises
3. Bone is lost
ID: ord
"""


class Clock:
    """A settable UTC clock for sessions."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 3, 2, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw) -> None:
        self.now += timedelta(**kw)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def write_deck(tmp_path: Path):
    """write_deck(name, text) -> path of a deck file in tmp_path/decks."""

    def _write(name: str, text: str) -> Path:
        d = tmp_path / "decks"
        d.mkdir(exist_ok=True)
        p = d / name
        p.write_text(textwrap.dedent(text), encoding="utf-8")
        return p

    return _write


@pytest.fixture
def small_store(tmp_path: Path, write_deck):
    """A store for profile 'default' synced with SMALL_DECK only (no bundled decks)."""
    from quizapp.store.db import Store
    from quizapp.store.sync import sync_decks

    write_deck("small.md", SMALL_DECK)
    store = Store(tmp_path / "home" / "quizapp.db")
    sync_decks(store, [tmp_path / "decks"])
    yield store
    store.close()
