"""延期申请 (SPEC §10): a department user asks, a supervisor approves or denies.

The world's today is Monday 2026-11-02; a normal case opened then is due 11-11.
"""

from __future__ import annotations

from typing import Any

import pytest

from conftest import Run

THU = "2026-11-05T10:00:00+08:00"
LATE = "2026-11-13T10:00:00+08:00"


@pytest.fixture
def office(desk: Run) -> str:
    case = desk.open("墙体开裂", "--reporter", "张三", "--dept", "ZJJ")
    desk.ok("user", "add", "root", "--role", "admin")
    desk.ok("user", "add", "zj", "--role", "dept", "--dept", "ZJJ", user="root")
    desk.ok("user", "add", "gt", "--role", "dept", "--dept", "GTJ", user="root")
    desk.ok("user", "add", "boss", "--role", "supervisor", user="root")
    desk.ok("user", "add", "clerk1", "--role", "clerk", user="root")
    return case


def test_a_department_asks_and_a_supervisor_approves(desk: Run, office: str) -> None:
    out = desk.ok("extend", office, "3", "--reason", "需现场勘验", user="zj", now=THU)
    assert "asked for 3 more working days" in out
    shown = desk.json("show", office, user="boss")
    assert (shown["due_date"], shown["dept_due_date"], shown["extensions"]) == (
        "2026-11-11",
        "2026-11-11",
        0,
    )
    listed = desk.json("list", "--extension-requests", user="boss")
    assert [c["id"] for c in listed] == [office]
    assert listed[0]["extension_request"] == {
        "dept": "ZJJ",
        "days": 3,
        "reason": "需现场勘验",
        "at": "2026-11-05T10:00:00+08:00",
    }
    # approved after the due date passed: the timely request still counts
    assert "due 2026-11-16" in desk.ok("extend", office, "--approve", user="boss", now=LATE)
    shown = desk.json("show", office, user="boss")
    assert (shown["due_date"], shown["dept_due_date"], shown["extensions"]) == (
        "2026-11-16",
        "2026-11-16",
        1,
    )
    assert desk.json("list", "--extension-requests", user="boss") == []
    desk.ok("verify")


def test_a_supervisor_denies_with_a_reason(desk: Run, office: str) -> None:
    desk.ok("extend", office, "3", "--reason", "需现场勘验", user="zj")
    assert "reason" in desk.fails("extend", office, "--deny", user="boss")
    assert "denied" in desk.ok("extend", office, "--deny", "--reason", "理由不足", user="boss")
    assert desk.json("show", office, user="boss")["due_date"] == "2026-11-11"
    assert "no extension request" in desk.fails("extend", office, "--approve", user="boss")


def test_what_a_request_may_not_be(desk: Run, office: str, snapshot) -> None:
    desk.ok("extend", office, "3", "--reason", "需现场勘验", user="zj")
    before = snapshot()
    assert "awaiting an answer" in desk.fails("extend", office, "2", "--reason", "x", user="zj")
    assert "never held" in desk.fails("extend", office, "2", "--reason", "x", user="gt")
    assert "extend answer" in desk.fails("extend", office, "--approve", user="zj")
    assert "extend" in desk.fails("extend", office, "--approve", user="clerk1")
    assert "--approve" in desk.fails("extend", office, "2", "--approve", user="boss")
    assert snapshot() == before


def test_a_late_request_is_refused(desk: Run, office: str) -> None:
    assert "2026-11-11" in desk.fails(
        "extend", office, "3", "--reason", "需现场勘验", user="zj", now=LATE
    )


def test_a_request_lapses_when_its_department_replies(desk: Run, office: str) -> None:
    desk.ok("extend", office, "3", "--reason", "需现场勘验", user="zj")
    desk.ok("reply", office, "--result", "resolved", "--resolution", "已加固", user="zj")
    assert desk.json("list", "--extension-requests", user="boss") == []
    assert "no extension request" in desk.fails("extend", office, "--approve", user="boss")


def test_a_supervisors_own_extension_works_as_before(desk: Run, office: str) -> None:
    assert "due 2026-11-13" in desk.ok("extend", office, "2", "--reason", "需勘验", user="boss")


def test_extension_requests_in_chinese(desk: Run, office: str, monkeypatch) -> None:
    monkeypatch.setenv("BBCS_LANG", "zh")
    assert "已申请延期 3 个工作日" in desk.ok("extend", office, "3", "--reason", "勘验", user="zj")
    assert "延期申请" in desk.ok("extend", "--help")


def _weekly(desk: Run) -> dict[str, Any]:
    """ZJJ's figures in the week of 11-16."""
    report = desk.json("report", "weekly", "--week", "2026-W47", user="boss")
    return next(d for d in report["departments"] if d["dept"] == "ZJJ")


def test_an_approval_after_the_due_date_supersedes_the_overdue_it_overtook(
    desk: Run, office: str
) -> None:
    desk.ok("extend", office, "5", "--reason", "需现场勘验", user="zj", now=THU)
    desk.ok("sweep", now="2026-11-12T01:00:00+08:00")  # overdue: due 11-11
    desk.ok("sweep", now="2026-11-16T01:00:00+08:00")  # overdue by 3 (12, 13, 16): 督办
    shown = desk.json("show", office, user="boss")
    assert shown["escalation"] == "supervise"
    zjj = _weekly(desk)
    assert zjj["escalations"] == 1
    # the timely request approved on Tue 11-17: due 11-11 + 5 = 11-18
    desk.ok("extend", office, "--approve", user="boss", now="2026-11-17T10:00:00+08:00")
    shown = desk.json("show", office, user="boss")
    assert (shown["due_date"], shown["escalation"]) == ("2026-11-18", "none")
    system = [e for e in shown["events"] if e["actor"] == "system"]
    assert [(e["kind"], e["superseded"]) for e in system] == [
        ("overdue", True),
        ("escalate", True),
    ]
    approval = next(e["data"] for e in shown["events"] if e["kind"] == "extend")
    assert approval["supersedes"] == [e["seq"] for e in system]
    zjj = _weekly(desk)
    assert zjj["escalations"] == 0
    desk.ok("verify")


def test_an_overdue_after_the_new_date_stands(desk: Run, office: str) -> None:
    desk.ok("extend", office, "1", "--reason", "需现场勘验", user="zj", now=THU)
    desk.ok("sweep", now="2026-11-13T01:00:00+08:00")  # overdue on Fri 11-13; new date 11-12
    desk.ok("extend", office, "--approve", user="boss", now="2026-11-13T10:00:00+08:00")
    shown = desk.json("show", office, user="boss")
    overdue = next(e for e in shown["events"] if e["kind"] == "overdue")
    assert overdue["superseded"] is False
    assert "supersedes" not in next(e["data"] for e in shown["events"] if e["kind"] == "extend")


def _redone(desk: Run, case: str) -> None:
    """Replied Tue 11-10, sent back Thu 11-12 (the case was due 11-11): the lead's
    department due date is max(11-11 + 2 replied, 11-12 + limits.redo 5) = 11-19."""
    desk.ok(
        "reply",
        case,
        "--result",
        "resolved",
        "--resolution",
        "已加固",
        user="zj",
        now="2026-11-10T10:00:00+08:00",
    )
    desk.ok("redo", case, "--reason", "答复不实", user="boss", now="2026-11-12T10:00:00+08:00")
    shown = desk.json("show", case, user="boss")
    assert (shown["due_date"], shown["dept_due_date"]) == ("2026-11-11", "2026-11-19")


def test_after_a_redo_a_request_tests_and_moves_only_the_department_due_date(
    desk: Run, office: str
) -> None:
    _redone(desk, office)
    # the case due date 11-11 has passed, the department's 11-19 has not
    desk.ok(
        "extend", office, "2", "--reason", "需重新勘验", user="zj", now="2026-11-13T10:00:00+08:00"
    )
    desk.ok("extend", office, "--approve", user="boss", now="2026-11-16T10:00:00+08:00")
    shown = desk.json("show", office, user="boss")
    assert (shown["due_date"], shown["dept_due_date"], shown["extensions"]) == (
        "2026-11-11",
        "2026-11-23",
        1,
    )
    approval = next(e["data"] for e in shown["events"] if e["kind"] == "extend")
    assert "due_date" not in approval and approval["dept_due_date"] == "2026-11-23"
    desk.ok("verify")


def test_after_a_redo_a_supervisors_own_extension_moves_only_the_department_due_date(
    desk: Run, office: str
) -> None:
    _redone(desk, office)
    desk.ok(
        "extend",
        office,
        "3",
        "--reason",
        "需重新勘验",
        user="boss",
        now="2026-11-13T10:00:00+08:00",
    )
    shown = desk.json("show", office, user="boss")
    assert (shown["due_date"], shown["dept_due_date"]) == ("2026-11-11", "2026-11-24")


def test_after_a_redo_a_request_past_the_department_due_date_is_refused(
    desk: Run, office: str, snapshot: Any
) -> None:
    _redone(desk, office)
    before = snapshot()
    refused = desk.fails(
        "extend", office, "2", "--reason", "需重新勘验", user="zj", now="2026-11-20T10:00:00+08:00"
    )
    assert "2026-11-19" in refused
    assert snapshot() == before
