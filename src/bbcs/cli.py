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
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from bbcs import __version__
from bbcs.commands import calendar, cases, exchange, reading, report, setup, trust
from bbcs.edge import ledger_path, state
from bbcs.errors import BbcsError, ExitCode
from bbcs.i18n import bilingual as _h
from bbcs.i18n import language, t

ZH = language() == "zh"


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

            if state.debug or not isinstance(error, sqlite3.Error):
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
