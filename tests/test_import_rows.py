"""A bulk import writes each case's row, holds and search text as a single write would."""

from __future__ import annotations

from conftest import rows
from csv_world import write_csv

HEADER = ["status", "summary", "detail", "reporter", "complexity", "opened_at", "lead_dept",
          "co_depts", "closed_at", "result", "resolution", "rating"]  # fmt: skip


def test_an_imported_case_is_stored_as_verify_rebuilds_it(desk, tmp_path):
    typed = write_csv(
        tmp_path / "cases.csv",
        HEADER,
        [
            ["in_progress", "小区路灯不亮", "三个月了", "张三", "normal", "2026-09-29 09:00",
             "ZJJ", "GTJ;SCJ", "", "", "", ""],
            ["closed", "营业执照变更", "", "李四", "simple", "2026-09-29 09:30", "SCJ", "",
             "2026-09-30 11:00", "resolved", "当场办结", "satisfied"],
        ],
        encoding="utf-8-sig",
    )  # fmt: skip
    desk.ok("import", str(typed))
    # verify rebuilds every row, hold and search text by the functions a single write uses
    assert "and 2 case(s)" in desk.ok("verify")
    holds = rows(desk.db, "SELECT case_id, dept, role FROM holds ORDER BY case_id, n")
    assert [tuple(h) for h in holds] == [
        ("HX-2026-000001", "ZJJ", "lead"),
        ("HX-2026-000001", "GTJ", "co"),
        ("HX-2026-000001", "SCJ", "co"),
        ("HX-2026-000002", "SCJ", "lead"),
    ]
    found = desk.json("search", "路灯")
    assert [case["id"] for case in found] == ["HX-2026-000001"]
