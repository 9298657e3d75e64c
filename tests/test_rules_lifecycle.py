"""Pure tests of rules.lifecycle: the status table and every precondition beyond it."""

from __future__ import annotations

from datetime import date

import pytest

from bbcs.errors import Conflict, InvalidInput, WrongStatus
from bbcs.ledger import policy_defaults
from bbcs.models import Escalation, Rating, Result, Status
from bbcs.projection import CaseState
from bbcs.rules import lifecycle
from bbcs.rules.policy import Policy

POLICY = Policy(policy_defaults())
ID = "BB-2026-000001"


def case(**fields: object) -> CaseState:
    return CaseState(id=ID, **fields)  # type: ignore[arg-type]


def test_status_table_refuses_what_a_status_does_not_allow():
    with pytest.raises(WrongStatus):
        lifecycle.require(case(status=Status.CLOSED.value), "transfer")
    with pytest.raises(WrongStatus):
        lifecycle.require(case(status=Status.IN_PROGRESS.value), "assign")
    lifecycle.require(case(status=Status.PENDING.value), "assign")


def test_a_pending_case_closes_only_when_immediate():
    with pytest.raises(WrongStatus):
        lifecycle.require(case(status=Status.PENDING.value, complexity="normal"), "close")
    lifecycle.require(case(status=Status.PENDING.value, complexity="immediate"), "close")


def test_review_once_and_never_of_a_withdrawn_case():
    closed = Status.CLOSED.value
    with pytest.raises(WrongStatus):
        lifecycle.require(case(status=closed, result=Result.WITHDRAWN.value), "review")
    with pytest.raises(WrongStatus):
        lifecycle.require(case(status=closed, result="resolved", review="done"), "review")
    lifecycle.require(case(status=closed, result="resolved", review="due"), "review")


def test_a_withdrawn_case_is_not_reopened():
    with pytest.raises(WrongStatus) as caught:
        lifecycle.require_reopenable(case(status="closed", result=Result.WITHDRAWN.value))
    assert caught.value is not None
    lifecycle.require_reopenable(case(status="closed", result=Result.RESOLVED.value))


def test_uphold_only_when_disputed():
    with pytest.raises(WrongStatus):
        lifecycle.require_disputed(case(status="closed", review="done"))
    lifecycle.require_disputed(case(status="closed", review="disputed"))


def test_a_ruling_needs_an_unruled_pushback_and_takes_the_latest():
    with pytest.raises(Conflict):
        lifecycle.pushback_to_rule(case())
    assert lifecycle.pushback_to_rule(case(unruled=[3, 5])) == 5


def test_escalation_only_upwards_and_corrections_only_down():
    urgent = case(status="in_progress", escalation=Escalation.URGENT.value)
    with pytest.raises(Conflict):
        lifecycle.escalation_from(urgent, Escalation.URGENT, correction=False)
    with pytest.raises(Conflict):
        lifecycle.escalation_from(urgent, Escalation.NONE, correction=False)
    with pytest.raises(Conflict):
        lifecycle.escalation_from(urgent, Escalation.SUPERVISE, correction=True)
    assert lifecycle.escalation_from(urgent, Escalation.SUPERVISE, correction=False) is (
        Escalation.URGENT
    )
    assert lifecycle.escalation_from(urgent, Escalation.NONE, correction=True) is Escalation.URGENT


def test_extension_days_one_to_sixty():
    lifecycle.check_extension_days(1)
    lifecycle.check_extension_days(lifecycle.MAX_EXTENSION_DAYS)
    for days in (0, lifecycle.MAX_EXTENSION_DAYS + 1):
        with pytest.raises(InvalidInput):
            lifecycle.check_extension_days(days)


def test_one_extension_per_round_and_none_past_due():
    day = date(2026, 10, 12)
    fresh = case(status="in_progress", due_date="2026-10-13", dept_due_date="2026-10-13")
    lifecycle.require_extendable(fresh, day, POLICY)
    with pytest.raises(Conflict):
        lifecycle.require_extendable(case(status="in_progress", extensions=1), day, POLICY)
    late = case(status="in_progress", due_date="2026-10-13", dept_due_date="2026-10-10")
    with pytest.raises(Conflict):
        lifecycle.require_extendable(late, day, POLICY)


def test_an_unsatisfied_review_of_a_resolved_case_reopens_it():
    resolved = case(status="closed", result=Result.RESOLVED.value)
    explained = case(status="closed", result=Result.EXPLAINED.value)
    assert lifecycle.reopens_on_review(resolved, Rating.UNSATISFIED, POLICY)
    assert not lifecycle.reopens_on_review(resolved, Rating.BASIC, POLICY)
    assert not lifecycle.reopens_on_review(explained, Rating.UNSATISFIED, POLICY)
    off = Policy({**POLICY.values, "rules.reopen_on_unsatisfied": False})
    assert not lifecycle.reopens_on_review(resolved, Rating.UNSATISFIED, off)


def test_a_late_entry_goes_after_what_a_person_recorded_but_may_precede_the_system():
    from datetime import datetime

    events = [
        {"seq": 1, "kind": "open", "at": "2026-10-12T09:00:00+08:00", "actor": "clerk"},
        {"seq": 2, "kind": "overdue", "at": "2026-10-20T00:05:00+08:00", "actor": "system"},
    ]
    lifecycle.require_after_people(ID, events, datetime.fromisoformat("2026-10-15T09:00:00+08:00"))
    with pytest.raises(InvalidInput):
        lifecycle.require_after_people(
            ID, events, datetime.fromisoformat("2026-10-12T08:00:00+08:00")
        )


def test_a_transfer_goes_to_a_different_lead():
    held = case(status=Status.IN_PROGRESS.value, lead_dept="ZJJ")
    with pytest.raises(Conflict):
        lifecycle.require_transfer(held, "ZJJ")
    lifecycle.require_transfer(held, "GTJ")


def test_co_departments_are_named_once_and_never_the_lead():
    assert lifecycle.co_departments("ZJJ", ["GTJ", "ZJJ", "SCJ", "GTJ"]) == ["GTJ", "SCJ"]
    assert lifecycle.co_departments("ZJJ", []) == []
