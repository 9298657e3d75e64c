"""Text from people and files reaches the terminal and the report files as typed.

rich reads ``[...]`` as markup and ``:name:`` as an emoji code; none of that
may happen to a summary, a note, a name or a category, whatever the command.
"""

from __future__ import annotations

import csv
import io

import pytest

MARKUP = "[/][red]测试[/red]"
LINK = "[link=http://x]点我[/link]"


@pytest.fixture
def case(desk):
    """Opened two months ago, so overdue today and closed within the month if closed now."""
    at = ["--at", "2026-09-01T09:00"]
    return desk.open(MARKUP, "--category", "[/]类", "--dept", "ZJJ", "--reporter", "[b]张三", *at)


def test_a_summary_with_a_closing_tag_is_listed(desk):
    desk.open("[/]", "--reporter", "r")
    out = desk.ok("list")
    assert "│ [/]" in out
    assert "[/]" in desk.ok("search", "[/]")


@pytest.mark.parametrize("text", ["[red]x[/red]", LINK, MARKUP, ":smile:", "[bold]粗"])
def test_markup_in_a_summary_shows_literally(desk, text):
    case = desk.open(text, "--reporter", "r")
    assert text in desk.ok("list")
    assert text in desk.ok("show", case)
    assert text in desk.ok("search", text[:3])


def test_markup_in_notes_names_and_departments_shows_literally(desk, case):
    desk.ok("note", case, "--", LINK)
    desk.ok("dept", "add", "TXT", "[red]交通局[/red]")
    desk.ok("user", "add", "clerk1", "--role", "admin")
    desk.ok("user", "add", "[/]王五", "--role", "clerk")
    shown = desk.ok("show", case)
    assert LINK in shown and "[b]张三" in shown and "[/]类" in shown
    assert "[red]交通局[/red]" in desk.ok("dept", "list")
    assert "[/]王五" in desk.ok("user", "list")


def test_report_tables_show_markup_literally(desk, case):
    desk.ok("close", case, "--result", "resolved", "--resolution", LINK)
    daily = desk.ok("report", "daily", "--format", "table")
    assert "Daily report" in daily
    casebook = desk.ok("report", "casebook", "--from", "2026-11-01", "--format", "table")
    assert "[/]类 (1)" in casebook  # the category is the table's title
    assert MARKUP in casebook and LINK in casebook


def test_the_overdue_report_shows_markup_literally(desk, case):
    assert MARKUP in desk.ok("report", "overdue", "--format", "table")


def test_markdown_cells_keep_their_pipes_and_brackets(desk):
    case = desk.open("a|b *c*", "--reporter", "r", "--category", "甲|乙", "--dept", "ZJJ")
    desk.ok("close", case, "--result", "resolved", "--resolution", "<b>修好</b>")
    md = desk.ok("report", "casebook", "--from", "2026-11-01", "--format", "md")
    (row,) = [line for line in md.splitlines() if case in line and "修好" in line]
    assert row.count(" | ") == 8  # nine cells: no pipe of the text splits one
    assert "a\\|b \\*c\\*" in row and "甲\\|乙" in row and "\\<b\\>修好\\</b\\>" in row


def test_html_escapes_every_text(desk):
    case = desk.open("<script>alert(1)</script>", "--reporter", "r", "--dept", "ZJJ")
    desk.ok("dept", "add", "TXT", "<i>交通局</i>")
    desk.ok("close", case, "--result", "resolved", "--resolution", "a & b")
    page = desk.ok("report", "casebook", "--from", "2026-11-01", "--format", "html")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<i>" not in page and "&lt;i&gt;交通局&lt;/i&gt;" in page
    assert "a &amp; b" in page


def test_a_category_a_spreadsheet_would_run_is_guarded_in_the_csv_casebook(desk):
    case = desk.open("x", "--reporter", "r", "--category", "=1+1", "--dept", "ZJJ")
    desk.ok("close", case, "--result", "resolved", "--resolution", "r")
    text = desk.ok("report", "casebook", "--from", "2026-11-01", "--format", "csv")
    cells = [row for row in csv.reader(io.StringIO(text)) if case in row]
    assert cells and cells[0][0] == "'=1+1"


def test_an_error_spells_out_the_control_characters_it_quotes(desk):
    said = desk.fails("policy", "set", "limits.simple", "\u009b31m")
    assert "\u009b" not in said and "\\u009b31m" in said
