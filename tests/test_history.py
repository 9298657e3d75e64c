"""``show`` tells a case's history in sentences of the interface language."""

from __future__ import annotations

import pytest

from bbcs.history import SENTENCES, told, when
from bbcs.models import EventKind


@pytest.fixture
def zh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BBCS_LANG", "zh_CN.UTF-8")


def test_a_pushback_by_a_co_department(zh) -> None:
    event = {
        "kind": "pushback",
        "data": {"by": "ZJJ", "role": "co", "to": "SCJ", "reason": "不涉及建设", "limit": 7},
    }
    assert told(event) == "ZJJ（协办）退回，转 SCJ；理由：不涉及建设"


def test_a_ruling_says_which_pushback_and_what_it_was(zh) -> None:
    event = {"kind": "ruling", "data": {"pushback_seq": 4, "verdict": "invalid", "reason": ""}}
    assert told(event) == "审定第 4 次退回为无效（推诿）"


def test_an_automatic_escalation_says_why(zh) -> None:
    event = {"kind": "escalate", "data": {"from": "none", "to": "coordinate", "rule": "pingpong"}}
    assert told(event) == "升级为协调办（自动）；理由：反复退回"


def test_open_names_enumerations_not_codes(zh) -> None:
    data = {
        "summary": "营业执照",
        "reporter": "张三",
        "channel": "window",
        "complexity": "normal",
        "due_date": "2026-10-14",
        "provisional": False,
    }
    text = told({"kind": "open", "data": data})
    assert "窗口" in text and "一般" in text
    assert "False" not in text and "window" not in text and "=" not in text


def test_every_kind_is_told(zh) -> None:
    # a kind without a sentence of its own falls back to its data, never to an error
    for kind in EventKind:
        assert isinstance(told({"kind": kind.value, "data": {}}), str)
    assert {"open", "pushback", "ruling", "close", "void"} <= set(SENTENCES)


def test_a_kind_added_later_is_told_by_its_data(zh) -> None:
    text = told({"kind": "merge_later", "data": {"note": "请尽快", "accepted": True}})
    assert "请尽快" in text and "是" in text


def test_times_in_the_ledger_zone(monkeypatch) -> None:
    monkeypatch.setenv("BBCS_TZ", "Asia/Shanghai")
    assert when("2026-09-28T01:00:00+00:00") == "2026-09-28 09:00"
    assert when("not a time") == "not a time"


def test_show_tells_sentences_and_json_keeps_events(desk, monkeypatch) -> None:
    case = desk.open("营业执照", "--reporter", "张三", "--dept", "ZJJ", "--co", "SCJ")
    desk.ok("pushback", case, "--from", "SCJ", "--reason", "不涉及市场监管")
    monkeypatch.setenv("BBCS_LANG", "zh_CN.UTF-8")
    monkeypatch.setenv("COLUMNS", "80")
    out = desk.ok("show", case)
    assert "SCJ（协办）退回" in out
    assert "by=" not in out and "provisional" not in out and "T09:00" not in out
    assert "2026-11-02 09:00" in out
    events = desk.json("show", case)["events"]
    assert events[-1]["data"]["by"] == "SCJ" and events[0]["at"].startswith("2026-11-02T09:00")


def test_a_pushback_without_basis_says_none_of_it(zh) -> None:
    event = {
        "kind": "pushback",
        "data": {"by": "ZJJ", "role": "lead", "reason": "x", "basis": None},
    }
    assert told(event) == "ZJJ（牵头）退回，转 窗口；理由：x"


# ---------------------------------------------------------------- what a write led to


def _pingpong(desk):
    case = desk.open("电梯", "--reporter", "张三", "--dept", "ZJJ")
    desk.ok("pushback", case, "--from", "ZJJ", "--reason", "不属本局", "--to", "GTJ")
    return case, desk.ok("pushback", case, "--from", "GTJ", "--reason", "不属本局", "--to", "ZJJ")


def test_a_pushback_says_the_escalation_it_set_off(desk) -> None:
    _, out = _pingpong(desk)
    assert "raised automatically to coordinate" in out.lower()


def test_a_ruling_says_which_pushback_it_applied_to(desk) -> None:
    case, _ = _pingpong(desk)
    out = desk.ok("ruling", case, "invalid", "--reason", "属职责")
    assert "pushback 2 (GTJ, 2026-11-02)" in out and "counts against GTJ" in out


def test_a_close_says_whether_it_was_on_time_for_window_and_department(desk) -> None:
    case = desk.open("电梯", "--reporter", "张三", "--dept", "ZJJ")
    out = desk.ok("close", case, "--result", "resolved", "--resolution", "已办")
    assert "on time for the window" in out and "on time for the lead ZJJ" in out
    late = desk.open("道路", "--reporter", "李四", "--dept", "GTJ")
    out = desk.ok(
        "close",
        late,
        "--result",
        "resolved",
        "--resolution",
        "已办",
        now="2026-12-30T09:00:00+08:00",
    )
    assert "late for the window" in out and "late for the lead GTJ" in out


def test_a_downward_correction_does_not_say_raised(desk, monkeypatch) -> None:
    case = desk.open("电梯", "--reporter", "张三", "--dept", "ZJJ")
    desk.ok("escalate", case, "special", "--reason", "x")
    monkeypatch.setenv("BBCS_LANG", "zh_CN.UTF-8")
    out = desk.ok("escalate", case, "urgent", "--reason", "误", "--correction")
    assert "已升级" not in out and "更正为加急办" in out


def test_sweep_names_the_cases_it_recorded(desk) -> None:
    first = desk.open("电梯", "--reporter", "张三", "--dept", "ZJJ")
    second = desk.open("道路", "--reporter", "李四", "--dept", "GTJ")
    out = desk.ok("sweep", now="2026-12-30T09:00:00+08:00")
    lines = out.splitlines()
    assert any(line.startswith(f"{first}: overdue") for line in lines), out
    assert any(line.startswith(f"{second}: overdue") for line in lines), out
    assert "supervise" in out


def test_a_disputed_review_says_it_waits_for_a_supervisor(desk) -> None:
    case = desk.open("电梯", "--reporter", "张三", "--dept", "ZJJ")
    desk.ok("close", case, "--result", "explained", "--resolution", "已解释")
    out = desk.ok("review", case, "unsatisfied")
    assert f"bbcs uphold {case}" in out and f"bbcs reopen {case}" in out


def test_a_void_says_why(zh) -> None:
    text = told({"kind": "void", "data": {"reason": "重复登记"}})
    assert text == "作废（误登记）；理由：重复登记"


def test_the_department_loop_is_told_in_sentences(zh) -> None:
    assert told({"kind": "accept", "data": {"dept": "ZJJ"}}) == "ZJJ 签收"
    request = {"dept": "ZJJ", "days": 3, "reason": "勘验"}
    assert (
        told({"kind": "extend_request", "data": request}) == "ZJJ 申请延期 3 个工作日；理由：勘验"
    )
    review = {"rating": "satisfied", "solved": "partly"}
    assert told({"kind": "review", "data": review}) == "回访：满意；部分解决"
