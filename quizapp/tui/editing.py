"""Edit a card in $EDITOR from the app: suspend the app, run the editor at the card's line, then resync decks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def edit_card(app, content: dict, done: Callable[[Any], Any]) -> None:
    """Open the deck file of ``content`` at its line; afterwards sync in a worker and call ``done(report|error)``."""
    from textual.app import SuspendNotSupported

    from quizapp.editor import open_in_editor
    from quizapp.errors import UserError

    path, line = content.get("path"), content.get("line") or 1
    if not path:
        app.notify("This card is no longer in a deck file.", severity="warning")
        return
    try:
        with app.suspend():
            open_in_editor(path, line)
    except SuspendNotSupported:
        app.notify("Editing needs a real terminal.", severity="warning")
        return
    except UserError as e:
        app.notify(str(e), title="Cannot edit", severity="error", markup=False)
        return
    app.notify("Reloading the deck…", timeout=2)
    app.resync_decks(done)
