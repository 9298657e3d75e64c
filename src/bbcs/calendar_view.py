"""What ``bbcs calendar`` shows, computed outside the command line (SPEC §5).

``calendar_days`` lists the days of a period as plain data: working day or not,
weekend, the name of the holiday or override, whether the day is an override and
whether its year still lacks holiday data (provisional). ``limit_days`` resolves
a time limit typed as working days or as a complexity, the latter through the
policy in force. Pure functions of their arguments: no clock, no database.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Any

from bbcs import fields
from bbcs.errors import InvalidInput
from bbcs.models import Complexity
from bbcs.rules.calendar import Calendar, statutory_name
from bbcs.rules.policy import PolicyValue


def calendar_days(
    calendar: Calendar,
    first: date,
    last: date,
    names: Mapping[str, tuple[str, str]],
    *,
    zh: bool,
) -> list[dict[str, Any]]:
    """Each day from ``first`` to ``last``; ``names`` holds the overrides' (kind, name) by ISO day."""
    days = []
    day = first
    while day <= last:
        days.append(
            {
                "date": day.isoformat(),
                "workday": calendar.is_workday(day),
                "weekend": day.weekday() >= 5,
                "name": names.get(day.isoformat(), (None, None))[1] or statutory_name(day, zh=zh),
                "override": calendar.overrides.get(day) is not None,
                "provisional": not calendar.is_covered(day.year),
            }
        )
        day += timedelta(days=1)
    return days


def limit_days(text: str, policy: Callable[[], Mapping[str, PolicyValue]]) -> int:
    """The working days of a limit typed as a number or a complexity (``simple``, ``简单`` …).

    ``policy`` gives the policy values in force; it is asked only for a complexity.
    """
    if text.strip().isdigit():
        return fields.working_days(int(text), "LIMIT")
    level = Complexity.parse(text)
    if level is None:
        raise InvalidInput("calendar.bad_limit", limit=text)
    return int(policy()[f"limits.{level.value}"])
