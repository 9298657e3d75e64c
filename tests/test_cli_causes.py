"""常态建设 (SPEC §11): why a matter could not get done through the normal channel, recorded
at close or reply from the policy list ``causes`` (English or Chinese), and ``report
causes``: the period's closed cases by cause × category × lead department, each (cause,
category) of ``rules.pattern_threshold`` cases or more flagged as a 类案."""

from __future__ import annotations

from typing import Any

from conftest import Run, rows

NOV = ("--month", "2026-11")
AFTER = "2026-12-01T09:00"


def _closed(desk: Run, summary: str, category: str, dept: str, cause: str | None, n: int) -> str:
    case = desk.open(summary, "--reporter", "张三", "--category", category, "--dept", dept,
                     now=f"2026-11-02T09:{n:02d}")  # fmt: skip
    why = ("--cause", cause) if cause else ()
    desk.ok("close", case, "--result", "explained", "--resolution", "已解释", *why,
            now=f"2026-11-05T10:{n:02d}")  # fmt: skip
    return case


def _month(desk: Run) -> dict[str, list[str]]:
    remit = [_closed(desk, f"不动产证{i}", "不动产登记", "ZJJ", "职责不清", i) for i in range(3)]
    policy = [_closed(desk, f"执照{i}", "营商环境", "SCJ", "no_policy", 10 + i) for i in range(2)]
    other = [_closed(desk, "别的事", "其他", "GTJ", None, 20)]
    return {"remit": remit, "policy": policy, "other": other}


def test_a_months_causes_name_the_pattern_that_needs_a_rule_fixed(desk: Run) -> None:
    cases = _month(desk)
    doc = desk.json("report", "causes", *NOV, now=AFTER)
    assert doc["kind"] == "causes" and (doc["from"], doc["to"]) == ("2026-11-01", "2026-11-30")
    assert doc["causes"] == [
        {"cause": "unclear_remit", "category": "不动产登记", "dept": "ZJJ", "count": 3,
         "cases": cases["remit"]},
        {"cause": "no_policy", "category": "营商环境", "dept": "SCJ", "count": 2,
         "cases": cases["policy"]},
    ]  # fmt: skip
    assert doc["patterns"] == [
        {"cause": "unclear_remit", "category": "不动产登记", "count": 3, "cases": cases["remit"]}
    ]
    assert doc["without_cause"] == 1
    # the threshold is the ledger's policy
    desk.ok("policy", "set", "rules.pattern_threshold", "2")
    again = desk.json("report", "causes", *NOV, now=AFTER)
    assert [p["cause"] for p in again["patterns"]] == ["unclear_remit", "no_policy"]


def test_the_causes_report_in_chinese_and_in_every_format(
    desk: Run, monkeypatch: Any, tmp_path
) -> None:
    cases = _month(desk)
    monkeypatch.setenv("BBCS_LANG", "zh")
    table = desk.ok("report", "causes", *NOV, now=AFTER)
    assert "类案" in table and "职责不清" in table and "本期另有 1 件" in table
    for fmt in ("md", "csv", "html"):
        text = desk.ok("report", "causes", *NOV, "--format", fmt, now=AFTER)
        assert "职责不清" in text and cases["remit"][0] in text, fmt
    book = tmp_path / "causes.xlsx"
    desk.ok("report", "causes", *NOV, "--format", "xlsx", "--output", str(book), now=AFTER)
    from openpyxl import load_workbook

    sheets = load_workbook(book).worksheets
    assert sheets[0]["A2"].value == "职责不清" and sheets[0]["D2"].value == 3


def test_a_bad_cause_is_refused_and_the_ledger_untouched(desk: Run) -> None:
    case = desk.open("某事", "--reporter", "张三", "--dept", "ZJJ", now="2026-11-02T09:00")
    before = rows(desk.db, "SELECT count(*) AS n FROM events")[0]["n"]
    said = desk.fails("close", case, "--result", "resolved", "--resolution", "x", "--cause",
                      "天气不好", now="2026-11-02T10:00")  # fmt: skip
    assert "天气不好" in said and "no_policy" in said
    assert rows(desk.db, "SELECT count(*) AS n FROM events")[0]["n"] == before


def test_the_replys_cause_goes_to_the_close_and_a_reopening_clears_it(desk: Run) -> None:
    case = desk.open("某事", "--reporter", "张三", "--dept", "ZJJ", now="2026-11-02T09:00")
    desk.ok("reply", case, "--result", "explained", "--resolution", "已解释", "--cause",
            "Data_Silos", "--dept", "ZJJ", now="2026-11-03T09:00")  # fmt: skip
    desk.ok("close", case, now="2026-11-03T10:00")
    assert desk.json("show", case)["cause"] == "data_silos"
    desk.ok("user", "add", "admin1", "--role", "admin", user="admin1")
    desk.ok("reopen", case, "--reason", "再核实", user="admin1", now="2026-11-04T09:00")
    assert desk.json("show", case, user="admin1")["cause"] is None


def test_the_casebook_groups_by_cause_as_well(desk: Run) -> None:
    cases = _month(desk)
    doc = desk.json("report", "casebook", *NOV, now=AFTER)
    assert doc["by_cause"] == [
        {"cause": "unclear_remit", "count": 3, "cases": cases["remit"]},
        {"cause": "no_policy", "count": 2, "cases": cases["policy"]},
        {"cause": None, "count": 1, "cases": cases["other"]},
    ]
    assert "unclear remit" in desk.ok("report", "casebook", *NOV, now=AFTER)


def test_an_office_adds_a_cause_of_its_own(desk: Run) -> None:
    desk.ok("policy", "set", "causes.land_use", "用地指标不足")
    assert "land_use" in desk.ok("policy", "show")
    case = desk.open("厂房办不了证", "--reporter", "张三", "--dept", "ZJJ", now="2026-11-02T09:00")
    desk.ok("close", case, "--result", "explained", "--resolution", "已解释", "--cause",
            "用地指标不足", now="2026-11-03T09:00")  # fmt: skip
    assert desk.json("show", case)["cause"] == "land_use"
    assert "NOT-A-CODE" in desk.fails("policy", "set", "causes.NOT-A-CODE", "某原因")
