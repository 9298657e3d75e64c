"""签收 and the pushback window from the command line (SPEC §10), on its worked dates.

The world's today is Monday 2026-11-02; limits.accept = 1 and limits.pushback = 2.
"""

from __future__ import annotations

from conftest import rows

TUE = "2026-11-03T10:00:00+08:00"
WED = "2026-11-04T16:00:00+08:00"
THU = "2026-11-05T09:00:00+08:00"


def _holds(desk, case):
    return {(h["dept"], h["role"]): h for h in desk.json("show", case)["holds"]}


def test_signed_by_the_next_working_day_is_on_time(desk):
    case = desk.open("墙体开裂", "--reporter", "张三", "--dept", "ZJJ", "--co", "GTJ")
    holds = _holds(desk, case)
    assert holds["ZJJ", "lead"]["accept_due"] == "2026-11-03"
    assert holds["GTJ", "co"]["accept_due"] == "2026-11-03"

    out = desk.ok("accept", case, "--dept", "ZJJ", now=TUE)
    assert "ZJJ signed on 2026-11-03, on time (due 2026-11-03)" in out
    out = desk.ok("accept", case, "--dept", "GTJ", now=WED)
    assert "GTJ signed on 2026-11-04, late (due 2026-11-03)" in out

    holds = _holds(desk, case)
    assert holds["ZJJ", "lead"]["accepted"] == "2026-11-03"
    assert holds["GTJ", "co"]["accepted"] == "2026-11-04"
    accept = [e for e in desk.json("show", case)["events"] if e["kind"] == "accept"]
    assert [e["data"] for e in accept] == [
        {"dept": "ZJJ", "received": "2026-11-02", "accept_due": "2026-11-03", "on_time": True},
        {"dept": "GTJ", "received": "2026-11-02", "accept_due": "2026-11-03", "on_time": False},
    ]
    desk.ok("verify")


def test_signing_is_refused_when_there_is_nothing_to_sign(desk, snapshot):
    pending = desk.open("路灯不亮", "--reporter", "李四")
    case = desk.open("墙体开裂", "--reporter", "张三", "--dept", "ZJJ")
    desk.ok("accept", case, "--dept", "ZJJ")
    before = snapshot()
    assert "signed for case" in desk.fails("accept", case, "--dept", "ZJJ")
    assert "does not hold" in desk.fails("accept", case, "--dept", "GTJ")
    assert "--dept" in desk.fails("accept", case)
    assert "does not hold" in desk.fails("accept", pending, "--dept", "ZJJ")
    desk.ok("close", case, "--result", "resolved", "--resolution", "已修复")
    assert "closed" in desk.fails("accept", case, "--dept", "ZJJ")
    desk.ok("note", pending, "x")
    assert len(snapshot()) > len(before)


def test_a_new_lead_receives_the_case_unsigned(desk):
    case = desk.open("墙体开裂", "--reporter", "张三", "--dept", "ZJJ")
    desk.ok("accept", case, "--dept", "ZJJ")
    desk.ok("transfer", case, "GTJ", "--reason", "属国土职责", now=WED)
    holds = _holds(desk, case)
    assert holds["GTJ", "lead"]["accept_due"] == "2026-11-05"
    assert holds["GTJ", "lead"]["accepted"] is None


def test_resume_moves_an_unsigned_accept_due_date(desk):
    case = desk.open("墙体开裂", "--reporter", "张三", "--dept", "ZJJ", "--co", "GTJ")
    desk.ok("accept", case, "--dept", "GTJ")
    desk.ok("suspend", case, "--reason", "等待鉴定")
    desk.ok("resume", case, now=WED)
    holds = _holds(desk, case)
    assert holds["ZJJ", "lead"]["accept_due"] == "2026-11-05"
    assert holds["GTJ", "co"]["accept_due"] == "2026-11-03"
    desk.ok("verify")


def test_the_unaccepted_list_is_earliest_accept_due_first(desk):
    assigned_later = desk.open("后交办", "--reporter", "甲")
    early = desk.open("先交办", "--reporter", "乙", "--dept", "ZJJ", "--co", "GTJ")
    signed = desk.open("已签", "--reporter", "丙", "--dept", "SCJ")
    desk.ok("accept", signed, "--dept", "SCJ")
    desk.ok("assign", assigned_later, "SCJ", now=THU)
    found = desk.json("list", "--unaccepted")
    assert [c["id"] for c in found] == [early, assigned_later]
    assert found[0]["unaccepted"] == [
        {"dept": "ZJJ", "received": "2026-11-02", "accept_due": "2026-11-03"},
        {"dept": "GTJ", "received": "2026-11-02", "accept_due": "2026-11-03"},
    ]
    assert found[1]["unaccepted"] == [
        {"dept": "SCJ", "received": "2026-11-05", "accept_due": "2026-11-06"}
    ]
    desk.ok("accept", early, "--dept", "ZJJ")
    desk.ok("accept", early, "--dept", "GTJ")
    assert [c["id"] for c in desk.json("list", "--unaccepted")] == [assigned_later]
    assert assigned_later in desk.ok("list", "--unaccepted")


def test_a_hold_that_ends_unsigned_leaves_nothing_to_sign(desk):
    case = desk.open("墙体开裂", "--reporter", "张三", "--dept", "ZJJ")
    desk.ok("pushback", case, "--from", "ZJJ", "--reason", "不属本局")
    assert desk.json("list", "--unaccepted") == []


def test_a_department_user_signs_for_its_own_department(desk):
    case = desk.open("墙体开裂", "--reporter", "张三", "--dept", "ZJJ")
    desk.ok("user", "add", "root", "--role", "admin")
    desk.ok("user", "add", "zj", "--role", "dept", "--dept", "ZJJ", user="root")
    desk.ok("user", "add", "gt", "--role", "dept", "--dept", "GTJ", user="root")
    desk.ok("user", "add", "clerk1", "--role", "clerk", user="root")
    assert "GTJ" in desk.fails("accept", case, user="gt")
    assert "never held" in desk.fails("accept", case, "--dept", "ZJJ", user="gt")
    assert "ZJJ signed" in desk.ok("accept", case, user="zj")
    assert rows(desk.db, "SELECT accepted FROM holds")[0][0] == "2026-11-02"


def test_received_monday_a_pushback_on_wednesday_is_the_last_allowed(desk):
    case = desk.open("墙体开裂", "--reporter", "张三", "--dept", "ZJJ", "--co", "GTJ")
    desk.ok("pushback", case, "--from", "GTJ", "--reason", "不属本局", now=WED)
    message = desk.fails("pushback", case, "--from", "ZJJ", "--reason", "不属本局", now=THU)
    assert "within 2 working days" in message
    assert "limits.pushback" in message
    assert "2026-11-04" in message
    assert "transfer" in message
    desk.ok("transfer", case, "SCJ", "--reason", "属市场监管", now=THU)


def test_a_late_paper_form_is_judged_at_its_own_time(desk):
    case = desk.open("墙体开裂", "--reporter", "张三", "--dept", "ZJJ")
    desk.ok("pushback", case, "--from", "ZJJ", "--reason", "不属本局", "--at", WED, now=THU)


def test_a_reopen_opens_no_new_pushback_window(desk):
    case = desk.open("墙体开裂", "--reporter", "张三", "--dept", "ZJJ")
    desk.ok("close", case, "--result", "resolved", "--resolution", "已修复")
    desk.ok("reopen", case, "--reason", "复核未解决", user="clerk1", now=THU)
    assert desk.json("show", case)["holds"][-1]["accept_due"] == "2026-11-06"
    assert "2026-11-04" in desk.fails("pushback", case, "--from", "ZJJ", "--reason", "x", now=THU)


def test_suspension_moves_the_pushback_window(desk):
    case = desk.open("墙体开裂", "--reporter", "张三", "--dept", "ZJJ")
    desk.ok("suspend", case, "--reason", "等待鉴定", now=TUE)
    desk.ok("resume", case, now=THU)
    desk.ok("pushback", case, "--from", "ZJJ", "--reason", "不属本局", now=THU)


def test_signing_in_chinese(desk, monkeypatch):
    monkeypatch.setenv("BBCS_LANG", "zh")
    case = desk.open("墙体开裂", "--reporter", "张三", "--dept", "ZJJ")
    assert "ZJJ 于 2026-11-02 签收，按时" in desk.ok("accept", case, "--dept", "ZJJ")
    assert "limits.pushback" in desk.fails(
        "pushback", case, "--from", "ZJJ", "--reason", "x", now=THU
    )
    assert "签收" in desk.ok("accept", "--help")
