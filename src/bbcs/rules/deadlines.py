"""Both clocks, the warning levels and the on-time verdict, on the working-day calendar (SPEC §5).

This module owns every date rule of a case: a due date is ``add_working_days``
of the clock's start day and its limit, then the working days extensions and
suspensions added (``due_after``); the case clock starts at registration
(``opening_clock``), each new lead's clock on the day it receives the case
(``lead_clock``); an extension or a resume moves both dates (``moved``), a
reopen restarts both (``restarted``), a calendar change recounts both from their
bases (``from_base``, ``redated``); each co-department hold's own due date
(``co_due``, never after the lead's department due date in force), moved by a resume
or an extension (``moved_co_dues``) and recounted with the unsigned accept due dates
on a calendar change (``redated_holds``); the warning level of an open case on a day
(``warning_level``) and, from the same rule, the due dates that give a level on
a day (``warning_window``, what ``list --warning`` asks the store for); the
working days taken and whether a close was on time. The clocks' start days
come from the case state (``round_start`` for the case clock, the lead hold's
receipt for the department clock); nothing here reads a clock or the ledger.

Invariant: for every level and every day ``d`` inside ``warning_window(level)``,
``warning_level(d) == level`` (a hypothesis property in the tests).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from bbcs.models import Result, Status, Warning
from bbcs.rules.calendar import Calendar

if TYPE_CHECKING:
    from bbcs.projection import CaseState

ONE_DAY = timedelta(days=1)


def due_after(calendar: Calendar, start: date, limit: int, extra: int = 0) -> tuple[date, bool]:
    """``add_working_days(start, limit)``, then ``extra`` more; the due date and its provisional flag."""
    due, provisional = calendar.add_working_days(start, limit)
    if extra:
        due, later = calendar.add_working_days(due, extra)
        provisional = provisional or later
    return due, provisional


def due_iso(calendar: Calendar, start: str | date, limit: int, extra: int = 0) -> tuple[str, bool]:
    """``due_after`` from an ISO date or a date, as an ISO date and its provisional flag."""
    first = date.fromisoformat(start) if isinstance(start, str) else start
    due, provisional = due_after(calendar, first, limit, extra)
    return due.isoformat(), provisional


def opening_clock(calendar: Calendar, day: date, limit: int) -> dict[str, Any]:
    """The case clock of a case registered on ``day``: its limit and due date."""
    due, provisional = due_iso(calendar, day, limit)
    return {"limit": limit, "due_date": due, "provisional": provisional}


def lead_clock(calendar: Calendar, day: date, limit: int) -> dict[str, Any]:
    """A new lead department's own clock: the limit from the day it received the case."""
    return {"limit": limit, "dept_due_date": due_iso(calendar, day, limit)[0]}


def moved(calendar: Calendar, state: CaseState, days: int) -> dict[str, Any]:
    """Both due dates moved ``days`` working days later (an extension, a resume), and a
    referred case's site due date with them."""
    if days == 0 or state.due_date is None:
        return {}
    due, provisional = due_iso(calendar, state.due_date, 0, days)
    dates: dict[str, Any] = {"due_date": due, "provisional": provisional}
    if state.dept_due_date is not None:
        dates["dept_due_date"], _ = due_iso(calendar, state.dept_due_date, 0, days)
    if state.site_due is not None:  # the receiving window's own, after a referral (SPEC §12)
        dates["site_due"], _ = due_iso(calendar, state.site_due, 0, days)
    return dates


def extended(calendar: Calendar, state: CaseState, days: int) -> dict[str, Any]:
    """The due dates an extension moves: both (``moved``), or after a redo this round only
    the department's (SPEC §10: the case's own due date has no say then)."""
    if not state.after_redo:
        return moved(calendar, state, days)
    dates: dict[str, Any] = {}
    if state.dept_due_date is not None:
        dates["dept_due_date"], _ = due_iso(calendar, state.dept_due_date, 0, days)
    return dates


def restarted(calendar: Calendar, state: CaseState, day: date, limit: int) -> dict[str, Any]:
    """Both clocks of a case reopened on ``day``: the limit afresh, the lead's the same."""
    dates = opening_clock(calendar, day, limit)
    if state.lead_dept is not None:
        dates["dept_due_date"] = dates["due_date"]
    return dates


def from_base(calendar: Calendar, state: CaseState, limit: int, dept_limit: int) -> dict[str, Any]:
    """Both due dates counted afresh from the round's start and the lead's receipt.

    The days already added this round (extensions, suspensions) are added again;
    the department's date only while a lead holds the case with a date of its own, and
    not after a redo, whose date has no base to count from (``redated`` recounts it).
    """
    due, provisional = due_iso(calendar, state.round_start, limit, state.round_extra)
    dates: dict[str, Any] = {"due_date": due, "provisional": provisional}
    hold = state.lead_hold()
    if hold is not None and state.dept_due_date is not None and not state.after_redo:
        dates["dept_due_date"], _ = due_iso(calendar, hold.received, dept_limit, state.dept_extra)
    return dates


def redated(
    calendar: Calendar, state: CaseState, before: Calendar | None = None
) -> dict[str, Any] | None:
    """The case's due dates on this calendar, or None when they stand as they are.

    Given the calendar ``before`` the change, the holds' dates are recounted too
    (``redated_holds``): the unsigned holds' accept due dates, the open co-department
    holds' due dates.
    """
    data = from_base(calendar, state, state.limit, state.dept_limit)
    data.setdefault("dept_due_date", state.dept_due_date)
    if before is not None and state.redo_day is not None and state.dept_due_date is not None:
        # after a redo: as many working days after the redo as on the old calendar
        data["dept_due_date"] = recounted(before, calendar, state.redo_day, state.dept_due_date)
    if before is not None:
        data.update(redated_holds(before, calendar, state, data["dept_due_date"]))
    if (data["due_date"], data["provisional"], data["dept_due_date"]) == (
        state.due_date,
        state.due_provisional,
        state.dept_due_date,
    ) and not ({"accept_dues", "co_dues"} & data.keys()):
        return None
    data["was"] = {"due_date": state.due_date, "dept_due_date": state.dept_due_date}
    data["reason"] = "calendar"
    return data


def working_days_left(calendar: Calendar, today: date, due: date) -> int:
    """Working days after today up to and including the due date; negative when overdue."""
    return calendar.working_days(today, due)


def working_days_taken(calendar: Calendar, start: date, end: date) -> int:
    """Working days after the clock's start up to and including ``end`` (never negative)."""
    return max(0, calendar.working_days(start, end))


def overdue_by(calendar: Calendar, today: date, due: date) -> int:
    """Working days after the due date up to and including today (0 while not past due)."""
    return max(0, calendar.working_days(due, today)) if today > due else 0


def overdue_at_end_of(calendar: Calendar, state: CaseState, day: date) -> int:
    """Working days a case (as it stood at the end of ``day``) was past the window's due
    date that day; 0 unless it was pending or in progress and past due."""
    if state.status not in (Status.PENDING, Status.IN_PROGRESS) or not state.due_date:
        return 0
    return overdue_by(calendar, day, date.fromisoformat(state.due_date))


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


def last_due_within(calendar: Calendar, today: date, days: int) -> date:
    """The last due date with ``days`` or fewer working days left from today."""
    following, _ = calendar.add_working_days(today, days + 1)
    return following - ONE_DAY


def warning_window(
    calendar: Calendar, today: date, level: Warning, *, yellow_within: int = 2
) -> tuple[date | None, date | None]:
    """The due dates (first, last; None for no bound) at which a case is at ``level`` today.

    The same thresholds as ``warning_level``: red while no working day is left,
    yellow while at most ``yellow_within`` are, green beyond, overdue before today.
    """
    if level is Warning.OVERDUE:
        return None, today - ONE_DAY
    if level is Warning.RED:
        return today, last_due_within(calendar, today, 0)
    if level is Warning.YELLOW:
        return last_due_within(calendar, today, 0) + ONE_DAY, last_due_within(
            calendar, today, yellow_within
        )
    return last_due_within(calendar, today, yellow_within) + ONE_DAY, None


def on_time(result: Result | None, closed: date, due: date | None) -> bool | None:
    """Closed on or before the due date; None for a withdrawn, void or merged case or one with no due date."""
    if result is None or result in (Result.WITHDRAWN, Result.VOID, Result.MERGED) or due is None:
        return None
    return closed <= due


# ---------------------------------------------------------------- co-departments (SPEC §10)


def co_due(calendar: Calendar, received: date, limit: int, lead_due: str | None) -> str:
    """A co-department's own due date: ``add_working_days(received, limits.co)``, never
    after the lead's department due date in force (``lead_due``; None: no cap)."""
    due = calendar.add_working_days(received, limit)[0].isoformat()
    return min(due, lead_due) if lead_due else due


def co_receipt(
    calendar: Calendar, depts: list[str], received: date, limit: int, lead_due: str | None
) -> dict[str, Any]:
    """What an event that hands a case to co-departments records about their due dates."""
    if not depts:
        return {}
    return {"co_dues": {dept: co_due(calendar, received, limit, lead_due) for dept in depts}}


def moved_co_dues(
    calendar: Calendar, state: CaseState, days: int, lead_due: str | None
) -> dict[str, Any]:
    """The open co-department holds' due dates moved ``days`` working days later (a resume,
    an extension), still never after the lead's department due date (``lead_due``)."""
    dues = {}
    for hold in state.open_holds():
        if hold.role == "co" and hold.dept_due is not None and days:
            moved_to = calendar.add_working_days(date.fromisoformat(hold.dept_due), days)[0]
            dues[hold.dept] = (
                min(moved_to.isoformat(), lead_due) if lead_due else moved_to.isoformat()
            )
    return {"co_dues": dues} if dues else {}


def recounted(before: Calendar, after: Calendar, start: str, due: str) -> str:
    """A date as many working days after ``start`` on the new calendar as it was on the
    old one: how a calendar change recounts a date whose limit the event did not record."""
    first = date.fromisoformat(start)
    count = max(0, before.working_days(first, date.fromisoformat(due)))
    return after.add_working_days(first, count)[0].isoformat()


def redated_holds(
    before: Calendar, after: Calendar, state: CaseState, lead_due: str | None
) -> dict[str, Any]:
    """The unsigned open holds' accept due dates and the open co-department holds' due dates
    recounted on a changed calendar (the co dates still capped by the lead's); only those
    that move."""
    accept: dict[str, str] = {}
    co: dict[str, str] = {}
    for hold in state.open_holds():
        if hold.accepted is None and hold.accept_due is not None:
            new = recounted(before, after, hold.received, hold.accept_due)
            if new != hold.accept_due:
                accept[hold.dept] = new
        if hold.role == "co" and hold.dept_due is not None:
            new = recounted(before, after, hold.received, hold.dept_due)
            new = min(new, lead_due) if lead_due else new
            if new != hold.dept_due:
                co[hold.dept] = new
    dates: dict[str, Any] = {}
    if accept:
        dates["accept_dues"] = accept
    if co:
        dates["co_dues"] = co
    return dates
