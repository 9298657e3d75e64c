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
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, TypeVar

from bbcs.i18n import cause_label, label, t

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID
    from rich.table import Table
    from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
WARNING_STYLE = {"overdue": "bold red", "red": "red", "yellow": "yellow", "green": "green"}


def console(
    stderr: bool = False, *, file: IO[str] | None = None, width: int | None = None
) -> Console:
    """The console everything is drawn on; with ``file``, plain text without colour.

    Piped to a program or a file (no terminal, no ``COLUMNS``) it is as wide as what
    it prints: a table is never laid out for a screen nobody looks at.
    """
    from rich.console import Console

    if width is None and file is None and not stderr and screen_width() is None:
        width = PIPE_WIDTH

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


# what a pipe is given: wider than any table bbcs draws, so none is squeezed or cut
PIPE_WIDTH = 1000


def screen_width() -> int | None:
    """The columns of the screen output goes to: the terminal's, else ``COLUMNS``; None for a pipe."""
    import shutil

    if sys.stdout is not None and sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else None


# ---------------------------------------------------------------- the one layout rule


@dataclass(frozen=True)
class Column:
    """A column of a table and how it gives way on a narrow screen.

    ``kind`` is ``whole`` for what is never cut (case ids, dates, numbers, short
    words: the column is as wide as its widest cell) or ``text`` for what wraps
    (a summary, a name). ``drop`` orders what a narrow screen loses: the column with
    the highest ``drop`` goes first; 0 never goes.
    """

    heading: str
    kind: str = "whole"
    drop: int = 0
    justify: str = "left"


@dataclass(frozen=True)
class Stack:
    """A cell of parts (a figure and its change) on one line, or one above the other when narrow."""

    parts: tuple[str, ...]
    style: str | None = None


TEXT_MIN = 16  # a wrapping column is never narrower than this
_EDGE = 3  # a column's border and padding


def layout(
    title: str | Text | None,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Any]],
    width: int | None,
    *,
    row_styles: Sequence[str | None] | None = None,
) -> Table:
    """The table laid out for ``width`` columns (None: as wide as it needs), by one rule.

    Every table follows it: ids and numbers are never cut. When the table is too
    wide, first its text columns wrap (down to ``TEXT_MIN`` or their longest Latin word)
    and its long headings fold onto two lines, then its stacked cells stack, and only
    then its columns go, highest ``drop`` first.
    """
    from rich.table import Table

    keep = list(range(len(columns)))
    stacked = False
    while True:
        widths = _widths(columns, rows, keep, stacked, width)
        if widths is not None:
            break
        if not stacked and any(isinstance(cell, Stack) for row in rows for cell in row):
            stacked = True
            continue
        droppable = [i for i in keep if columns[i].drop > 0]
        if not droppable:  # the text columns share what the whole ones leave, however little
            widths = _widths(columns, rows, keep, stacked, width, squeeze=True) or {}
            break
        keep.remove(max(droppable, key=lambda i: (columns[i].drop, i)))
    table = Table(title=title, title_justify="left")
    for i in keep:
        column = columns[i]
        table.add_column(
            _folded(column.heading, widths.get(i)),
            justify=column.justify,  # type: ignore[arg-type]
            width=widths.get(i),
            no_wrap=column.kind == "whole",
            overflow="fold",
        )
    wrapped = {i: widths[i] for i in keep if columns[i].kind == "text" and widths.get(i)}
    for r, row in enumerate(rows):
        style = row_styles[r] if row_styles else None
        table.add_row(*[_cell(row[i], stacked, wrapped.get(i)) for i in keep], style=style)
    return table


def _folded(heading: str, width: int | None) -> str:
    """A heading broken onto lines of ``width`` columns (a whole column does not wrap it itself)."""
    from rich.cells import cell_len

    if width is None or cell_len(heading) <= width:
        return heading
    lines = [""]
    for char in heading:
        if cell_len(lines[-1] + char) > width:
            lines.append("")
        lines[-1] += char
    return "\n".join(lines)


def _cell(cell: Any, stacked: bool, wrap: int | None = None) -> Any:
    if wrap and isinstance(cell, str):
        # by display width: CJK breaks between any two characters, a Latin word stays whole
        from bbcs.display import wrap_line

        return "\n".join(wrap_line(cell, wrap, "", ""))
    if isinstance(cell, Stack):
        from rich.text import Text

        return Text(
            ("\n" if stacked else " ").join(p for p in cell.parts if p), style=cell.style or ""
        )
    return cell


def _lines(cell: Any, stacked: bool) -> list[str]:
    if isinstance(cell, Stack):
        parts = [p for p in cell.parts if p]
        return parts if stacked else [" ".join(parts)]
    return str(cell.plain if hasattr(cell, "plain") else cell).split("\n")


def _widths(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Any]],
    keep: Sequence[int],
    stacked: bool,
    width: int | None,
    *,
    squeeze: bool = False,
) -> dict[int, int] | None:
    """Each kept column's width, or None when they cannot fit ``width``.

    ``squeeze`` lets the text columns go below ``TEXT_MIN`` (to 4) rather than fail.
    """
    from rich.cells import cell_len

    natural: dict[int, int] = {}
    least: dict[int, int] = {}
    for i in keep:
        cells = [cell_len(line) for row in rows for line in _lines(row[i], stacked)] or [0]
        heading = cell_len(columns[i].heading)
        if columns[i].kind == "text":
            # a CJK run breaks between any two characters; a Latin word only at its ends
            words = [
                len(word)
                for row in rows
                for line in _lines(row[i], stacked)
                for word in line.split()
                if cell_len(word) == len(word)
            ]
            natural[i] = max(heading, *cells)
            least[i] = min(natural[i], max(TEXT_MIN, min(max(words or [0]), 20)))
        else:
            natural[i] = max(heading, *cells)
            # a long heading may fold once; a short one stays whole
            least[i] = max(max(cells), heading if heading <= 8 else (heading + 1) // 2 + 1)
    edges = _EDGE * len(keep) + 1
    if width is None or sum(natural.values()) + edges <= width:
        return natural if width is not None else {}
    if squeeze:
        texts = [i for i in keep if columns[i].kind == "text"]
        spare = width - edges - sum(least[i] for i in keep if i not in texts)
        for i in texts:
            least[i] = max(4, min(least[i], spare // len(texts)))
    room = width - edges - sum(least.values())
    if room < 0:
        return None if not squeeze else least
    # give what room there is to the headings first, then to the text
    widths = dict(least)
    for i in sorted(keep, key=lambda i: columns[i].kind == "text"):
        extra = min(room, natural[i] - widths[i])
        widths[i] += extra
        room -= extra
    return widths


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


@contextmanager
def advancing(title: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr when it is a terminal (else nothing): ``advance(done, total)``."""
    if not sys.stderr.isatty():
        yield None
        return
    bar, task = progress(title, None)
    with bar:

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


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


# the list of cases: id, status and due date stay; a narrow screen loses the escalation,
# then the lead department, then the days left; the summary wraps
CASE_COLUMNS = (
    ("col.case", "whole", 0),
    ("col.status", "whole", 0),
    ("col.due", "whole", 0),
    ("col.left", "whole", 1),
    ("col.lead", "whole", 2),
    ("col.escalation", "whole", 3),
    ("col.summary", "text", 0),
)


def cases_table(cases: Sequence[dict[str, Any]], total: int | None = None) -> None:
    out = console()
    if not cases:
        out.print(t("out.no_cases"))
        return
    columns = [Column(t(key), kind, drop) for key, kind, drop in CASE_COLUMNS]
    rows = []
    for case in cases:
        due = case["due_date"] or ""
        if case["due_provisional"]:
            due += "*"
        left = case["working_days_left"]
        # an open case shows its warning level in colour; the others their status
        status = _warning_cell(case) or _enum_label("Status", case["status"])
        rows.append(
            (
                case["id"],
                status,
                due,
                "" if left is None else str(left),
                case["lead_dept"] or "",
                ""
                if case["escalation"] == "none"
                else _enum_label("Escalation", case["escalation"]),
                case["summary"],
            )
        )
    out.print(layout(t("title.cases"), columns, rows, out.width))
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
    skip = {"id", "events", "holds", "review", "merged"}
    for name, value in case.items():
        shown: str | Text
        if name in skip or value is None or value == [] or value == "":
            continue
        if name in enums:
            shown = _enum_label(enums[name], value)
        elif name == "warning":
            shown = _warning_cell(case) or ""
        elif name == "cause":
            shown = cause_label(value)
        elif isinstance(value, bool):
            shown = "✓" if value else "✗"
        elif isinstance(value, list):
            shown = ", ".join(map(str, value))
        elif name.endswith("_at"):
            from bbcs.history import when

            shown = when(str(value))
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
    merged = case.get("merged") or []
    if merged:
        columns = [Column(t("col.case")), Column(t("col.reporter"), "text"), Column(t("col.phone"))]
        found = [(m["id"], m["reporter"], m["phone"] or "") for m in merged]
        out.print(layout(t("show.merged"), columns, found, out.width))
    events = case.get("events") or []
    if events:
        from bbcs.history import actor, pushbacks_by_seq, told, when

        pushed = pushbacks_by_seq(events)

        columns = [
            Column(t("col.when")),
            Column(t("col.event")),
            Column(t("col.who"), drop=1),
            Column(t("col.details"), "text"),
        ]
        rows = []
        for event in events:
            kind = Text(t(f"event.{event['kind']}"))
            if event.get("superseded"):
                kind.stylize("strike")
                kind.append(f" ({t('show.superseded')})")
            rows.append((when(event["at"]), kind, actor(event["actor"]), told(event, pushed)))
        out.print(layout(t("show.events"), columns, rows, out.width))


def simple_table(
    title: str, columns: Sequence[str], rows: Sequence[Sequence[str]], *, wraps: int = -1
) -> None:
    """A titled table of text by the one layout rule: column ``wraps`` (the last) wraps,
    the others stay whole."""
    out = console()
    kinds = ["whole"] * len(columns)
    kinds[wraps] = "text"
    out.print(
        layout(title, [Column(c, k) for c, k in zip(columns, kinds, strict=True)], rows, out.width)
    )


def callback_table(entries: Sequence[dict[str, Any]], total: int | None = None) -> None:
    """The call-back worklist (``callback``, ``list --unreviewed``): one line per reporter
    to call, the case's result, and a disputed review marked."""
    out = console()
    if not entries:
        out.print(t("out.no_cases"))
        return
    from rich.text import Text

    # the phone and the reporter are what the clerk calls from: never dropped
    columns = [
        Column(t("col.case")),
        Column(t("col.result"), drop=2),
        Column(t("col.disputed"), drop=1),
        Column(t("col.reporter"), "text"),
        Column(t("col.phone")),
    ]
    rows = []
    for entry in entries:
        disputed = Text(t("out.disputed"), style="bold red") if entry["disputed"] else ""
        for reporter in entry["reporters"]:
            rows.append(
                (
                    entry["id"],
                    _enum_label("Result", entry["result"]),
                    disputed,
                    reporter["name"]
                    if reporter["case"] == entry["id"]
                    else t("out.merged_reporter", name=reporter["name"], case=reporter["case"]),
                    reporter["phone"] or "",
                )
            )
    out.print(layout(t("title.callback"), columns, rows, out.width))
    if total is not None and total > len(entries):
        out.print(t("out.more", shown=len(entries), total=total))
