"""The working-day calendar: statutory data from ``chinesecalendar``, the ledger's overrides on top.

A day is a working day unless it is a holiday; a weekend day is a holiday unless
it is an adjusted working day (调休). The ledger's overrides win over the package.
A year is *covered* when the package knows it or a calendar file held dates of
that year; a date outside every covered year is judged on weekends alone, and any
result that depended on such a date is *provisional*.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=1)
def _statutory() -> tuple[frozenset[date], frozenset[date], frozenset[int]]:
    """Holidays, adjusted working days and covered years that ``chinesecalendar`` ships."""
    import chinese_calendar.constants as cc

    holidays = frozenset(cc.holidays)
    workdays = frozenset(cc.workdays)
    years = frozenset(d.year for d in holidays | workdays)
    return holidays, workdays, years


FESTIVALS_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
}


def statutory_name(day: date, *, zh: bool = False) -> str | None:
    """The festival a statutory holiday or adjusted working day belongs to, if any."""
    import chinese_calendar.constants as cc

    name = cc.holidays.get(day) or cc.workdays.get(day)
    if name is None:
        return None
    return FESTIVALS_ZH.get(str(name), str(name)) if zh else str(name)


@dataclass(frozen=True)
class Calendar:
    """Which days are working days, given the ledger's overrides (date → True for a workday)."""

    overrides: Mapping[date, bool] = field(default_factory=dict)
    covered_years: frozenset[int] = frozenset()

    def is_covered(self, year: int) -> bool:
        return year in self.covered_years or year in _statutory()[2]

    def is_workday(self, day: date) -> bool:
        override = self.overrides.get(day)
        if override is not None:
            return override
        holidays, workdays, _ = _statutory()
        if day in workdays:
            return True
        if day in holidays:
            return False
        return day.weekday() < 5

    def add_working_days(self, start: date, days: int) -> tuple[date, bool]:
        """The day ``days`` working days after ``start``, and whether it is provisional.

        ``days`` = 0 gives the first working day on or after ``start``; counting
        starts on the day after ``start`` otherwise (the start day itself never counts).
        """
        if days < 0:
            raise ValueError("days must not be negative")
        day = start
        provisional = not self.is_covered(day.year)
        if days == 0:
            while not self.is_workday(day):
                day += ONE_DAY
                provisional = provisional or not self.is_covered(day.year)
            return day, provisional
        left = days
        while left:
            day += ONE_DAY
            provisional = provisional or not self.is_covered(day.year)
            if self.is_workday(day):
                left -= 1
        return day, provisional

    def working_days(self, after: date, upto: date) -> int:
        """Working days after ``after`` up to and including ``upto``; negative when upto < after."""
        if upto < after:
            return -self.working_days(upto, after)
        count = 0
        day = after
        while day < upto:
            day += ONE_DAY
            if self.is_workday(day):
                count += 1
        return count

    def uncovered_years(self, days: Iterable[date]) -> set[int]:
        return {d.year for d in days if not self.is_covered(d.year)}
