"""签收 and the pushback window (SPEC §10), as pure rules, on the SPEC's worked dates."""

from __future__ import annotations

from datetime import date

import pytest

from bbcs.errors import Conflict
from bbcs.projection import CaseState, Hold
from bbcs.rules import acceptance
from bbcs.rules.calendar import Calendar

CALENDAR = Calendar({}, set())
MON = date(2026, 11, 2)


def _held(*holds: Hold, status: str = "in_progress") -> CaseState:
    return CaseState(id="HX-2026-000001", status=status, holds=list(holds))


def test_a_case_received_on_monday_is_signed_on_time_by_tuesday():
    due = acceptance.accept_due(CALENDAR, MON, 1)
    assert due == "2026-11-03"
    assert acceptance.signed_on_time(date(2026, 11, 3), due) is True
    assert acceptance.signed_on_time(date(2026, 11, 4), due) is False
    assert acceptance.signed_on_time(date(2026, 11, 4), None) is None


def test_a_case_received_on_friday_is_due_for_signing_on_monday():
    assert acceptance.accept_due(CALENDAR, date(2026, 11, 6), 1) == "2026-11-09"


def test_received_monday_the_last_pushback_day_is_wednesday():
    state = _held(Hold("ZJJ", "lead", "2026-11-02", None, 2))
    assert acceptance.pushback_last_day(CALENDAR, state, "ZJJ", 2) == date(2026, 11, 4)
    acceptance.require_pushback_window(CALENDAR, state, "ZJJ", date(2026, 11, 4), 2)
    with pytest.raises(Conflict) as refused:
        acceptance.require_pushback_window(CALENDAR, state, "ZJJ", date(2026, 11, 5), 2)
    assert refused.value.params["last"] == "2026-11-04"


def test_the_window_counts_from_the_first_receipt_and_moves_with_suspension():
    state = _held(
        Hold("ZJJ", "lead", "2026-11-02", None, 2, ended="2026-11-03", how="closed"),
        Hold("ZJJ", "lead", "2026-11-20", None, 9),
    )
    assert acceptance.pushback_last_day(CALENDAR, state, "ZJJ", 2) == date(2026, 11, 4)
    state.window_moved["ZJJ"] = 3
    assert acceptance.pushback_last_day(CALENDAR, state, "ZJJ", 2) == date(2026, 11, 9)
    assert acceptance.pushback_last_day(CALENDAR, state, "GTJ", 2) is None


def test_only_a_holding_department_signs_and_only_once():
    state = _held(
        Hold("ZJJ", "lead", "2026-11-02", None, 2, accept_due="2026-11-03"),
        Hold("GTJ", "co", "2026-11-02", None, 2, accept_due="2026-11-03", accepted="2026-11-02"),
    )
    assert acceptance.hold_to_sign(state, "ZJJ").dept == "ZJJ"
    with pytest.raises(Conflict, match="already"):
        acceptance.hold_to_sign(state, "GTJ")
    with pytest.raises(Conflict, match="does not hold"):
        acceptance.hold_to_sign(state, "SCJ")
    with pytest.raises(Conflict, match="closed"):
        acceptance.hold_to_sign(_held(*state.holds, status="closed"), "ZJJ")


def test_resume_moves_only_unsigned_accept_due_dates():
    state = _held(
        Hold("ZJJ", "lead", "2026-11-02", None, 2, accept_due="2026-11-03"),
        Hold("GTJ", "co", "2026-11-02", None, 2, accept_due="2026-11-03", accepted="2026-11-03"),
    )
    assert acceptance.moved_accept_dues(CALENDAR, state, 2) == {"ZJJ": "2026-11-05"}
    assert acceptance.moved_accept_dues(CALENDAR, state, 0) == {}
