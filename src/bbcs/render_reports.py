"""Reports as output: a rich table, JSON, CSV, Markdown, HTML with inline SVG, and xlsx.

Each renderer takes the report document that ``reports`` builds (plain data)
and returns text or bytes; nothing here counts anything. Headings and column
names are in the interface language (``i18n.t``); JSON keys stay English.
Heavy modules (rich, openpyxl, csv, html) are imported inside the functions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from typing import Any

from bbcs import spreadsheet
from bbcs.i18n import label, language, t
from bbcs.reports import AVERAGES, DEPT_FIGURES, DRILL_FIGURES, RATES, TOTAL_FIGURES, WINDOW

FORMATS = ("table", "json", "csv", "md", "html", "xlsx")
SUFFIX = {"table": "txt", "json": "json", "csv": "csv", "md": "md", "html": "html", "xlsx": "xlsx"}
FONT_STACK = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", sans-serif'

# the columns a department table shows on screen, in Markdown and in HTML
TABLE_FIGURES = (
    "assigned",
    "closed",
    "on_time",
    "overdue_open",
    "on_time_rate",
    "avg_working_days",
    "pushbacks_charged",
    "pushbacks",
    "pushback_rate",
    "escalations",
    "satisfaction_rate",
    "reopened",
    "first_time_rate",
    "reopen_rate",
    "co_late",
    "co_no_reply",
)
# the terminal has less room: the figures the Monday meeting reads first
SCREEN_FIGURES = tuple(
    f for f in TABLE_FIGURES if f not in ("pushbacks", "pushback_rate", "reopened")
)
PUSHBACK_FIGURES = (
    "pushbacks",
    "pushbacks_charged",
    "pushbacks_invalid",
    "pushbacks_valid",
    "pushback_cases",
    "pushback_rate",
)
OVERDUE_COLUMNS = (
    "id",
    "status",
    "lead_dept",
    "due_date",
    "dept_due_date",
    "overdue_days",
    "escalation",
    "summary",
)
CASEBOOK_COLUMNS = (
    "id",
    "summary",
    "departments",
    "pushbacks",
    "working_days_taken",
    "result",
    "cause",
    "resolution",
)


# the columns of the causes report's tables (SPEC §11)
CAUSES_COLUMNS = ("cause", "category", "lead_dept", "count", "cases")


def causes_sections(doc: dict[str, Any]) -> list[tuple[str, list[str], list[list[str]]]]:
    """The causes report (常态建设, SPEC §11) as titled tables: by cause, category and lead
    department; then the 类案, each naming its cases."""
    from bbcs.i18n import cause_label

    def category(value: str | None) -> str:
        return value or t("report.no_category")

    counted = [
        [cause_label(r["cause"]), category(r["category"]), r["dept"] or t("report.window"),
         str(r["count"]), ", ".join(r["cases"])]
        for r in doc["causes"]
    ]  # fmt: skip
    patterns = [
        [cause_label(r["cause"]), category(r["category"]), str(r["count"]), ", ".join(r["cases"])]
        for r in doc["patterns"]
    ]
    return [
        (
            t("report.by_cause"),
            [heading(n) for n in CAUSES_COLUMNS],
            counted,
        ),
        (
            t("report.patterns", threshold=doc["threshold"]),
            [heading(n) for n in ("cause", "category", "count", "cases")],
            patterns,
        ),
    ]


# ---------------------------------------------------------------- words and numbers


def heading(name: str) -> str:
    """A column's name in the interface language."""
    key = f"report.fig.{name}"
    text = t(key)
    return label(name) if text == key else text


def title(doc: dict[str, Any]) -> str:
    kind = t(f"report.kind.{doc['kind']}")
    if doc.get("site"):  # one window of a ledger of several (SPEC §12)
        kind = t("report.of_site", kind=kind, site=doc["site"])
    if doc["kind"] == "overdue":
        return f"{kind} — {t('report.as_of', day=doc['to'])}"
    if doc["from"] == doc["to"]:
        return f"{kind} {doc['from']}"
    return f"{kind} {t('report.period', first=doc['from'], last=doc['to'])}"


def shown(name: str, value: Any) -> str:
    """A figure as a person reads it: rates as percentages, a missing value as a dash."""
    if value is None:
        return "—"
    if name in RATES:
        return f"{float(value) * 100:.1f}%"
    if name in AVERAGES:
        return f"{float(value):.2f}"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def shown_change(name: str, value: Any) -> str:
    if value is None:
        return ""
    if name in RATES:
        return f"{float(value) * 100:+.1f}%"
    if name in AVERAGES:
        return f"{float(value):+.2f}"
    return f"{int(value):+d}"


def _with_change(dept: dict[str, Any], name: str) -> str:
    text = shown(name, dept[name])
    change = shown_change(name, (dept.get("change") or {}).get(name))
    return f"{text} ({change})" if change else text


def _enum(enum_name: str, value: str | None) -> str:
    if value is None:
        return ""
    from bbcs import models

    try:
        return label(getattr(models, enum_name)(value))
    except ValueError:
        return value


def case_cell(case: dict[str, Any], name: str) -> str:
    if name == "cause":
        from bbcs.i18n import cause_label

        return cause_label(case.get("cause"))
    return _case_cell(case, name)


def _case_cell(case: dict[str, Any], name: str) -> str:
    value = case.get(name)
    if name == "status":
        return _enum("Status", value)
    if name == "escalation":
        return "" if value == "none" else _enum("Escalation", value)
    if name == "result":
        return _enum("Result", value)
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def rule_text(rule: str, doc: dict[str, Any]) -> str:
    limits = doc.get("thresholds", {})
    return t(f"report.rule.{rule}", limit=limits.get(rule, ""))


def targets(doc: dict[str, Any]) -> list[str]:
    """The pushback matrix's columns: every department pushed onto, then the window."""
    seen = sorted({key for d in doc["departments"] for key in d.get("to", {}) if key != WINDOW})
    return [*seen, WINDOW]


def target_heading(code: str) -> str:
    return "→ " + (t("report.window") if code == WINDOW else code)


def department_columns(doc: dict[str, Any]) -> list[str]:
    figures = PUSHBACK_FIGURES if doc["kind"] == "pushback" else TABLE_FIGURES
    return ["rank", "dept", "name", *figures]


def department_row(doc: dict[str, Any], dept: dict[str, Any]) -> list[str]:
    cells = [shown("rank", dept["rank"]), dept["dept"], dept["name"]]
    figures = PUSHBACK_FIGURES if doc["kind"] == "pushback" else TABLE_FIGURES
    cells.extend(_with_change(dept, name) for name in figures)
    if doc["kind"] == "pushback":
        cells.extend(str(dept["to"].get(code, 0)) for code in targets(doc))
    return cells


def department_headings(doc: dict[str, Any]) -> list[str]:
    names = [heading(name) for name in department_columns(doc)]
    if doc["kind"] == "pushback":
        names.extend(target_heading(code) for code in targets(doc))
    return names


def totals_rows(doc: dict[str, Any]) -> list[list[str]]:
    change = doc.get("change") or {}
    return [
        [heading(name), shown(name, doc["totals"][name]), shown_change(name, change.get(name))]
        for name in TOTAL_FIGURES
    ]


def list_lines(doc: dict[str, Any]) -> tuple[str, list[str]]:
    """The red list as one line, and one line per black-list entry (rule and cases)."""
    names = {d["dept"]: d["name"] for d in doc["departments"]}
    red = ", ".join(f"{c} {names.get(c, '')}".strip() for c in doc["red_list"]) or t("report.none")
    black = [
        f"{e['dept']} {names.get(e['dept'], '')}: {rule_text(e['rule'], doc)}"
        + (f" — {', '.join(e['cases'])}" if e["cases"] else "")
        for e in doc["black_list_detail"]
    ]
    return red, black


# ---------------------------------------------------------------- JSON


def to_json(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def without_cases(doc: dict[str, Any]) -> dict[str, Any]:
    """The report without the cases behind its figures (``--cases``), as it is by default."""
    if not any("cases" in d for d in doc.get("departments", [])):
        return doc
    departments = [{k: v for k, v in d.items() if k != "cases"} for d in doc["departments"]]
    return {**doc, "departments": departments}


# ---------------------------------------------------------------- rich table


def _bar(value: float | None, width: int = 8) -> str:
    if value is None:
        return "—"
    filled = round(float(value) * width)
    return "█" * filled + "░" * (width - filled) + f" {float(value) * 100:.0f}%"


def _rate_style(doc: dict[str, Any], value: float | None) -> str:
    if value is None:
        return "dim"
    below = float(doc.get("thresholds", {}).get("on_time_rate", 0.8))
    if value < below:
        return "bold red"
    if value < 1.0:
        return "yellow"
    return "green"


# What a narrow screen loses first (the highest number; 0 never goes): every table of a
# report keeps its ids, its names and its key figure, and drops the rest in this order.
DROP = {
    # the overdue list: id, status, lead, days overdue and summary stay
    "escalation": 3,
    "dept_due_date": 2,
    "due_date": 1,
    # the department table: the on-time rate and the closes stay longest
    "co_no_reply": 12,
    "co_late": 11,
    "reopen_rate": 10,
    "first_time_rate": 9,
    "avg_working_days": 8,
    "escalations": 7,
    "on_time": 6,
    "satisfaction_rate": 5,
    "assigned": 4,
    "pushbacks_charged": 3,
    "overdue_open": 2,
    "closed": 1,
    # the pushback report
    "pushback_cases": 6,
    "pushback_rate": 5,
    "pushbacks_valid": 4,
    "pushbacks_invalid": 3,
    # the casebook
    "resolution": 5,
    "working_days_taken": 4,
    "departments": 3,
    "pushbacks": 2,
}
TEXT_COLUMNS = frozenset(("name", "summary", "departments", "resolution"))
NUMBER_COLUMNS = frozenset(("rank", "overdue_days", "pushbacks", "working_days_taken"))


def _column(name: str, justify: str | None = None) -> Any:
    from bbcs.render import Column

    return Column(
        heading(name),
        "text" if name in TEXT_COLUMNS else "whole",
        DROP.get(name, 0),
        justify or ("right" if name in NUMBER_COLUMNS else "left"),
    )


def renderables(doc: dict[str, Any], width: int | None = None) -> list[Any]:
    """What the terminal shows: titled tables and lines, coloured by warning level.

    Every table is laid out by ``render.layout`` for ``width`` columns, giving way
    in the order ``DROP`` says.
    """
    from rich.text import Text

    from bbcs.render import Column, Stack, layout

    out: list[Any] = [Text(title(doc), style="bold")]
    if doc["kind"] == "causes":
        for part, heads, found in causes_sections(doc):
            out.append(Text(part, style="bold"))
            if not found:
                out.append(Text(t("report.none")))
                continue
            cols = [Column(c, "text" if i in (1, len(heads) - 1) else "whole")
                    for i, c in enumerate(heads)]  # fmt: skip
            out.append(layout(None, cols, found, width))
        if doc["without_cause"]:
            out.append(Text(t("report.without_cause", count=doc["without_cause"]), style="dim"))
        _head(doc, out)
        return out
    if doc["kind"] == "overdue":
        if not doc["cases"]:
            out.append(Text(t("report.no_overdue")))
        else:
            out.append(
                layout(
                    None,
                    [_column(n) for n in OVERDUE_COLUMNS],
                    [[case_cell(case, n) for n in OVERDUE_COLUMNS] for case in doc["cases"]],
                    width,
                    row_styles=[
                        "bold red" if case["overdue_days"] > 5 else "red" for case in doc["cases"]
                    ],
                )
            )
        _head(doc, out)
        return out
    if "previous" in doc:
        prev = doc["previous"]
        out.append(Text(t("report.compared", first=prev["from"], last=prev["to"]), style="dim"))
    black = {e["dept"] for e in doc["black_list_detail"]}
    red = set(doc["red_list"])
    figures = PUSHBACK_FIGURES if doc["kind"] == "pushback" else SCREEN_FIGURES
    codes = targets(doc) if doc["kind"] == "pushback" else []
    columns = [_column("rank"), _column("name")]
    columns += [_column(n, "left" if n == "on_time_rate" else "right") for n in figures]
    columns += [Column(target_heading(c), "whole", 1, "right") for c in codes]
    rows: list[list[Any]] = []
    for dept in doc["departments"]:
        cells: list[Any] = [shown("rank", dept["rank"]), f"{dept['dept']} {dept['name']}"]
        for name in figures:
            change = shown_change(name, (dept.get("change") or {}).get(name))
            change = f"({change})" if change else ""
            if name == "on_time_rate":
                cells.append(Stack((_bar(dept[name]), change), _rate_style(doc, dept[name])))
            else:
                cells.append(Stack((shown(name, dept[name]), change)))
        cells.extend(str(dept["to"].get(code, 0)) for code in codes)
        rows.append(cells)
    styles = [
        "red" if d["dept"] in black else "green" if d["dept"] in red else None
        for d in doc["departments"]
    ]
    out.append(layout(t("report.departments"), columns, rows, width, row_styles=styles))
    red_line, black_lines = list_lines(doc)
    out.append(Text(f"{t('report.red_list')}: {red_line}", style="green"))
    out.append(Text(f"{t('report.black_list')}: " + (t("report.none") if not black_lines else "")))
    out.extend(Text("  " + line, style="red") for line in black_lines)
    if doc["kind"] == "casebook":
        out.extend(_casebook_tables(doc, width))
    totals = [Column(t("report.figure"), "text"), Column(t("report.value"), justify="right")]
    if "change" in doc:
        totals.append(Column(t("report.change"), justify="right"))
    rows = [row if "change" in doc else row[:2] for row in totals_rows(doc)]
    out.append(layout(t("report.totals"), totals, rows, width))
    _head(doc, out)
    return out


def _casebook_tables(doc: dict[str, Any], width: int | None) -> list[Any]:
    from rich.text import Text

    from bbcs.render import Column, layout

    if not doc["categories"]:
        return [Text(t("report.no_cases"))]
    tables = [
        layout(
            Text(f"{group['category'] or t('report.no_category')} ({len(group['cases'])})"),
            [_column(c) for c in CASEBOOK_COLUMNS],
            [[case_cell(case, c) for c in CASEBOOK_COLUMNS] for case in group["cases"]],
            width,
        )
        for group in doc["categories"]
    ]
    name, heads, rows = next(p for p in sections(doc) if p[0] == t("report.casebook_by_cause"))
    columns = [Column(heads[0], "text"), Column(heads[1], "whole"), Column(heads[2], "text")]
    return [*tables, layout(Text(name), columns, rows, width)]


def _head(doc: dict[str, Any], out: list[Any]) -> None:
    from rich.text import Text

    if doc.get("head"):
        out.append(Text(t("report.head", head=doc["head"]), style="dim"))


def print_table(doc: dict[str, Any]) -> None:
    from bbcs.render import console

    screen = console()
    for part in renderables(doc, screen.width):
        screen.print(part)


def to_text(doc: dict[str, Any], width: int = 160) -> str:
    """The table as plain text, for a file (``.txt``) or a pipe."""
    import io

    from bbcs.render import console

    buffer = io.StringIO()
    screen = console(file=buffer, width=width)
    for part in renderables(doc, width):
        screen.print(part)
    return buffer.getvalue()


# ---------------------------------------------------------------- CSV and Markdown


def sections(doc: dict[str, Any]) -> list[tuple[str, list[str], list[list[str]]]]:
    """The report as titled tables of text: what CSV, Markdown and HTML lay out."""
    if doc["kind"] == "causes":
        return causes_sections(doc)
    if doc["kind"] == "overdue":
        return [
            (
                title(doc),
                [heading(n) for n in OVERDUE_COLUMNS],
                [[case_cell(c, n) for n in OVERDUE_COLUMNS] for c in doc["cases"]],
            )
        ]
    parts = [
        (
            t("report.departments"),
            department_headings(doc),
            [department_row(doc, d) for d in doc["departments"]],
        )
    ]
    if doc["kind"] == "casebook":
        columns = ["category", *CASEBOOK_COLUMNS]
        rows = [
            [
                group["category"] or t("report.no_category"),
                *[case_cell(c, n) for n in CASEBOOK_COLUMNS],
            ]
            for group in doc["categories"]
            for c in group["cases"]
        ]
        parts.append((t("report.kind.casebook"), [heading(n) for n in columns], rows))
        from bbcs.i18n import cause_label

        parts.append(
            (
                t("report.casebook_by_cause"),
                [heading(n) for n in ("cause", "count", "cases")],
                [
                    [cause_label(g["cause"]) or t("report.no_cause"), str(g["count"]),
                     ", ".join(g["cases"])]
                    for g in doc.get("by_cause") or []
                ],
            )
        )  # fmt: skip
    names = {d["dept"]: d["name"] for d in doc["departments"]}
    parts.append(
        (
            t("report.red_list"),
            [heading("dept"), heading("name")],
            [[code, names.get(code, "")] for code in doc["red_list"]],
        )
    )
    parts.append(
        (
            t("report.black_list"),
            [heading("dept"), heading("name"), t("report.rule"), t("report.cases")],
            [
                [
                    e["dept"],
                    names.get(e["dept"], ""),
                    rule_text(e["rule"], doc),
                    ", ".join(e["cases"]),
                ]
                for e in doc["black_list_detail"]
            ],
        )
    )
    totals_head = [t("report.figure"), t("report.value")]
    rows = totals_rows(doc)
    if "change" in doc:
        totals_head.append(t("report.change"))
    else:
        rows = [row[:2] for row in rows]
    parts.append((t("report.totals"), totals_head, rows))
    return parts


def to_csv(doc: dict[str, Any]) -> str:
    """CSV for Excel and WPS: the department rows (raw figures), then totals and lists."""
    import csv
    import io

    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\r\n")
    if doc["kind"] == "causes":
        for i, (name, columns, rows) in enumerate(causes_sections(doc)):
            if i:
                out.writerow([])
            out.writerow([name])
            out.writerow(columns)
            out.writerows(rows)
        _csv_head(doc, out)
        return buffer.getvalue()
    if doc["kind"] == "overdue":
        out.writerow([heading(n) for n in OVERDUE_COLUMNS])
        for case in doc["cases"]:
            out.writerow([_raw(case.get(n)) for n in OVERDUE_COLUMNS])
        _csv_head(doc, out)
        return buffer.getvalue()
    figures = list(DEPT_FIGURES)
    header = [heading(n) for n in ("rank", "dept", "name", *figures)]
    codes = targets(doc) if doc["kind"] == "pushback" else []
    header.extend(target_heading(code) for code in codes)
    out.writerow(header)
    for dept in doc["departments"]:
        row = [_raw(dept[n]) for n in ("rank", "dept", "name", *figures)]
        row.extend(str(dept["to"].get(code, 0)) for code in codes)
        out.writerow(row)
    out.writerow([])
    out.writerow(
        [t("report.totals"), t("report.value")] + ([t("report.change")] if "change" in doc else [])
    )
    for name in TOTAL_FIGURES:
        row = [heading(name), _raw(doc["totals"][name])]
        if "change" in doc:
            row.append(_raw(doc["change"][name]))
        out.writerow(row)
    out.writerow([])
    out.writerow([t("report.red_list"), *doc["red_list"]])
    for entry in doc["black_list_detail"]:
        out.writerow(
            [
                t("report.black_list"),
                entry["dept"],
                rule_text(entry["rule"], doc),
                ";".join(entry["cases"]),
            ]
        )
    if doc["kind"] == "casebook":
        out.writerow([])
        columns = ["category", *CASEBOOK_COLUMNS]
        out.writerow([heading(n) for n in columns])
        for group in doc["categories"]:
            for case in group["cases"]:
                out.writerow(
                    [_raw(group["category"]), *[_raw(case.get(n)) for n in CASEBOOK_COLUMNS]]
                )
    _csv_head(doc, out)
    return buffer.getvalue()


def _csv_head(doc: dict[str, Any], out: Any) -> None:
    if doc.get("head"):
        out.writerow([])
        out.writerow([t("report.head", head=doc["head"])])


def _raw(value: Any) -> str:
    if isinstance(value, list):
        return spreadsheet.cell(";".join(map(str, value)))
    return spreadsheet.cell(value)


# what Markdown would read as a table's edge, emphasis, a link, code or HTML
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def _md_cell(text: str) -> str:
    """A cell's text shown as typed by a Markdown reader, on one line."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def to_md(doc: dict[str, Any]) -> str:
    lines = [f"# {title(doc)}", ""]
    if "previous" in doc:
        lines += [
            t("report.compared", first=doc["previous"]["from"], last=doc["previous"]["to"]),
            "",
        ]
    for name, columns, rows in sections(doc):
        lines.append(f"## {name}")
        lines.append("")
        if not rows:
            lines += [t("report.none"), ""]
            continue
        lines.append("| " + " | ".join(_md_cell(c) for c in columns) + " |")
        lines.append("|" + "---|" * len(columns))
        lines.extend("| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows)
        lines.append("")
    if doc.get("head"):
        lines += [t("report.head", head=f"`{doc['head']}`"), ""]
    return "\n".join(lines)


# ---------------------------------------------------------------- HTML with inline SVG

_CSS = """
@page { size: A4 landscape; margin: 12mm; }
body { font-family: FONTS; margin: 1.5em; color: #222; font-size: 14px; }
h1 { font-size: 1.6em; margin: 0 0 .2em; } h2 { font-size: 1.2em; margin: 1.4em 0 .4em; }
.period { color: #555; margin: 0 0 1em; }
.headline { display: flex; flex-wrap: wrap; gap: .8em; margin: 1em 0; }
.figure { border: 1px solid #ccc; border-radius: 6px; padding: .6em 1em; min-width: 9em; }
.figure .name { color: #555; font-size: .9em; }
.figure .value { font-size: 1.8em; font-weight: bold; white-space: nowrap; }
.figure .chg { font-size: .9em; white-space: nowrap; }
table { border-collapse: collapse; margin: .4em 0; }
.wide { overflow-x: auto; }
th, td { border: 1px solid #ccc; padding: .3em .6em; text-align: right; }
th { background: #f2f2f2; word-break: keep-all; vertical-align: bottom; }
td { white-space: nowrap; }
th.text, td.text { text-align: left; } td.wrap { white-space: normal; }
small.chg { color: #666; margin-left: .3em; }
.good { color: #1a7f37; } .bad { color: #b42318; font-weight: bold; }
.up.good, .down.good { color: #1a7f37; } .up.bad, .down.bad { color: #b42318; }
tr.black td { background: #fdf0ef; } tr.red td { background: #eef8f0; }
.red { color: #1a7f37; } .black { color: #b42318; } .head { color: #666; font-size: .9em; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5em; margin-top: 1.5em; }
figure { margin: 0; break-inside: avoid; }
svg text { font-family: FONTS; font-size: 13px; }
@media print {
  body { margin: 0; font-size: 11px; }
  .wide { overflow: visible; } .wide table { font-size: 9px; }
  thead { display: table-header-group; }
  tr, .figure, figure { break-inside: avoid; }
  h2 { break-after: avoid; }
}
""".replace("FONTS", FONT_STACK)

# the figures a department head reads first, and which way is better for each
HEADLINE = ("opened", "closed", "on_time_rate", "satisfaction_rate", "overdue_open")
NEUTRAL = frozenset(("opened", "assigned"))  # more cases is neither better nor worse
BETTER_DOWN = frozenset(
    (
        "overdue_open",
        "pushbacks",
        "pushbacks_charged",
        "pushback_rate",
        "escalations",
        "reopened",
        "reopen_rate",
        "co_late",
        "co_no_reply",
    )
)


def _svg_bars(
    name: str,
    items: Sequence[tuple[str, float | None]],
    scale: float,
    text: Callable[[float | None], str],
) -> str:
    """A horizontal bar chart: one labelled bar per item, ``scale`` being a full bar."""
    from html import escape

    row, left, width = 28, 230, 460
    height = row * len(items) + 36
    parts = [
        f'<svg role="img" width="{left + width + 80}" '
        f'height="{height}" viewBox="0 0 {left + width + 80} {height}">',
        f"<title>{escape(name)}</title>",
        f'<text x="0" y="14" font-weight="bold">{escape(name)}</text>',
    ]
    for i, (item, value) in enumerate(items):
        y = 30 + i * row
        length = 0 if value is None or scale <= 0 else round(width * float(value) / scale)
        shown_item = item if len(item) <= 16 else item[:15] + "…"  # keep clear of the bar
        parts.append(f'<text x="0" y="{y + 15}">{escape(shown_item)}</text>')
        parts.append(
            f'<rect x="{left}" y="{y}" width="{length}" height="{row - 8}" fill="#4e79a7"/>'
        )
        parts.append(f'<text x="{left + length + 6}" y="{y + 15}">{escape(text(value))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _svg_days(doc: dict[str, Any]) -> str:
    """Cases opened and closed per day: a pair of columns for each day of the period."""
    days = doc.get("days", [])
    points = [(d["day"][5:], d["day"], d["opened"], d["closed"]) for d in days]
    return _svg_pairs(t("report.by_day"), points)


def _svg_trend(doc: dict[str, Any]) -> str:
    """Cases opened and closed in each of the last eight periods, this one last."""
    points = [
        (p["from"][5:], f"{p['from']} – {p['to']}", p["opened"], p["closed"])
        for p in doc.get("trend", [])
    ]
    return _svg_pairs(t("report.trend"), points) if points else ""


def _svg_pairs(name: str, points: Sequence[tuple[str, str, int, int]]) -> str:
    """A pair of columns (opened, closed) per point, each labelled below and titled on hover."""
    from html import escape

    top = max([1] + [max(opened, closed) for _, _, opened, closed in points])
    step = max(12, min(48, 900 // max(1, len(points))))
    chart_h, base = 200, 250
    width = max(360, 60 + step * len(points))
    legend = width - 170
    parts = [
        f'<svg role="img" width="{width}" height="290" viewBox="0 0 {width} 290">',
        f"<title>{escape(name)}</title>",
        f'<text x="0" y="16" font-weight="bold">{escape(name)}</text>',
        f'<rect x="{legend}" y="6" width="12" height="12" fill="#4e79a7"/>'
        f'<text x="{legend + 16}" y="17">{escape(t("report.legend_opened"))}</text>',
        f'<rect x="{legend + 80}" y="6" width="12" height="12" fill="#f28e2b"/>'
        f'<text x="{legend + 96}" y="17">{escape(t("report.legend_closed"))}</text>',
        f'<line x1="40" y1="{base}" x2="{width}" y2="{base}" stroke="#999"/>',
        f'<line x1="40" y1="{base - chart_h}" x2="{width}" y2="{base - chart_h}" '
        'stroke="#ddd" stroke-dasharray="3,3"/>',
        f'<text x="34" y="{base - chart_h + 4}" text-anchor="end">{top}</text>',
        f'<text x="34" y="{base + 4}" text-anchor="end">0</text>',
    ]
    bar = max(3, step // 2 - 1)
    for i, (short, full, opened, closed) in enumerate(points):
        x = 44 + i * step
        for j, (value, colour) in enumerate(((opened, "#4e79a7"), (closed, "#f28e2b"))):
            h = round(chart_h * value / top)
            parts.append(
                f'<rect x="{x + j * bar}" y="{base - h}" width="{bar}" height="{h}" fill="{colour}">'
                f"<title>{escape(full)}: {value}</title></rect>"
            )
        if len(points) <= 14 or i % max(1, len(points) // 10) == 0:
            parts.append(f'<text x="{x}" y="{base + 16}" font-size="11">{escape(short)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def charts(doc: dict[str, Any]) -> list[str]:
    if doc["kind"] == "causes":
        return []
    if doc["kind"] == "overdue":
        counts: dict[str, int] = {}
        for case in doc["cases"]:
            key = case.get("lead_dept") or t("report.window")
            counts[key] = counts.get(key, 0) + 1
        top = max([1, *counts.values()])
        return [
            _svg_bars(
                t("report.chart_overdue"), sorted(counts.items()), top, lambda v: shown("n", v)
            )
        ]
    depts = doc["departments"]
    label_of = [f"{d['dept']} {d['name']}" for d in depts]
    pushbacks = [d["pushbacks_charged"] for d in depts]
    return [
        _svg_bars(
            t("report.chart_on_time"),
            list(zip(label_of, [d["on_time_rate"] for d in depts], strict=True)),
            1.0,
            lambda v: shown("on_time_rate", v),
        ),
        _svg_bars(
            t("report.chart_pushbacks"),
            list(zip(label_of, [float(p) for p in pushbacks], strict=True)),
            float(max([1, *pushbacks])),
            lambda v: "—" if v is None else str(int(v)),
        ),
        _svg_days(doc),
        *([_svg_trend(doc)] if doc.get("trend") else []),
    ]


def _arrow(name: str, change: Any) -> str:
    """The change against the previous period as an arrow, coloured by whether it is better."""
    from html import escape

    if change is None:
        return ""
    text = shown_change(name, change)
    if float(change) == 0:
        return f'<span class="chg">＝ {escape(text)}</span>'
    up = float(change) > 0
    better = "" if name in NEUTRAL else "good" if up != (name in BETTER_DOWN) else "bad"
    return (
        f'<span class="chg {"up" if up else "down"} {better}">'
        f"{'▲' if up else '▼'} {escape(text)}</span>"
    )


def _verdict(doc: dict[str, Any], name: str, value: Any) -> str:
    """``good`` or ``bad`` for a figure the policy sets a threshold for, else nothing."""
    limits = doc.get("thresholds", {})
    if value is None:
        return ""
    if name == "on_time_rate" and "on_time_rate" in limits:
        return "bad" if float(value) < float(limits["on_time_rate"]) else "good"
    if name == "pushbacks_charged" and "pushbacks" in limits:
        return "bad" if int(value) >= int(limits["pushbacks"]) else ""
    return ""


def _headline(doc: dict[str, Any]) -> str:
    from html import escape

    change = doc.get("change") or {}
    cards = []
    for name in HEADLINE:
        value = doc["totals"].get(name)
        css = _verdict(doc, name, value)
        cards.append(
            f'<div class="figure"><div class="name">{escape(heading(name))}</div>'
            f'<div class="value {css}">{escape(shown(name, value))}</div>'
            f"{_arrow(name, change.get(name))}</div>"
        )
    return '<div class="headline">' + "".join(cards) + "</div>"


def _html_table(columns: Sequence[tuple[str, bool]], rows: Sequence[str]) -> str:
    """A table: ``columns`` as (heading, is text); ``rows`` already as ``<tr>`` markup."""
    from html import escape

    head = "".join(
        f'<th class="text">{escape(c)}</th>' if text else f"<th>{escape(c)}</th>"
        for c, text in columns
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _html_departments(doc: dict[str, Any]) -> str:
    from html import escape

    figures = PUSHBACK_FIGURES if doc["kind"] == "pushback" else TABLE_FIGURES
    codes = targets(doc) if doc["kind"] == "pushback" else []
    columns = [(heading("rank"), False), (heading("dept"), True), (heading("name"), True)]
    columns += [(heading(n), False) for n in figures]
    columns += [(target_heading(c), False) for c in codes]
    black = {e["dept"] for e in doc["black_list_detail"]}
    red = set(doc["red_list"])
    rows = []
    for dept in doc["departments"]:
        change = dept.get("change") or {}
        cells = [
            f"<td>{escape(shown('rank', dept['rank']))}</td>",
            f'<td class="text">{escape(dept["dept"])}</td>',
            f'<td class="text">{escape(dept["name"])}</td>',
        ]
        listed = dept.get("cases") or {}
        for name in figures:
            css = _verdict(doc, name, dept[name])
            moved = shown_change(name, change.get(name))
            number = escape(shown(name, dept[name]))
            if listed.get(name):  # a number with cases behind it links to their list
                number = f'<a href="#{_anchor(dept["dept"], name)}">{number}</a>'
            cells.append(
                f'<td class="{css}">{number}'
                + (f'<small class="chg">{escape(moved)}</small>' if moved else "")
                + "</td>"
            )
        cells.extend(f"<td>{dept['to'].get(code, 0)}</td>" for code in codes)
        mark = "black" if dept["dept"] in black else "red" if dept["dept"] in red else ""
        rows.append(f'<tr class="{mark}">' + "".join(cells) + "</tr>")
    # a narrow window scrolls the table sideways rather than cutting its last columns
    return f'<div class="wide">{_html_table(columns, rows)}</div>'


def _anchor(dept: str, figure: str | None = None) -> str:
    """The id of a department's lists of cases, or of one figure's (codes are [A-Z0-9_-])."""
    return f"cases-{dept}" + (f"-{figure}" if figure else "")


def _html_cases(doc: dict[str, Any]) -> list[str]:
    """Under each department, the cases behind each of its nonzero counting figures, each
    list with the anchor its number in the department table links to."""
    from html import escape

    shown_any = [d for d in doc["departments"] if any((d.get("cases") or {}).values())]
    if not shown_any:
        return []
    body = [f"<h2>{escape(t('report.cases_behind'))}</h2>"]
    for dept in shown_any:
        body.append(
            f'<h3 id="{_anchor(dept["dept"])}">{escape(dept["dept"])} {escape(dept["name"])}'
            f' <small><a href="#departments">{escape(t("report.back_to_table"))}</a></small></h3>'
        )
        rows = [
            f'<tr id="{_anchor(dept["dept"], name)}">'
            f'<td class="text">{escape(heading(name))}</td>'
            f"<td>{len(ids)}</td>"
            f'<td class="text wrap">{"、".join(escape(i) for i in ids)}</td></tr>'
            for name in DRILL_FIGURES
            if (ids := dept["cases"].get(name))
        ]
        columns = [(t("report.figure"), True), (t("report.value"), False)]
        body.append(_html_table([*columns, (t("report.cases"), True)], rows))
    return body


def _html_lists(doc: dict[str, Any]) -> list[str]:
    from html import escape

    names = {d["dept"]: d["name"] for d in doc["departments"]}
    body = [f'<h2 class="red">{escape(t("report.red_list"))}</h2>']
    if doc["red_list"]:
        body.append(
            "<p>"
            + "、".join(escape(f"{c} {names.get(c, '')}".strip()) for c in doc["red_list"])
            + "</p>"
        )
    else:
        body.append(f"<p>{escape(t('report.none'))}</p>")
    body.append(f'<h2 class="black">{escape(t("report.black_list"))}</h2>')
    if not doc["black_list_detail"]:
        body.append(f"<p>{escape(t('report.none'))}</p>")
        return body
    columns = [(heading("dept"), True), (heading("name"), True)]
    columns += [(t("report.rule"), True), (t("report.cases"), True)]
    rows = [
        "<tr>"
        f'<td class="text">{escape(e["dept"])}</td>'
        f'<td class="text">{escape(names.get(e["dept"], ""))}</td>'
        f'<td class="text">{escape(rule_text(e["rule"], doc))}</td>'
        f'<td class="text wrap">{"<br>".join(escape(c) for c in e["cases"])}</td>'
        "</tr>"
        for e in doc["black_list_detail"]
    ]
    body.append(_html_table(columns, rows))
    return body


def _html_section(columns: Sequence[str], rows: Sequence[Sequence[str]], text: set[str]) -> str:
    from html import escape

    return _html_table(
        [(c, c in text) for c in columns],
        [
            "<tr>"
            + "".join(
                f'<td class="text wrap">{escape(v)}</td>'
                if columns[i] in text
                else f"<td>{escape(v)}</td>"
                for i, v in enumerate(row)
            )
            + "</tr>"
            for row in rows
        ],
    )


def to_html(doc: dict[str, Any]) -> str:
    """One self-contained page (no scripts, no links out) a department head prints and pins up.

    Headline figures first, each with its change (环比) as an arrow; then the department
    table with rates coloured against the policy's thresholds, each count with cases
    behind it linking to their list; the red and black lists with the cases behind them;
    under each department, the cases behind its figures (SPEC §10), when the report
    carries them; the charts; the totals. A4 landscape when printed.
    """
    from html import escape

    lang = "zh-CN" if language() == "zh" else "en"
    body = [f"<h1>{escape(title(doc))}</h1>"]
    if "previous" in doc:
        prev = doc["previous"]
        body.append(
            f'<p class="period">{escape(t("report.compared", first=prev["from"], last=prev["to"]))}</p>'
        )
    text_columns = {
        heading(n)
        for n in (
            "dept",
            "name",
            "category",
            "summary",
            "departments",
            "resolution",
            "id",
            "status",
            "lead_dept",
            "escalation",
            "result",
        )
    }
    if doc["kind"] == "causes":
        for name, columns, rows in causes_sections(doc):
            body.append(f"<h2>{escape(name)}</h2>")
            body.append(
                _html_section(columns, rows, {columns[0], columns[1], columns[-1]})
                if rows
                else f"<p>{escape(t('report.none'))}</p>"
            )
        if doc["without_cause"]:
            body.append(f"<p>{escape(t('report.without_cause', count=doc['without_cause']))}</p>")
    elif doc["kind"] == "overdue":
        _, columns, rows = sections(doc)[0]
        if rows:
            body.append(_html_section(columns, rows, text_columns))
        else:
            body.append(f"<p>{escape(t('report.no_overdue'))}</p>")
    else:
        body.append(_headline(doc))
        body.append(f'<h2 id="departments">{escape(t("report.departments"))}</h2>')
        body.append(_html_departments(doc))
        body.extend(_html_lists(doc))
        body.extend(_html_cases(doc))
        if doc["kind"] == "casebook":
            name, columns, rows = next(
                p for p in sections(doc) if p[0] == t("report.kind.casebook")
            )
            body.append(f"<h2>{escape(name)}</h2>")
            body.append(_html_section(columns, rows, text_columns) if rows else "")
    body.append('<div class="charts">')
    body.extend(f"<figure>{svg}</figure>" for svg in charts(doc))
    body.append("</div>")
    if doc["kind"] not in ("overdue", "causes"):
        name, columns, rows = sections(doc)[-1]
        body.append(f"<h2>{escape(name)}</h2>")
        body.append(_html_section(columns, rows, {t("report.figure")}))
    if doc.get("head"):
        body.append(f'<p class="head">{escape(t("report.head", head=doc["head"]))}</p>')
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title(doc))}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


# ---------------------------------------------------------------- xlsx


def to_xlsx(doc: dict[str, Any]) -> bytes:
    """A workbook: a sheet per table, header rows frozen, rates as percentages."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    first = book.active
    book.remove(first)
    bold = Font(bold=True)

    def sheet(
        name: str, header: Sequence[str], rows: Sequence[Sequence[Any]], kinds: Sequence[str]
    ) -> None:
        ws = book.create_sheet(_sheet_name(name))
        ws.append(list(header))
        for cell in ws[1]:
            cell.font = bold
        for row in rows:
            ws.append([_cell(v) for v in row])
        for i, kind in enumerate(kinds, start=1):
            fmt = {"rate": "0.0%", "avg": "0.00", "int": "0", "change": "+0;-0;0"}.get(kind)
            if fmt is None:
                continue
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = fmt
        ws.freeze_panes = "A2"
        _print_as_report(ws, title(doc), len(rows))

    if doc["kind"] == "causes":
        for part, heads, found in causes_sections(doc):
            kinds = ["int" if c == heading("count") else "text" for c in heads]
            shaped = [[int(v) if k == "int" else v for v, k in zip(r, kinds, strict=True)]
                      for r in found]  # fmt: skip
            sheet(part[:31], heads, shaped, kinds)
    elif doc["kind"] == "overdue":
        sheet(
            t("report.kind.overdue"),
            [heading(n) for n in OVERDUE_COLUMNS],
            [
                [c.get(n) if n == "overdue_days" else case_cell(c, n) for n in OVERDUE_COLUMNS]
                for c in doc["cases"]
            ],
            ["int" if n == "overdue_days" else "text" for n in OVERDUE_COLUMNS],
        )
    else:
        figures = PUSHBACK_FIGURES if doc["kind"] == "pushback" else TABLE_FIGURES
        who = ("rank", "dept", "name")
        codes = targets(doc) if doc["kind"] == "pushback" else []
        # the figures the report shows, to print; all of them and the 环比 on sheets of their own
        sheet(
            t("report.departments"),
            [heading(n) for n in (*who, *figures)] + [target_heading(c) for c in codes],
            [
                [d[n] for n in (*who, *figures)] + [d["to"].get(c, 0) for c in codes]
                for d in doc["departments"]
            ],
            [_kind_of(n) for n in (*who, *figures)] + ["int"] * len(codes),
        )
        header = [t("report.figure"), t("report.value")]
        rows: list[list[Any]] = [[heading(n), doc["totals"][n]] for n in TOTAL_FIGURES]
        if "change" in doc:
            header.append(t("report.change"))
            rows = [[*row, doc["change"][n]] for row, n in zip(rows, TOTAL_FIGURES, strict=True)]
        ws_name = t("report.totals")
        sheet(ws_name, header, rows, ["text"])
        ws = book[_sheet_name(ws_name)]
        for r, name in enumerate(TOTAL_FIGURES, start=2):
            for col in (2, 3):
                ws.cell(row=r, column=col).number_format = (
                    "0.0%" if name in RATES else "0.00" if name in AVERAGES else "0"
                )
        names_of = {d["dept"]: d["name"] for d in doc["departments"]}
        lists = [
            [t("report.red_list"), code, names_of.get(code, ""), "", ""] for code in doc["red_list"]
        ]
        lists += [
            [
                t("report.black_list"),
                e["dept"],
                names_of.get(e["dept"], ""),
                rule_text(e["rule"], doc),
                ", ".join(e["cases"]),
            ]
            for e in doc["black_list_detail"]
        ]
        sheet(
            f"{t('report.red_list')} {t('report.black_list')}",
            [
                t("report.list"),
                heading("dept"),
                heading("name"),
                t("report.rule"),
                t("report.cases"),
            ],
            lists,
            ["text"],
        )
        if doc["kind"] == "casebook":
            columns = ["category", *CASEBOOK_COLUMNS]
            sheet(
                t("report.kind.casebook"),
                [heading(n) for n in columns],
                [
                    [
                        group["category"] or "",
                        *[
                            c.get(n)
                            if n in ("pushbacks", "working_days_taken")
                            else case_cell(c, n)
                            for n in CASEBOOK_COLUMNS
                        ],
                    ]
                    for group in doc["categories"]
                    for c in group["cases"]
                ],
                ["text", "text", "text", "text", "int", "int"],
            )
    if doc["kind"] not in ("overdue", "causes"):
        who = ("rank", "dept", "name")
        if "previous" in doc:
            sheet(
                f"{t('report.departments')} {t('report.change')}",
                [heading(n) for n in (*who, *DEPT_FIGURES)],
                [
                    [d[n] for n in who] + [(d.get("change") or {}).get(n) for n in DEPT_FIGURES]
                    for d in doc["departments"]
                ],
                [_kind_of(n) for n in who]
                + [
                    "rate" if n in RATES else "avg" if n in AVERAGES else "change"
                    for n in DEPT_FIGURES
                ],
            )
        sheet(
            t("report.all_figures"),
            [heading(n) for n in (*who, *DEPT_FIGURES)],
            [[d[n] for n in (*who, *DEPT_FIGURES)] for d in doc["departments"]],
            [_kind_of(n) for n in (*who, *DEPT_FIGURES)],
        )
    if doc.get("head"):
        book.worksheets[0].sheet_properties.tabColor = "4E79A7"
        info = book.create_sheet(_sheet_name(t("report.head", head="").strip(" :：")))
        info.append([t("report.head", head=doc["head"])])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _print_as_report(ws: Any, heading_text: str, rows: int) -> None:
    """A sheet fitted and set up to print as a report.

    Columns as wide as their widest cell (a CJK character counts two), an autofilter
    on the header row, landscape A4 one page wide with the header row on every page,
    the report's title and period in the page header and the page number in the footer.
    """
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    from bbcs.display import width_of

    lines = 1
    for i, column in enumerate(ws.iter_cols(min_row=1, max_row=ws.max_row), start=1):
        head, *cells = column
        widest = max((width_of(_as_text(c.value, c.number_format)) for c in cells), default=0)
        # a heading wraps onto up to three lines; the cells set the width
        widest = max(widest, min(width_of(str(head.value or "")), 12))
        ws.column_dimensions[get_column_letter(i)].width = max(6, min(60, widest + 2))
        head.alignment = Alignment(wrap_text=True, vertical="bottom")
        lines = max(lines, -(-width_of(str(head.value or "")) // max(1, widest)))
    ws.row_dimensions[1].height = 15 * lines  # spreadsheets do not grow a wrapped row by themselves
    if rows and ws.max_column:
        ws.auto_filter.ref = ws.dimensions
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.oddHeader.center.text = heading_text
    ws.oddFooter.center.text = "&P / &N"


def _as_text(value: Any, number_format: str) -> str:
    """A cell as the spreadsheet shows it, near enough to size its column."""
    if value is None:
        return ""
    if isinstance(value, float) and "%" in number_format:
        return f"{value * 100:.1f}%"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _kind_of(name: str) -> str:
    if name in RATES:
        return "rate"
    if name in AVERAGES:
        return "avg"
    if name in ("dept", "name"):
        return "text"
    return "int"


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return spreadsheet.guard(", ".join(map(str, value)))
    return spreadsheet.guarded(value)


def _sheet_name(name: str) -> str:
    for bad in "[]:*?/\\":
        name = name.replace(bad, " ")
    return name[:31] or "report"


# ---------------------------------------------------------------- one entry point


def render_bytes(doc: dict[str, Any], fmt: str) -> bytes:
    """The report in ``fmt`` as the bytes of a file (CSV with a BOM for Excel)."""
    if fmt == "xlsx":
        return to_xlsx(doc)
    if fmt == "csv":
        return ("\ufeff" + to_csv(doc)).encode("utf-8")
    return render_text(doc, fmt).encode("utf-8")


def render_text(doc: dict[str, Any], fmt: str) -> str:
    renderers: dict[str, Callable[[dict[str, Any]], str]] = {
        "table": to_text,
        "json": to_json,
        "csv": to_csv,
        "md": to_md,
        "html": to_html,
    }
    return renderers[fmt](doc)
