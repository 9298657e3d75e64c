"""签收 and the pushback window (SPEC §10): when a department must sign, and until when it may push back.

Every department that receives a case (as lead or co-department: assign,
transfer, pushback ``--to``, reopen) receives it unsigned, with an accept due
date ``add_working_days(received, limits.accept)`` that the receiving event
records (``receipt``). ``accept`` signs the department's open hold; on time
means on or before that date (``signed_on_time``). A ``resume`` moves every
unsigned open hold's accept due date later by the working days suspended
(``moved_accept_dues``).

A department may push a case back only on or before
``add_working_days(first receipt, limits.pushback)``, counted from its first
receipt of the case (a reopen opens no new window), moved later by the working
days the case spent suspended while it held it (``pushback_last_day``).
Nothing here reads a clock or the ledger.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from bbcs.errors import Conflict, InvalidInput
from bbcs.models import Status
from bbcs.rules.calendar import Calendar

if TYPE_CHECKING:
    from bbcs.projection import CaseState, Hold

# the statuses in which a holding department may sign (SPEC §10 status table)
SIGNABLE = frozenset({Status.PENDING, Status.IN_PROGRESS, Status.SUSPENDED, Status.REPLIED})


def accept_due(calendar: Calendar, received: date, limit: int) -> str:
    """The last day a department that received a case on ``received`` signs for it on time."""
    return calendar.add_working_days(received, limit)[0].isoformat()


def receipt(calendar: Calendar, received: date, limit: int) -> dict[str, Any]:
    """What an event that hands a case to a department records about its signing."""
    return {"accept_due": accept_due(calendar, received, limit)}


def signed_on_time(signed: date, due: str | None) -> bool | None:
    """Whether a signing on ``signed`` met the accept due date (None: the hold had none)."""
    return None if due is None else signed.isoformat() <= due


def hold_to_sign(state: CaseState, dept: str) -> Hold:
    """The open hold ``dept`` signs for; refused when it holds none or has signed already."""
    if Status(state.status) not in SIGNABLE:
        raise Conflict("accept.status", case=state.id, status=Status(state.status))
    for hold in state.open_holds():
        if hold.dept == dept:
            if hold.accepted is not None:
                raise Conflict("accept.already", case=state.id, dept=dept, day=hold.accepted)
            return hold
    raise Conflict("accept.not_holder", case=state.id, dept=dept)


def require_dept(case_id: str, dept: str | None) -> str:
    """The department that signs: named, or a department user's own."""
    if dept is None:
        raise InvalidInput("accept.need_dept", case=case_id)
    return dept


def moved_accept_dues(calendar: Calendar, state: CaseState, days: int) -> dict[str, str]:
    """The unsigned open holds' accept due dates moved ``days`` working days later (a resume)."""
    if days == 0:
        return {}
    return {
        hold.dept: calendar.add_working_days(date.fromisoformat(hold.accept_due), days)[
            0
        ].isoformat()
        for hold in state.open_holds()
        if hold.accepted is None and hold.accept_due is not None
    }


def pushback_last_day(calendar: Calendar, state: CaseState, dept: str, limit: int) -> date | None:
    """The last day ``dept`` may push the case back (None: it never received it)."""
    first = next((hold.received for hold in state.holds if hold.dept == dept), None)
    if first is None:
        return None
    day, _ = calendar.add_working_days(date.fromisoformat(first), limit)
    moved = state.window_moved.get(dept, 0)
    if moved:
        day, _ = calendar.add_working_days(day, moved)
    return day


def require_pushback_window(
    calendar: Calendar, state: CaseState, dept: str, day: date, limit: int
) -> None:
    """Refuse a pushback after the department's window (``limits.pushback``) has closed."""
    last = pushback_last_day(calendar, state, dept, limit)
    if last is not None and day > last:
        raise Conflict(
            "pushback.window_closed",
            case=state.id,
            dept=dept,
            last=last.isoformat(),
            limit=limit,
        )


# ---------------------------------------------------------------- 催办 (urge)

# a replied case is the window's to review: its lead is not chased
URGEABLE = frozenset({Status.PENDING, Status.IN_PROGRESS, Status.SUSPENDED})


def urged_hold(state: CaseState, dept: str | None) -> Hold:
    """The open hold the window chases: ``dept``'s, by default the lead's.

    An urge needs a department that holds the case with its part unanswered.
    """
    if Status(state.status) not in URGEABLE:
        raise Conflict("urge.status", case=state.id, status=Status(state.status))
    wanted = dept or state.lead_dept
    if wanted is None:
        raise InvalidInput("urge.need_dept", case=state.id)
    for hold in state.open_holds():
        if hold.dept == wanted:
            return hold
    raise Conflict("urge.not_holder", case=state.id, dept=wanted)


def breach_day(calendar: Calendar, urged: date, due: str | None, after: int) -> str:
    """The day after which a written urge left unanswered black-lists the department:
    ``add_working_days(the later of the urge day and its due date, rules.urge_report_after)``."""
    start = max(urged, date.fromisoformat(due)) if due else urged
    return calendar.add_working_days(start, after)[0].isoformat()


def counts_as_urged(earlier_days: list[str], day: str) -> bool:
    """``urged`` counts at most one urge per department, case and day."""
    return day not in earlier_days
