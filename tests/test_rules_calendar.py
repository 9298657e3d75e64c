"""The working-day calendar against the real 2026 schedule, and its algebra."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bbcs.models import Warning
from bbcs.rules.calendar import Calendar
from bbcs.rules.deadlines import overdue_by, warning_level, working_days_left

CAL = Calendar()


def test_spec_example_national_day():
    # opened 2026-09-30, limit 3: Oct 1-7 are holidays, Saturday Oct 10 is a 调休 working day
    assert CAL.add_working_days(date(2026, 9, 30), 3) == (date(2026, 10, 10), False)


def test_national_day_adjusted_working_sunday_counts():
    # Sunday 2026-09-20 is a working day (调休): a case opened Friday 9-18 counts it
    assert CAL.is_workday(date(2026, 9, 20))
    assert CAL.add_working_days(date(2026, 9, 18), 1) == (date(2026, 9, 20), False)


def test_spring_festival_2026():
    # Sat 02-14 works; 02-15 to 02-23 are off; Sat 02-28 works
    assert CAL.is_workday(date(2026, 2, 14))
    assert not any(CAL.is_workday(date(2026, 2, d)) for d in range(15, 24))
    assert CAL.add_working_days(date(2026, 2, 13), 3) == (date(2026, 2, 25), False)
    assert CAL.add_working_days(date(2026, 2, 26), 2) == (date(2026, 2, 28), False)


def test_normal_case_opened_november_second():
    assert CAL.add_working_days(date(2026, 11, 2), 7) == (date(2026, 11, 11), False)


def test_limit_zero_is_first_working_day_on_or_after():
    assert CAL.add_working_days(date(2026, 11, 2), 0)[0] == date(2026, 11, 2)
    assert CAL.add_working_days(date(2026, 10, 3), 0)[0] == date(2026, 10, 8)


def test_overdue_by_counts_working_days_after_due():
    # SPEC: due 2026-10-10, on 2026-10-14 it is overdue by 3
    assert overdue_by(CAL, date(2026, 10, 14), date(2026, 10, 10)) == 3
    assert overdue_by(CAL, date(2026, 10, 10), date(2026, 10, 10)) == 0


def test_warning_levels():
    due = date(2026, 11, 11)
    assert warning_level(CAL, date(2026, 11, 11), due) is Warning.RED
    assert warning_level(CAL, date(2026, 11, 10), due) is Warning.YELLOW
    assert warning_level(CAL, date(2026, 11, 9), due) is Warning.YELLOW
    assert warning_level(CAL, date(2026, 11, 6), due) is Warning.GREEN
    assert warning_level(CAL, date(2026, 11, 12), due) is Warning.OVERDUE
    # over a weekend: due Monday, seen on Saturday, 1 working day left
    assert working_days_left(CAL, date(2026, 11, 14), date(2026, 11, 16)) == 1


def test_year_without_data_is_provisional():
    due, provisional = CAL.add_working_days(date(2026, 12, 10), 30)
    assert provisional and due.year == 2027
    assert not CAL.add_working_days(date(2026, 12, 1), 3)[1]


def test_overrides_win_over_statutory_data():
    typhoon = Calendar({date(2026, 11, 4): False})
    assert typhoon.add_working_days(date(2026, 11, 2), 7)[0] == date(2026, 11, 12)
    loaded = Calendar({date(2027, 1, 1): False}, frozenset({2027}))
    assert not loaded.add_working_days(date(2026, 12, 30), 1)[1]
    assert loaded.add_working_days(date(2026, 12, 31), 1)[0] == date(2027, 1, 4)


days = st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 10, 31))
limits = st.integers(min_value=0, max_value=40)


@given(days, st.integers(min_value=1, max_value=40))
def test_result_is_a_working_day_and_counting_back_gives_the_limit(start, limit):
    due, _ = CAL.add_working_days(start, limit)
    assert CAL.is_workday(due)
    assert CAL.working_days(start, due) == limit
    assert CAL.working_days(due, start) == -limit


@given(days, limits, limits)
def test_order_is_kept(start, a, b):
    first, _ = CAL.add_working_days(start, a)
    second, _ = CAL.add_working_days(start, a + b)
    assert first <= second
    assert CAL.add_working_days(start + timedelta(days=1), a)[0] >= first


@given(days, st.integers(min_value=1, max_value=20), st.integers(min_value=1, max_value=20))
def test_adding_in_two_steps_is_adding_once(start, a, b):
    once, _ = CAL.add_working_days(start, a + b)
    middle, _ = CAL.add_working_days(start, a)
    assert CAL.add_working_days(middle, b)[0] == once
