"""Pure tests of the projection: a case's holds and pushbacks as a fold of its events."""

from __future__ import annotations

from typing import Any

from bbcs.projection import Pushback, project

ID = "BB-2026-000001"


def event(seq: int, kind: str, data: dict[str, Any], at: str, actor: str = "clerk"):
    return {"seq": seq, "kind": kind, "at": at, "actor": actor, "data": data}


EVENTS = [
    event(
        1,
        "open",
        {"summary": "s", "limit": 7, "due_date": "2026-11-11"},
        "2026-11-02T09:00:00+08:00",
    ),
    event(2, "assign", {"lead": "ZJJ", "co": ["GTJ"], "limit": 7}, "2026-11-02T09:05:00+08:00"),
    event(3, "pushback", {"by": "ZJJ", "role": "lead", "to": "SCJ"}, "2026-11-03T10:00:00+08:00"),
    event(4, "pushback", {"by": "GTJ", "role": "co", "to": None}, "2026-11-04T10:00:00+08:00"),
    event(5, "ruling", {"pushback_seq": 4, "verdict": "invalid"}, "2026-11-05T10:00:00+08:00"),
    event(6, "ruling", {"pushback_seq": 3, "verdict": "valid"}, "2026-11-06T10:00:00+08:00"),
]


def test_pushbacks_carry_their_latest_ruling_and_whether_charged():
    state = project(ID, EVENTS)
    assert state.pushback_log == [
        Pushback(3, "ZJJ", "lead", "SCJ", "2026-11-03", "valid"),
        Pushback(4, "GTJ", "co", None, "2026-11-04", "invalid"),
    ]
    assert [p.charged for p in state.pushback_log] == [False, True]
    assert state.pushbacks == 2 and state.lead_pushbacks == 1 and state.unruled == []


def test_an_unruled_pushback_is_charged():
    state = project(ID, EVENTS[:4])
    assert [p.verdict for p in state.pushback_log] == [None, None]
    assert all(p.charged for p in state.pushback_log)
    assert state.unruled == [3, 4]


def test_holds_follow_the_pushbacks():
    state = project(ID, EVENTS)
    assert [(h.dept, h.role, h.received, h.ended, h.how) for h in state.holds] == [
        ("ZJJ", "lead", "2026-11-02", "2026-11-03", "pushed_back"),
        ("GTJ", "co", "2026-11-02", "2026-11-04", "pushed_back"),
        ("SCJ", "lead", "2026-11-03", None, None),
    ]
    assert (state.lead_dept, state.co_depts) == ("SCJ", [])


def test_an_overdue_event_made_untrue_by_a_late_close_is_superseded():
    late = [
        *EVENTS[:2],
        event(3, "close", {"result": "resolved"}, "2026-11-10T09:00:00+08:00"),
        event(4, "overdue", {"due_date": "2026-11-11"}, "2026-11-12T00:10:00+08:00", "system"),
    ]
    assert project(ID, late).superseded == [4]
