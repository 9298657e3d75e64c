"""Due dates, warning levels and the on-time verdict, on the working-day calendar (SPEC §5)."""

from __future__ import annotations

from datetime import date

from bbcs.models import Result, Warning
from bbcs.rules.calendar import Calendar


def working_days_left(calendar: Calendar, today: date, due: date) -> int:
    """Working days after today up to and including the due date; negative when overdue."""
    return calendar.working_days(today, due)


def overdue_by(calendar: Calendar, today: date, due: date) -> int:
    """Working days after the due date up to and including today (0 while not past due)."""
    return max(0, calendar.working_days(due, today)) if today > due else 0


def warning_level(calendar: Calendar, today: date, due: date, *, yellow_within: int = 2) -> Warning:
    """overdue once today is past the due date; else red on the day, yellow within 2, green."""
    if today > due:
        return Warning.OVERDUE
    left = working_days_left(calendar, today, due)
    if left <= 0:
        return Warning.RED
    if left <= yellow_within:
        return Warning.YELLOW
    return Warning.GREEN


def on_time(result: Result | None, closed: date, due: date | None) -> bool | None:
    """Closed on or before the due date; None for a withdrawn case or one with no due date."""
    if result is None or result == Result.WITHDRAWN or due is None:
        return None
    return closed <= due
