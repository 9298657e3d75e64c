"""延期申请 (SPEC §10): a department user asks, a supervisor approves or denies.

The world's today is Monday 2026-11-02; a normal case opened then is due 11-11.
"""

from __future__ import annotations

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
