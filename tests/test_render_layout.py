"""Every table is readable at 80 columns: ids and numbers never cut; a pipe gets it whole."""

from __future__ import annotations

import io
import re

import pytest
from rich.cells import cell_len

from bbcs.render import Column, Stack, console, layout

CUT = re.compile(r"…")
LONG = "老旧小区加装电梯审批无单位牵头，住建局与规划局互相推诿已逾三个月"


def drawn(table: object, width: int) -> str:
    buffer = io.StringIO()
    console(file=buffer, width=width).print(table)
    return buffer.getvalue()


def test_layout_keeps_ids_whole_and_drops_by_order() -> None:
    columns = [
        Column("id"),
        Column("escalation", drop=2),
        Column("lead", drop=1),
        Column("summary", "text"),
    ]
    rows = [["DEMO-2026-000001", "特事特办", "ZJJ", LONG]] * 3
    text = drawn(layout("t", columns, rows, 40), 40)
    assert "DEMO-2026-000001" in text and not CUT.search(text)
    assert "特事特办" not in text  # the highest drop went first
    assert all(cell_len(line) <= 40 for line in text.splitlines())
    wide = drawn(layout("t", columns, rows, 200), 200)
    assert "特事特办" in wide and LONG in wide


def test_stacked_cells_stack_before_a_column_goes() -> None:
    columns = [Column("name", "text"), Column("closed", justify="right", drop=1)]
    rows = [["GAJ 公安局", Stack(("11", "(+10)"))]]
    one_line = drawn(layout(None, columns, rows, 80), 80)
    assert "11 (+10)" in one_line
    narrow = drawn(layout(None, columns, rows, 24), 24)
    assert "11" in narrow and "(+10)" in narrow and "11 (+10)" not in narrow


@pytest.fixture
def busy(desk):
    """Open cases in every warning colour, one supervised, one overdue."""
    old = "2026-09-01T09:00:00+08:00"
    overdue = desk.open(LONG, "--reporter", "张三", "--dept", "ZJJ", now=old)
    desk.ok("escalate", overdue, "supervise", "--reason", "群众多次反映")
    desk.open(
        LONG,
        "--reporter",
        "李四",
        "--dept",
        "GTJ",
        "--complexity",
        "simple",
        now="2026-10-29T09:00:00+08:00",
    )
    desk.open(LONG, "--reporter", "王五", "--dept", "SCJ", now="2026-11-02T09:00:00+08:00")
    return desk


def _fits(out: str, width: int) -> None:
    for line in out.splitlines():
        assert cell_len(line) <= width, line
    assert not CUT.search(out), out


@pytest.mark.parametrize("lang", ["en", "zh_CN.UTF-8"])
def test_list_and_overdue_fit_80_columns(busy, monkeypatch, lang) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("BBCS_LANG", lang)
    out = busy.ok("list")
    _fits(out, 80)
    assert out.count("HX-2026-00000") == 3
    out = busy.ok("report", "overdue")
    _fits(out, 80)
    assert "HX-2026-000001" in out


@pytest.mark.parametrize("kind", ["weekly", "monthly", "pushback", "casebook", "daily"])
def test_department_reports_fit_80_columns(busy, monkeypatch, kind) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("BBCS_LANG", "zh_CN.UTF-8")
    out = busy.ok("report", kind)
    _fits(out, 80)
    assert ("住建局" in out and "按时办结率" in out) or kind == "pushback"


def test_a_pipe_gets_the_full_width(busy, monkeypatch) -> None:
    monkeypatch.delenv("COLUMNS")
    out = busy.ok("list")
    assert LONG in out  # never wrapped to a screen nobody looks at
    assert "Level" in out and "supervise" in out
