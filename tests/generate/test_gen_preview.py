"""``quizapp preview``: pages through a deck file's cards, reloads on save, shows check problems at their lines."""

from __future__ import annotations

import os
import time

from textual.widgets import OptionList, Static

from quizapp.tui.preview_app import PreviewApp, load_preview
from quizapp.tui.widgets.card_view import CardView

DECK = """\
+++
id = "pv"
title = "Preview deck"
level = "fundamentals"
+++
# Cells

Q: Which cells build bone?
A: Osteoblasts.
Explanation: They lay down new matrix.
Source: Doc § Cells (line 3)
Note: Osteoblasts build new bone.
---
Type: reversed
Q: Osteoclast
A: A cell that breaks down bone.
---
C: Estrogen slows the {{osteoclasts}}.
"""

BROKEN = DECK.replace("A: Osteoblasts.", "A:") + "---\nQ: Markup [/] [@click=app.quit]x[/] $accent\nA: [b]kept[/b]\n"


async def settle(pilot, until, timeout: float = 5.0) -> None:
    """Let the app run until ``until()`` holds (workers, timers and messages need a few turns)."""
    end = time.monotonic() + timeout
    while not until():
        assert time.monotonic() < end, "timed out waiting for the preview"
        await pilot.pause(0.02)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def text_of(app, selector: str) -> str:
    return str(app.query_one(selector, Static).content)


def save(path, text: str) -> None:
    """Write and move the mtime forward, as an editor's save does (some file systems have coarse mtimes)."""
    path.write_text(text, encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))


def test_load_preview_interleaves_cards_and_problems(tmp_path):
    deck = tmp_path / "d.md"
    deck.write_text(BROKEN)
    data = load_preview(deck)
    assert data.title == "Preview deck" and data.errors == 1
    kinds = [("card" if e.card else "problem", e.line) for e in data.entries]
    assert ("problem", 9) in kinds  # the empty answer, at its own line
    assert kinds == sorted(kinds, key=lambda k: k[1])
    assert data.cards == 4  # the broken card is left out; the reversed note gives two cards
    deck.write_text("+++\nid = 'x'\n+++\nQ: a\nA: b\n")  # no title: the front matter is rejected
    bad = load_preview(deck)
    assert bad.title == "d.md" and bad.cards == 0 and bad.errors == 1
    assert (bad.entries[0].line, bad.entries[0].problem.message) == (1, "front matter needs 'title'")
    assert all(e.card is None for e in bad.entries)
    missing = load_preview(tmp_path / "gone.md")
    assert missing.stamp is None and "no such file" in missing.missing


async def test_preview_pages_through_cards_with_answer_source_and_note(tmp_path):
    deck = tmp_path / "d.md"
    deck.write_text(DECK)
    app = PreviewApp(deck, poll_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.data is not None)
        view = app.query_one(CardView)
        assert view.card["front"] == "Which cells build bone?" and view.revealed and view.extra
        assert text_of(app, "#position") == "Card 1 of 4 · line 8 · fundamentals"
        assert text_of(app, "#author-note") == "Note: Osteoblasts build new bone."
        assert text_of(app, "#preview-status") == "Preview deck: 4 card(s), 0 error(s), 0 warning(s)"
        await pilot.press("n")
        assert view.card["front"] == "Osteoclast" and text_of(app, "#position").startswith("Card 2 of 4")
        assert not app.query_one("#author-note").display
        await pilot.press("n", "n")
        assert view.card["type"] == "cloze" and view.card["back"] == "Estrogen slows the **osteoclasts**."
        await pilot.press("n")  # already at the last card: stays
        assert text_of(app, "#position").startswith("Card 4 of 4")
        await pilot.press("p")
        assert view.card["front"] == "A cell that breaks down bone."  # the reversed direction
        assert app.query_one("#entries", OptionList).highlighted == 2


async def test_preview_reloads_on_save_and_shows_problems_inline(tmp_path):
    deck = tmp_path / "d.md"
    deck.write_text(DECK)
    app = PreviewApp(deck, poll_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.data is not None)
        await pilot.press("n")  # on the reversed card
        save(deck, BROKEN)
        await settle(pilot, lambda: app.reloads == 1)
        status = text_of(app, "#preview-status")
        assert "1 error(s)" in status and "reloaded 1×" in status
        view = app.query_one(CardView)
        assert view.card["front"] == "Osteoclast"  # the same card is still shown
        options = app.query_one("#entries", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any(p.strip().startswith("9 ✗ card has an empty answer") for p in prompts)
        await pilot.press("e")
        assert not view.display
        assert text_of(app, "#position") == "Error at line 9"
        problem = text_of(app, "#problem")
        assert f"{deck}:9: card has an empty answer" in problem
        assert "▶    9 │ A:" in problem  # the file's own line, marked
        # markup in card text is shown as written, never interpreted
        await pilot.press("n", "n", "n", "n")
        assert view.card["front"] == "Markup [/] [@click=app.quit]x[/] $accent"
        save(deck, DECK)
        await settle(pilot, lambda: app.reloads == 2)
        assert "0 error(s)" in text_of(app, "#preview-status")


async def test_preview_survives_the_file_vanishing_and_coming_back(tmp_path):
    deck = tmp_path / "d.md"
    deck.write_text(DECK)
    app = PreviewApp(deck, poll_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.data is not None)
        deck.unlink()
        await settle(pilot, lambda: app.reloads == 1)
        assert "no such file" in text_of(app, "#preview-status")
        assert "no such file" in text_of(app, "#position")
        deck.write_text(DECK)
        await settle(pilot, lambda: app.reloads == 2)
        assert app.query_one(CardView).card["front"] == "Which cells build bone?"


async def test_preview_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZAPP_HOME", str(tmp_path / "home"))
    deck = tmp_path / "d.md"
    deck.write_text(DECK)
    before = sorted(p.name for p in tmp_path.iterdir())
    app = PreviewApp(deck, poll_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.data is not None)
        await pilot.press("n", "p", "r")
        await settle(pilot, lambda: app.reloads == 1)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no database, no data dir
    assert deck.read_text() == DECK
