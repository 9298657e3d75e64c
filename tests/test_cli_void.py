"""Voiding a mistaken entry (作废, SPEC §13), and a window that explained a matter itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conftest import Run, rows

Snapshot = Callable[[], list[tuple[Any, ...]]]


def test_a_case_opened_twice_is_voided_and_counted_nowhere(desk: Run) -> None:
    kept = desk.open("路灯不亮", "--reporter", "张伟", "--dept", "ZJJ", "--at", "2026-10-27T09:00")
    twice = desk.open("路灯不亮", "--reporter", "张伟", "--dept", "ZJJ", "--at", "2026-10-27T09:05")
    desk.ok("note", twice, "与上一件重复", "--at", "2026-10-27T09:10")
    out = desk.ok("void", twice, "--reason", f"重复登记，同 {kept}", "--at", "2026-10-28T09:00")
    assert twice in out
    case = desk.json("show", twice)
    assert (case["status"], case["result"], case["on_time"]) == ("closed", "void", None)
    assert case["events"][-1]["kind"] == "void"
    weekly = desk.json("report", "weekly", "--week", "2026-W44")
    assert (weekly["totals"]["opened"], weekly["totals"]["voided"]) == (1, 1)
    zjj = next(d for d in weekly["departments"] if d["dept"] == "ZJJ")
    assert zjj["assigned"] == 1
    assert [d["opened"] for d in weekly["days"] if d["day"] == "2026-10-27"] == [1]
    for kind in ("daily", "monthly", "pushback", "casebook"):
        report = desk.json("report", kind, "--from", "2026-10-01", "--to", "2026-11-02")
        assert report["totals"]["voided"] == 1, kind
    assert twice not in [c["id"] for c in desk.json("callback")]
    assert twice not in [
        c["id"] for c in desk.json("report", "overdue", "--to", "2026-11-02")["cases"]
    ]
    desk.ok("verify")


def test_only_a_case_no_department_acted_on_can_be_voided(desk: Run, snapshot: Snapshot) -> None:
    pushed = desk.open("违章搭建", "--reporter", "李四", "--dept", "ZJJ")
    desk.ok("pushback", pushed, "--from", "ZJJ", "--reason", "不属本局")
    closed = desk.open("咨询", "--reporter", "王五", "--complexity", "immediate")
    desk.ok("close", closed, "--result", "explained", "--resolution", "当场解释")
    before = snapshot()
    assert "pushback" in desk.fails("void", pushed, "--reason", "误登记")
    assert "closed" in desk.fails("void", closed, "--reason", "误登记")
    assert "void" in desk.fails("close", pushed, "--result", "void", "--resolution", "x")
    assert snapshot() == before


def test_a_voided_case_stays_closed(desk: Run, snapshot: Snapshot) -> None:
    case = desk.open("重复", "--reporter", "张伟")
    desk.ok("void", case, "--reason", "误登记")
    before = snapshot()
    assert "voided" in desk.fails("reopen", case, "--reason", "x")
    assert "voided" in desk.fails("review", case, "satisfied")
    desk.fails("void", case, "--reason", "again")
    assert snapshot() == before


def test_voiding_is_for_a_supervisor(desk: Run, snapshot: Snapshot) -> None:
    case = desk.open("重复", "--reporter", "张伟")
    desk.ok("user", "add", "admin1", "--role", "admin", user="admin1")
    desk.ok("user", "add", "li", "--role", "clerk", user="admin1")
    desk.ok("user", "add", "zhao", "--role", "supervisor", user="admin1")
    before = snapshot()
    assert "may not run bbcs void" in desk.fails("void", case, "--reason", "误登记", user="li")
    assert snapshot() == before
    desk.ok("void", case, "--reason", "误登记", user="zhao")
    assert rows(desk.db, "SELECT actor FROM events WHERE kind = 'void'")[0][0] == "zhao"


def test_the_window_closes_a_pending_case_it_explained_itself(
    desk: Run, snapshot: Snapshot
) -> None:
    case = desk.open("政策咨询", "--reporter", "张伟")
    before = snapshot()
    assert "--result explained" in desk.fails(
        "close", case, "--result", "resolved", "--resolution", "x"
    )
    assert snapshot() == before
    desk.ok("close", case, "--result", "explained", "--resolution", "窗口当场解释政策")
    shown = desk.json("show", case)
    assert (shown["status"], shown["result"], shown["lead_dept"]) == ("closed", "explained", None)
    daily = desk.json("report", "daily")
    assert (daily["totals"]["closed"], daily["totals"]["explained"]) == (1, 1)
