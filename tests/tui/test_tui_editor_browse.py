"""UI-free parts used by the app: the $EDITOR command line, FTS search, card history, suspend and flag."""

from __future__ import annotations

from datetime import timedelta

import pytest

from quizapp.editor import editor_argv, editor_command, open_in_editor
from quizapp.errors import UserError
from quizapp.store import browse as q


@pytest.mark.parametrize(
    ("editor", "expected"),
    [
        (["vim"], ["vim", "+12", "/d/x.md"]),
        (["/usr/bin/nvim"], ["/usr/bin/nvim", "+12", "/d/x.md"]),
        (["nano", "-w"], ["nano", "-w", "+12", "/d/x.md"]),
        (["emacsclient", "-t"], ["emacsclient", "-t", "+12", "/d/x.md"]),
        (["code"], ["code", "--wait", "--goto", "/d/x.md:12"]),
        (["code", "-w"], ["code", "-w", "--goto", "/d/x.md:12"]),
        (["subl"], ["subl", "--wait", "/d/x.md:12"]),
        (["hx"], ["hx", "/d/x.md:12"]),
        (["kate"], ["kate", "--line", "12", "/d/x.md"]),
        (["someeditor"], ["someeditor", "/d/x.md"]),
    ],
)
def test_editor_line_conventions(editor, expected):
    assert editor_argv("/d/x.md", 12, editor) == expected


def test_editor_command_from_env():
    assert editor_command({"VISUAL": "code -w", "EDITOR": "vim"}) == ["code", "-w"]
    assert editor_command({"EDITOR": "'/opt/my editor/ed' --flag"}) == ["/opt/my editor/ed", "--flag"]
    with pytest.raises(UserError, match="not a valid command"):
        editor_command({"EDITOR": "'unclosed"})


def test_open_in_editor_runs_it_at_the_line(tmp_path):
    deck = tmp_path / "d.md"
    deck.write_text("x\n")
    log = tmp_path / "args"
    script = tmp_path / "fake-vim"
    script.write_text(f'#!/bin/sh\necho "$@" > "{log}"\n')
    script.chmod(0o755)
    assert open_in_editor(deck, 3, env={"EDITOR": str(script)}) == 0
    assert log.read_text().split() == [str(deck)]  # unknown editor: just the file
    with pytest.raises(UserError, match="no such deck file"):
        open_in_editor(tmp_path / "missing.md", 1, env={"EDITOR": str(script)})
    with pytest.raises(UserError, match="cannot run the editor"):
        open_in_editor(deck, 1, env={"EDITOR": str(tmp_path / "nope")})


def test_fts_query_is_always_valid_syntax():
    assert q.fts_query("osteo clast") == '"osteo"* "clast"*'
    assert q.fts_query('" NEAR(*) - AND') == '"NEAR"* "AND"*'
    assert q.fts_query("  ") == ""


def test_search_rebuilds_the_index_lazily(small_store):
    conn, pid = small_store.conn, small_store.profile_id
    assert q.fts_dirty(conn)
    q.rebuild_fts(conn)
    assert not q.fts_dirty(conn)
    hits = q.search(conn, pid, "osteo")
    assert {h["id"] for h in hits} == {"q-build", "q-break"}
    assert {h["id"] for h in q.search(conn, pid, "ROSE")} == set()
    assert {h["id"] for h in q.search(conn, pid, "rankl protein")} <= {"cz:c1", "cz:c2", "ord"}
    assert len(q.search(conn, pid, "")) == 9  # empty: everything
    for nasty in ('"', "*", "NEAR(", "a OR", "-x", "^"):
        q.search(conn, pid, nasty)  # never an FTS syntax error


def test_search_pages_walk_every_match_once_in_order(small_store):
    conn, pid = small_store.conn, small_store.profile_id
    q.rebuild_fts(conn)
    for text in ("", "bone", "a", "rankl protein", "zzz", '"'):
        whole = [h["id"] for h in q.search(conn, pid, text, 1000)]
        walked, after = [], None
        while page := q.search(conn, pid, text, 2, after):  # keyset pages of two
            walked += [h["id"] for h in page]
            after = page[-1]["key"]
        assert walked == whole and q.search_count(conn, text) == len(whole), text
    assert q.search_count(conn, "") == 9 and q.search_count(conn, "zzz") == 0
    row = q.card_row(conn, pid, "q-build")
    assert row["front"] == "What builds bone?" and row["queue"] == 0 and row["flag"] == 0
    assert q.card_row(conn, pid, "nope") is None


def test_card_detail_history_suspend_and_flag(small_store, clock):
    from quizapp.session import Session

    s = Session(small_store, clock=clock, fuzz=False)
    s.next_card()
    s.answer(3, 4000)
    clock.advance(minutes=11)
    s.next_card()
    assert s.current.card_id == "q-build"
    s.answer(3, 2000)
    info = q.card_detail(small_store, "q-build", clock() + timedelta(days=1))
    assert [h["rating"] for h in info["history"]] == [3, 3]
    assert info["due"] > clock().timestamp() and info["stability"] > 0 and 0 < info["recall"] <= 1
    conn, pid = small_store.conn, small_store.profile_id
    q.set_suspended(conn, pid, "q-build", True)
    assert q.card_state(conn, pid, "q-build")["queue"] == -1
    q.set_suspended(conn, pid, "q-build", False)
    assert q.card_state(conn, pid, "q-build")["queue"] == 2  # back to its own queue: review
    assert q.toggle_flag(conn, pid, "q-build") == 1
    assert q.toggle_flag(conn, pid, "q-build") == 0
    assert q.card_detail(small_store, "nope", clock()) is None
