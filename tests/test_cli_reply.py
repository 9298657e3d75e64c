"""答复 and 审核 from the command line (SPEC §10): reply, close from replied, redo.

The world's today is Monday 2026-11-02; a normal case opened then is due, on both
clocks, Wednesday 11-11; limits.redo = 5.
"""

from __future__ import annotations

from conftest import rows

TUE = "2026-11-03T10:00:00+08:00"
WED = "2026-11-04T10:00:00+08:00"
THU = "2026-11-05T10:00:00+08:00"
FRI = "2026-11-06T10:00:00+08:00"
NEXT_TUE = "2026-11-10T10:00:00+08:00"


def _case(desk, *co):
    extra = [a for c in co for a in ("--co", c)]
    return desk.open("墙体开裂", "--reporter", "张三", "--dept", "ZJJ", *extra)


def _reply(desk, case, *args, now=FRI):
    return desk.ok("reply", case, "--result", "resolved", "--resolution", "已加固", *args, now=now)


def test_the_lead_replies_and_the_case_waits_for_review(desk):
    case = _case(desk)
    assert "awaits the window's review" in _reply(desk, case)
    shown = desk.json("show", case)
    assert shown["status"] == "replied"
    assert shown["holds"][0]["replied"] == "2026-11-06"
    assert shown["holds"][0]["accepted"] == "2026-11-06"  # the reply signed for it
    assert shown["working_days_left"] == 3  # still on the case clock
    reply = next(e["data"] for e in shown["events"] if e["kind"] == "reply")
    assert reply["on_time"] is True and reply["dept_due_date"] == "2026-11-11"
    desk.ok("verify")


def test_close_from_replied_takes_the_reply_by_default(desk):
    case, other = _case(desk), _case(desk)
    _reply(desk, case)
    _reply(desk, other)
    desk.ok("close", case, now=NEXT_TUE)
    shown = desk.json("show", case)
    assert (shown["status"], shown["result"], shown["resolution"]) == (
        "closed",
        "resolved",
        "已加固",
    )
    desk.ok("close", other, "--result", "explained", "--resolution", "已解释", now=NEXT_TUE)
    assert desk.json("show", other)["result"] == "explained"


def test_a_close_without_a_reply_still_needs_its_result(desk, snapshot):
    case = _case(desk)
    before = snapshot()
    assert "--result" in desk.fails("close", case)
    assert snapshot() == before


def test_redo_gives_the_lead_at_least_limits_redo_days(desk):
    case = _case(desk)
    _reply(desk, case)
    out = desk.ok("redo", case, "--reason", "答复不实", now=NEXT_TUE)
    # 11-11 moved by the 2 working days replied is 11-13; 5 after the redo is 11-17
    assert "now due 2026-11-17" in out and "stays due 2026-11-11" in out
    shown = desk.json("show", case)
    assert (shown["status"], shown["dept_due_date"], shown["due_date"]) == (
        "in_progress",
        "2026-11-17",
        "2026-11-11",
    )
    assert shown["holds"][0]["replied"] is None
    redo = next(e["data"] for e in shown["events"] if e["kind"] == "redo")
    assert redo == {
        "dept": "ZJJ",
        "reason": "答复不实",
        "days": 2,
        "dept_due_date": "2026-11-17",
    }
    desk.ok("verify")


def test_redo_gives_back_the_days_the_window_took(desk):
    desk.ok("policy", "set", "limits.redo", "1")
    case = _case(desk)
    _reply(desk, case, now=TUE)
    desk.ok("redo", case, "--reason", "答复不实", now=THU)
    # replied Tue, redone Thu: 2 working days, so 11-11 becomes 11-13 (later than Fri 11-06)
    assert desk.json("show", case)["dept_due_date"] == "2026-11-13"


def test_a_co_department_records_its_part_and_leaves(desk):
    case = _case(desk, "GTJ", "SCJ")
    out = _reply(desk, case, "--dept", "GTJ", now=WED)
    assert "GTJ recorded its part" in out
    shown = desk.json("show", case)
    assert shown["status"] == "in_progress"
    assert shown["co_depts"] == ["SCJ"]
    gtj = next(h for h in shown["holds"] if h["dept"] == "GTJ")
    assert (gtj["to"], gtj["ended"]) == ("2026-11-04", "replied")
    _reply(desk, case)
    assert "SCJ recorded its part" in _reply(desk, case, "--dept", "SCJ")
    assert desk.json("show", case)["status"] == "replied"


def test_what_a_replied_case_refuses(desk, snapshot):
    pending = desk.open("路灯不亮", "--reporter", "李四")
    case = _case(desk, "GTJ")
    _reply(desk, case)
    before = snapshot()
    assert "already" in desk.fails(
        "reply", case, "--result", "resolved", "--resolution", "x", now=FRI
    )
    assert "review" in desk.fails("transfer", case, "SCJ", "--reason", "x")
    assert "review" in desk.fails("suspend", case, "--reason", "x")
    assert "review" in desk.fails("pushback", case, "--from", "ZJJ", "--reason", "x")
    assert "review" in desk.fails("extend", case, "2", "--reason", "x")
    assert "replied" in desk.fails("urge", case)
    assert "resolved or explained" in desk.fails(
        "reply", case, "--dept", "GTJ", "--result", "withdrawn", "--resolution", "x"
    )
    assert "does not hold" in desk.fails(
        "reply", case, "--dept", "SCJ", "--result", "resolved", "--resolution", "x"
    )
    assert "--dept" in desk.fails("reply", pending, "--result", "resolved", "--resolution", "x")
    assert "redo" in desk.fails("redo", pending, "--reason", "x")
    assert snapshot() == before
    desk.ok("note", case, "待审核")
    desk.ok("escalate", case, "urgent", "--reason", "群众催问")


def test_a_department_user_replies_for_its_own_department(desk):
    case = _case(desk)
    desk.ok("user", "add", "root", "--role", "admin")
    desk.ok("user", "add", "zj", "--role", "dept", "--dept", "ZJJ", user="root")
    desk.ok("user", "add", "clerk1", "--role", "clerk", user="root")
    assert "ZJJ replied" in desk.ok(
        "reply", case, "--result", "resolved", "--resolution", "已加固", user="zj"
    )
    assert "redo" in desk.fails("redo", case, "--reason", "x", user="zj")
    desk.ok("redo", case, "--reason", "答复不实", user="clerk1")


def test_a_replied_case_overdue_counts_against_the_lead_only_past_its_own_date(desk):
    on_time, late = _case(desk), _case(desk)
    _reply(desk, on_time)  # replied Fri 11-06, before its date 11-11: its clock stopped
    _reply(desk, late, now="2026-11-12T10:00:00+08:00")  # after 11-11
    desk.ok("sweep", now="2026-11-16T09:00:00+08:00")
    overdue = {
        r[0]: r[1]
        for r in rows(
            desk.db,
            "SELECT case_id, json_extract(data, '$.dept') FROM events WHERE kind = 'overdue'",
        )
    }
    assert overdue == {on_time: None, late: "ZJJ"}
    listed = [c["id"] for c in desk.json("list", "--overdue")]
    assert listed == [on_time, late]


def test_the_department_close_is_judged_at_its_reply(desk):
    case = _case(desk)
    _reply(desk, case, now=NEXT_TUE)  # on time: the lead is due 11-11
    desk.ok("close", case, now="2026-11-13T10:00:00+08:00")  # the window took till 11-13
    report = desk.json("report", "monthly", "--month", "2026-11", now="2026-12-01T09:00:00+08:00")
    zjj = next(d for d in report["departments"] if d["dept"] == "ZJJ")
    assert (zjj["closed"], zjj["on_time"]) == (1, 1)


def test_reply_in_chinese(desk, monkeypatch):
    monkeypatch.setenv("BBCS_LANG", "zh")
    case = _case(desk)
    assert "待窗口审核" in _reply(desk, case)
    assert "已发回 ZJJ 重办" in desk.ok("redo", case, "--reason", "答复不实", now=NEXT_TUE)
    assert "答复" in desk.ok("reply", "--help")
    assert "发回重办" in desk.ok("redo", "--help")


def test_a_calendar_change_after_a_redo_recounts_the_redo_date_from_the_redo(desk):
    case = _case(desk)
    _reply(desk, case)  # Fri 11-06
    desk.ok("redo", case, "--reason", "答复不实", now=NEXT_TUE)  # department due 11-17
    # a holiday beyond every date moves nothing (the redo's date has no base to go back to)
    desk.ok("calendar", "add", "2026-11-20", "台风停工", "--holiday", now=NEXT_TUE)
    shown = desk.json("show", case)
    assert (shown["due_date"], shown["dept_due_date"]) == ("2026-11-11", "2026-11-17")
    assert [e for e in shown["events"] if e["kind"] == "redate"] == []
    # a holiday inside it: 5 working days after Tue 11-10 skip Thu 11-12, to Wed 11-18
    desk.ok("calendar", "add", "2026-11-12", "台风停工", "--holiday", now=NEXT_TUE)
    shown = desk.json("show", case)
    assert (shown["due_date"], shown["dept_due_date"]) == ("2026-11-11", "2026-11-18")
    desk.ok("verify")
