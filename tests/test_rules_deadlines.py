"""Pure tests of rules.deadlines: both clocks, warning levels and their date windows."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bbcs.models import Result, Warning
from bbcs.projection import CaseState, Hold
from bbcs.rules import deadlines
from bbcs.rules.calendar import Calendar
from bbcs.rules.deadlines import (
    due_after,
    last_due_within,
    on_time,
    overdue_by,
    warning_level,
    warning_window,
    working_days_taken,
)

CAL = Calendar()


def test_spec_example_due_over_national_day():
    assert due_after(CAL, date(2026, 9, 30), 3) == (date(2026, 10, 10), False)


def test_extra_days_are_added_after_the_limit():
    # 10-10 (adjusted working Saturday) + 2 working days: Mon 10-12, Tue 10-13
    assert due_after(CAL, date(2026, 9, 30), 3, 2) == (date(2026, 10, 13), False)


def test_a_year_without_data_is_provisional():
    _, provisional = due_after(Calendar(), date(2099, 3, 2), 3)
    assert provisional


def test_spec_example_overdue_by_three():
    assert overdue_by(CAL, date(2026, 10, 14), date(2026, 10, 10)) == 3
    assert overdue_by(CAL, date(2026, 10, 10), date(2026, 10, 10)) == 0


def test_spec_warning_levels_red_on_the_day_yellow_within_two():
    due = date(2026, 11, 11)  # a Wednesday
    assert warning_level(CAL, date(2026, 11, 11), due) is Warning.RED
    assert warning_level(CAL, date(2026, 11, 10), due) is Warning.YELLOW
    assert warning_level(CAL, date(2026, 11, 9), due) is Warning.YELLOW
    assert warning_level(CAL, date(2026, 11, 6), due) is Warning.GREEN
    assert warning_level(CAL, date(2026, 11, 12), due) is Warning.OVERDUE


def test_red_window_reaches_over_a_weekend():
    # on Friday a case due Saturday or Sunday has no working day left: red
    friday = date(2026, 11, 6)
    assert warning_window(CAL, friday, Warning.RED) == (friday, date(2026, 11, 8))
    assert warning_window(CAL, friday, Warning.YELLOW) == (date(2026, 11, 9), date(2026, 11, 10))
    assert warning_window(CAL, friday, Warning.GREEN) == (date(2026, 11, 11), None)
    assert warning_window(CAL, friday, Warning.OVERDUE) == (None, date(2026, 11, 5))


def test_last_due_within():
    assert last_due_within(CAL, date(2026, 11, 6), 1) == date(2026, 11, 9)


def test_working_days_taken_never_negative():
    assert working_days_taken(CAL, date(2026, 9, 30), date(2026, 10, 10)) == 3
    assert working_days_taken(CAL, date(2026, 10, 10), date(2026, 9, 30)) == 0


def test_on_time():
    due = date(2026, 10, 10)
    assert on_time(Result.RESOLVED, due, due) is True
    assert on_time(Result.EXPLAINED, due + timedelta(days=1), due) is False
    assert on_time(Result.WITHDRAWN, due, due) is None
    assert on_time(Result.RESOLVED, due, None) is None


DAYS = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))


@given(
    today=DAYS,
    level=st.sampled_from(list(Warning)),
    yellow=st.integers(min_value=0, max_value=5),
    offset=st.integers(min_value=0, max_value=40),
)
def test_every_day_in_a_window_has_that_level(
    today: date, level: Warning, yellow: int, offset: int
) -> None:
    low, high = warning_window(CAL, today, level, yellow_within=yellow)
    if low is None:
        assert high is not None
        due = high - timedelta(days=offset)
    elif high is None:
        due = low + timedelta(days=offset)
    else:
        if high < low:
            return  # an empty window (yellow_within 0)
        due = low + timedelta(days=offset % ((high - low).days + 1))
    assert warning_level(CAL, today, due, yellow_within=yellow) is level


@given(today=DAYS, due=DAYS, yellow=st.integers(min_value=0, max_value=5))
def test_every_due_date_falls_in_the_window_of_its_level(today: date, due: date, yellow: int):
    level = warning_level(CAL, today, due, yellow_within=yellow)
    low, high = warning_window(CAL, today, level, yellow_within=yellow)
    assert (low is None or low <= due) and (high is None or due <= high)


# ------------------------------------------------------------ both clocks


def held(**fields: object) -> CaseState:
    return CaseState(id="BB-2026-000001", **fields)  # type: ignore[arg-type]


def test_the_case_clock_starts_at_registration():
    assert deadlines.opening_clock(CAL, date(2026, 9, 30), 3) == {
        "limit": 3,
        "due_date": "2026-10-10",
        "provisional": False,
    }


def test_a_new_lead_gets_its_own_clock_from_the_day_it_received_the_case():
    assert deadlines.lead_clock(CAL, date(2026, 11, 4), 7) == {
        "limit": 7,
        "dept_due_date": "2026-11-13",
    }


def test_an_extension_moves_both_dates():
    state = held(due_date="2026-11-11", dept_due_date="2026-11-13")
    assert deadlines.moved(CAL, state, 2) == {
        "due_date": "2026-11-13",
        "provisional": False,
        "dept_due_date": "2026-11-17",
    }
    assert deadlines.moved(CAL, state, 0) == {}


def test_a_reopen_restarts_both_clocks():
    with_lead = held(lead_dept="ZJJ")
    assert deadlines.restarted(CAL, with_lead, date(2026, 9, 30), 3) == {
        "limit": 3,
        "due_date": "2026-10-10",
        "provisional": False,
        "dept_due_date": "2026-10-10",
    }
    assert "dept_due_date" not in deadlines.restarted(CAL, held(), date(2026, 9, 30), 3)


def test_a_calendar_change_recounts_both_dates_from_their_bases():
    # opened 11-02 (limit 7, one day added by an extension), the lead received it 11-04
    state = held(
        status="in_progress",
        lead_dept="ZJJ",
        round_start="2026-11-02",
        limit=7,
        round_extra=1,
        dept_limit=7,
        dept_extra=1,
        due_date="2026-11-12",
        dept_due_date="2026-11-16",
        holds=[Hold("ZJJ", "lead", "2026-11-04", "2026-11-16", 2)],
    )
    assert deadlines.redated(CAL, state) is None
    typhoon = Calendar({date(2026, 11, 5): False})
    assert deadlines.redated(typhoon, state) == {
        "due_date": "2026-11-13",
        "provisional": False,
        "dept_due_date": "2026-11-17",
        "was": {"due_date": "2026-11-12", "dept_due_date": "2026-11-16"},
        "reason": "calendar",
    }


def test_overdue_at_the_end_of_a_day_counts_only_open_cases_past_due() -> None:
    case = CaseState(id="BB-2026-000001", status="in_progress", due_date="2026-11-02")
    assert deadlines.overdue_at_end_of(CAL, case, date(2026, 11, 4)) == 2  # Tue, Wed
    assert deadlines.overdue_at_end_of(CAL, case, date(2026, 11, 2)) == 0
    for status in ("suspended", "closed"):
        gone = CaseState(id="BB-2026-000001", status=status, due_date="2026-11-02")
        assert deadlines.overdue_at_end_of(CAL, gone, date(2026, 11, 4)) == 0


# ---------------------------------------------------------------- co-departments (SPEC §10)


def test_a_co_due_date_counts_limits_co_across_a_holiday():
    # received Fri 2026-04-03; Mon 04-06 is 清明: Tue 7, Wed 8, Thu 9
    assert deadlines.co_due(CAL, date(2026, 4, 3), 3, "2026-04-15") == "2026-04-09"
    assert deadlines.co_due(CAL, date(2026, 4, 3), 3, None) == "2026-04-09"


def test_a_co_due_date_is_never_after_the_leads():
    assert deadlines.co_due(CAL, date(2026, 11, 2), 10, "2026-11-11") == "2026-11-11"
    assert deadlines.co_receipt(CAL, ["GTJ", "SCJ"], date(2026, 11, 4), 3, "2026-11-05") == {
        "co_dues": {"GTJ": "2026-11-05", "SCJ": "2026-11-05"}
    }
    assert deadlines.co_receipt(CAL, [], date(2026, 11, 4), 3, "2026-11-05") == {}


def test_moved_co_dues_move_open_co_holds_only_and_stay_capped():
    state = CaseState(
        id="BB-2026-000001",
        holds=[
            Hold("ZJJ", "lead", "2026-11-02", "2026-11-11", 2),
            Hold("GTJ", "co", "2026-11-02", "2026-11-05", 2),
            Hold("SCJ", "co", "2026-11-02", "2026-11-05", 2, ended="2026-11-03", how="replied"),
            Hold("XFJ", "co", "2026-11-02", None, 2),  # received before co due dates
        ],
    )
    assert deadlines.moved_co_dues(CAL, state, 3, "2026-11-16") == {
        "co_dues": {"GTJ": "2026-11-10"}
    }
    assert deadlines.moved_co_dues(CAL, state, 3, "2026-11-09") == {
        "co_dues": {"GTJ": "2026-11-09"}
    }
    assert deadlines.moved_co_dues(CAL, state, 0, "2026-11-16") == {}


def test_a_calendar_change_recounts_unsigned_accept_and_open_co_due_dates():
    state = CaseState(
        id="BB-2026-000001",
        holds=[
            # received Fri 11-06: accept due Mon 11-09, co due Wed 11-11
            Hold("GTJ", "co", "2026-11-06", "2026-11-11", 2, accept_due="2026-11-09"),
            Hold(
                "SCJ",
                "co",
                "2026-11-06",
                "2026-11-11",
                2,
                accept_due="2026-11-09",
                accepted="2026-11-06",
            ),
        ],
    )
    typhoon = Calendar({date(2026, 11, 9): False})
    assert deadlines.redated_holds(CAL, typhoon, state, "2026-11-20") == {
        "accept_dues": {"GTJ": "2026-11-10"},  # a signed hold keeps its date
        "co_dues": {"GTJ": "2026-11-12", "SCJ": "2026-11-12"},
    }
    assert deadlines.redated_holds(CAL, typhoon, state, "2026-11-11") == {
        "accept_dues": {"GTJ": "2026-11-10"}
    }
    assert deadlines.redated_holds(CAL, CAL, state, "2026-11-20") == {}
