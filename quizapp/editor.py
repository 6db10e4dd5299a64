"""Open a deck file at a line in the user's editor ($VISUAL, then $EDITOR), following each editor's convention."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

from quizapp.errors import UserError

FALLBACKS = ("nano", "vim", "vi")
# editor program name -> how to ask for a line ("plus": +LINE FILE, "colon": FILE:LINE, ...)
PLUS = {"vi", "vim", "nvim", "gvim", "mvim", "view", "nano", "pico", "emacs", "emacsclient", "micro", "kak", "joe"}
PLUS |= {"jed", "ne", "mg", "mcedit", "gedit", "ed", "ex", "jove", "zile"}
GOTO = {"code", "code-insiders", "codium", "vscodium", "cursor", "windsurf"}  # --wait --goto FILE:LINE
COLON = {"subl", "sublime_text", "hx", "helix", "zed", "mate"}  # FILE:LINE
WAIT = {"subl": "--wait", "sublime_text": "--wait", "zed": "--wait", "mate": "--wait"}


def editor_command(env: dict[str, str] | None = None) -> list[str]:
    """The editor to run, split like a shell would: $VISUAL, then $EDITOR, then nano/vim/vi if installed."""
    env = os.environ if env is None else env
    for var in ("VISUAL", "EDITOR"):
        value = (env.get(var) or "").strip()
        if value:
            try:
                argv = shlex.split(value)
            except ValueError:
                raise UserError(f"${var} is not a valid command: {value}") from None
            if argv:
                return argv
    for name in FALLBACKS:
        if shutil.which(name):
            return [name]
    raise UserError("no editor found: set $EDITOR (for example: export EDITOR=nano)")


def editor_argv(path: str | os.PathLike[str], line: int, editor: list[str]) -> list[str]:
    """The full command that opens ``path`` at ``line`` (1-based) in ``editor``."""
    line = max(1, int(line or 1))
    name = Path(editor[0]).name.lower().removesuffix(".exe")
    path = str(path)
    if name in GOTO:
        extra = [] if any(a in ("-w", "--wait") for a in editor[1:]) else ["--wait"]
        return [*editor, *extra, "--goto", f"{path}:{line}"]
    if name in COLON:
        wait = WAIT.get(name)
        extra = [wait] if wait and wait not in editor[1:] else []
        return [*editor, *extra, f"{path}:{line}"]
    if name in ("kate", "kwrite"):
        return [*editor, "--line", str(line), path]
    if name in PLUS:
        return [*editor, f"+{line}", path]
    return [*editor, path]  # unknown editor: just open the file


def open_in_editor(path: str | os.PathLike[str], line: int = 1, env: dict[str, str] | None = None) -> int:
    """Run the editor on ``path`` at ``line`` and wait for it. Returns its exit status."""
    if not Path(path).is_file():
        raise UserError(f"{path}: no such deck file")
    argv = editor_argv(path, line, editor_command(env))
    try:
        return subprocess.call(argv)
    except OSError as e:
        raise UserError(f"cannot run the editor {argv[0]!r}: {e.strerror or e}") from None
