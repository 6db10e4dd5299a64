"""Command palette: every key binding active on the current screen, plus app-wide navigation."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

Entry = tuple[str, str, Callable[[], object]]


class StudyCommands(Provider):
    """Offers what the footer offers (with each binding's tooltip as help) and the app's screens."""

    def _entries(self) -> Iterator[Entry]:
        app, screen = self.app, self.screen
        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            b = active.binding
            if not active.enabled or not b.description or b.action in ("command_palette", "app.command_palette"):
                continue
            title = b.description
            if title in seen:
                continue
            seen.add(title)
            shown = b.key_display or app.get_key_display(b)
            yield title, f"{b.tooltip or title} (key: {shown or key})", partial(app.run_action, b.action, active.node)
        extra = getattr(screen, "palette_commands", None)
        if callable(extra):
            yield from extra()
        for title, help_text, action in (
            ("Browse cards", "Search every card (/ on the home screen)", "browse"),
            ("Quiz", "A practice quiz (x on the home screen)", "quiz"),
            ("Statistics", "Your progress over time (t on the home screen)", "stats"),
            ("Profiles", "Switch whose progress is used (p on the home screen)", "profiles"),
            ("Settings", "Retention, daily limits, day start, two-button mode, theme", "settings"),
            ("Help", "Keys, and what the grades mean (?)", "help"),
        ):
            if title not in seen:
                seen.add(title)
                yield title, help_text, partial(app.run_action, action)

    async def discover(self) -> Hits:
        for title, help_text, callback in self._entries():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
