"""催办 and the call-back's second question from the command line (SPEC §10).

The world's today is Monday 2026-11-02; a normal case's lead is due Wednesday 11-11.
"""

from __future__ import annotations

from datetime import date

from bbcs.rules import acceptance
from bbcs.rules.calendar import Calendar
from conftest import rows

MON = "2026-11-02T09:00:00+08:00"
TUE = "2026-11-03T10:00:00+08:00"
LATE = "2026-11-20T10:00:00+08:00"


def _urges(desk, case):
    return [e["data"] for e in desk.json("show", case)["events"] if e["kind"] == "urge"]


def test_a_written_urge_names_its_breach_day(desk):
    case = desk.open("墙体开裂", "--reporter", "张三", "--dept", "ZJJ")
    assert desk.json("show", case)["dept_due_date"] == "2026-11-11"
    out = desk.ok("urge", case, "--how", "written", "--note", "请于三日内答复")
    assert "urged ZJJ in writing" in out
    assert "2026-11-18" in out and "ignored_urge" in out
    assert _urges(desk, case) == [
        {"dept": "ZJJ", "how": "written", "note": "请于三日内答复", "breach_day": "2026-11-18"}
    ]


def test_an_urge_after_the_due_date_counts_from_the_urge(desk):
    case = desk.open("墙体开裂", "--reporter", "张三", "--dept", "ZJJ")
    desk.ok("urge", case, "--how", "written", now=LATE)
    assert _urges(desk, case)[0]["breach_day"] == "2026-11-27"


def test_the_breach_day_rule():
    calendar = Calendar({}, set())
    assert acceptance.breach_day(calendar, date(2026, 11, 2), "2026-11-11", 5) == "2026-11-18"
    assert acceptance.breach_day(calendar, date(2026, 11, 20), "2026-11-11", 5) == "2026-11-27"
    assert acceptance.breach_day(calendar, date(2026, 11, 2), None, 5) == "2026-11-09"


def test_urges_count_once_per_department_case_and_day(desk):
    case = desk.open("墙体开裂", "--reporter", "张三", "--dept", "ZJJ", "--co", "GTJ")
    assert "urged ZJJ by phone" in desk.ok("urge", case)
    assert "counts once" in desk.ok("urge", case, "--how", "visit")
    assert "counts once" not in desk.ok("urge", case, "--dept", "GTJ")
    assert "counts once" not in desk.ok("urge", case, now=TUE)
    assert [(u["dept"], u["how"]) for u in _urges(desk, case)] == [
        ("ZJJ", "phone"),
        ("ZJJ", "visit"),
        ("GTJ", "phone"),
        ("ZJJ", "phone"),
    ]
    desk.ok("verify")


def test_an_urge_needs_a_department_that_holds_the_case(desk, snapshot):
    pending = desk.open("路灯不亮", "--reporter", "李四")
    case = desk.open("墙体开裂", "--reporter", "张三", "--dept", "ZJJ")
    before = snapshot()
    assert "--dept" in desk.fails("urge", pending)
    assert "does not hold" in desk.fails("urge", case, "--dept", "GTJ")
    assert "fax" in desk.fails("urge", case, "--how", "fax")
    assert snapshot() == before
    desk.ok("close", case, "--result", "resolved", "--resolution", "已修复")
    assert "closed" in desk.fails("urge", case)


def test_the_urged_list_holds_urged_cases_not_yet_closed(desk):
    urged = desk.open("墙体开裂", "--reporter", "张三", "--dept", "ZJJ")
    closed = desk.open("路灯不亮", "--reporter", "李四", "--dept", "GTJ")
    desk.open("噪音扰民", "--reporter", "王五", "--dept", "SCJ")
    desk.ok("urge", urged)
    desk.ok("urge", closed)
    desk.ok("close", closed, "--result", "resolved", "--resolution", "已修复")
    assert [c["id"] for c in desk.json("list", "--urged")] == [urged]
    assert urged in desk.ok("list", "--urged")


def test_a_department_user_may_not_urge(desk):
    case = desk.open("墙体开裂", "--reporter", "张三", "--dept", "ZJJ")
    desk.ok("user", "add", "root", "--role", "admin")
    desk.ok("user", "add", "zj", "--role", "dept", "--dept", "ZJJ", user="root")
    desk.ok("user", "add", "clerk1", "--role", "clerk", user="root")
    assert "urge" in desk.fails("urge", case, user="zj")
    desk.ok("urge", case, user="clerk1")


def test_urge_in_chinese(desk, monkeypatch):
    monkeypatch.setenv("BBCS_LANG", "zh")
    case = desk.open("墙体开裂", "--reporter", "张三", "--dept", "ZJJ")
    assert "已书面催办 ZJJ" in desk.ok("urge", case, "--how", "书面催办")
    assert "催办" in desk.ok("urge", "--help")


def _closed(desk):
    case = desk.open("墙体开裂", "--reporter", "张三", "--dept", "ZJJ")
    desk.ok("close", case, "--result", "resolved", "--resolution", "已修复")
    return case


def test_a_review_asks_whether_the_matter_was_solved(desk):
    case = _closed(desk)
    desk.ok("review", case, "very_satisfied", "--solved", "partly")
    shown = desk.json("show", case)
    assert shown["rating"] == "very_satisfied"
    assert shown["review"] == "done"
    review = next(e["data"] for e in shown["events"] if e["kind"] == "review")
    assert review["solved"] == "partly"


def test_very_unsatisfied_reopens_a_resolved_case_like_unsatisfied(desk):
    case = _closed(desk)
    out = desk.ok("review", case, "非常不满意", "--solved", "no")
    assert "reopened" in out.lower() or "due" in out
    assert desk.json("show", case)["status"] == "in_progress"
    assert rows(desk.db, "SELECT reopened FROM cases")[0][0] == 1


def test_solved_needs_a_rating(desk, snapshot):
    case = _closed(desk)
    before = snapshot()
    assert "--solved" in desk.fails("review", case, "unreachable", "--solved", "yes")
    assert "solved" in desk.fails("review", case, "satisfied", "--solved", "maybe")
    assert snapshot() == before


# ---------------------------------------------------------------- ignored_urge (SPEC §10)

# a written urge on Monday 11-02 to ZJJ, due Wednesday 11-11: its breach day is 11-18
WEEK_OF_BREACH = "2026-W47"  # 11-16 .. 11-22
AFTER_IT = "2026-11-23T09:00:00+08:00"


def _weekly(desk, week=WEEK_OF_BREACH, now=AFTER_IT, *more):
    return desk.json("report", "weekly", "--week", week, *more, now=now)


def _ignored(report):
    return [e for e in report["black_list_detail"] if e["rule"] == "ignored_urge"]


def _urged_in_writing(desk):
    case = desk.open("墙体开裂", "--reporter", "张三", "--dept", "ZJJ", now=MON)
    desk.ok("urge", case, "--how", "written")
    return case


def test_an_ignored_written_urge_black_lists_the_department_in_the_week_of_its_breach_day(desk):
    case = _urged_in_writing(desk)
    other = desk.open("路灯不亮", "--reporter", "李四", "--dept", "ZJJ")
    desk.ok("urge", other, "--how", "written")
    report = _weekly(desk)
    assert _ignored(report) == [{"dept": "ZJJ", "rule": "ignored_urge", "cases": [case, other]}]
    assert "ZJJ" in report["black_list"]
    assert report["thresholds"]["ignored_urge"] == 5
    assert _ignored(_weekly(desk, "2026-W46")) == []  # the week before the breach day
    assert _ignored(_weekly(desk, "2026-W48", "2026-11-30T09:00:00+08:00")) == []
    # the breach day is judged at its end: not yet on the day itself
    assert _ignored(_weekly(desk, now="2026-11-18T18:00:00+08:00")) == []
    assert _ignored(_weekly(desk, now="2026-11-19T08:00:00+08:00")) != []
    text = desk.ok("report", "weekly", "--week", WEEK_OF_BREACH, "--format", "md", now=AFTER_IT)
    assert "unanswered 5 working days after a written urge" in text and case in text
    desk.monkeypatch.setenv("BBCS_LANG", "zh")
    assert "催办后仍超期" in desk.ok("report", "weekly", "--week", WEEK_OF_BREACH, now=AFTER_IT)


def test_the_breach_day_follows_the_policy(desk):
    case = _urged_in_writing(desk)
    desk.ok("policy", "set", "rules.urge_report_after", "10")
    assert _ignored(_weekly(desk)) == []  # now 11-25, the week after
    found = _ignored(_weekly(desk, "2026-W48", "2026-11-30T09:00:00+08:00"))
    assert found == [{"dept": "ZJJ", "rule": "ignored_urge", "cases": [case]}]


def test_an_urge_by_phone_or_in_person_never_black_lists(desk):
    case = desk.open("墙体开裂", "--reporter", "张三", "--dept", "ZJJ")
    desk.ok("urge", case)
    desk.ok("urge", case, "--how", "visit", now=TUE)
    assert _ignored(_weekly(desk)) == []
    assert desk.json("show", case)["status"] == "in_progress"  # still unanswered


def test_a_reply_by_the_end_of_the_breach_day_answers_the_urge(desk):
    answered = _urged_in_writing(desk)
    late = _urged_in_writing(desk)
    reply = ("--result", "resolved", "--resolution", "已修复", "--at")
    desk.ok("reply", answered, *reply, "2026-11-18T17:00", now=AFTER_IT)
    desk.ok("reply", late, *reply, "2026-11-19T09:00", now=AFTER_IT)
    assert _ignored(_weekly(desk)) == [{"dept": "ZJJ", "rule": "ignored_urge", "cases": [late]}]


def test_a_reply_sent_back_still_answered_the_urge_but_a_close_or_transfer_ends_the_chase(desk):
    redone = _urged_in_writing(desk)
    desk.ok("reply", redone, "--result", "resolved", "--resolution", "已修复", now=TUE)
    desk.ok("redo", redone, "--reason", "答复不实", now="2026-11-04T10:00:00+08:00")
    closed = _urged_in_writing(desk)
    desk.ok("close", closed, "--result", "resolved", "--resolution", "已修复", now=TUE)
    moved = _urged_in_writing(desk)
    desk.ok("transfer", moved, "SCJ", "--reason", "职责调整", now=TUE)
    assert _ignored(_weekly(desk)) == []


def test_a_suspension_moves_the_breach_day_later(desk):
    case = _urged_in_writing(desk)
    desk.ok("suspend", case, "--reason", "等待鉴定", now="2026-11-12T10:00:00+08:00")
    desk.ok("resume", case, now="2026-11-19T10:00:00+08:00")
    assert _ignored(_weekly(desk)) == []
    found = _ignored(_weekly(desk, "2026-W48", "2026-11-30T09:00:00+08:00"))
    assert found == [{"dept": "ZJJ", "rule": "ignored_urge", "cases": [case]}]


def test_a_case_still_suspended_has_no_breach_day_yet(desk):
    case = _urged_in_writing(desk)
    desk.ok("suspend", case, "--reason", "等待鉴定", now="2026-11-12T10:00:00+08:00")
    assert _ignored(_weekly(desk)) == []
    assert _ignored(_weekly(desk, "2026-W48", "2026-11-30T09:00:00+08:00")) == []


def test_an_extension_moves_the_breach_day_later(desk):
    case = _urged_in_writing(desk)
    desk.ok("extend", case, "5", "--reason", "需现场会商", now="2026-11-10T10:00:00+08:00")
    assert _ignored(_weekly(desk)) == []  # 11-18 moved by 5: 11-25
    found = _ignored(_weekly(desk, "2026-W48", "2026-11-30T09:00:00+08:00"))
    assert found == [{"dept": "ZJJ", "rule": "ignored_urge", "cases": [case]}]
