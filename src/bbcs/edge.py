"""The edge between the command line and the core, shared by ``cli`` and ``commands/``.

It owns what every command resolves before its one core call: the ledger file
(``--db``, else ``$BBCS_DB``, else the data folder), the actor (``$BBCS_USER``,
else the login), "now" (``BBCS_NOW``, read once through ``clock``), the parsing of
``--at`` and day arguments, and the options more than one command shares. It
imports only typer at the top, so that ``bbcs --help`` stays fast; opening a
ledger returns a ``Ledger``, typed, so that a misspelt method name fails mypy.
"""

from __future__ import annotations

import contextlib
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bbcs.errors import InvalidInput
from bbcs.help_zh import option as _h

if TYPE_CHECKING:
    from bbcs.ledger import Ledger
    from bbcs.store import Store

MAX_LIMIT = 10_000_000  # more rows than any ledger a window keeps


class State:
    """The global options of this run: ``--db`` and ``--debug``."""

    def __init__(self) -> None:
        self.db: str | None = None  # a file, or a postgresql:// URL
        self.debug = False
        # the ledgers this command opened, let go of when it ends (``release``)
        self.opened: list[Store] = []


def release() -> None:
    """Close every ledger connection the command opened. A connection left to the garbage
    collector outlives its command when several run in one process, and a later check of
    the file (its header, read with a file of its own) would cancel the locks SQLite
    holds through it: POSIX locks belong to the process, not to the descriptor."""
    while state.opened:
        store = state.opened.pop()
        # a connection already gone with its server has nothing left to keep
        with contextlib.suppress(Exception):
            store.close()


state = State()


def ledger_target() -> str:
    """The ledger this run works on: ``--db``, else ``$BBCS_DB``, else the data folder's file."""
    if state.db:
        return state.db
    env = os.environ.get("BBCS_DB")
    if env:
        return env
    from platformdirs import user_data_path

    return str(user_data_path("bbcs", appauthor=False) / "bbcs.db")


def on_server() -> bool:
    """Whether the ledger is a PostgreSQL database (SPEC §12) rather than a file."""
    return ledger_target().startswith(("postgresql://", "postgres://"))


def ledger_path() -> Path:
    """The ledger file (for a ledger on a server, the path its URL would name: none exists)."""
    return Path(ledger_target())


def ledger_exists() -> bool:
    """Whether there is a ledger to read (a server's database is asked when opened)."""
    return on_server() or ledger_path().is_file()


def _os_login() -> str:
    """Who is logged in to the computer, recorded beside every event (SPEC §8)."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def actor() -> tuple[str, str]:
    """The claimed user ($BBCS_USER, else the login) and the OS login."""
    from bbcs import fields

    login = _os_login()
    name = os.environ.get("BBCS_USER") or login
    if name.strip().lower() == "system":
        raise InvalidInput("actor.system")
    # the name goes into every event it writes and is shown beside them
    fields.characters(name, "BBCS_USER")
    return name, login


def ledger(*, write: bool, command: str | None = None, migrating: bool = False) -> Ledger:
    """The ledger for this command; reading never creates the file.

    ``command`` names a command that has no ledger method of its own to check roles.
    """
    from bbcs import clock
    from bbcs.ledger import Ledger
    from bbcs.store import Store

    store: Store
    if on_server():
        from bbcs.store_postgres import PgStore

        url = ledger_target()
        store = (
            PgStore.create_or_open_url(url) if write else PgStore.open_url(url, migrating=migrating)
        )
        state.opened.append(store)
        name, login = _server_actor(store.login)
        book = Ledger(store, now=clock.now(), actor=name, os_user=login)
        book.require_login_user()
        if command is not None:
            book.permit(command)
        return book
    else:
        path = ledger_path()
        store = Store.create_or_open(path) if write else Store.open(path, migrating=migrating)
        state.opened.append(store)
        name, login = actor()
    book = Ledger(store, now=clock.now(), actor=name, os_user=login)
    if command is not None:
        book.permit(command)
    return book


def _server_actor(database_login: str) -> tuple[str, str]:
    """On PostgreSQL the actor is the database login (SPEC §12): ``BBCS_USER`` is ignored
    there, with a warning when it names somebody else."""
    from bbcs import fields

    if database_login.strip().lower() == "system":
        raise InvalidInput("actor.system")
    claimed = os.environ.get("BBCS_USER")
    if claimed:  # ignored, but a bad value is still a mistake to name
        fields.characters(claimed, "BBCS_USER")
    fields.characters(database_login, "PGUSER")
    if claimed and claimed != database_login:
        from bbcs import render
        from bbcs.i18n import t

        render.warn(t("actor.login_wins", claimed=claimed, login=database_login))
    return database_login, _os_login()


def when(at: str | None) -> datetime | None:
    if at is None:
        return None
    from bbcs import clock

    return clock.parse_datetime(at)


def day(text: str | None) -> date | None:
    if text is None:
        return None
    from bbcs import clock

    return clock.parse_date(text)


def default_limit(limit: int | None, as_json: bool) -> int | None:
    """The rows a list shows: as asked, else 50 on a terminal, else all."""
    if limit is not None:
        if not 1 <= limit <= MAX_LIMIT:
            raise InvalidInput("list.bad_limit", limit=limit, most=MAX_LIMIT)
        return limit
    return 50 if sys.stdout.isatty() and not as_json else None


# ---------------------------------------------------------------- options more than one command shares

CaseArg = Annotated[
    str,
    typer.Argument(
        help=_h("Case id, e.g. BB-2026-000042 or 42."),
        show_default=False,
    ),
]
AtOpt = Annotated[
    str | None,
    typer.Option(
        "--at",
        help=_h("When it happened, for a paper form entered late."),
        show_default=False,
    ),
]
ReasonOpt = Annotated[str, typer.Option("--reason", help=_h("Why."), show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help=_h("Print one JSON document."))]
