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
    assert told(event) == "升级为协调办；理由：反复退回，自动升级"


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


def test_every_kind_has_a_sentence() -> None:
    assert set(SENTENCES) == {kind.value for kind in EventKind}


def test_a_kind_added_later_is_told_by_its_data(zh) -> None:
    text = told({"kind": "urge", "data": {"note": "请尽快", "accepted": True}})
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
