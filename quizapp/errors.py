"""Errors meant for the user: the CLI prints them as one line, without a traceback."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or an impossible request; ``str(e)`` is the whole message."""

    exit_code = 1

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code
