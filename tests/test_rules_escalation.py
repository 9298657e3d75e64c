"""Pure tests of rules.escalation: the automatic rules, late entries, whom it counts against."""

from __future__ import annotations

from datetime import date

from bbcs.ledger import policy_defaults
from bbcs.models import Escalation, EventKind
from bbcs.projection import CaseState
from bbcs.rules.calendar import Calendar
from bbcs.rules.escalation import (
    automatic_escalations,
    counted_against,
    overdue_counted_against,
    overdue_event,
    overtaken_by_extension,
    still_true,
)
from bbcs.rules.policy import Policy

CAL = Calendar()
POLICY = Policy(policy_defaults())


def case(**fields: object) -> CaseState:
    return CaseState(id="BB-2026-000001", **fields)  # type: ignore[arg-type]


def levels(state: CaseState, today: date) -> list[tuple[Escalation, str]]:
    return [(level, rule) for level, rule, _ in automatic_escalations(state, CAL, POLICY, today)]


def test_pingpong_limit_two_raises_to_coordinate():
    once = case(status="in_progress", lead_pushbacks=1)
    twice = case(status="in_progress", lead_pushbacks=2)
    assert levels(once, date(2026, 10, 12)) == []
    assert levels(twice, date(2026, 10, 12)) == [(Escalation.COORDINATE, "pingpong")]
    already = case(status="in_progress", lead_pushbacks=2, escalation="special")
    assert levels(already, date(2026, 10, 12)) == []


def test_overdue_by_three_raises_to_supervise():
    # due 10-10, on 10-14 overdue by 3 working days (SPEC §5)
    state = case(status="in_progress", due_date="2026-10-10", lead_dept="ZJJ")
    assert levels(state, date(2026, 10, 13)) == []
    found = list(automatic_escalations(state, CAL, POLICY, date(2026, 10, 14)))
    assert found == [(Escalation.SUPERVISE, "overdue", {"due_date": "2026-10-10", "dept": "ZJJ"})]


def test_a_suspended_case_is_not_raised_for_being_overdue():
    state = case(status="suspended", due_date="2026-10-10")
    assert levels(state, date(2026, 10, 20)) == []


def test_an_overdue_event_stops_holding_once_the_due_date_moved():
    data = {"due_date": "2026-10-10"}
    assert still_true(
        case(status="in_progress", due_date="2026-10-10"), EventKind.OVERDUE, data, "2026-10-12"
    )
    assert not still_true(
        case(status="in_progress", due_date="2026-10-13"), EventKind.OVERDUE, data, "2026-10-12"
    )
    assert not still_true(
        case(status="closed", due_date="2026-10-10"), EventKind.OVERDUE, data, "2026-10-12"
    )


def test_an_escalation_after_a_late_close_or_above_it_is_superseded():
    up = {"to": "coordinate", "rule": "pingpong"}
    assert still_true(case(status="in_progress"), EventKind.ESCALATE, up, "2026-10-12")
    assert not still_true(case(status="closed"), EventKind.ESCALATE, up, "2026-10-12")
    high = case(status="in_progress", escalation="supervise")
    assert not still_true(high, EventKind.ESCALATE, up, "2026-10-12")


def test_a_redate_holds_only_while_the_dates_are_those_it_replaced():
    data = {"was": {"due_date": "2026-10-10", "dept_due_date": None}}
    assert still_true(case(due_date="2026-10-10"), EventKind.REDATE, data, "2026-10-12")
    assert not still_true(case(due_date="2026-10-11"), EventKind.REDATE, data, "2026-10-12")


def test_an_escalation_counts_against_the_lead():
    assert counted_against(case(lead_dept="ZJJ", co_depts=["GTJ"])) == "ZJJ"
    assert counted_against(case()) is None


def test_the_sweep_records_an_overdue_once_per_due_date():
    state = case(status="in_progress", due_date="2026-10-10", lead_dept="ZJJ")
    assert overdue_event(state, date(2026, 10, 14)) == {"due_date": "2026-10-10", "dept": "ZJJ"}
    state.overdue_seen.append("2026-10-10")
    assert overdue_event(state, date(2026, 10, 14)) is None
    state.due_date = "2026-10-13"  # extended: a new due date can be overdue again
    assert overdue_event(state, date(2026, 10, 14)) == {"due_date": "2026-10-13", "dept": "ZJJ"}


def test_an_overdue_counts_against_the_lead_only_past_its_own_date():
    # SPEC §10: the case clock passed 10-10; the lead, given the case later, is due 10-20
    state = case(
        status="in_progress", due_date="2026-10-10", lead_dept="ZJJ", dept_due_date="2026-10-20"
    )
    found = list(automatic_escalations(state, CAL, POLICY, date(2026, 10, 14)))
    assert found == [(Escalation.SUPERVISE, "overdue", {"due_date": "2026-10-10", "dept": None})]
    assert overdue_counted_against(state, date(2026, 10, 21)) == "ZJJ"


def test_an_approved_extension_overtakes_the_overdue_between_the_old_and_new_dates():
    def system(seq, kind, at, **data):
        return {"seq": seq, "kind": kind, "at": at, "actor": "system", "data": data}

    events = [
        {
            "seq": 1,
            "kind": "open",
            "at": "2026-11-02T09:00:00+08:00",
            "actor": "clerk1",
            "data": {"due_date": "2026-11-11"},
        },
        system(2, "overdue", "2026-11-12T01:00:00+08:00", due_date="2026-11-11"),
        system(3, "escalate", "2026-11-16T01:00:00+08:00", due_date="2026-11-11", rule="overdue"),
        system(4, "escalate", "2026-11-16T01:00:00+08:00", rule="pingpong"),
        system(5, "overdue", "2026-11-19T01:00:00+08:00", due_date="2026-11-11"),
    ]
    assert overtaken_by_extension(events, "2026-11-11", "2026-11-18") == [2, 3]
    assert overtaken_by_extension(events, "2026-11-11", "2026-11-11") == []
    assert overtaken_by_extension(events, "2026-11-20", "2026-11-25") == []
