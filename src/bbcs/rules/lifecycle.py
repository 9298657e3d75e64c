"""Which command applies in which status (SPEC §3), and the automatic escalations (SPEC §5).

``require`` refuses a command the case's status does not allow, naming the
status; ``automatic_escalations`` says which levels the rules raise a case to.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from bbcs.errors import WrongStatus
from bbcs.models import Complexity, Escalation, Result, Status
from bbcs.projection import CaseState
from bbcs.rules.calendar import Calendar
from bbcs.rules.deadlines import overdue_by
from bbcs.rules.policy import Policy

P, W, S, C = Status.PENDING, Status.IN_PROGRESS, Status.SUSPENDED, Status.CLOSED

ALLOWED: dict[str, frozenset[Status]] = {
    "assign": frozenset({P}),
    "transfer": frozenset({W}),
    "pushback": frozenset({W}),
    "suspend": frozenset({P, W}),
    "resume": frozenset({S}),
    "extend": frozenset({P, W, S}),
    "escalate": frozenset({P, W, S}),
    "close": frozenset({P, W}),
    "review": frozenset({C}),
    "reopen": frozenset({C}),
    "uphold": frozenset({C}),
    "amend": frozenset({P, W, S}),
}

# what to tell a clerk who tries a command in a status that does not allow it
_HINTS = {
    C: "status.hint_closed",
    S: "status.hint_suspended",
    P: "status.hint_pending",
    W: "status.hint_in_progress",
}


def require(state: CaseState, command: str) -> None:
    """Refuse ``command`` unless the case's status allows it."""
    status = Status(state.status)
    if status not in ALLOWED[command]:
        hint = _HINTS[status] if command != "assign" or status is not W else "status.hint_assigned"
        raise WrongStatus(hint, case=state.id, status=status, command=command)
    if command == "close" and status is P and state.complexity != Complexity.IMMEDIATE:
        raise WrongStatus("close.pending_not_immediate", case=state.id)
    if command == "review":
        if state.result == Result.WITHDRAWN:
            raise WrongStatus("review.withdrawn", case=state.id)
        if state.review != "due":
            raise WrongStatus("review.done", case=state.id)


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
        yield Escalation.SUPERVISE, "overdue", {"due_date": state.due_date, "dept": state.lead_dept}
