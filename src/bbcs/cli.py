"""The ``bbcs`` command line: parse, call one ledger method, render.

No SQL and no rules here. Every failure becomes one sentence on stderr and an
exit status (``ExitCode``) in one place (``LedgerGroup.invoke``): a core error
(``BbcsError``) its own code, a failure to print after a commit ``UNPRINTED``, a
reader that left the pipe ``PIPE_CLOSED`` and nothing said; usage errors exit 2;
``--debug`` lets the traceback through. Heavy modules (rich, the calendar data) are
imported inside the commands that need them.
"""

import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from bbcs import __version__
from bbcs.errors import BbcsError, ExitCode, InvalidInput
from bbcs.i18n import bilingual as _h
from bbcs.i18n import language, t

ZH = language() == "zh"
MAX_LIMIT = 10_000_000  # more rows than any ledger a window keeps


class LedgerGroup(TyperGroup):
    """The top-level group: maps every ``BbcsError`` to one sentence and exit 1."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # a terminal in another encoding hands Python undecodable bytes as lone surrogates,
        # which no file or database can store: refuse them here, before any command runs
        for arg in args:
            if _unencodable(arg):
                shown = arg.encode("utf-8", "backslashreplace").decode("utf-8")
                _fail(t("input.not_utf8", value=shown))
        return list(super().parse_args(ctx, args))

    def invoke(self, ctx: Any) -> Any:
        from bbcs.errors import OutputFailed

        commits = _commits()
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a full disk shows at the flush: say so here, not at exit
            return result
        except OutputFailed as error:
            if _state.debug:
                raise
            _silence_stdout()
            if error.pipe_closed:  # `bbcs list | head`: the reader has what it wanted
                code = ExitCode.PIPE_CLOSED if os.name != "nt" else ExitCode.ERROR
                raise typer.Exit(code) from None
            if _commits() > commits:
                _fail(t("output.after_commit", reason=error.params["reason"]), ExitCode.UNPRINTED)
            _fail(str(error))
        except BbcsError as error:
            if _state.debug:
                raise
            _fail(str(error), error.exit_code)
        except UnicodeEncodeError as error:  # the same, from the environment ($BBCS_USER, …)
            if _state.debug:
                raise
            _fail(
                t("input.not_utf8", value=error.object.encode("utf-8", "backslashreplace").decode())
            )
        except OSError as error:
            if _state.debug:
                raise
            from bbcs.errors import os_reason

            where = f"{error.filename}: " if error.filename else ""
            _fail(t("os.failed", where=where, reason=os_reason(error)))
        except Exception as error:
            import sqlite3

            if _state.debug or not isinstance(error, sqlite3.Error):
                raise
            _fail(_sqlite_sentence(error))


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
            return t("ledger.unusable", path=str(ledger_path()), reason=t(key))
    return t("ledger.unusable", path=str(ledger_path()), reason=t("ledger.unexpected"))


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
        if self._stream is None:
            raise OSError("standard output is closed")
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


class _State:
    db: Path | None = None
    debug: bool = False


_state = _State()

app = typer.Typer(
    cls=LedgerGroup,
    name="bbcs",
    help=_h(
        "The case ledger of a 办不成事 reflection window.",
        "“办不成事”反映窗口事项台账。",
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
dept_app = typer.Typer(help=_h("Register and list departments.", "登记和查看承办单位。"))
policy_app = typer.Typer(help=_h("Show and set the policy.", "查看和设置政策参数。"))
app.add_typer(dept_app, name="dept")
app.add_typer(policy_app, name="policy")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"bbcs {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_options(
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help=_h(
                "Ledger file (else $BBCS_DB, else the data folder).",
                "台账文件（默认 $BBCS_DB 或数据目录）。",
            ),
            show_default=False,
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help=_h("Show tracebacks.", "显示错误的完整调用栈。"))
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help=_h("Print the version.", "显示版本号。"),
        ),
    ] = False,
) -> None:
    _state.db = db
    _state.debug = debug


# ---------------------------------------------------------------- the edge


def ledger_path() -> Path:
    if _state.db is not None:
        return _state.db
    env = os.environ.get("BBCS_DB")
    if env:
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path("bbcs", appauthor=False) / "bbcs.db"


def actor() -> tuple[str, str]:
    """The claimed user ($BBCS_USER, else the login) and the OS login."""
    import getpass

    from bbcs import fields

    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        login = "unknown"
    name = os.environ.get("BBCS_USER") or login
    if name.strip().lower() == "system":
        raise InvalidInput("actor.system")
    # the name goes into every event it writes and is shown beside them
    fields.characters(name, "BBCS_USER")
    return name, login


def ledger(*, write: bool, command: str | None = None) -> Any:
    """The ledger for this command; reading never creates the file.

    ``command`` names a command that has no ledger method of its own to check roles.
    """
    from bbcs import clock
    from bbcs.ledger import Ledger
    from bbcs.store import Store

    path = ledger_path()
    store = Store.create_or_open(path) if write else Store.open(path)
    name, login = actor()
    book = Ledger(store, now=clock.now(), actor=name, os_user=login)
    if command is not None:
        book._permit(command)
    return book


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


CaseArg = Annotated[
    str,
    typer.Argument(
        help=_h("Case id, e.g. BB-2026-000042 or 42.", "事项编号，如 BB-2026-000042 或 42。"),
        show_default=False,
    ),
]
AtOpt = Annotated[
    str | None,
    typer.Option(
        "--at",
        help=_h(
            "When it happened, for a paper form entered late.", "实际发生时间（补录纸质单据时用）。"
        ),
        show_default=False,
    ),
]
ReasonOpt = Annotated[str, typer.Option("--reason", help=_h("Why.", "理由。"), show_default=False)]
JsonOpt = Annotated[
    bool, typer.Option("--json", help=_h("Print one JSON document.", "输出 JSON。"))
]


def _done(state: Any) -> None:
    from bbcs import render
    from bbcs.i18n import label
    from bbcs.models import Status

    status = label(Status(state.status))
    if state.lead_dept and state.status != Status.CLOSED:
        render.line(
            t(
                "out.done_lead",
                case=state.id,
                status=status,
                lead=state.lead_dept,
                co="、".join(state.co_depts) or "-",
                due=state.due_date,
                dept_due=state.dept_due_date,
            )
        )
    else:
        render.line(t("out.done", case=state.id, status=status))


# ---------------------------------------------------------------- setup


@app.command()
def init(
    site: Annotated[
        str | None,
        typer.Option(
            "--site",
            help=_h(
                "Site code handed out by the county (default BB).",
                "县里分配的站点代码（默认 BB）。",
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Create the ledger or set its site code. Example: bbcs init --site HX"""
    from bbcs import render

    book = ledger(write=True)
    code = book.init(site)
    render.line(t("out.site", site=code, path=str(book.store.path)))


@app.command()
def migrate() -> None:
    """Upgrade a ledger made by an older bbcs, after backing it up next to itself.

    Example: bbcs migrate
    """
    from bbcs import clock, render
    from bbcs.ledger import Ledger
    from bbcs.store import SCHEMA_VERSION, Store

    path = ledger_path()
    store = Store.open(path, migrating=True)
    name, login = actor()
    Ledger(store, now=clock.now(), actor=name, os_user=login)._permit("migrate")
    old = store.version
    if old == SCHEMA_VERSION:
        render.line(t("migrate.current", path=str(path), version=old))
        return
    backup = path.with_name(f"{path.name}.v{old}.bak")
    store.backup_to(backup)
    store.migrate()
    render.line(t("migrate.done", path=str(path), old=old, new=SCHEMA_VERSION, backup=str(backup)))


@dept_app.command("add")
def dept_add(
    code: Annotated[str, typer.Argument(help=_h("Short code, e.g. ZJJ.", "单位代码，如 ZJJ。"))],
    name: Annotated[str, typer.Argument(help=_h("Full name.", "单位全称。"))],
    parent: Annotated[
        str | None,
        typer.Option("--parent", help=_h("Parent department.", "上级单位。"), show_default=False),
    ] = None,
) -> None:
    """Register a department. Example: bbcs dept add ZJJ 住建局"""
    from bbcs import render

    book = ledger(write=True)
    dept = book.add_department(code, name, parent)
    render.line(t("out.dept_added", code=dept, name=name.strip()))


@dept_app.command("list")
def dept_list(as_json: JsonOpt = False) -> None:
    """List the registered departments. Example: bbcs dept list"""
    from bbcs import render

    depts = ledger(write=False, command="dept list").store.departments()
    if as_json:
        render.print_json([{"code": d.code, "name": d.name, "parent": d.parent} for d in depts])
        return
    render.simple_table(
        t("title.depts"),
        [t("col.code"), t("col.name"), t("col.parent")],
        [(d.code, d.name, d.parent or "") for d in depts],
    )


@policy_app.command("show")
def policy_show(as_json: JsonOpt = False) -> None:
    """Show every policy value in force. Example: bbcs policy show"""
    from bbcs import render

    values = dict(ledger(write=False, command="policy show").policy.values)
    if as_json:
        render.print_json(values)
        return
    render.simple_table(
        t("title.policy"), [t("col.key"), t("col.value")], [(k, str(v)) for k, v in values.items()]
    )


@policy_app.command("set")
def policy_set(
    key: Annotated[
        str,
        typer.Argument(help=_h("Dotted key, e.g. limits.simple.", "参数名，如 limits.simple。")),
    ],
    value: Annotated[str, typer.Argument(help=_h("New value.", "新值。"))],
) -> None:
    """Set a policy value from now on. Example: bbcs policy set limits.simple 5"""
    from bbcs import render

    stored = ledger(write=True).set_policy(key, value)
    render.line(t("out.policy_set", key=key, value=stored))


# ---------------------------------------------------------------- case events


@app.command("open")
def open_(
    summary: Annotated[
        str,
        typer.Argument(help=_h("What the matter is, in a line.", "事项摘要。"), show_default=False),
    ],
    reporter: Annotated[
        str, typer.Option("--reporter", help=_h("Who reported it.", "反映人。"), show_default=False)
    ],
    phone: Annotated[
        str | None,
        typer.Option("--phone", help=_h("Phone number.", "联系电话。"), show_default=False),
    ] = None,
    company: Annotated[
        str | None,
        typer.Option("--company", help=_h("Company name.", "企业名称。"), show_default=False),
    ] = None,
    category: Annotated[
        str | None, typer.Option("--category", help=_h("Category.", "类别。"), show_default=False)
    ] = None,
    channel: Annotated[
        str, typer.Option("--channel", help="window|phone|online|letter")
    ] = "window",
    complexity: Annotated[
        str, typer.Option("--complexity", help="immediate|simple|normal|complex|hard")
    ] = "normal",
    detail: Annotated[
        str | None,
        typer.Option("--detail", help=_h("Full account.", "详细情况。"), show_default=False),
    ] = None,
    dept: Annotated[
        str | None,
        typer.Option(
            "--dept",
            help=_h("Lead department: assign at once.", "牵头单位（登记即交办）。"),
            show_default=False,
        ),
    ] = None,
    co: Annotated[
        list[str] | None,
        typer.Option(
            "--co", help=_h("Co-department (repeat).", "协办单位（可重复）。"), show_default=False
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help=_h("Print the id alone.", "只输出编号。"))
    ] = False,
    at: AtOpt = None,
) -> None:
    """Register a new case and print its id and due date.

    Example: bbcs open "营业执照变更办不下来" --reporter 张三 --phone 13812345678 --dept SCJ
    """
    from bbcs import render

    opened = ledger(write=True).open_case(
        summary,
        reporter=reporter,
        phone=phone,
        company=company,
        category=category,
        channel=channel,
        complexity=complexity,
        detail=detail,
        dept=dept,
        co=co or [],
        at=when(at),
    )
    if quiet:
        render.line(opened.case_id)
        return
    render.line(t("out.opened", case=opened.case_id, due=opened.due_date))
    if opened.provisional:
        render.warn(t("out.provisional", year=opened.due_date[:4]))


@app.command()
def assign(
    case: CaseArg,
    dept: Annotated[str, typer.Argument(help=_h("Lead department.", "牵头单位。"))],
    co: Annotated[
        list[str] | None,
        typer.Option(
            "--co", help=_h("Co-department (repeat).", "协办单位（可重复）。"), show_default=False
        ),
    ] = None,
    at: AtOpt = None,
) -> None:
    """Hand a pending case to a lead department. Example: bbcs assign 42 ZJJ --co GTJ"""
    _done(ledger(write=True).assign(case, dept, co or [], at=when(at)))


@app.command()
def transfer(
    case: CaseArg,
    dept: Annotated[str, typer.Argument(help=_h("New lead department.", "新牵头单位。"))],
    reason: ReasonOpt,
    at: AtOpt = None,
) -> None:
    """Re-route a case to another lead (the window's call; counts against nobody).

    Example: bbcs transfer 42 GTJ --reason "属国土职责"
    """
    _done(ledger(write=True).transfer(case, dept, reason=reason, at=when(at)))


@app.command()
def pushback(
    case: CaseArg,
    reason: ReasonOpt,
    basis: Annotated[
        str | None,
        typer.Option(
            "--basis",
            help=_h("The remit or rule cited.", "所依据的职责或规定。"),
            show_default=False,
        ),
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option(
            "--from", help=_h("The department pushing back.", "退回单位。"), show_default=False
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            help=_h("Hand it onward to this department.", "转给该单位。"),
            show_default=False,
        ),
    ] = None,
    at: AtOpt = None,
) -> None:
    """Record a department giving a case back (退回); it counts against that department.

    Example: bbcs pushback 42 --from ZJJ --reason "不属本局职责" --to GTJ
    """
    _done(
        ledger(write=True).pushback(case, reason=reason, basis=basis, by=from_, to=to, at=when(at))
    )


@app.command()
def ruling(
    case: CaseArg,
    verdict: Annotated[str, typer.Argument(help="valid|invalid")],
    reason: Annotated[
        str | None, typer.Option("--reason", help=_h("Why.", "理由。"), show_default=False)
    ] = None,
    at: AtOpt = None,
) -> None:
    """Rule on the latest pushback: valid (misrouted) or invalid (推诿).

    Example: bbcs ruling 42 invalid --reason "属该局法定职责"
    """
    _done(ledger(write=True).ruling(case, verdict, reason=reason, at=when(at)))


@app.command()
def note(
    case: CaseArg,
    text: Annotated[str, typer.Argument(help=_h("The note.", "备注内容。"))],
    at: AtOpt = None,
) -> None:
    """Add a note to a case. Example: bbcs note 42 "已电话催办" """
    _done(ledger(write=True).note(case, text, at=when(at)))


@app.command()
def close(
    case: CaseArg,
    result: Annotated[
        str, typer.Option("--result", help="resolved|explained|withdrawn", show_default=False)
    ],
    resolution: Annotated[
        str,
        typer.Option("--resolution", help=_h("What was done.", "办理情况。"), show_default=False),
    ],
    at: AtOpt = None,
) -> None:
    """Close a case out (办结/销号). Example: bbcs close 42 --result resolved --resolution "已办理" """
    _done(ledger(write=True).close(case, result=result, resolution=resolution, at=when(at)))


@app.command()
def review(
    case: CaseArg,
    rating: Annotated[str, typer.Argument(help="satisfied|basic|unsatisfied|unreachable|refused")],
    comment: Annotated[
        str | None,
        typer.Option(
            "--comment", help=_h("What the reporter said.", "反映人意见。"), show_default=False
        ),
    ] = None,
    at: AtOpt = None,
) -> None:
    """Record the call-back (回访); unsatisfied on a resolved case reopens it.

    Example: bbcs review 42 satisfied
    """
    state = ledger(write=True).review(case, rating, comment=comment, at=when(at))
    from bbcs import render

    if state.status != "closed":
        render.line(t("out.reopened", case=state.id, due=state.due_date))
    else:
        _done(state)


@app.command()
def reopen(case: CaseArg, reason: ReasonOpt, at: AtOpt = None) -> None:
    """Send a closed case back for re-handling (重办). Example: bbcs reopen 42 --reason "复核未解决" """
    _done(ledger(write=True).reopen(case, reason=reason, at=when(at)))


@app.command()
def uphold(case: CaseArg, reason: ReasonOpt, at: AtOpt = None) -> None:
    """Keep the result of a disputed case (维持原结果). Example: bbcs uphold 42 --reason "依法答复" """
    _done(ledger(write=True).uphold(case, reason=reason, at=when(at)))


@app.command()
def amend(
    case: CaseArg,
    reason: ReasonOpt,
    phone: Annotated[str | None, typer.Option("--phone", show_default=False)] = None,
    reporter: Annotated[str | None, typer.Option("--reporter", show_default=False)] = None,
    company: Annotated[str | None, typer.Option("--company", show_default=False)] = None,
    category: Annotated[str | None, typer.Option("--category", show_default=False)] = None,
    summary: Annotated[str | None, typer.Option("--summary", show_default=False)] = None,
    detail: Annotated[str | None, typer.Option("--detail", show_default=False)] = None,
    complexity: Annotated[str | None, typer.Option("--complexity", show_default=False)] = None,
    at: AtOpt = None,
) -> None:
    """Correct a case's details; the old values stay in its history.

    Example: bbcs amend 42 --phone 13900001111 --reason "登记错误"
    """
    changes = {
        "phone": phone,
        "reporter": reporter,
        "company": company,
        "category": category,
        "summary": summary,
        "detail": detail,
        "complexity": complexity,
    }
    _done(ledger(write=True).amend(case, changes, reason=reason, at=when(at)))


@app.command()
def escalate(
    case: CaseArg,
    level: Annotated[str, typer.Argument(help="urgent|coordinate|special|supervise")],
    reason: ReasonOpt,
    correction: Annotated[
        bool,
        typer.Option(
            "--correction", help=_h("Lower a mistaken level.", "更正错误的级别（降级）。")
        ),
    ] = False,
    at: AtOpt = None,
) -> None:
    """Raise a case's level: 加急办 < 协调办 < 特事特办 < 督办.

    Example: bbcs escalate 42 supervise --reason "群众多次反映"
    """
    from bbcs import render
    from bbcs.i18n import label
    from bbcs.models import Escalation

    state = ledger(write=True).escalate(
        case, level, reason=reason, correction=correction, at=when(at)
    )
    render.line(t("out.escalated", case=state.id, level=label(Escalation(state.escalation))))


@app.command()
def extend(
    case: CaseArg,
    days: Annotated[int, typer.Argument(help=_h("Working days to add.", "延长的工作日数。"))],
    reason: ReasonOpt,
    at: AtOpt = None,
) -> None:
    """Move both due dates later by DAYS working days (延期), before they pass.

    Example: bbcs extend 42 2 --reason "需现场勘验"
    """
    from bbcs import render

    state = ledger(write=True).extend(case, days, reason=reason, at=when(at))
    render.line(t("out.due", case=state.id, due=state.due_date))


@app.command()
def suspend(case: CaseArg, reason: ReasonOpt, at: AtOpt = None) -> None:
    """Stop the clock while waiting (挂起). Example: bbcs suspend 42 --reason "等待鉴定" """
    _done(ledger(write=True).suspend(case, reason=reason, at=when(at)))


@app.command()
def resume(case: CaseArg, at: AtOpt = None) -> None:
    """Restart the clock; the due dates move by the working days suspended.

    Example: bbcs resume 42
    """
    from bbcs import render

    state = ledger(write=True).resume(case, at=when(at))
    render.line(t("out.due", case=state.id, due=state.due_date))


@app.command()
def sweep() -> None:
    """Record newly overdue cases and apply automatic escalations (nightly; safe to re-run).

    Example: bbcs sweep
    """
    from bbcs import render

    swept = ledger(write=True).sweep()
    render.line(t("sweep.done", overdue=swept.overdue, escalated=swept.escalated))


# ---------------------------------------------------------------- reading


@app.command()
def show(case: CaseArg, as_json: JsonOpt = False) -> None:
    """Show one case: its fields, who held it for how long, and its events.

    Example: bbcs show 42
    """
    from bbcs import render

    view = ledger(write=False).show(case)
    if as_json:
        render.print_json(view)
    else:
        render.case_detail(view)


def _default_limit(limit: int | None, as_json: bool) -> int | None:
    if limit is not None:
        if not 1 <= limit <= MAX_LIMIT:
            raise InvalidInput("list.bad_limit", limit=limit, most=MAX_LIMIT)
        return limit
    return 50 if sys.stdout.isatty() and not as_json else None


@app.command("list")
def list_(
    status: Annotated[
        str | None,
        typer.Option("--status", help="pending|in_progress|suspended|closed", show_default=False),
    ] = None,
    dept: Annotated[
        str | None,
        typer.Option(
            "--dept", help=_h("Lead or co-department.", "牵头或协办单位。"), show_default=False
        ),
    ] = None,
    escalation: Annotated[
        str | None,
        typer.Option(
            "--escalation", help="none|urgent|coordinate|special|supervise", show_default=False
        ),
    ] = None,
    warning: Annotated[
        str | None, typer.Option("--warning", help="overdue|red|yellow|green", show_default=False)
    ] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help=_h("Open cases past due.", "已超期的在办事项。"))
    ] = False,
    due_within: Annotated[
        int | None,
        typer.Option(
            "--due-within",
            help=_h(
                "Open, not overdue, N or fewer working days left.",
                "未超期且剩余不超过 N 个工作日。",
            ),
            show_default=False,
        ),
    ] = None,
    unreviewed: Annotated[
        bool, typer.Option("--unreviewed", help=_h("The call-back worklist.", "待回访清单。"))
    ] = False,
    unruled: Annotated[
        bool, typer.Option("--unruled", help=_h("A pushback awaits a ruling.", "有待审定的退回。"))
    ] = False,
    opened_from: Annotated[str | None, typer.Option("--opened-from", show_default=False)] = None,
    opened_to: Annotated[str | None, typer.Option("--opened-to", show_default=False)] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            help=_h(
                "At most this many (default 50 on a terminal).", "最多显示条数（终端默认 50）。"
            ),
            show_default=False,
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """List cases, oldest first. Example: bbcs list --dept ZJJ --warning red"""
    from bbcs import render

    cases, total = ledger(write=False).find(
        status=status,
        dept=dept,
        escalation=escalation,
        warning=warning,
        overdue=overdue,
        due_within=due_within,
        unreviewed=unreviewed,
        unruled=unruled,
        opened_from=day(opened_from),
        opened_to=day(opened_to),
        limit=_default_limit(limit, as_json),
    )
    if as_json:
        render.print_json(cases)
    else:
        render.cases_table(cases, total)


@app.command()
def search(
    query: Annotated[
        str, typer.Argument(help=_h("Any text, one character or more.", "任意文字，一个字即可。"))
    ],
    limit: Annotated[int | None, typer.Option("--limit", show_default=False)] = None,
    as_json: JsonOpt = False,
) -> None:
    """Find cases by summary, detail, resolution and notes. Example: bbcs search 营业执照"""
    from bbcs import render

    if not query.strip():
        raise InvalidInput("field.empty", field="query")
    cases, total = ledger(write=False).find(
        text=query.strip(), limit=_default_limit(limit, as_json)
    )
    if as_json:
        render.print_json(cases)
    else:
        render.cases_table(cases, total)


@app.command()
def demo(
    replace: Annotated[
        bool,
        typer.Option(
            "--replace", help=_h("Overwrite an existing demo ledger.", "覆盖已有的演示台账。")
        ),
    ] = False,
) -> None:
    """Build the demo ledger (two months of a county window) and show it.

    It is written to --db if given, else to ./bbcs-demo.db, never to your real ledger.
    Example: bbcs demo
    """
    from bbcs import render
    from bbcs.demo import AS_OF, build_demo, is_demo

    path = _state.db or Path("bbcs-demo.db")
    if path.exists():
        if not replace:
            raise InvalidInput("demo.exists", path=str(path))
        # whoever runs it, the demo replaces only a ledger the demo made
        if not is_demo(path):
            raise InvalidInput("demo.not_demo", path=str(path))
        for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)
    count = build_demo(path)
    as_of = AS_OF.isoformat(timespec="minutes")
    os.environ["BBCS_NOW"] = as_of
    _state.db = path
    render.line(t("demo.built", path=str(path), count=count, as_of=as_of))
    book = ledger(write=False)
    cases, _ = book.find(limit=None)
    open_cases = [c for c in cases if c["status"] != "closed"]
    render.cases_table(open_cases, len(open_cases))
    from bbcs import render_reports, reports

    span = reports.choose_span("weekly", book.today)
    render_reports.print_table(reports.issue(book, "weekly", span, publish=False))
    render.line(t("demo.try", path=str(path), as_of=as_of))


# ---------------------------------------------------------------- command groups of their own
# Each module below imports only typer at the top; its heavy imports live inside its commands.
from bbcs.cli_calendar import calendar_app  # noqa: E402
from bbcs.cli_csv import register as register_csv  # noqa: E402
from bbcs.cli_reliability import register as register_reliability  # noqa: E402
from bbcs.cli_report import report_app  # noqa: E402
from bbcs.cli_schema import register as register_schema  # noqa: E402

app.add_typer(calendar_app, name="calendar")
app.add_typer(report_app, name="report")
register_reliability(app)
register_csv(app)
register_schema(app)


# Command help in Chinese: the docstrings are the English help; the examples stay as they are.
HELP_ZH = {
    "init": "创建台账或设置站点代码。\n\n示例：bbcs init --site HX",
    "migrate": "升级旧版 bbcs 创建的台账（先在原位置备份）。\n\n示例：bbcs migrate",
    "open": "受理登记新事项，输出编号和办结期限。\n\n"
    '示例：bbcs open "营业执照变更办不下来" --reporter 张三 --phone 13812345678 --dept SCJ',
    "assign": "将待交办事项交给牵头单位（可加协办单位）。\n\n示例：bbcs assign 42 ZJJ --co GTJ",
    "transfer": "窗口改派牵头单位（不计入任何单位的退回）。\n\n"
    '示例：bbcs transfer 42 GTJ --reason "属国土职责"',
    "pushback": "登记单位退回事项（计入该单位的退回次数）。\n\n"
    '示例：bbcs pushback 42 --from ZJJ --reason "不属本局职责" --to GTJ',
    "ruling": "审定最近一次退回：valid（交办有误）或 invalid（推诿）。\n\n"
    '示例：bbcs ruling 42 invalid --reason "属该局法定职责"',
    "note": '为事项添加备注。\n\n示例：bbcs note 42 "已电话催办"',
    "close": "办结（销号）。\n\n示例：bbcs close 42 --result resolved --resolution 已办理",
    "review": "登记回访结果；已解决事项回访不满意将自动重办。\n\n示例：bbcs review 42 satisfied",
    "reopen": '将已办结事项退回重办。\n\n示例：bbcs reopen 42 --reason "复核未解决"',
    "uphold": '对回访不满意的事项维持原结果。\n\n示例：bbcs uphold 42 --reason "依法答复"',
    "amend": '更正事项信息，原内容保留在记录中。\n\n示例：bbcs amend 42 --phone 13900001111 --reason "登记错误"',
    "escalate": '升级：加急办 < 协调办 < 特事特办 < 督办。\n\n示例：bbcs escalate 42 supervise --reason "群众多次反映"',
    "extend": '延期：两个期限同时顺延若干工作日（须在期限届满前）。\n\n示例：bbcs extend 42 2 --reason "需现场勘验"',
    "suspend": '挂起：计时暂停。\n\n示例：bbcs suspend 42 --reason "等待鉴定"',
    "resume": "恢复：期限按挂起的工作日数顺延。\n\n示例：bbcs resume 42",
    "sweep": "巡检：记录新超期事项并自动升级（每晚运行，可重复运行）。\n\n示例：bbcs sweep",
    "show": "查看单个事项：各项信息、各单位承办时长和办理记录。\n\n示例：bbcs show 42",
    "list": "列出事项（按受理时间先后）。\n\n示例：bbcs list --dept ZJJ --warning red",
    "search": "按摘要、详情、办理情况和备注全文查找。\n\n示例：bbcs search 营业执照",
    "demo": "生成演示台账（某县窗口两个月的事项）并显示；不会写入正式台账。\n\n示例：bbcs demo",
    "export": "将事项（加 --events 则为全部办理记录）写入 Excel 可打开的 CSV 文件。\n\n"
    "示例：bbcs export cases.csv --from 2026-01-01 --headers zh",
    "import": "导入事项表或办理记录 CSV 文件：全部校验通过才写入，否则不写入任何内容。\n\n"
    "示例：bbcs import cases.csv --dry-run",
    "verify": "校验每条记录、两条哈希链、每件事项、各登记表和文件本身，并指出第一处问题。\n\n"
    "示例：bbcs verify --head 1200:3f5a...",
    "audit": "查看审计日志：谁在何时显示完整电话号码、导出办理记录或登记用户。\n\n"
    "示例：bbcs audit --json",
    "schema": "输出 --json 所写文档（事项、办理记录、报表）的 JSON Schema，供其他系统校验。\n\n"
    "示例：bbcs schema case > case.schema.json",
    "backup": "在他人写入时安全地复制台账（SQLite 在线备份）。\n\n示例：bbcs backup /srv/backup/bbcs/",
    "user add": "登记用户及其角色；第一个用户必须是管理员。\n\n"
    "示例：bbcs user add wang --role dept --dept ZJJ",
    "user list": "列出已登记的用户及其角色。\n\n示例：bbcs user list",
    "dept add": "登记承办单位。\n\n示例：bbcs dept add ZJJ 住建局",
    "dept list": "列出已登记的承办单位。\n\n示例：bbcs dept list",
    "policy show": "查看现行政策参数。\n\n示例：bbcs policy show",
    "policy set": "设置政策参数（自即日起生效，不改变已有事项的期限）。\n\n"
    "示例：bbcs policy set limits.simple 5",
    "calendar show": "查看某月（或某年）日历，标出节假日和调休上班日。\n\n示例：bbcs calendar show 2026-10",
    "calendar due": "计算某日之后若干工作日（或某复杂程度）的期限。\n\n"
    "示例：bbcs calendar due 2026-09-30 simple",
    "calendar workdays": "计算两日之间的工作日数（不含起日，含止日）。\n\n"
    "示例：bbcs calendar workdays 2026-09-30 2026-10-12",
    "calendar add": "将某日设为休息日或工作日，相关事项的期限随之重算。\n\n"
    "示例：bbcs calendar add 2026-09-15 台风停工 --holiday",
    "calendar import": "导入节假日安排（CSV：date,kind,name），暂定期限随之重算。\n\n"
    "示例：bbcs calendar import 2027.csv",
    "calendar check": "如在办事项期限所涉年份缺少节假日安排，则以状态 1 退出（供定时任务检查）。\n\n"
    "示例：bbcs calendar check",
}


def _chinese_help(typer_app: typer.Typer, prefix: str = "") -> None:
    for info in typer_app.registered_commands:
        name = info.name or (info.callback.__name__.rstrip("_") if info.callback else "")
        if HELP_ZH.get(prefix + name):
            info.help = HELP_ZH[prefix + name]
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            _chinese_help(group.typer_instance, f"{prefix}{group.name} ")


if ZH:
    _chinese_help(app)


def main() -> None:
    """The console script: ``bbcs``."""
    sys.stdout = _GuardedStdout(sys.stdout)
    app(prog_name="bbcs")
