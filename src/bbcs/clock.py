"""Time at the edge: "now" from ``BBCS_NOW`` or the clock, and dates as people type them.

Times are read in ``BBCS_TZ`` (default Asia/Shanghai) when they carry no offset,
and stored ISO 8601 with their offset, to the second.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, tzinfo
from functools import lru_cache

from bbcs.errors import InvalidInput

DEFAULT_TZ = "Asia/Shanghai"
# the years a ledger holds: a typo such as 0026 or 20266 is refused here, before any
# working-day arithmetic runs off the end of the calendar
FIRST_YEAR, LAST_YEAR = 1900, 2199


def check_year(year: int, typed: str) -> int:
    """``year`` if a ledger can hold it, else one sentence naming what was typed."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidInput("time.out_of_range", value=typed, first=FIRST_YEAR, last=LAST_YEAR)
    return year


@lru_cache(maxsize=4)
def zone(name: str | None = None) -> tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = name or os.environ.get("BBCS_TZ") or DEFAULT_TZ
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput("time.bad_zone", zone=name) from None


def now() -> datetime:
    """``BBCS_NOW`` if set (frozen time for tests and demos), else the clock, in ``BBCS_TZ``."""
    frozen = os.environ.get("BBCS_NOW")
    if frozen:
        try:
            return parse_datetime(frozen)
        except InvalidInput:
            raise InvalidInput("time.bad_now", value=frozen) from None
    return datetime.now(zone()).replace(microsecond=0)


def parse_datetime(text: str) -> datetime:
    """A date-time as a person types it; no offset means ``BBCS_TZ``, a bare date means 00:00."""
    raw = text.strip()
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        moment = _parse_loosely(raw)
    check_year(moment.year, raw)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone())
    try:
        # an offset of a day or more, or a moment at the edge of the calendar, cannot be used
        moment.astimezone(zone())
    except (ValueError, OverflowError):
        raise InvalidInput("time.bad_datetime", value=raw) from None
    return moment.replace(microsecond=0)


def parse_date(text: str) -> date:
    """A calendar date as a person types it (``2026-09-30``, ``2026/9/30``, ``2026年9月30日``)."""
    raw = text.strip()
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        day = _parse_loosely(raw).date()
    check_year(day.year, raw)
    return day


def _parse_loosely(raw: str) -> datetime:
    from dateutil import parser

    cleaned = raw.replace("年", "-").replace("月", "-").replace("日", " ").replace("/", "-").strip()
    if not cleaned or not cleaned[0].isdigit():
        raise InvalidInput("time.bad_datetime", value=raw)
    try:
        return parser.isoparse(cleaned)
    except ValueError:
        pass
    try:
        return parser.parse(cleaned, yearfirst=True, dayfirst=False)
    except (ValueError, OverflowError):
        raise InvalidInput("time.bad_datetime", value=raw) from None


def iso(moment: datetime) -> str:
    """The stored form: ISO 8601 with offset, to the second."""
    return moment.replace(microsecond=0).isoformat()


def local_day(moment: datetime) -> date:
    return moment.astimezone(zone()).date() if moment.tzinfo else moment.date()


def start_of_day(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=zone())


def end_of_day(day: date) -> datetime:
    return start_of_day(day) + timedelta(days=1) - timedelta(seconds=1)
