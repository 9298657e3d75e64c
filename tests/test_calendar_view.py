"""The calendar's day lists and limit resolution, without a ledger or a command line."""

from datetime import date

import pytest

from bbcs.calendar_view import calendar_days, limit_days
from bbcs.errors import InvalidInput
from bbcs.rules.calendar import Calendar

POLICY = {"limits.simple": 5, "limits.normal": 10}


def test_a_national_day_week_lists_its_holidays_and_its_adjusted_working_day():
    days = calendar_days(Calendar(), date(2026, 9, 27), date(2026, 10, 8), {}, zh=True)
    assert [d["date"] for d in days][:2] == ["2026-09-27", "2026-09-28"]
    assert len(days) == 12
    first_of_october = days[4]
    assert first_of_october["date"] == "2026-10-01"
    assert not first_of_october["workday"] and not first_of_october["weekend"]
    assert first_of_october["name"]
    assert not any(d["override"] for d in days)


def test_an_override_is_named_and_marked():
    calendar = Calendar(overrides={date(2026, 9, 15): False})
    days = calendar_days(
        calendar,
        date(2026, 9, 15),
        date(2026, 9, 15),
        {"2026-09-15": ("holiday", "台风停工")},
        zh=True,
    )
    assert days == [
        {
            "date": "2026-09-15",
            "workday": False,
            "weekend": False,
            "name": "台风停工",
            "override": True,
            "provisional": False,
        }
    ]


def test_a_limit_is_a_number_of_working_days_or_a_complexity_by_the_policy():
    asked = []

    def policy():
        asked.append(True)
        return POLICY

    assert limit_days("7", policy) == 7
    assert not asked  # a number needs no policy, so no ledger is opened
    assert limit_days("simple", policy) == 5
    assert limit_days("一般", policy) == 10


def test_a_limit_that_is_neither_is_refused_before_the_policy_is_read():
    def policy():
        raise AssertionError("the policy was read")

    with pytest.raises(InvalidInput):
        limit_days("soon", policy)
