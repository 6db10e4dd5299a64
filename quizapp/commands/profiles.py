"""``quizapp profiles``: list, create, rename and delete learner profiles (progress is kept per profile)."""

from __future__ import annotations

import shlex

import click

from quizapp.collection import Config
from quizapp.errors import UserError


def _store(cfg: Config):
    """Open the database without creating the --profile profile (any existing profile will do here)."""
    from quizapp.collection import open_store
    from quizapp.store.db import Store, StoreError
    from quizapp.store.stats import profile_names

    try:
        return open_store(cfg, create_profile=False)
    except StoreError:
        pass
    try:
        names = profile_names(cfg.db_file)
        return Store(cfg.db_file, names[0] if names else "default", create_profile=not names)
    except StoreError as e:
        raise UserError(str(e)) from None


def _run(fn, *args):
    from quizapp.store.db import StoreError

    try:
        return fn(*args)
    except StoreError as e:
        raise UserError(str(e)) from None


@click.group(invoke_without_command=True)
@click.pass_context
def profiles(ctx: click.Context) -> None:
    """Learner profiles sharing this machine. With no subcommand, lists them."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_cmd)


@profiles.command("list")
@click.pass_obj
def list_cmd(cfg: Config) -> None:
    """Each profile with its number of reviews and cards seen; * marks the --profile one."""
    from quizapp.store.stats import profile_summary

    store = _store(cfg)
    try:
        rows = profile_summary(store.conn)
    finally:
        store.close()
    width = max([len(r["name"]) for r in rows] + [7])
    click.echo(f"  {'profile':<{width}}  {'reviews':>8}  {'cards seen':>10}  last studied")
    for r in rows:
        mark = "*" if r["name"] == cfg.profile else " "
        last = r["last"] or "never"
        click.echo(f"{mark} {r['name']:<{width}}  {r['reviews']:>8}  {r['seen']:>10}  {last}")


@profiles.command()
@click.argument("name")
@click.pass_obj
def create(cfg: Config, name: str) -> None:
    """Add a profile NAME, starting with every card new."""
    store = _store(cfg)
    try:
        _run(store.create_profile, name)
    finally:
        store.close()
    click.echo(f"created profile {name.strip()!r}; use it with: quizapp --profile {shlex.quote(name.strip())}")


@profiles.command()
@click.argument("old")
@click.argument("new")
@click.pass_obj
def rename(cfg: Config, old: str, new: str) -> None:
    """Rename profile OLD to NEW (its progress goes with it)."""
    store = _store(cfg)
    try:
        _run(store.rename_profile, old, new)
    finally:
        store.close()
    click.echo(f"renamed profile {old!r} to {new.strip()!r}")


@profiles.command()
@click.argument("name")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@click.pass_obj
def delete(cfg: Config, name: str, yes: bool) -> None:
    """Delete profile NAME and all its progress (asks first when it has any)."""
    from quizapp.store.stats import profile_summary

    store = _store(cfg)
    try:
        info = next((r for r in profile_summary(store.conn) if r["name"] == name), None)
        if info is None:
            raise UserError(f"no profile named {name!r} (see 'quizapp profiles')")
        if (info["reviews"] or info["seen"]) and not yes:
            click.confirm(
                f"Delete profile {name!r} with {info['reviews']} review(s) and {info['seen']} card(s) seen?"
                " This cannot be undone",
                abort=True,
                err=True,
            )
        _run(store.delete_profile, name)
    finally:
        store.close()
    click.echo(f"deleted profile {name!r}")
