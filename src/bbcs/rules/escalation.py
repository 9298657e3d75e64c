"""Escalation (SPEC §5): the automatic rules, late entries, and whom an escalation counts against.

``automatic_escalations`` says which levels the rules raise a case to now: to
coordination (协调) once the lead departments have pushed it back
``rules.pingpong_limit`` times, to supervision (督办) once it is overdue by
``rules.supervise_after`` working days. The system writes them as of the
triggering time, and the nightly sweep records an overdue once per due date
(``overdue_event``); ``still_true`` says whether such a system event (an overdue,
an automatic escalation, an automatic reopen, a redate) still describes the
case after a late paper form changed what happened before it: if not, the
projection skips it and lists it as superseded. An escalation counts against
the department leading the case when it is raised (``counted_against``); an overdue
event or an automatic escalation for being overdue counts against the lead only when
the lead's own department due date has passed too, whatever the status (a ``replied``
case is on the window's review, SPEC §10), else against no department
(``overdue_counted_against``). A supervisor's approval of a timely extension request
after the due date has passed supersedes the overdue events and automatic escalations
recorded between the old and the new date (``overtaken_by_extension``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from bbcs.models import SYSTEM_ACTOR, Escalation, EventKind, Status
from bbcs.rules.calendar import Calendar
from bbcs.rules.deadlines import overdue_by
from bbcs.rules.policy import Policy

if TYPE_CHECKING:
    from bbcs.projection import CaseState


def automatic_escalations(
    state: CaseState, calendar: Calendar, policy: Policy, today: date
) -> Iterator[tuple[Escalation, str, dict[str, Any]]]:
    """The escalations the rules call for now: (level, rule name, data to record)."""
    level = Escalation(state.escalation)
    if (
        state.status != Status.CLOSED
        and state.lead_pushbacks >= policy.whole("rules.pingpong_limit")
        and level.rank < Escalation.COORDINATE.rank
    ):
        level = Escalation.COORDINATE
        yield level, "pingpong", {}
    if (
        state.is_open
        and state.due_date is not None
        and level.rank < Escalation.SUPERVISE.rank
        and overdue_by(calendar, today, date.fromisoformat(state.due_date))
        >= policy.whole("rules.supervise_after")
    ):
        dept = overdue_counted_against(state, today)
        yield Escalation.SUPERVISE, "overdue", {"due_date": state.due_date, "dept": dept}


def overdue_event(state: CaseState, today: date) -> dict[str, Any] | None:
    """What the nightly sweep records about a case past its due date, once per due date:
    the due date and the lead it counts against; None when already recorded."""
    if state.due_date is None or state.due_date in state.overdue_seen:
        return None
    return {"due_date": state.due_date, "dept": overdue_counted_against(state, today)}


def still_true(state: CaseState, kind: EventKind, data: Mapping[str, Any], day: str) -> bool:
    """Whether a system event still describes the case as its earlier events now tell it."""
    if kind is EventKind.OVERDUE:
        return state.is_open and state.due_date == data["due_date"] and day > data["due_date"]
    if kind is EventKind.ESCALATE:
        if state.status == Status.CLOSED:
            return False
        if Escalation(data["to"]).rank <= Escalation(state.escalation).rank:
            return False
        if data.get("rule") == "overdue":
            return state.is_open and state.due_date == data.get("due_date")
        return True
    if kind is EventKind.REOPEN:
        return state.status == Status.CLOSED
    if kind is EventKind.REDATE:
        was = data.get("was", {})
        return (state.due_date, state.dept_due_date) == (
            was.get("due_date"),
            was.get("dept_due_date"),
        )
    return True


def overtaken_by_extension(
    events: Iterable[Mapping[str, Any]], old_due: str | None, new_due: str | None
) -> list[int]:
    """The system events an approved extension makes untrue (SPEC §10): the overdue events
    and automatic overdue escalations about the case due date ``old_due`` recorded after
    it and up to and including the extended ``new_due``. The approval records their seqs
    (``supersedes``) and the projection skips them, as for a late paper form."""
    if old_due is None or new_due is None or new_due <= old_due:
        return []
    found = []
    for event in events:
        data = event["data"]
        if event["actor"] != SYSTEM_ACTOR or data.get("due_date") != old_due:
            continue
        overdue = event["kind"] == EventKind.OVERDUE
        escalated = event["kind"] == EventKind.ESCALATE and data.get("rule") == "overdue"
        day = str(event["at"])[:10]
        if (overdue or escalated) and old_due < day <= new_due:
            found.append(int(event["seq"]))
    return sorted(found)


def counted_against(state: CaseState) -> str | None:
    """The department an escalation of the case counts against: its lead at the time, if any."""
    return state.lead_dept


def overdue_counted_against(state: CaseState, today: date) -> str | None:
    """The department an overdue case counts against today: its lead, once the lead's own
    department due date has passed too (at its standing reply, where its clock stopped);
    else none."""
    if state.lead_dept is None or state.dept_due_date is None:
        return state.lead_dept
    hold = state.lead_hold()
    judged = hold.replied if hold is not None and hold.replied else today.isoformat()
    return state.lead_dept if judged > state.dept_due_date else None
