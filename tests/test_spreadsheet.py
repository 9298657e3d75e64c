"""The one formula guard (CSV ledgers, report CSV and xlsx) and the 环比 it must leave numeric."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from bbcs import spreadsheet
from conftest import Run


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+86 138", "'+86 138"),
        ("-rm", "'-rm"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=x", "''=x"),
        ("'plain", "'plain"),
        ("电梯", "电梯"),
        ("", ""),
    ],
)
def test_text_a_spreadsheet_would_run_gets_one_quote_and_loses_it_again(
    typed: str, written: str
) -> None:
    assert spreadsheet.guard(typed) == written
    assert spreadsheet.cell(typed) == written
    assert spreadsheet.unguard(written) == typed


@pytest.mark.parametrize(("value", "written"), [(-1, "-1"), (-0.25, "-0.25"), (3, "3"), (None, "")])
def test_numbers_go_out_as_numbers(value: object, written: str) -> None:
    assert spreadsheet.cell(value) == written
    assert spreadsheet.guarded(value) == value


def _fewer_cases_than_the_week_before(desk: Run) -> None:
    for day in ("2026-10-20T09:00", "2026-10-21T09:00"):
        desk.open("电梯", "--complexity", "simple", "--reporter", "张三", "--at", day)
    desk.open("=路灯", "--complexity", "simple", "--reporter", "李四", "--at", "2026-10-27T09:00")


def test_a_negative_change_in_a_weekly_csv_is_a_number(desk: Run, tmp_path: Path) -> None:
    _fewer_cases_than_the_week_before(desk)
    target = tmp_path / "weekly.csv"
    desk.ok("report", "weekly", "--format", "csv", "-o", str(target))
    assert desk.json("report", "weekly")["change"]["opened"] == -1
    records = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    opened = next(r for r in records if r[:1] == ["Opened"])
    assert opened[1:] == ["1", "-1"]


def test_an_xlsx_keeps_a_negative_change_a_number_and_guards_text(
    desk: Run, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    _fewer_cases_than_the_week_before(desk)
    weekly = tmp_path / "weekly.xlsx"
    desk.ok("report", "weekly", "--format", "xlsx", "-o", str(weekly))
    totals = {
        row[0]: row[1:]
        for row in load_workbook(weekly).worksheets[1].iter_rows(min_row=2, values_only=True)
    }
    assert totals["Opened"][:2] == (1, -1)
    overdue = tmp_path / "overdue.xlsx"
    desk.ok("report", "overdue", "--format", "xlsx", "-o", str(overdue))
    cells = [c for s in load_workbook(overdue) for r in s.iter_rows(values_only=True) for c in r]
    assert "'=路灯" in cells and "=路灯" not in cells
