"""并单 (SPEC §11): a repeat complaint merged into its master with ``link``, closed at once
as ``merged``, counted only as ``merged`` (and as a ``repeat`` of the department that
closed a master it came back to, or a late close of a lead that let its due date pass),
every reporter called back with the master, and a wrong link undone by a supervisor."""

from __future__ import annotations

from typing import Any

from conftest import Run, rows

PHONE = "13812345678"
OCTOBER = ("--month", "2026-10")
NOW = "2026-11-02T09:00"


def _department(desk: Run, code: str, *extra: str, **kw: Any) -> dict[str, Any]:
    doc = desk.json("report", "monthly", *OCTOBER, *extra, now=NOW, **kw)
    return next(d for d in doc["departments"] if d["dept"] == code)


def test_a_reporter_who_calls_twice_is_merged_and_both_are_called_back(desk: Run) -> None:
    master = desk.open("路灯不亮", "--reporter", "张三", "--phone", PHONE, "--dept", "ZJJ",
                       now="2026-10-08T09:00")  # fmt: skip
    repeat = desk.open("路灯还是不亮", "--reporter", "张三之妻", "--phone", PHONE,
                       now="2026-10-09T09:00")  # fmt: skip
    said = desk.ok("link", repeat, "--to", master, "--reason", "同一事项", now="2026-10-09T10:00")
    assert f"Merged {repeat} into {master}" in said
    merged = desk.json("show", repeat)
    assert (merged["status"], merged["result"], merged["merged_into"]) == (
        "closed",
        "merged",
        master,
    )
    assert merged["on_time"] is None and merged["review"] is None
    shown = desk.json("show", master)
    assert shown["merged"] == [{"id": repeat, "reporter": "张三之妻", "phone": PHONE}]
    assert repeat in desk.ok("show", master)
    # the merged case is off the worklist; its reporter is called with the master's
    desk.ok(
        "close", master, "--result", "resolved", "--resolution", "已修复", now="2026-10-12T09:00"
    )
    (entry,) = desk.json("callback", now="2026-10-12T10:00")
    assert entry["id"] == master
    assert entry["reporters"] == [
        {"name": "张三", "phone": PHONE, "case": master},
        {"name": "张三之妻", "phone": PHONE, "case": repeat},
    ]
    assert f"(merged {repeat})" in desk.ok("list", "--unreviewed", now="2026-10-12T10:00")
    # a merged case is neither reviewed nor reopened on its own
    assert master in desk.fails("review", repeat, "satisfied", now="2026-10-12T10:00")
    assert "--undo" in desk.fails("reopen", repeat, "--reason", "再看", now="2026-10-12T10:00")
    # counted only as merged: not a close, not late, in no other figure
    totals = desk.json("report", "monthly", *OCTOBER, now=NOW)["totals"]
    assert (totals["opened"], totals["closed"], totals["merged"], totals["repeats"]) == (2, 1, 1, 0)


def test_what_cannot_be_merged_is_refused_and_the_ledger_untouched(desk: Run) -> None:
    a = desk.open("甲", "--reporter", "张三", now="2026-10-08T09:00")
    b = desk.open("乙", "--reporter", "张三", now="2026-10-08T09:05")
    c = desk.open("丙", "--reporter", "张三", now="2026-10-08T09:10")
    mistaken = desk.open("误登记", "--reporter", "张三", now="2026-10-08T09:15")
    desk.ok("void", mistaken, "--reason", "登记错误", now="2026-10-08T09:20")
    before = rows(desk.db, "SELECT count(*) AS n FROM events")[0]["n"]
    later = "2026-10-08T10:00"
    assert "itself" in desk.fails("link", a, "--to", a, "--reason", "x", now=later)
    assert "voided" in desk.fails("link", a, "--to", mistaken, "--reason", "x", now=later)
    assert "--undo" in desk.fails("link", a, "--reason", "x", now=later)
    assert "not merged" in desk.fails("link", a, "--undo", "--reason", "x", now=later)
    assert "merged" in desk.fails("close", a, "--result", "merged", "--resolution", "x", now=later)
    assert rows(desk.db, "SELECT count(*) AS n FROM events")[0]["n"] == before
    desk.ok("link", b, "--to", a, "--reason", "同一事项", now=later)
    # a merged case is no master; a master keeps the cases merged into it
    assert f"merge {c} into {a}" in desk.fails("link", c, "--to", b, "--reason", "x", now=later)
    assert "stays their master" in desk.fails("link", a, "--to", c, "--reason", "x", now=later)


def test_a_repeat_counts_against_the_department_that_closed_the_master(desk: Run) -> None:
    master = desk.open("井盖缺失", "--reporter", "张三", "--phone", PHONE, "--dept", "ZJJ",
                       now="2026-09-01T09:00")  # fmt: skip
    desk.ok(
        "close", master, "--result", "resolved", "--resolution", "已补装", now="2026-09-25T10:00"
    )
    # 25 calendar days after the close: within the 30-day window, so the matter came back
    repeat = desk.open("井盖又缺了", "--reporter", "张三", "--phone", PHONE, "--dept", "GTJ",
                       now="2026-10-20T09:00")  # fmt: skip
    said = desk.ok("link", repeat, "--to", master, "--reason", "同一井盖", now="2026-10-21T09:00")
    assert "a repeat against ZJJ" in said
    zjj, gtj = _department(desk, "ZJJ", "--cases"), _department(desk, "GTJ", "--cases")
    assert (zjj["repeats"], zjj["cases"]["repeats"], zjj["merged"]) == (1, [repeat], 0)
    assert (gtj["merged"], gtj["cases"]["merged"], gtj["repeats"]) == (1, [repeat], 0)
    assert gtj["closed"] == 0  # merged before its due date: no close at all
    listed = desk.json("report", "monthly", *OCTOBER, "--dept", "ZJJ", "--figure", "repeats",
                       now=NOW)  # fmt: skip
    assert [c["id"] for c in listed] == [repeat]
    # a master closed more than the window before the repeat opened is no repeat
    old = desk.open("路面塌陷", "--reporter", "李四", "--phone", "13900001111", "--dept", "ZJJ",
                    now="2026-08-03T09:00")  # fmt: skip
    desk.ok("close", old, "--result", "resolved", "--resolution", "已修", now="2026-08-20T09:00")
    again = desk.open("路面又塌", "--reporter", "李四", "--phone", "13900001111",
                      now="2026-10-22T09:00")  # fmt: skip
    said = desk.ok("link", again, "--to", old, "--reason", "同一路段", now="2026-10-22T10:00")
    assert "repeat" not in said
    totals = desk.json("report", "monthly", *OCTOBER, now=NOW)["totals"]
    assert (totals["merged"], totals["repeats"]) == (2, 1)


def test_a_case_merged_after_its_leads_due_date_is_a_late_close_for_that_lead(
    desk: Run,
) -> None:
    master = desk.open("噪音扰民", "--reporter", "张三", "--phone", PHONE, now="2026-10-08T09:00")
    # a normal case: seven working days, so GTJ's due date is 2026-10-16
    late = desk.open("噪音扰民", "--reporter", "张三", "--phone", PHONE, "--dept", "GTJ",
                     now="2026-10-08T09:30")  # fmt: skip
    assert desk.json("show", late)["dept_due_date"] == "2026-10-16"
    said = desk.ok("link", late, "--to", master, "--reason", "同一事项", now="2026-10-19T09:00")
    assert "a late close for GTJ" in said
    gtj = _department(desk, "GTJ", "--cases")
    assert (gtj["closed"], gtj["on_time"], gtj["merged"], gtj["cases"]["closed"]) == (
        1,
        0,
        1,
        [late],
    )
    assert gtj["on_time_rate"] == 0.0
    black = desk.json("report", "monthly", *OCTOBER, now=NOW)["black_list_detail"]
    assert {"dept": "GTJ", "rule": "on_time_rate", "cases": [late]} in black


def test_a_supervisor_undoes_a_wrong_link_and_it_counts_in_no_figure(desk: Run) -> None:
    desk.ok("user", "add", "admin1", "--role", "admin", user="admin1")
    desk.ok("user", "add", "li", "--role", "clerk", user="admin1")
    desk.ok("user", "add", "zhao", "--role", "supervisor", user="admin1")
    master = desk.open("路灯不亮", "--reporter", "张三", "--phone", PHONE, user="li",
                       now="2026-10-08T09:00")  # fmt: skip
    wrong = desk.open("路灯不亮", "--reporter", "王五", "--phone", PHONE, "--dept", "ZJJ",
                      user="li", now="2026-10-08T09:30")  # fmt: skip
    before = desk.json("show", wrong, user="li")
    desk.ok(
        "link", wrong, "--to", master, "--reason", "同一事项", user="li", now="2026-10-09T09:00"
    )
    undo = ("link", wrong, "--undo", "--reason", "并错了")
    assert "clerk" in desk.fails(*undo, user="li", now="2026-10-13T09:00")
    said = desk.ok(*undo, user="zhao", now="2026-10-13T09:00")
    assert "in progress again" in said
    after = desk.json("show", wrong, user="li")
    assert (after["status"], after["result"], after["merged_into"]) == ("in_progress", None, None)
    # merged from the 9th to the 13th: three working days (Saturday the 10th is a 调休 working
    # day, Sunday the 11th is not), so both due dates move three working days later
    assert (before["due_date"], after["due_date"]) == ("2026-10-16", "2026-10-21")
    assert (before["dept_due_date"], after["dept_due_date"]) == ("2026-10-16", "2026-10-21")
    assert desk.json("show", master, user="li")["merged"] == []
    zjj = _department(desk, "ZJJ", user="li")
    totals = desk.json("report", "monthly", *OCTOBER, now=NOW, user="li")["totals"]
    assert (zjj["merged"], zjj["closed"], totals["merged"]) == (0, 0, 0)


def test_the_merge_is_told_in_chinese(desk: Run, monkeypatch: Any) -> None:
    master = desk.open("路灯不亮", "--reporter", "张三", "--phone", PHONE, now="2026-10-08T09:00")
    repeat = desk.open("路灯不亮", "--reporter", "张三", "--phone", PHONE, now="2026-10-08T10:00")
    monkeypatch.setenv("BBCS_LANG", "zh")
    said = desk.ok("link", repeat, "--to", master, "--reason", "同一事项", now="2026-10-08T11:00")
    assert said.strip() == f"已将 {repeat} 并入 {master}（并单），其反映人随 {master} 一并回访"
    shown = desk.ok("show", repeat)
    assert "并单" in shown and f"并入 {master}" in shown


def test_a_merged_case_goes_to_another_ledger_in_an_events_file_not_a_cases_file(
    desk: Run, tmp_path
) -> None:
    from csv_world import fresh

    master = desk.open("路灯不亮", "--reporter", "张三", "--phone", PHONE, now="2026-10-08T09:00")
    repeat = desk.open("路灯不亮", "--reporter", "李四", "--phone", PHONE, now="2026-10-08T10:00")
    desk.ok("link", repeat, "--to", master, "--reason", "同一事项", now="2026-10-08T11:00")
    cases, events = tmp_path / "cases.csv", tmp_path / "events.csv"
    desk.ok("export", str(cases), "--unmask")
    desk.ok("export", str(events), "--events")
    other = fresh(desk, tmp_path / "other.db", site="XQ")
    said = desk(*other, "import", str(cases))
    assert said.exit_code == 1 and "--events" in said.stderr
    desk.ok(*other, "import", str(events))
    moved = desk.json(*other, "show", repeat)
    assert (moved["result"], moved["merged_into"]) == ("merged", master)
    assert desk.json(*other, "show", master)["merged"][0]["id"] == repeat
