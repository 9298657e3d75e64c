"""催办 left unanswered (SPEC §10): when a written urge puts its department on the black list.

A written urge (催办通知书) to department D on day U has a breach day,
``add_working_days(the later of U and D's due date, rules.urge_report_after)``
(``acceptance.breach_day``; D's due date is the one in force at the urge: its
department due date as lead, its co-department due date as co). Like the due
dates, the breach day moves later by the working days of each extension granted
after the urge and of each suspension after it, and while the case is suspended
it has none yet. If D still holds the case unanswered at the end of the breach
day, the urge was ignored (``ignored_urge``): D goes on the black list of the
period in which the breach day falls. Unanswered means the hold D had at the urge
has not ended (no pushback, transfer or close; a co-department's reply ends it),
D has not replied since the urge (a reply the window sent back still answered
the urge), and the case is not suspended.

Everything here is a pure function of the case's events, a calendar and the
policy's ``after``; nothing reads a clock or the ledger.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bbcs.models import EventKind, Status
from bbcs.projection import CaseState, Event, event_day, ordered, project
from bbcs.rules.acceptance import breach_day
from bbcs.rules.calendar import Calendar


@dataclass(frozen=True)
class Move:
    """What moves a breach day after the urge: an extension (``days`` added), the start
    of a suspension, or a resume (``days`` the working days it lasted)."""

    day: date
    kind: EventKind
    days: int = 0


def moved_breach_day(
    calendar: Calendar,
    urged: date,
    due: str | None,
    after: int,
    moves: Iterable[Move],
    *,
    suspended: bool = False,
) -> date | None:
    """The breach day of a written urge on ``urged`` once ``moves`` (in time order, all
    after the urge) are applied; None while the case is suspended at its end.

    A move later than the breach day reached so far no longer counts, except the resume
    of a suspension that was running then. ``suspended`` says the case was suspended at
    the urge: its resume moves the breach day by the working days after the urge only.
    """
    day = date.fromisoformat(breach_day(calendar, urged, due, after))
    since = urged if suspended else None
    for move in moves:
        if move.day > day and since is None:
            break
        if move.kind is EventKind.SUSPEND:
            since = move.day
        elif move.kind is EventKind.RESUME and since is not None:
            days = move.days if since > urged else calendar.working_days(urged, move.day)
            day = calendar.add_working_days(day, min(move.days, days))[0]
            since = None
        elif move.kind is EventKind.EXTEND:
            day = calendar.add_working_days(day, move.days)[0]
    return None if since is not None else day


def still_unanswered(state: CaseState, dept: str, hold_seq: int, replied: bool) -> bool:
    """Whether ``dept`` still holds the case unanswered in ``state``: the hold it had at
    the urge (begun by event ``hold_seq``) has not ended, it has not replied since the
    urge (``replied``), and the case is not suspended."""
    if replied or state.status == Status.SUSPENDED:
        return False
    return any(
        hold.dept == dept and hold.seq == hold_seq and hold.ended is None and hold.replied is None
        for hold in state.holds
    )


def ignored_urge(
    case_id: str, events: Sequence[Event], urge_seq: int, calendar: Calendar, after: int
) -> tuple[str, date] | None:
    """(department, breach day) when the written urge ``urge_seq`` of the case was
    ignored at the end of its breach day; None when it was answered in time, or its
    breach day is not fixed yet (the case is suspended at its end).

    ``events`` are all the case's events; the caller decides whether the breach day
    is over and in which period it falls.
    """
    story = ordered(events)
    at = next(i for i, e in enumerate(story) if int(e["seq"]) == urge_seq)
    urge = story[at]
    dept = str(urge["data"]["dept"])
    then = project(case_id, story[: at + 1])
    hold = next((h for h in reversed(then.holds) if h.dept == dept and h.ended is None), None)
    if hold is None:  # an urge is recorded only to a holder; a ledger edited by hand is judged so
        return None
    urged = date.fromisoformat(event_day(urge))
    later = story[at + 1 :]
    breach = moved_breach_day(
        calendar,
        urged,
        hold.dept_due,
        after,
        _moves(later),
        suspended=then.status == Status.SUSPENDED,
    )
    if breach is None:
        return None
    last = breach.isoformat()
    upto = [e for e in later if event_day(e) <= last]
    replied = any(_reply_of(e, dept) for e in upto)
    state = project(case_id, story[: at + 1] + upto)
    if still_unanswered(state, dept, hold.seq, replied):
        return dept, breach
    return None


def _moves(events: Iterable[Event]) -> list[Move]:
    moves = []
    for event in events:
        kind = EventKind(event["kind"])
        if kind in (EventKind.EXTEND, EventKind.SUSPEND, EventKind.RESUME):
            data: dict[str, Any] = event["data"]
            day = date.fromisoformat(event_day(event))
            moves.append(Move(day, kind, int(data.get("days", 0))))
    return moves


def _reply_of(event: Event, dept: str) -> bool:
    return bool(event["kind"] == EventKind.REPLY.value and event["data"].get("dept") == dept)
