"""The HTML report reads as one a department head would print and pin up (SPEC §13)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest


@pytest.fixture
def week(desk):
    """A week with one department late (below the on-time threshold) and one on time."""
    late = desk.open("电梯", "--reporter", "张三", "--dept", "ZJJ", now="2026-10-12T09:00:00+08:00")
    desk.ok(
        "close",
        late,
        "--result",
        "resolved",
        "--resolution",
        "已办",
        now="2026-10-28T09:00:00+08:00",
    )
    quick = desk.open(
        "路灯", "--reporter", "李四", "--dept", "GTJ", now="2026-10-27T09:00:00+08:00"
    )
    desk.ok(
        "close",
        quick,
        "--result",
        "resolved",
        "--resolution",
        "已办",
        now="2026-10-28T10:00:00+08:00",
    )
    desk.monkeypatch.setenv("BBCS_NOW", "2026-11-02T09:00:00+08:00")
    return desk


def html(run, tmp_path: Path, *args: str) -> str:
    out = tmp_path / "r.html"
    run.ok("report", *args, "--format", "html", "--output", str(out))
    return out.read_text(encoding="utf-8")


def test_headline_figures_come_first_with_their_change(week, tmp_path) -> None:
    page = html(week, tmp_path, "weekly", "--week", "2026-W44")
    headline = page.index('class="headline"')
    assert headline < page.index("<table")
    names = re.findall(r'<div class="name">([^<]+)</div>', page)
    assert names == ["Opened", "Closed", "On-time rate", "Satisfaction rate", "Overdue open"]
    assert "▲" in page or "▼" in page or "＝" in page


def test_rates_are_coloured_against_the_threshold(week, tmp_path) -> None:
    page = html(week, tmp_path, "weekly", "--week", "2026-W44")
    row = re.search(r"<tr[^>]*><td>[^<]*</td><td class=\"text\">ZJJ</td>.*?</tr>", page)
    assert row and 'class="bad">0.0%' in row.group(0)
    gtj = re.search(r"<tr[^>]*><td>[^<]*</td><td class=\"text\">GTJ</td>.*?</tr>", page)
    assert gtj and 'class="good">100.0%' in gtj.group(0)


def test_text_headers_sit_over_text_and_figures_never_wrap(week, tmp_path) -> None:
    page = html(week, tmp_path, "weekly", "--week", "2026-W44")
    assert '<th class="text">Department</th>' in page
    assert "td { white-space: nowrap; }" in page
    assert not re.search(r"\d \(\+\d+\)", page)  # the change is its own small span
    assert "@page { size: A4 landscape" in page and "table-header-group" in page


def test_black_list_names_its_cases(week, tmp_path) -> None:
    page = html(week, tmp_path, "weekly", "--week", "2026-W44")
    black = page[page.index('class="black"') :]
    assert "HX-2026-000001" in black


def test_overdue_report_titles_itself_once(desk, tmp_path) -> None:
    desk.open("电梯", "--reporter", "张三", "--dept", "ZJJ", now="2026-09-01T09:00:00+08:00")
    page = html(desk, tmp_path, "overdue")
    body = page[page.index("<body>") :]
    title = re.search(r"<h1>([^<]+)</h1>", body)
    assert title and body.count(title.group(1)) == 1


# ---------------------------------------------------------------- the xlsx prints as a report


def test_xlsx_fits_its_columns_filters_and_prints_as_a_report(week, tmp_path) -> None:
    from openpyxl import load_workbook

    week.ok("dept", "add", "RSJ", "人力资源和社会保障局")
    out = tmp_path / "w.xlsx"
    week.ok("report", "weekly", "--week", "2026-W44", "--format", "xlsx", "--output", str(out))
    book = load_workbook(out)
    departments = book.worksheets[0]
    header = [c.value for c in departments[1]]
    name_column = departments.cell(row=1, column=header.index("Department") + 1).column_letter
    assert (
        departments.column_dimensions[name_column].width >= 20
    )  # 人力资源和社会保障局, CJK double
    for ws in book.worksheets:
        if ws.max_row > 1:
            assert ws.auto_filter.ref, ws.title
            assert ws["A1"].value, ws.title
        assert ws.page_setup.orientation == "landscape", ws.title
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$1:$1"
        assert "2026-10-26" in ws.oddHeader.center.text
    lists = book["Red list Black list"]
    black = [row for row in lists.iter_rows(min_row=2, values_only=True)]
    assert any("ZJJ" in row and "住建局" in row for row in black), black
    changes = book["Departments Change"]
    assert [c.value for c in changes[1]][:3] == ["Rank", "Code", "Department"]
