"""A case's whole life through the CLI, checked against the ledger file and the JSON views."""

from __future__ import annotations

from conftest import rows


def test_open_prints_id_and_due_date_and_writes_events(desk):
    out = desk.ok(
        "open",
        "营业执照变更办不下来",
        "--reporter",
        "张三",
        "--phone",
        "13812345678",
        "--complexity",
        "simple",
        "--at",
        "2026-09-30 10:00",
        now="2026-09-30T11:00",
    )
    assert out.strip() == "Opened HX-2026-000001, due 2026-10-10"
    (case,) = rows(desk.db, "SELECT * FROM cases")
    assert (case["id"], case["status"], case["due_date"]) == (
        "HX-2026-000001",
        "pending",
        "2026-10-10",
    )
    events = rows(desk.db, "SELECT kind, at, actor, os_user FROM events")
    assert [(e["kind"], e["at"], e["actor"]) for e in events] == [
        ("open", "2026-09-30T10:00:00+08:00", "clerk1")
    ]
    assert events[0]["os_user"]


def test_ids_count_per_site_and_year(desk):
    assert desk.open("a", "--reporter", "x", "--at", "2026-11-01") == "HX-2026-000001"
    assert desk.open("b", "--reporter", "x") == "HX-2026-000002"
    assert desk.open("c", "--reporter", "x", now="2027-01-04T09:00") == "HX-2027-000001"


def test_whole_life_open_assign_pushback_transfer_close_review(desk):
    case = desk.open(
        "路灯不亮", "--reporter", "李四", "--phone", "13812345678", "--dept", "ZJJ", "--co", "GTJ"
    )
    view = desk.json("show", case)
    assert (view["status"], view["lead_dept"], view["co_depts"]) == ("in_progress", "ZJJ", ["GTJ"])
    assert view["due_date"] == view["dept_due_date"] == "2026-11-11"

    # the lead pushes it onward on 11-04: SCJ becomes lead with its own clock
    desk.ok(
        "pushback",
        case,
        "--from",
        "ZJJ",
        "--to",
        "SCJ",
        "--reason",
        "不属本局",
        "--basis",
        "三定方案",
        now="2026-11-04T10:00",
    )
    view = desk.json("show", case)
    assert (view["lead_dept"], view["pushbacks"], view["due_date"]) == ("SCJ", 1, "2026-11-11")
    assert view["dept_due_date"] == "2026-11-13"

    # the window transfers it: counts against nobody
    desk.ok("transfer", case, "ZJJ", "--reason", "改派", now="2026-11-05T10:00")
    desk.ok("note", case, "已电话催办", now="2026-11-06T10:00")
    desk.ok("close", case, "--result", "resolved", "--resolution", "已修复", now="2026-11-10T16:00")
    view = desk.json("show", case)
    assert view["status"] == "closed" and view["on_time"] is True
    assert view["working_days_taken"] == 6
    assert view["pushbacks"] == 1
    holds = [
        (h["dept"], h["role"], h["from"], h["to"], h["working_days"], h["ended"])
        for h in view["holds"]
    ]
    assert holds == [
        ("ZJJ", "lead", "2026-11-02", "2026-11-04", 2, "pushed_back"),
        ("GTJ", "co", "2026-11-02", "2026-11-10", 6, "closed"),
        ("SCJ", "lead", "2026-11-04", "2026-11-05", 1, "transferred"),
        ("ZJJ", "lead", "2026-11-05", "2026-11-10", 3, "closed"),
    ]
    assert desk.json("list", "--unreviewed")[0]["id"] == case
    desk.ok("review", case, "satisfied", now="2026-11-12T09:00")
    view = desk.json("show", case)
    assert view["rating"] == "satisfied" and desk.json("list", "--unreviewed") == []
    assert [e["kind"] for e in view["events"]] == [
        "open",
        "assign",
        "pushback",
        "transfer",
        "note",
        "close",
        "review",
    ]


def test_unsatisfied_review_of_resolved_case_reopens_with_new_due_dates(desk):
    case = desk.open("噪音扰民", "--reporter", "王五", "--dept", "ZJJ")
    desk.ok("close", case, "--result", "resolved", "--resolution", "已处理", now="2026-11-05T10:00")
    out = desk.ok("review", case, "unsatisfied", "--comment", "还是吵", now="2026-11-06T10:00")
    assert "reopened" in out
    view = desk.json("show", case)
    assert (view["status"], view["reopened"], view["rating"]) == ("in_progress", 1, "unsatisfied")
    assert view["closed_at"] is None and view["result"] is None
    # normal: 7 working days from the review date 11-06
    assert view["due_date"] == view["dept_due_date"] == "2026-11-17"
    reopen = view["events"][-1]
    assert (reopen["kind"], reopen["actor"]) == ("reopen", "system")
    # working days taken restart at the reopening
    assert desk.json("show", case, now="2026-11-09T10:00")["working_days_taken"] == 1


def test_unsatisfied_review_of_explained_case_waits_for_the_supervisor(desk):
    case = desk.open("要求补偿", "--reporter", "赵六", "--dept", "ZJJ")
    desk.ok(
        "close", case, "--result", "explained", "--resolution", "依法解释", now="2026-11-04T10:00"
    )
    desk.ok("review", case, "unsatisfied", now="2026-11-05T10:00")
    view = desk.json("show", case)
    assert view["status"] == "closed" and view["review"] == "disputed"
    assert [c["id"] for c in desk.json("list", "--unreviewed")] == [case]
    desk.ok("uphold", case, "--reason", "依法答复", now="2026-11-05T11:00")
    assert desk.json("list", "--unreviewed") == []


def test_unreachable_is_an_attempt_and_the_case_stays_on_the_worklist(desk):
    case = desk.open("a", "--reporter", "x", "--dept", "ZJJ")
    desk.ok("close", case, "--result", "resolved", "--resolution", "ok", now="2026-11-03T10:00")
    desk.ok("review", case, "unreachable", now="2026-11-04T10:00")
    assert [c["id"] for c in desk.json("list", "--unreviewed")] == [case]
    desk.ok("review", case, "basic", now="2026-11-05T10:00")
    assert desk.json("show", case)["rating"] == "basic"


def test_close_late_across_national_day_is_not_on_time(desk):
    case = desk.open(
        "a",
        "--reporter",
        "x",
        "--complexity",
        "simple",
        "--dept",
        "ZJJ",
        "--at",
        "2026-09-30T09:00",
        now="2026-09-30T09:00",
    )
    desk.ok("close", case, "--result", "resolved", "--resolution", "ok", now="2026-10-12T10:00")
    view = desk.json("show", case)
    assert view["due_date"] == "2026-10-10" and view["on_time"] is False
    assert view["working_days_taken"] == 4  # 10-09, 10-10 (调休), 10-11 is Sunday, 10-12
    assert view["warning"] is None and view["working_days_left"] is None


def test_withdrawn_is_neither_on_time_nor_late_and_never_reviewed(desk):
    case = desk.open("a", "--reporter", "x", "--dept", "ZJJ")
    desk.ok("close", case, "--result", "withdrawn", "--resolution", "撤回")
    assert desk.json("show", case)["on_time"] is None
    assert desk.json("list", "--unreviewed") == []
    assert "withdrawn" in desk.fails("review", case, "satisfied")


def test_immediate_case_closes_at_the_window_without_a_department(desk):
    case = desk.open("咨询", "--reporter", "x", "--complexity", "即办")
    assert desk.json("show", case)["due_date"] == "2026-11-02"
    desk.ok("close", case, "--result", "已解释说明", "--resolution", "当场答复")
    assert desk.json("show", case)["result"] == "explained"


def test_co_department_pushback_leaves_the_co_departments(desk):
    case = desk.open("a", "--reporter", "x", "--dept", "ZJJ", "--co", "GTJ")
    desk.ok("pushback", case, "--from", "GTJ", "--to", "SCJ", "--reason", "r")
    view = desk.json("show", case)
    assert (view["status"], view["lead_dept"], view["co_depts"]) == ("in_progress", "ZJJ", ["SCJ"])
    assert view["pushbacks"] == 1 and view["escalation"] == "none"


def test_lead_pushback_to_the_window_makes_the_case_pending(desk):
    case = desk.open("a", "--reporter", "x", "--dept", "ZJJ")
    desk.ok("pushback", case, "--from", "住建局", "--reason", "r")
    view = desk.json("show", case)
    assert (view["status"], view["lead_dept"], view["dept_due_date"]) == ("pending", None, None)
    assert [c["id"] for c in desk.json("list", "--unruled")] == [case]
    desk.ok("ruling", case, "invalid", "--reason", "属本局职责")
    assert desk.json("list", "--unruled") == []
    desk.ok("assign", case, "ZJJ")
    assert desk.json("show", case)["status"] == "in_progress"


def test_two_lead_pushbacks_raise_the_case_to_coordinate(desk):
    case = desk.open("a", "--reporter", "x", "--dept", "ZJJ")
    desk.ok("pushback", case, "--from", "ZJJ", "--to", "GTJ", "--reason", "r")
    assert desk.json("show", case)["escalation"] == "none"
    desk.ok("pushback", case, "--from", "GTJ", "--to", "SCJ", "--reason", "r")
    view = desk.json("show", case)
    assert view["escalation"] == "coordinate"
    assert (view["events"][-1]["actor"], view["events"][-1]["data"]["rule"]) == (
        "system",
        "pingpong",
    )


def test_amend_records_old_and_new_and_complexity_redates(desk):
    case = desk.open("a", "--reporter", "x", "--phone", "123", "--dept", "ZJJ")
    desk.ok(
        "amend", case, "--phone", "13900001111", "--complexity", "simple", "--reason", "登记错误"
    )
    view = desk.json("show", case)
    assert view["phone"] == "13900001111"
    assert view["due_date"] == view["dept_due_date"] == "2026-11-05"
    assert view["events"][-1]["data"]["changes"] == {
        "phone": ["123", "13900001111"],
        "complexity": ["normal", "simple"],
    }


def test_reopen_by_hand_and_pending_when_it_never_had_a_lead(desk):
    case = desk.open("a", "--reporter", "x", "--complexity", "immediate")
    desk.ok("close", case, "--result", "resolved", "--resolution", "ok")
    desk.ok("reopen", case, "--reason", "复核", now="2026-11-03T09:00")
    view = desk.json("show", case)
    assert (view["status"], view["reopened"], view["due_date"]) == ("pending", 1, "2026-11-03")


def test_late_paper_form_and_equal_times(desk):
    case = desk.open("a", "--reporter", "x", "--dept", "ZJJ", "--at", "2026-10-30T09:00")
    desk.ok("note", case, "补录", "--at", "2026-10-30T09:00")
    desk.ok("close", case, "--result", "resolved", "--resolution", "ok", "--at", "2026-10-31 15:00")
    view = desk.json("show", case)
    assert view["closed_at"] == "2026-10-31T15:00:00+08:00"


def test_lead_may_hand_the_case_to_its_co_department(desk):
    case = desk.open("a", "--reporter", "x", "--dept", "ZJJ", "--co", "GTJ")
    desk.ok(
        "pushback", case, "--from", "ZJJ", "--to", "GTJ", "--reason", "r", now="2026-11-03T09:00"
    )
    view = desk.json("show", case)
    assert (view["lead_dept"], view["co_depts"], view["dept_due_date"]) == ("GTJ", [], "2026-11-12")
    assert [(h["dept"], h["role"], h["ended"]) for h in view["holds"]] == [
        ("ZJJ", "lead", "pushed_back"),
        ("GTJ", "co", None),
        ("GTJ", "lead", None),
    ]


def test_list_by_department_means_lead_or_co_department_now(desk):
    led = desk.open("a", "--reporter", "x", "--dept", "ZJJ")
    helped = desk.open("b", "--reporter", "x", "--dept", "GTJ", "--co", "ZJJ")
    left = desk.open("c", "--reporter", "x", "--dept", "ZJJ")
    desk.ok("pushback", left, "--from", "ZJJ", "--to", "SCJ", "--reason", "r")
    assert [c["id"] for c in desk.json("list", "--dept", "ZJJ")] == [led, helped]
    assert [c["id"] for c in desk.json("list", "--dept", "市场监管局")] == [left]


def test_each_step_says_where_the_case_now_stands(desk):
    case = desk.open("a", "--reporter", "x", "--dept", "ZJJ", "--co", "GTJ")
    out = desk.ok(
        "pushback", case, "--from", "ZJJ", "--to", "SCJ", "--reason", "r", now="2026-11-03T09:00"
    )
    assert out.strip() == (
        f"{case}: in progress; lead SCJ (its own due date 2026-11-12), "
        "co-departments GTJ; due 2026-11-11"
    )
    out = desk.ok("pushback", case, "--from", "SCJ", "--reason", "r")
    assert out.splitlines() == [
        f"{case}: pending",
        "raised automatically to coordinate: pushed back to and fro",
    ]
