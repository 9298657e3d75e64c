"""The department loop's figures in the reports (SPEC §10): signing, urges, redos, 解决率.

November 2026 from Monday 11-02: every department receives its cases that day,
so each accept due date is Tuesday 11-03.
"""

from __future__ import annotations

import pytest

from bbcs.reports import LOOP_FIGURES
from conftest import Run, rows

MON, TUE, WED = "2026-11-02T09:00", "2026-11-03T10:00", "2026-11-04T10:00"
THU, FRI, NEXT_TUE = "2026-11-05T10:00", "2026-11-06T10:00", "2026-11-10T10:00"
REPORT_DAY = "2026-12-01T09:00:00+08:00"


@pytest.fixture
def november(desk: Run) -> dict[str, str]:
    at = ("--at",)
    a = desk.open("墙体开裂", "--reporter", "甲", "--dept", "ZJJ", "--co", "GTJ")
    b = desk.open("路灯不亮", "--reporter", "乙", "--dept", "ZJJ")  # never signed
    c = desk.open("证照办理", "--reporter", "丙", "--dept", "SCJ")  # pushed back unsigned
    d = desk.open("土地确权", "--reporter", "丁", "--dept", "GTJ")  # replied, redone
    e = desk.open("噪音扰民", "--reporter", "戊", "--dept", "ZJJ")
    now = "2026-11-20T09:00:00+08:00"
    steps = [
        ("accept", e, "--dept", "ZJJ", *at, MON),
        ("pushback", c, "--from", "SCJ", "--reason", "不属本局", *at, MON),
        ("accept", a, "--dept", "ZJJ", *at, TUE),
        ("accept", a, "--dept", "GTJ", *at, WED),
        ("reply", d, "--result", "resolved", "--resolution", "已确权", *at, WED),
        ("urge", a, *at, THU),
        ("urge", a, "--how", "visit", *at, THU),  # the same day: counts once
        ("redo", d, "--reason", "答复不实", *at, THU),
        ("urge", a, "--how", "written", *at, FRI),
        ("close", a, "--result", "resolved", "--resolution", "已加固", *at, NEXT_TUE),
        ("close", e, "--result", "resolved", "--resolution", "已处理", *at, NEXT_TUE),
        ("review", a, "satisfied", "--solved", "yes", *at, "2026-11-11T10:00"),
        ("review", e, "basic", "--solved", "partly", *at, "2026-11-11T11:00"),
    ]
    for step in steps:
        desk.ok(*step, now=now)
    return {"A": a, "B": b, "C": c, "D": d, "E": e}


def _monthly(desk: Run) -> dict[str, object]:
    return desk.json("report", "monthly", "--month", "2026-11", now=REPORT_DAY)  # type: ignore[no-any-return]


LOOP = LOOP_FIGURES


def test_each_department_is_judged_on_signing_urges_redos_and_solving(
    desk: Run, november: dict[str, str]
) -> None:
    report = _monthly(desk)
    by = {d["dept"]: d for d in report["departments"]}  # type: ignore[attr-defined]
    assert {name: by["ZJJ"][name] for name in LOOP} == {
        "accept_due": 3,  # A and E signed on time, B never
        "accepted_on_time": 2,
        "accept_late": 1,
        "accept_rate": 0.6667,
        "unaccepted": 1,  # B, held unsigned at the month's end
        "urged": 2,  # A on Thursday (twice, counted once) and Friday
        "redone": 0,
        "solved_rate": 0.5,  # A yes, E partly
    }
    assert {name: by["GTJ"][name] for name in LOOP} == {
        "accept_due": 2,  # A as co, signed Wednesday; D signed by its reply Wednesday
        "accepted_on_time": 0,
        "accept_late": 2,
        "accept_rate": 0.0,
        "unaccepted": 0,
        "urged": 0,
        "redone": 1,
        "solved_rate": None,
    }
    # SCJ pushed C back before its accept due date, unsigned: nothing to sign for
    assert (by["SCJ"]["accept_due"], by["SCJ"]["accept_rate"]) == (0, None)
    totals = report["totals"]  # type: ignore[index]
    assert {n: totals[n] for n in ("accept_rate", "urged", "redone", "solved_rate")} == {
        "accept_rate": 0.4,
        "urged": 2,
        "redone": 1,
        "solved_rate": 0.5,
    }


def test_the_loop_figures_change_against_the_previous_month(
    desk: Run, november: dict[str, str]
) -> None:
    report = _monthly(desk)
    zjj = next(d for d in report["departments"] if d["dept"] == "ZJJ")  # type: ignore[attr-defined]
    assert zjj["change"]["urged"] == 2
    assert zjj["change"]["accept_rate"] is None  # nothing to sign in October
    assert report["change"]["redone"] == 1  # type: ignore[index]


def test_the_loop_figures_are_in_the_csv_and_the_spreadsheet(
    desk: Run, november: dict[str, str], tmp_path
) -> None:
    text = desk.ok("report", "monthly", "--month", "2026-11", "--format", "csv", now=REPORT_DAY)
    assert "Signing rate" in text and "Urged" in text and "Solved rate" in text
    target = tmp_path / "november.xlsx"
    desk.ok(
        "report", "monthly", "--month", "2026-11", "--format", "xlsx", "-o", str(target),
        now=REPORT_DAY,
    )  # fmt: skip
    from openpyxl import load_workbook

    cells = {c.value for ws in load_workbook(target) for row in ws.iter_rows() for c in row}
    assert {"Signing rate", "Redone", "Solved rate"} <= cells


def test_too_many_redos_put_the_lead_on_the_black_list(desk: Run, november: dict[str, str]) -> None:
    report = _monthly(desk)
    assert report["thresholds"]["redone"] == 3  # type: ignore[index]
    assert all(e["rule"] != "redone" for e in report["black_list_detail"])  # type: ignore[attr-defined]
    desk.ok("policy", "set", "rules.max_redone", "1")
    report = _monthly(desk)
    assert {"dept": "GTJ", "rule": "redone", "cases": [november["D"]]} in report[
        "black_list_detail"
    ]  # type: ignore[operator]
    assert "GTJ" in report["black_list"]  # type: ignore[operator]
    text = desk.ok("report", "monthly", "--month", "2026-11", "--format", "md", now=REPORT_DAY)
    assert "1 or more replies sent back" in text


def test_unsigned_at_a_days_end_is_every_hold_then_held_and_unsigned(
    desk: Run, november: dict[str, str]
) -> None:
    """On every day of the month, the report counts what the plain rule over every hold
    counts: received, its accept due date passed, not yet ended or signed that day."""
    from datetime import date

    plain = """
        SELECT dept, count(*) FROM holds
        WHERE accept_due < :day AND received <= :day
          AND (ended IS NULL OR ended > :day) AND (accepted IS NULL OR accepted > :day)
        GROUP BY dept
    """
    # B, never signed in the fixture, is signed late: unsigned on the days before the 10th
    desk.ok("accept", november["B"], "--dept", "ZJJ", "--at", "2026-11-10T09:00", now=REPORT_DAY)
    seen_signed_since = False
    for n in range(2, 21):
        day = date(2026, 11, n).isoformat()
        expected = {r[0]: r[1] for r in rows(desk.db, plain, {"day": day})}
        seen_signed_since |= bool(
            rows(desk.db, "SELECT 1 FROM holds WHERE accept_due < ? AND accepted > ?", day, day)
        )
        daily = desk.json("report", "daily", "--date", day, now=REPORT_DAY)
        counted = {d["dept"]: d["unaccepted"] for d in daily["departments"] if d["unaccepted"]}
        assert counted == expected, day
    assert seen_signed_since  # a hold signed late, after a day it was counted unsigned
