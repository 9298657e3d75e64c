"""The one place that turns results into output: JSON documents and rich tables.

rich is imported here, inside the functions that draw, so commands that print a
line or nothing never pay for it. Colour follows ``NO_COLOR`` and whether stdout
is a terminal (rich decides both).

Text that came from a person or a file is drawn as typed: every console is made
by ``console`` and never reads a string as markup or ``:emoji:`` codes, so a
summary holding ``[/]`` or ``[link=…]`` is only text. Our own colours are
``rich.text.Text`` styles, never markup in a string.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Any, TypeVar

from bbcs.i18n import label, t

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID
    from rich.text import Text

MIN_WIDTHS = {"col.case": 16, "col.due": 10, "col.summary": 12}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
WARNING_STYLE = {"overdue": "bold red", "red": "red", "yellow": "yellow", "green": "green"}


def console(
    stderr: bool = False, *, file: IO[str] | None = None, width: int | None = None
) -> Console:
    """The console everything is drawn on; with ``file``, plain text without colour."""
    from rich.console import Console

    return Console(
        stderr=stderr,
        file=file,
        width=width,
        color_system=None if file is not None else "auto",
        highlight=False,
        soft_wrap=False,
        markup=False,
        emoji=False,
    )


def progress(description: str, total: int | None) -> tuple[Progress, TaskID]:
    """A transient progress bar on stderr whose description is shown as text, not markup."""
    from rich.progress import Progress, TextColumn

    bar = Progress(
        TextColumn("{task.description}", markup=False),
        *Progress.get_default_columns()[1:],
        console=console(stderr=True),
        transient=True,
    )
    return bar, bar.add_task(description, total=total)


def visible(text: str) -> str:
    """``text`` with any control character but newline and tab spelled out, for a terminal.

    Refused input is echoed in error sentences; its control characters must not
    drive the terminal that shows the refusal.
    """
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


Document = TypeVar("Document")


def emit(document: Document, as_json: bool, table: Callable[[Document], None]) -> None:
    """The one way a command prints what it read: one JSON document (``--json``) or, for people, ``table``.

    ``document`` is plain data (dicts, lists, strings, numbers), the same either way.
    """
    if as_json:
        print_json(document)
    else:
        table(document)


def print_json(document: Any) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def line(text: str) -> None:
    sys.stdout.write(text + "\n")


def warn(text: str) -> None:
    sys.stderr.write(visible(text) + "\n")


def value_text(value: Any) -> str:
    """A plain value as a person reads it: yes and no in the interface language."""
    if isinstance(value, bool):
        return t("word.yes") if value else t("word.no")
    return str(value)


def _enum_label(enum_name: str, value: str | None) -> str:
    if value is None:
        return ""
    from bbcs import models

    enum = getattr(models, enum_name)
    try:
        return label(enum(value))
    except ValueError:
        return value


def _warning_cell(case: dict[str, Any]) -> Text | None:
    from rich.text import Text

    level = case.get("warning")
    if level is None:
        return None
    return Text(_enum_label("Warning", level), style=WARNING_STYLE[level])


def cases_table(cases: Sequence[dict[str, Any]], total: int | None = None) -> None:
    out = console()
    if not cases:
        out.print(t("out.no_cases"))
        return
    from rich.table import Table

    table = Table(title=t("title.cases"), title_justify="left")
    for key in (
        "col.case",
        "col.status",
        "col.due",
        "col.left",
        "col.lead",
        "col.escalation",
        "col.summary",
    ):
        table.add_column(
            t(key), no_wrap=key in ("col.case", "col.due"), min_width=MIN_WIDTHS.get(key)
        )
    for case in cases:
        due = case["due_date"] or ""
        if case["due_provisional"]:
            due += "*"
        left = case["working_days_left"]
        # an open case shows its warning level in colour; the others their status
        status = _warning_cell(case) or _enum_label("Status", case["status"])
        table.add_row(
            case["id"],
            status,
            due,
            "" if left is None else str(left),
            case["lead_dept"] or "",
            "" if case["escalation"] == "none" else _enum_label("Escalation", case["escalation"]),
            case["summary"],
        )
    out.print(table)
    if total is not None and total > len(cases):
        out.print(t("out.more", shown=len(cases), total=total))


def case_detail(case: dict[str, Any]) -> None:
    from rich.table import Table
    from rich.text import Text

    out = console()
    facts = Table(show_header=False, box=None, title=case["id"], title_justify="left")
    facts.add_column(style="bold")
    facts.add_column()
    enums = {
        "status": "Status",
        "channel": "Channel",
        "complexity": "Complexity",
        "escalation": "Escalation",
        "result": "Result",
        "rating": "Rating",
    }
    skip = {"id", "events", "holds", "review"}
    for name, value in case.items():
        shown: str | Text
        if name in skip or value is None or value == [] or value == "":
            continue
        if name in enums:
            shown = _enum_label(enums[name], value)
        elif name == "warning":
            shown = _warning_cell(case) or ""
        elif isinstance(value, bool):
            shown = "✓" if value else "✗"
        elif isinstance(value, list):
            shown = ", ".join(map(str, value))
        else:
            shown = str(value)
        facts.add_row(label(name), shown)
    if case.get("review") == "disputed":
        facts.add_row("", Text(t("show.disputed"), style="yellow"))
    out.print(facts)
    holds = case.get("holds") or []
    if holds:
        table = Table(title=t("show.timeline"), title_justify="left")
        for key in (
            "col.dept",
            "col.role",
            "col.from",
            "col.to",
            "col.days",
            "col.due",
            "col.ended",
        ):
            table.add_column(t(key))
        for hold in holds:
            table.add_row(
                hold["dept"],
                t(f"role.{hold['role']}"),
                hold["from"],
                hold["to"] or "",
                str(hold["working_days"]),
                hold["dept_due_date"] or "",
                _enum_label("HoldEnd", hold["ended"]),
            )
        out.print(table)
    events = case.get("events") or []
    if events:
        table = Table(title=t("show.events"), title_justify="left")
        for key in ("col.when", "col.event", "col.who", "col.details"):
            table.add_column(t(key))
        for event in events:
            details = ", ".join(
                f"{k}={'、'.join(map(str, v)) if isinstance(v, list) else v}"
                for k, v in sorted(event["data"].items())
                if v not in (None, [], "")
            )
            kind = Text(t(f"event.{event['kind']}"))
            if event.get("superseded"):
                kind.stylize("strike")
                kind.append(f" ({t('show.superseded')})")
            table.add_row(event["at"], kind, event["actor"], details)
        out.print(table)


def simple_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    console().print(table)


def callback_table(entries: Sequence[dict[str, Any]], total: int | None = None) -> None:
    """The call-back worklist (``callback``, ``list --unreviewed``): one line per reporter
    to call, the case's result, and a disputed review marked."""
    out = console()
    if not entries:
        out.print(t("out.no_cases"))
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=t("title.callback"), title_justify="left")
    for key in ("col.case", "col.result", "col.disputed", "col.reporter", "col.phone"):
        table.add_column(t(key), no_wrap=True, min_width=MIN_WIDTHS.get(key))
    for entry in entries:
        disputed = Text(t("out.disputed"), style="bold red") if entry["disputed"] else ""
        for reporter in entry["reporters"]:
            table.add_row(
                entry["id"],
                _enum_label("Result", entry["result"]),
                disputed,
                reporter["name"],
                reporter["phone"] or "",
            )
    out.print(table)
    if total is not None and total > len(entries):
        out.print(t("out.more", shown=len(entries), total=total))
