"""Import and export from the home screen: i opens the import form, E the export form for the highlighted decks."""

from __future__ import annotations

import zipfile

from quizapp.collection import Config
from quizapp.tui.screens.confirm import ConfirmScreen
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.transfer import ExportScreen, ImportScreen
from tests.interop.conftest import FIXTURES
from tests.tui.conftest import SIZE, notices, press, screen_text, settle

IMPORTED_DECKS = {"deck:anki-anatomy", "deck:anki-pharmacology", "deck:anki-pharmacology--bone-drugs"}


async def _idle(pilot, rounds: int = 6) -> None:
    """Let the workers (the import or export, then the reload and the counts they start) finish."""
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def _type(pilot, text: str) -> None:
    await pilot.press(*text)
    await pilot.pause()


def _error(app) -> str:
    return str(app.screen.query_one("#transfer-error").render()).strip()


def _cli(capsys, *args: str) -> str:
    """What the real quizapp command prints on stderr, without its 'quizapp: ' prefix."""
    from quizapp.cli import main

    capsys.readouterr()
    try:
        main(list(args))
    except SystemExit:
        pass
    err = capsys.readouterr().err.strip()
    assert err.startswith("quizapp: ")
    return err.removeprefix("quizapp: ")


async def test_import_an_anki_package_shows_its_decks(tui_cfg, make):
    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "i Import" in screen_text(app) and "E Export" in screen_text(app)  # in the footer
        await press(pilot, "i")
        assert isinstance(app.screen, ImportScreen)
        await _type(pilot, str(FIXTURES / "legacy.apkg"))
        await press(pilot, "enter")
        await _idle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert set(home.rows) >= IMPORTED_DECKS
        assert "Pharmacology::Bone drugs" in screen_text(app)
        decks = tui_cfg.home / "decks"
        assert (decks / "anki-anatomy.md").is_file()
        said = notices(app)
        summary = f"Imported 9 note(s), 13 card(s) into 3 deck file(s) in {decks}, 1 media file(s)."
        assert any(n.startswith(summary) for n in said)
        assert any(n.startswith("Decks reloaded: 13 added") for n in said)
        assert any("Vocab (custom)" in n for n in said)  # the import's warning


async def test_import_with_history_into_a_folder_given_with_tilde(tmp_path, monkeypatch, tui_cfg, make):
    monkeypatch.setenv("HOME", str(tmp_path))
    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "i")
        await _type(pilot, str(FIXTURES / "current.apkg"))
        await press(pilot, "tab")
        await _type(pilot, "~/anki")
        await press(pilot, "tab", "space")  # tick "with history"
        assert app.screen.query_one("#transfer-history").value is True
        await press(pilot, "enter")  # Enter on the tick box runs the import
        await _idle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert (tmp_path / "anki" / "anki-anatomy.md").is_file()
        assert set(app.screen.rows) >= IMPORTED_DECKS  # a folder outside the deck folders is shown for the session
        said = " ".join(notices(app))
        assert "History: 36 review(s) for 6 card(s), 1 suspended." in said
        assert f"start quizapp with --decks {tmp_path / 'anki'} to keep it" in said
        reviews = app.store.conn.execute("SELECT COUNT(*) FROM review_log").fetchone()[0]
        assert reviews == 36


async def test_import_problems_are_one_line_messages(tmp_path, monkeypatch, tui_cfg, make, capsys):
    monkeypatch.chdir(tmp_path)
    bad_zip = tmp_path / "broken.apkg"
    bad_zip.write_bytes(b"PK\x03\x04 not really a zip")
    not_anki = tmp_path / "notes.csv"
    not_anki.write_text("just one column\n", encoding="utf-8")
    cli = ("--data-dir", str(tmp_path / "cli-home"), "--no-bundled", "import")
    cli_says = {bad: _cli(capsys, *cli, str(bad)) for bad in (bad_zip, not_anki)}
    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "i", "enter")
        assert _error(app) == "✗ Type a file name first."
        await _type(pilot, "missing [bold]x[/].apkg")
        await press(pilot, "enter")
        assert isinstance(app.screen, ImportScreen)
        assert _error(app) == "✗ missing [bold]x[/].apkg: no such file"
        assert "✗ missing [bold]x[/].apkg: no such file" in screen_text(app)  # shown as typed, not read as markup
        for bad in (bad_zip, not_anki):
            app.screen.query_one("#transfer-path").value = str(bad)
            await press(pilot, "enter")
            await _idle(pilot)
            assert isinstance(app.screen, ImportScreen)
            assert _error(app) == f"✗ {cli_says[bad]}"
            assert "Traceback" not in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        assert not (tui_cfg.home / "decks").exists()  # nothing was written


async def test_export_the_highlighted_deck_as_csv_and_apkg(tmp_path, tui_cfg, make):
    from quizapp.interop.apkg_read import open_package

    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "down", "down", "E")  # All decks, Testing, Small deck
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        assert screen.deck_ids == ("small",)
        assert screen.path_field.value == "small-deck.apkg" and screen.fmt == "apkg"
        await press(pilot, "ctrl+a", "ctrl+k")
        out = tmp_path / "out" / "small.csv"
        out.parent.mkdir()  # (a missing folder is refused, as a mistyped one)
        await _type(pilot, str(out))
        assert screen.fmt == "csv"  # the .csv suffix picked the format
        await press(pilot, "enter")
        await _idle(pilot)
        assert isinstance(app.screen, HomeScreen)
        text = out.read_text(encoding="utf-8")
        assert text.startswith("#separator:tab\n") and "Osteoblasts" in text
        assert not [p for p in out.parent.iterdir() if p.name.startswith(".")], "no temp file left behind"
        assert f"Exported 7 note(s) from 1 deck(s) to {out}." in notices(app)

        await press(pilot, "E")
        screen = app.screen
        await press(pilot, "tab", "down", "space")  # the format: .csv, which renames the suffix
        assert screen.fmt == "csv" and screen.path_field.value == "small-deck.csv"
        await press(pilot, "up", "space")
        assert screen.fmt == "apkg" and screen.path_field.value == "small-deck.apkg"
        pkg_path = tmp_path / "small.apkg"
        screen.path_field.value = str(pkg_path)
        await press(pilot, "enter")  # Enter runs it from the format buttons too
        await _idle(pilot)
        assert isinstance(app.screen, HomeScreen)
        with open_package(pkg_path) as pkg:
            assert pkg.conn.execute("SELECT COUNT(*) FROM notes").fetchone()[0] == 7


async def test_export_all_decks_to_the_current_folder_asks_before_overwriting(tmp_path, monkeypatch, tui_cfg, make):
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "all-decks.apkg"
    target.write_text("keep me", encoding="utf-8")
    app = make(tui_cfg)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "E", "enter")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == f"all-decks.apkg exists in {tmp_path}. Replace it?"
        assert "Replace it?" in screen_text(app)
        await press(pilot, "n")
        assert isinstance(app.screen, ExportScreen)
        assert target.read_text(encoding="utf-8") == "keep me"
        await press(pilot, "enter")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        await _idle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert zipfile.is_zipfile(target)
        assert f"Exported 7 note(s) from 1 deck(s) to {target}." in notices(app)


async def test_export_title_and_errors_are_not_markup(tmp_path, make):
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "evil.md").write_text(
        '+++\nid = "evil"\ntitle = "Evil [/] deck [@click=app.quit]q[/]"\n+++\nQ: one\nA: two\n', encoding="utf-8"
    )
    app = make(Config(data_dir=tmp_path / "home", extra_decks=[decks], bundled=False))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "down", "down", "E")
        assert "Export for Anki: Evil [/] deck [@click=app.quit]q[/]" in screen_text(app)
        app.screen.path_field.value = str(tmp_path)
        await press(pilot, "enter")
        assert _error(app).startswith(f"✗ {tmp_path} is a folder; give a file name such as")
        app.screen.path_field.value = str(tmp_path / "no [b]such[/b] folder" / "x.apkg")
        await press(pilot, "enter")
        await _idle(pilot)
        assert _error(app) == f"✗ {tmp_path / 'no [b]such[/b] folder'}: no such folder"


async def test_narrow_footer_keeps_help_in_sight_and_the_keys_still_work(tui_cfg, make):
    app = make(tui_cfg)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = screen_text(app).rstrip().splitlines()[-1]
        assert footer.rstrip().endswith("? Help") and "Import" not in footer
        await press(pilot, "i")
        assert isinstance(app.screen, ImportScreen)
        await press(pilot, "escape", "E")
        assert isinstance(app.screen, ExportScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


def test_help_lists_the_new_keys_once():
    from quizapp.tui.screens.help import help_content

    lines = help_content().plain.splitlines()
    assert [line.split()[:2] for line in lines if "Import" in line or "Export" in line] == [
        ["i", "Import"],
        ["E", "Export"],
    ]
