"""The ``bbcs`` command line: the typer app, its global options, and the commands mounted.

The commands live in ``bbcs.commands``, one module per group (setup, cases,
reading, calendar, report, trust, exchange); each parses, makes one core call
through ``bbcs.edge`` (which opens the ledger, typed) and renders. No SQL and no
rules here, and no command module imports this one.

Every failure becomes one sentence on stderr and an exit status (``ExitCode``) in
one place (``LedgerGroup.invoke``): a core error (``BbcsError``) its own code, a
failure to print after a commit ``UNPRINTED``, a reader that left the pipe
``PIPE_CLOSED`` and nothing said; usage errors exit 2; ``--debug`` lets the
traceback through. Heavy modules (rich, the calendar data) are imported inside the
commands that need them.
"""

import os
import sys
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from bbcs import __version__
from bbcs.commands import (
    calendar,
    cases,
    exchange,
    printing,
    reading,
    report,
    schema,
    setup,
    trust,
)
from bbcs.edge import ledger_target, release, state
from bbcs.errors import BbcsError, ExitCode
from bbcs.help_zh import option as _h
from bbcs.i18n import language, t

if TYPE_CHECKING:
    from typer._click import Context

ZH = language() == "zh"


class LedgerGroup(TyperGroup):
    """The top-level group: maps every ``BbcsError`` to one sentence and exit 1."""

    def parse_args(self, ctx: "Context", args: list[str]) -> list[str]:
        # a terminal in another encoding hands Python undecodable bytes as lone surrogates,
        # which no file or database can store: refuse them here, before any command runs
        for arg in args:
            if _unencodable(arg):
                shown = arg.encode("utf-8", "backslashreplace").decode("utf-8")
                _fail(t("input.not_utf8", value=shown))
        return list(super().parse_args(ctx, args))

    def invoke(self, ctx: "Context") -> object:
        from bbcs.errors import OutputFailed

        commits = _commits()
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a full disk shows at the flush: say so here, not at exit
            return result
        except OutputFailed as error:
            if state.debug:
                raise
            _silence_stdout()
            if error.pipe_closed:  # `bbcs list | head`: the reader has what it wanted
                code = ExitCode.PIPE_CLOSED if os.name != "nt" else ExitCode.ERROR
                raise typer.Exit(code) from None
            if _commits() > commits:
                _fail(t("output.after_commit", reason=error.params["reason"]), ExitCode.UNPRINTED)
            _fail(str(error))
        except BbcsError as error:
            if state.debug:
                raise
            _fail(str(error), error.exit_code)
        except UnicodeEncodeError as error:  # the same, from the environment ($BBCS_USER, …)
            if state.debug:
                raise
            _fail(
                t("input.not_utf8", value=error.object.encode("utf-8", "backslashreplace").decode())
            )
        except OSError as error:
            if state.debug:
                raise
            from bbcs.errors import os_reason

            where = f"{error.filename}: " if error.filename else ""
            _fail(t("os.failed", where=where, reason=os_reason(error)))
        except Exception as error:
            import sqlite3

            if state.debug:
                raise
            if isinstance(error, sqlite3.Error):
                _fail(_sqlite_sentence(error))
            server = sys.modules.get("psycopg")  # imported only for a ledger on a server
            if server is not None and isinstance(error, server.Error):
                _fail(_server_sentence(error))
            raise
        finally:
            release()


def _commits() -> int:
    store = sys.modules.get("bbcs.store")  # no ledger opened, nothing committed
    return int(store.Store.commits) if store is not None else 0


def _sqlite_sentence(error: Exception) -> str:
    """SQLite's complaint as a sentence a clerk can act on, never SQLite's own words."""
    reason = str(error).lower()
    for words, key in (
        ("locked", "ledger.busy"),
        ("busy", "ledger.busy"),
        ("not a database", "ledger.damaged"),
        ("malformed", "ledger.damaged"),
        ("full", "os.full"),
        ("readonly", "ledger.read_only"),
        ("read-only", "ledger.read_only"),
        ("unable to open", "ledger.cannot_open"),
        ("disk i/o", "ledger.io"),
    ):
        if words in reason:
            return t("ledger.unusable", path=_shown_target(), reason=t(key))
    return t("ledger.unusable", path=_shown_target(), reason=t("ledger.unexpected"))


def _server_sentence(error: Exception) -> str:
    """The server's refusal as a sentence a clerk can act on (its own first line as the reason)."""
    name = type(error).__name__
    first = (str(error).strip().splitlines() or [name])[0]
    if name == "InsufficientPrivilege":
        return t("ledger.server_refused", path=_shown_target(), reason=first)
    if name in ("OperationalError", "AdminShutdown", "ConnectionFailure", "InterfaceError"):
        return t("ledger.server_lost", path=_shown_target(), reason=first)
    return t("ledger.unusable", path=_shown_target(), reason=first)


def _shown_target() -> str:
    """The ledger as a message may name it: a server's URL without its password."""
    import re

    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1@", ledger_target())


def _silence_stdout() -> None:
    """Point standard output at nothing, so what is still buffered cannot fail again at exit."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.__stdout__.fileno() if sys.__stdout__ else 1)
        os.close(null)
    except (OSError, ValueError):
        pass


class _GuardedStdout:
    """Standard output that raises ``OutputFailed`` when it cannot be written.

    A closed stdout (``sys.stdout`` is None), a full disk and a pipe whose reader
    left all become one exception the group maps to a sentence and an exit status.
    """

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from bbcs.errors import OutputFailed

        if self._stream is None:
            raise OutputFailed(None)
        try:
            return int(self._stream.write(text))
        except OSError as error:
            raise OutputFailed(error) from None

    def flush(self) -> None:
        from bbcs.errors import OutputFailed

        if self._stream is None:
            return
        try:
            self._stream.flush()
        except OSError as error:
            raise OutputFailed(error) from None

    def isatty(self) -> bool:
        return self._stream is not None and bool(self._stream.isatty())

    @property
    def encoding(self) -> str:
        return str(getattr(self._stream, "encoding", None) or "utf-8")

    def fileno(self) -> int:
        from bbcs.errors import OutputFailed

        if self._stream is None:
            raise OutputFailed(None)
        return int(self._stream.fileno())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _unencodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _fail(message: str, code: ExitCode = ExitCode.ERROR) -> NoReturn:
    if sys.stderr is not None:
        from bbcs import render

        render.warn(message)  # the refused text it quotes cannot drive the terminal
    raise typer.Exit(code)


app = typer.Typer(
    cls=LedgerGroup,
    name="bbcs",
    help="The case ledger of a 办不成事 reflection window.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"bbcs {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_options(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help=_h(
                "Ledger file or postgresql:// URL (else $BBCS_DB, else the data folder).",
            ),
            show_default=False,
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help=_h("Show tracebacks."))] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help=_h("Print the version."),
        ),
    ] = False,
) -> None:
    state.db = db
    state.debug = debug


# ---------------------------------------------------------------- the commands
# In the order ``bbcs --help`` lists them: the commands first, then the groups.
for module in (setup, cases, reading):
    app.registered_commands += module.commands.registered_commands
    app.registered_groups += module.commands.registered_groups
app.add_typer(calendar.calendar_app, name="calendar")
app.add_typer(report.report_app, name="report")
trust.register(app)
exchange.register(app)
printing.register(app)
schema.register(app)


# Command help in Chinese: the docstrings are the English help; the examples stay as they are.
if ZH:
    from bbcs import help_zh, usage_zh

    help_zh.apply(app)
    usage_zh.install()


def main() -> None:
    """The console script: ``bbcs``."""
    sys.stdout = _GuardedStdout(sys.stdout)
    app(prog_name="bbcs")
