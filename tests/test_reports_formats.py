"""Every report kind in every format: what a clerk, Excel and a mail reader get."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import Run, built

KINDS = ("daily", "weekly", "monthly", "pushback", "overdue", "casebook")
TEXT_FORMATS = ("table", "json", "csv", "md", "html")


@pytest.fixture
def ledger(desk: Run, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return built(desk, tmp_path_factory, _ledger)


def _ledger(desk: Run) -> dict[str, str]:
    """Two closes and a pushback in the last complete week, one case overdue today."""
    ids = {
        "late": desk.open(
            "营业执照变更", "--reporter", "张三", "--complexity", "simple", "--dept", "SCJ",
            "--category", "证照", "--at", "2026-10-20T09:00",
        ),
        "fast": desk.open(
            "不动产登记", "--reporter", "李四", "--complexity", "simple", "--dept", "ZJJ",
            "--at", "2026-10-26T09:00",
        ),
        "open": desk.open(
            "噪音扰民", "--reporter", "王五", "--phone", "13812345678", "--complexity", "simple",
            "--dept", "GTJ",
            "--at", "2026-10-26T10:00",
        ),
    }  # fmt: skip
    desk.ok("close", ids["late"], "--result", "resolved", "--resolution", "=已办结", "--at", "2026-10-27T10:00")  # fmt: skip
    desk.ok("close", ids["fast"], "--result", "explained", "--resolution", "已答复", "--at", "2026-10-27T11:00")  # fmt: skip
    desk.ok("pushback", ids["open"], "--from", "GTJ", "--to", "ZJJ", "--reason", "非本局", "--at", "2026-10-28T09:00")  # fmt: skip
    return ids


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_each_kind_prints_in_each_format(
    desk: Run, ledger: dict[str, str], kind: str, fmt: str
) -> None:
    out = desk.ok("report", kind, "--format", fmt)
    assert out.strip()
    if fmt == "json":
        assert json.loads(out)["kind"] == kind
    if kind == "overdue" and fmt != "json":
        assert ledger["open"] in out
    if kind in ("weekly", "pushback") and fmt in ("table", "md", "html"):
        assert "SCJ" in out and "市场监管局" in out


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_writes_every_format_to_a_file(
    desk: Run, ledger: dict[str, str], kind: str, tmp_path: Path
) -> None:
    for fmt in (*TEXT_FORMATS, "xlsx"):
        target = tmp_path / f"{kind}.{fmt}"
        desk.ok("report", kind, "--format", fmt, "--output", str(target))
        assert target.stat().st_size > 0
    assert not list(tmp_path.glob(".*.tmp"))


def test_table_draws_the_on_time_rate_as_a_bar(desk: Run, ledger: dict[str, str]) -> None:
    out = desk.ok("report", "weekly")
    assert "Weekly report 2026-10-26 to 2026-11-01" in out
    assert "████████ 100%" in out  # ZJJ closed on time
    assert "░░░░░░░░ 0%" in out  # SCJ closed late
    assert "Black list" in out and "on-time rate below 0.8" in out


def test_table_in_chinese(
    desk: Run, ledger: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BBCS_LANG", "zh")
    out = desk.ok("report", "weekly")
    assert "周报" in out and "按时办结率" in out and "黑榜" in out and "环比" in out


def test_html_is_self_contained_with_its_charts(
    desk: Run, ledger: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BBCS_LANG", "zh")
    page = desk.ok("report", "weekly", "--format", "html")
    assert page.startswith("<!DOCTYPE html>")
    # on-time rate, pushbacks, opened and closed per day, and the last eight weeks
    assert page.count("<svg") == 4
    assert "Microsoft YaHei" in page and "PingFang SC" in page and "Noto Sans CJK SC" in page
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert not re.search(r"https?://", page)
    assert "按时办结率" in page and "红榜" in page and "黑榜" in page and "各单位按时办结率" in page
    assert '<html lang="zh-CN">' in page


def test_csv_has_a_bom_and_reads_back(desk: Run, ledger: dict[str, str], tmp_path: Path) -> None:
    target = tmp_path / "weekly.csv"
    desk.ok("report", "weekly", "--format", "csv", "--output", str(target))
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header = rows[0]
    assert header[:3] == ["Rank", "Code", "Department"]
    scj = next(r for r in rows if len(r) > 1 and r[1] == "SCJ")
    assert scj[header.index("Closed")] == "1"
    assert scj[header.index("On-time rate")] == "0.0"


def test_csv_defuses_formulas(desk: Run, ledger: dict[str, str]) -> None:
    out = desk.ok(
        "report", "casebook", "--from", "2026-10-01", "--to", "2026-10-31", "--format", "csv"
    )
    assert "'=已办结" in out


def test_xlsx_opens_with_the_right_cells(desk: Run, ledger: dict[str, str], tmp_path: Path) -> None:
    target = tmp_path / "weekly.xlsx"
    desk.ok("report", "weekly", "--format", "xlsx", "--output", str(target))
    book = load_workbook(target)
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    rows = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["ZJJ"][header.index("On-time rate")] == 1.0
    assert rows["SCJ"][header.index("On-time rate")] == 0.0
    assert rows["ZJJ"][header.index("Rank")] == 1
    rate_cell = sheet.cell(row=2, column=header.index("On-time rate") + 1)
    assert rate_cell.number_format == "0.0%"
    totals = {row[0]: row[1] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)}
    assert totals["Opened"] == 2 and totals["Closed"] == 2


def test_xlsx_needs_an_output_file(desk: Run) -> None:
    assert "--output" in desk.fails("report", "daily", "--format", "xlsx")


def test_json_flag_is_json_format(desk: Run, ledger: dict[str, str]) -> None:
    assert desk.json("report", "weekly") == json.loads(
        desk.ok("report", "weekly", "--format", "json")
    )


def test_overdue_report_masks_phone_numbers(desk: Run, ledger: dict[str, str]) -> None:
    (case,) = desk.json("report", "overdue")["cases"]
    assert case["id"] == ledger["open"]
    assert case["phone"] == "138****5678"
    assert case["overdue_days"] == 2  # due Thu 29 Oct; Fri 30 Oct and Mon 2 Nov
    assert "13812345678" not in desk.ok("report", "overdue", "--format", "csv")
