"""答复 and 审核 (SPEC §10): who may reply, and the department clock after a redo.

The lead replies to an ``in_progress`` case: it goes to ``replied`` (待审核) and the
department's clock stops at the reply (``projection`` keeps the day on the lead
hold; the reports judge its close at that day). A co-department replies from
``in_progress`` or ``replied``: its part is recorded and its hold ends, judged on time
or late against its own due date (``due_in_force``). The window
then closes the case (审核通过; the reply's result and resolution by default,
``close_defaults``) or sends it back (``redo``, 发回重办): the lead's department due
date becomes the one in force at its reply, moved later by the working days the
case spent ``replied``, and never earlier than ``add_working_days(redo day,
limits.redo)`` (``redo_dept_due``); the case's own due date never moves.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from bbcs.errors import Conflict, InvalidInput, WrongStatus
from bbcs.models import Result, Status
from bbcs.rules.calendar import Calendar

if TYPE_CHECKING:
    from bbcs.projection import CaseState

LEAD, CO = "lead", "co"
REPLY_RESULTS = frozenset({Result.RESOLVED, Result.EXPLAINED})


def reply_role(state: CaseState, dept: str) -> str:
    """``"lead"`` or ``"co"``: how ``dept`` answers the case; refused when it may not."""
    status = Status(state.status)
    if dept == state.lead_dept and status is Status.IN_PROGRESS:
        return LEAD
    if dept in state.co_depts and status in (Status.IN_PROGRESS, Status.REPLIED):
        return CO
    if dept == state.lead_dept and status is Status.REPLIED:
        raise Conflict("reply.already", case=state.id, dept=dept)
    if dept == state.lead_dept or dept in state.co_depts:
        raise WrongStatus("reply.status", case=state.id, status=status)
    raise Conflict("reply.not_holder", case=state.id, dept=dept)


def reply_result(result: Result) -> Result:
    """A reply says the matter was resolved or explained; a withdrawal is the window's."""
    if result not in REPLY_RESULTS:
        raise InvalidInput("reply.result", result=result)
    return result


def due_in_force(state: CaseState, dept: str, role: str) -> str | None:
    """The due date a reply by ``dept`` is judged against: the lead's department due date,
    or a co-department's own (``limits.co``; None on a hold received before co due dates)."""
    if role == LEAD:
        return state.dept_due_date
    return next((h.dept_due for h in state.open_holds() if h.dept == dept and h.role == CO), None)


def on_time(day: date, dept_due: str | None) -> bool | None:
    """Whether a reply on ``day`` met the department due date in force (None: it had none)."""
    return None if dept_due is None else day.isoformat() <= dept_due


def close_defaults(state: CaseState, result: str | None, resolution: str | None) -> tuple[str, str]:
    """The result and resolution of a close: as given, else the standing reply's."""
    chosen = result or state.reply.get("result")
    text = resolution or state.reply.get("resolution")
    if chosen is None or text is None:
        missing = "--result" if chosen is None else "--resolution"
        raise InvalidInput("close.need", case=state.id, option=missing)
    return chosen, text


def close_cause(state: CaseState, cause: str | None) -> str | None:
    """Why the matter could not get done (常态建设, SPEC §11): as given, else the standing
    reply's; None when neither says."""
    return cause or state.reply.get("cause")


def require_redo(state: CaseState) -> None:
    """Only a replied case is sent back (发回重办)."""
    if state.status != Status.REPLIED:
        raise WrongStatus("redo.status", case=state.id, status=Status(state.status))


def redo_dept_due(
    calendar: Calendar, at_reply: str, days_replied: int, redo_day: date, limit: int
) -> dict[str, Any]:
    """The lead's department due date after a redo, and the working days it moved by."""
    moved = date.fromisoformat(at_reply)
    if days_replied:
        moved, _ = calendar.add_working_days(moved, days_replied)
    floor, _ = calendar.add_working_days(redo_day, limit)
    return {"days": days_replied, "dept_due_date": max(moved, floor).isoformat()}


# ---------------------------------------------------------------- 延期申请 (extension requests)


def require_request(state: CaseState, dept: str | None) -> None:
    """Only the lead's department asks, and one request at a time stays open."""
    if dept is None or dept != state.lead_dept:
        raise Conflict("extend.request_not_lead", case=state.id, dept=dept or "-")
    if state.extension_request is not None:
        raise Conflict("extend.request_open", case=state.id, days=state.extension_request["days"])


def open_request(state: CaseState) -> dict[str, Any]:
    """The extension request a supervisor answers; refused when none is open."""
    if state.extension_request is None:
        raise Conflict("extend.no_request", case=state.id)
    return state.extension_request
