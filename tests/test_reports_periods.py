"""The pure parts of the reports: periods, the working-day index, ranking."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bbcs.errors import InvalidInput
from bbcs.reports import (
    Span,
    choose_span,
    last_complete_month,
    last_complete_week,
    month_span,
    previous_span,
    rank,
    week_span,
    workday_index,
)
from bbcs.rules.calendar import Calendar

days = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))


@given(days, st.integers(0, 60), st.integers(0, 60))
def test_workday_index_subtracts_to_working_days(first: date, a: int, b: int) -> None:
    calendar = Calendar()
    index = dict(workday_index(calendar, first, first + timedelta(days=max(a, b))))
    start, end = first + timedelta(days=min(a, b)), first + timedelta(days=max(a, b))
    assert index[end.isoformat()] - index[start.isoformat()] == calendar.working_days(start, end)


def test_national_day_in_the_index() -> None:
    index = dict(workday_index(Calendar(), date(2026, 9, 30), date(2026, 10, 13)))
    assert index["2026-10-13"] - index["2026-09-30"] == 5  # 8, 9, 10 (Sat, worked), 12, 13


def test_weeks_and_months() -> None:
    assert week_span("2026-W47") == Span(date(2026, 11, 16), date(2026, 11, 22))
    assert week_span("2026w1") == Span(date(2025, 12, 29), date(2026, 1, 4))
    assert month_span("2026-02") == Span(date(2026, 2, 1), date(2026, 2, 28))
    assert month_span("2026年12月") == Span(date(2026, 12, 1), date(2026, 12, 31))
    for bad_week in ("2026-W54", "W47", "2026-11"):
        with pytest.raises(InvalidInput):
            week_span(bad_week)
    for bad_month in ("2026-00", "2026-13", "11"):
        with pytest.raises(InvalidInput):
            month_span(bad_month)


def test_last_complete_periods() -> None:
    sunday = date(2026, 11, 22)
    assert last_complete_week(sunday) == Span(date(2026, 11, 9), date(2026, 11, 15))
    assert last_complete_week(date(2026, 11, 23)) == Span(date(2026, 11, 16), date(2026, 11, 22))
    assert last_complete_month(date(2026, 1, 15)) == Span(date(2025, 12, 1), date(2025, 12, 31))


def test_previous_periods() -> None:
    march = month_span("2026-03")
    assert previous_span(march, month=True) == Span(date(2026, 2, 1), date(2026, 2, 28))
    week = week_span("2026-W47")
    assert previous_span(week, month=False) == week_span("2026-W46")
    odd = Span(date(2026, 3, 5), date(2026, 3, 9))
    assert previous_span(odd, month=True) == Span(date(2026, 2, 28), date(2026, 3, 4))


def test_from_alone_runs_to_today() -> None:
    today = date(2026, 11, 2)
    assert choose_span("weekly", today, first=date(2026, 10, 1)) == Span(date(2026, 10, 1), today)


def _dept(code: str, rate: float | None, charged: int = 0, **more: Any) -> dict[str, Any]:
    closed = more.pop("closed", 1 if rate is not None else 0)
    return {
        "dept": code,
        "rank": None,
        "closed": closed,
        "overdue_open": 0,
        "on_time_rate": rate,
        "pushbacks_charged": charged,
        "satisfaction_rate": more.get("satisfaction"),
        "avg_working_days": more.get("days"),
    }


def test_rank_orders_by_rate_pushbacks_satisfaction_days_and_shares_ties() -> None:
    ranked = rank(
        [
            _dept("A", 0.9),
            _dept("B", 1.0, 2),
            _dept("C", 1.0, 0, satisfaction=0.5),
            _dept("D", 1.0, 0, satisfaction=0.9, days=4.0),
            _dept("E", 1.0, 0, satisfaction=0.9, days=2.0),
            _dept("F", None),
            _dept("G", 1.0, 0, satisfaction=0.5),
        ]
    )
    assert [(d["dept"], d["rank"]) for d in ranked] == [
        ("E", 1),
        ("D", 2),
        ("C", 3),
        ("G", 3),
        ("B", 5),
        ("A", 6),
        ("F", None),
    ]
