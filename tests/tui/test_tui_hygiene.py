"""Every key has an id and a tooltip; the first screen imports nothing it does not need."""

from __future__ import annotations

import subprocess
import sys

from textual.binding import Binding


def test_every_binding_has_an_id_and_a_tooltip():
    from quizapp.tui.app import QuizApp
    from quizapp.tui.screens import browse, card_detail, confirm, help, home, review, settings, summary

    classes = [
        QuizApp,
        home.HomeScreen,
        home.DeckTable,
        review.ReviewScreen,
        summary.SummaryScreen,
        settings.SettingsScreen,
        help.HelpScreen,
        browse.BrowseScreen,
        card_detail.CardDetailScreen,
        confirm.ConfirmScreen,
    ]
    ids: dict[str, str] = {}
    for cls in classes:
        for b in cls.BINDINGS:
            assert isinstance(b, Binding), (cls, b)
            assert b.id and b.tooltip and b.description, (cls.__name__, b.key)
            assert ids.setdefault(b.id, cls.__name__) == cls.__name__, f"binding id {b.id} reused"


def test_first_screen_imports_stay_light():
    code = (
        "import sys, quizapp.tui.app, quizapp.tui.screens.home;"
        "heavy = ['sqlite_utils', 'pydantic', 'markdown_it', 'fsrs', 'quizapp.session', 'rapidfuzz',"
        " 'textual.widgets._markdown', 'quizapp.deck.parser'];"
        "print([m for m in heavy if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_package_import_is_empty():
    out = subprocess.run(
        [sys.executable, "-c", "import sys, quizapp.tui; print('textual' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == "False"
