"""Co-departments' own due dates from the command line (SPEC §10, ``limits.co``).

The world's today is Monday 2026-11-02; a normal case opened then is due, on both
clocks, Wednesday 11-11, and a co-department received then is due (limits.co = 3)
Thursday 11-05. Every date below was counted by hand on the calendar.
"""

from __future__ import annotations

from conftest import rows

MON = "2026-11-02T09:00:00+08:00"
TUE = "2026-11-03T10:00:00+08:00"
WED = "2026-11-04T10:00:00+08:00"
THU = "2026-11-05T10:00:00+08:00"
FRI = "2026-11-06T10:00:00+08:00"


def _case(desk, *args, now=MON):
    return desk.open("墙体开裂", "--reporter", "张三", "--dept", "ZJJ", *args, now=now)


def _holds(desk, case):
    return rows(
        desk.db,
        "SELECT dept, role, received, dept_due, ended, how FROM holds WHERE case_id = ? ORDER BY n",
        case,
    )


def _co_due(desk, case, dept):
    due = [h["dept_due"] for h in _holds(desk, case) if h["dept"] == dept and h["role"] == "co"]
    return due[-1]


def test_a_co_department_received_the_friday_before_qingming_counts_past_the_holiday(desk):
    # Fri 04-03; Sat 04-04 to Mon 04-06 is 清明: Tue 04-07 (1), Wed 04-08 (2), Thu 04-09 (3)
    friday = "2026-04-03T10:00:00+08:00"
    case = _case(desk, "--co", "GTJ", now=friday)
    assert _co_due(desk, case, "GTJ") == "2026-04-09"
    shown = desk.json("show", case, now=friday)
    co = next(h for h in shown["holds"] if h["role"] == "co")
    assert (co["dept"], co["dept_due_date"], co["accept_due"]) == (
        "GTJ",
        "2026-04-09",
        "2026-04-07",
    )
    assign = next(e["data"] for e in shown["events"] if e["kind"] == "assign")
    assert assign["co_dues"] == {"GTJ": "2026-04-09"}
    # the terminal's holds table shows it (the lead's date is 04-15, accept 04-07)
    assert "2026-04-09" in desk.ok("show", case, now=friday)
    desk.ok("verify")


def test_assign_and_a_co_pushback_onward_give_co_due_dates(desk):
    case = desk.open("墙体开裂", "--reporter", "张三")
    desk.ok("assign", case, "ZJJ", "--co", "GTJ", now=TUE)
    assert _co_due(desk, case, "GTJ") == "2026-11-06"  # Tue 11-03 + 3
    desk.ok("pushback", case, "--from", "GTJ", "--to", "SCJ", "--reason", "非本单位职责", now=WED)
    assert _co_due(desk, case, "SCJ") == "2026-11-09"  # Wed 11-04 + 3, over the weekend
    pushback = next(e["data"] for e in desk.json("show", case)["events"] if e["kind"] == "pushback")
    assert pushback["co_dues"] == {"SCJ": "2026-11-09"}


def test_a_co_due_date_is_never_after_the_leads(desk):
    desk.ok("policy", "set", "limits.co", "10")
    case = _case(desk, "--co", "GTJ")
    # 11-02 + 10 would be 11-16; the lead's department due date is 11-11
    assert _co_due(desk, case, "GTJ") == "2026-11-11"
    simple = _case(desk, "--complexity", "simple", "--co", "GTJ")
    desk.ok("policy", "set", "limits.co", "3")
    desk.ok("pushback", simple, "--from", "GTJ", "--to", "SCJ", "--reason", "非本单位职责", now=WED)
    # Wed 11-04 + 3 would be 11-09; the simple case's lead is due Thu 11-05
    assert _co_due(desk, simple, "SCJ") == "2026-11-05"


def test_limits_co_is_a_policy_key(desk):
    case = _case(desk, "--co", "GTJ")
    desk.ok("policy", "set", "limits.co", "1")
    other = _case(desk, "--co", "GTJ")
    assert (_co_due(desk, case, "GTJ"), _co_due(desk, other, "GTJ")) == ("2026-11-05", "2026-11-03")


def test_resume_moves_the_open_co_due_dates_by_the_days_suspended(desk):
    case = _case(desk, "--co", "GTJ", "--co", "SCJ")
    desk.ok(
        "reply", case, "--dept", "SCJ", "--result", "resolved", "--resolution", "已会签", now=TUE
    )
    desk.ok("suspend", case, "--reason", "等待鉴定", now=TUE)
    desk.ok("resume", case, now=FRI)  # Wed, Thu, Fri: 3 working days suspended
    assert _co_due(desk, case, "GTJ") == "2026-11-10"  # 11-05 + 3
    assert _co_due(desk, case, "SCJ") == "2026-11-05"  # its hold had ended
    shown = desk.json("show", case)
    assert shown["dept_due_date"] == "2026-11-16"
    resume = next(e["data"] for e in shown["events"] if e["kind"] == "resume")
    assert resume["co_dues"] == {"GTJ": "2026-11-10"}
    desk.ok("verify")


def test_an_extension_moves_the_co_due_dates_with_the_leads(desk):
    case = _case(desk, "--co", "GTJ")
    desk.ok("extend", case, "2", "--reason", "需现场勘查", now=TUE)
    assert _co_due(desk, case, "GTJ") == "2026-11-09"  # Thu 11-05 + 2, over the weekend
    assert desk.json("show", case)["dept_due_date"] == "2026-11-13"


def test_a_reopen_gives_the_co_departments_new_due_dates(desk):
    case = _case(desk, "--co", "GTJ")
    desk.ok("close", case, "--result", "resolved", "--resolution", "已加固", now=THU)
    desk.ok("reopen", case, "--reason", "回访发现未加固", now=FRI)
    holds = [h for h in _holds(desk, case) if h["dept"] == "GTJ"]
    assert [(h["received"], h["dept_due"], h["how"]) for h in holds] == [
        ("2026-11-02", "2026-11-05", "closed"),
        ("2026-11-06", "2026-11-11", None),  # Fri 11-06 + 3: Mon, Tue, Wed
    ]


def test_the_holds_table_records_how_co_holds_end(desk):
    """The contract the reports rely on: a co reply ends its hold as ``replied`` on the
    reply day; a close ends a co hold still open as ``closed``."""
    case = _case(desk, "--co", "GTJ", "--co", "SCJ")
    desk.ok(
        "reply", case, "--dept", "GTJ", "--result", "resolved", "--resolution", "已会签", now=WED
    )
    desk.ok("reply", case, "--result", "resolved", "--resolution", "已加固", now=THU)
    desk.ok("close", case, now=FRI)
    assert [tuple(h) for h in _holds(desk, case)] == [
        ("ZJJ", "lead", "2026-11-02", "2026-11-11", "2026-11-06", "closed"),
        ("GTJ", "co", "2026-11-02", "2026-11-05", "2026-11-04", "replied"),
        ("SCJ", "co", "2026-11-02", "2026-11-05", "2026-11-06", "closed"),
    ]
    desk.ok("verify")


# ---------------------------------------------------------------- a co reply, on time or late


def _co_reply(desk, case, dept, now, *args):
    return desk.ok(
        "reply",
        case,
        "--dept",
        dept,
        "--result",
        "resolved",
        "--resolution",
        "已会签",
        *args,
        now=now,
    )


def test_a_co_reply_is_judged_against_its_own_due_date(desk):
    case = _case(desk, "--co", "GTJ", "--co", "SCJ")
    _co_reply(desk, case, "GTJ", THU)  # due Thu 11-05: on time
    _co_reply(desk, case, "SCJ", FRI)  # a day late
    replies = [e["data"] for e in desk.json("show", case)["events"] if e["kind"] == "reply"]
    assert [(r["dept"], r["role"], r["dept_due_date"], r["on_time"]) for r in replies] == [
        ("GTJ", "co", "2026-11-05", True),
        ("SCJ", "co", "2026-11-05", False),
    ]
    shown = desk.ok("show", case)
    assert "GTJ (co) replied: resolved, on time (due 2026-11-05)" in shown
    assert "SCJ (co) replied: resolved, late (due 2026-11-05)" in shown


def test_a_co_reply_from_a_paper_form_is_judged_at_its_own_time(desk):
    case = _case(desk, "--co", "GTJ")
    # entered on Friday from a form dated Thursday: on time
    _co_reply(desk, case, "GTJ", FRI, "--at", "2026-11-05T16:00:00+08:00")
    reply = next(e["data"] for e in desk.json("show", case)["events"] if e["kind"] == "reply")
    assert reply["on_time"] is True
    assert _holds(desk, case)[1]["ended"] == "2026-11-05"


def test_the_history_says_in_chinese_whether_a_reply_was_on_time(desk, monkeypatch):
    case = _case(desk, "--co", "GTJ")
    _co_reply(desk, case, "GTJ", FRI)
    desk.ok("reply", case, "--result", "resolved", "--resolution", "已加固", now=FRI)
    monkeypatch.setenv("BBCS_LANG", "zh")
    shown = desk.ok("show", case)
    assert "逾期答复（期限 2026-11-05）" in shown  # the co-department's
    assert "按期答复（期限 2026-11-11）" in shown  # the lead's


# ---------------------------------------------------------------- a calendar change recounts them


def test_a_holiday_added_over_an_accept_due_date_recounts_the_holds(desk):
    # received Fri 11-06: accept due Mon 11-09, co due Wed 11-11, the lead's Tue 11-17
    case = _case(desk, "--co", "GTJ", "--co", "SCJ", now=FRI)
    desk.ok("accept", case, "--dept", "SCJ", now=FRI)
    desk.ok("calendar", "add", "2026-11-09", "台风停工", "--holiday", now=FRI)
    shown = desk.json("show", case, now=FRI)
    holds = {h["dept"]: h for h in shown["holds"]}
    assert (holds["ZJJ"]["accept_due"], holds["ZJJ"]["dept_due_date"]) == (
        "2026-11-10",
        "2026-11-18",
    )
    assert (holds["GTJ"]["accept_due"], holds["GTJ"]["dept_due_date"]) == (
        "2026-11-10",
        "2026-11-12",
    )
    # SCJ signed already: its accept due date stands, its co due date moves
    assert (holds["SCJ"]["accept_due"], holds["SCJ"]["dept_due_date"]) == (
        "2026-11-09",
        "2026-11-12",
    )
    redate = next(e for e in shown["events"] if e["kind"] == "redate")
    assert redate["actor"] == "system"
    assert redate["data"]["accept_dues"] == {"ZJJ": "2026-11-10", "GTJ": "2026-11-10"}
    assert redate["data"]["co_dues"] == {"GTJ": "2026-11-12", "SCJ": "2026-11-12"}
    unaccepted = desk.json("list", "--unaccepted", now=FRI)[0]["unaccepted"]
    assert [(u["dept"], u["accept_due"]) for u in unaccepted] == [
        ("ZJJ", "2026-11-10"),
        ("GTJ", "2026-11-10"),
    ]
    desk.ok("verify")


def test_a_holiday_beyond_every_date_writes_no_redate(desk):
    case = _case(desk, "--co", "GTJ", now=FRI)
    desk.ok("calendar", "add", "2026-12-30", "停工", "--holiday", now=FRI)
    assert [e for e in desk.json("show", case, now=FRI)["events"] if e["kind"] == "redate"] == []


def test_a_co_due_date_recounted_stays_capped_by_the_leads(desk):
    desk.ok("policy", "set", "limits.co", "10")
    case = _case(desk, "--co", "GTJ", now=FRI)  # co capped at the lead's Tue 11-17
    desk.ok("calendar", "add", "2026-11-10", "台风停工", "--holiday", now=FRI)
    assert _co_due(desk, case, "GTJ") == "2026-11-18"
    assert desk.json("show", case, now=FRI)["dept_due_date"] == "2026-11-18"
