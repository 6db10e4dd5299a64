"""Files written with write-to-temp-then-rename get the permissions a plain write would give them."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from quizapp.deck.writer import atomic_write

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_new_file_gets_the_umask_mode(tmp_path, umask_022):
    p = tmp_path / "sub" / "deck.md"
    atomic_write(p, "Q: a\nA: b\n")
    assert p.read_text() == "Q: a\nA: b\n" and mode(p) == 0o644  # not the temp file's private 0600
    assert [f.name for f in p.parent.iterdir()] == ["deck.md"]


@pytest.mark.parametrize("existing", [0o600, 0o640, 0o664])
def test_replaced_file_keeps_its_mode(tmp_path, umask_022, existing):
    p = tmp_path / "deck.md"
    p.write_text("old")
    os.chmod(p, existing)
    atomic_write(p, b"new")
    assert p.read_bytes() == b"new" and mode(p) == existing


def test_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    p = tmp_path / "deck.md"
    p.write_text("old")

    def boom(*_a):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write(p, "new")
    assert p.read_text() == "old" and [f.name for f in tmp_path.iterdir()] == ["deck.md"]
