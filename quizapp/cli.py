"""The ``quizapp`` command: global options, lazily imported subcommands, one-line errors."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path

import click

from quizapp.collection import Config

# name -> "module:function"; a command whose module is absent is simply not offered.
COMMANDS: dict[str, str] = {
    "check": "quizapp.commands.decks:check",
    "cards": "quizapp.commands.decks:cards",
    "quiz": "quizapp.commands.quiz:quiz",
    "generate": "quizapp.commands.generate:generate",
    "preview": "quizapp.commands.preview:preview",
    "stats": "quizapp.commands.progress:stats",
    "report": "quizapp.commands.progress:report",
    "export-reviews": "quizapp.commands.progress:export_reviews",
    "import-reviews": "quizapp.commands.progress:import_reviews",
    "optimize": "quizapp.commands.progress:optimize",
    "profiles": "quizapp.commands.profiles:profiles",
    "import": "quizapp.commands.interop:import_cmd",
    "export": "quizapp.commands.interop:export_cmd",
}


class LazyGroup(click.Group):
    """Imports a subcommand's module only when that subcommand runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(n for n, target in COMMANDS.items() if _module_exists(target.split(":")[0]))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None or not _module_exists(target.split(":")[0]):
            return None
        mod, attr = target.split(":")
        return getattr(importlib.import_module(mod), attr)


def _module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


@click.group(cls=LazyGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where progress is kept (default: $QUIZAPP_HOME or the user data dir).",
)
@click.option(
    "--decks",
    "decks",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Another deck folder or file (repeatable).",
)
@click.option("--profile", default="default", show_default=True, help="Whose progress to use.")
@click.option("--no-bundled", is_flag=True, help="Leave out the decks shipped with quizapp.")
@click.version_option(package_name="quizapp")
@click.pass_context
def cli(ctx: click.Context, data_dir: Path | None, decks: tuple[Path, ...], profile: str, no_bundled: bool) -> None:
    """Spaced-repetition flashcards for medical documents. With no command, opens the study app."""
    for d in decks:
        if not d.exists():
            raise click.UsageError(f"--decks {d}: no such file or folder")
    ctx.obj = Config(data_dir=data_dir, extra_decks=list(decks), profile=profile, bundled=not no_bundled)
    if ctx.invoked_subcommand is None:
        from quizapp.tui.launch import launch

        launch(ctx.obj)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; usage errors and user-facing failures print one line, never a traceback."""
    from quizapp.errors import UserError

    try:
        rv = cli.main(args=argv, prog_name="quizapp", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as e:
        click.echo(e.ctx.get_help())
        sys.exit(0)
    except click.UsageError as e:
        sub = e.ctx.command_path.split(" ", 1)[1] + " " if e.ctx and " " in e.ctx.command_path else ""
        hint = f" (see 'quizapp {sub}--help')"
        click.echo(f"quizapp: {e.format_message()}{hint}", err=True)
        sys.exit(2)
    except click.Abort:
        click.echo("quizapp: aborted", err=True)
        sys.exit(1)
    except click.ClickException as e:
        click.echo(f"quizapp: {e.format_message()}", err=True)
        sys.exit(e.exit_code)
    except UserError as e:
        click.echo(f"quizapp: {e}", err=True)
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        click.echo("quizapp: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(rv if isinstance(rv, int) else 0)
