"""The case lifecycle (SPEC §3): which command applies in which status, and every precondition.

``ALLOWED`` is the status table: a command not listed for the case's status is
refused by ``require``, naming the status. The other functions are the
preconditions a command has beyond the status, each raising the error the
clerk sees: a transfer goes to a different lead, co-departments are named once and
never include the lead, a late entry goes after what a person recorded last, a
withdrawn case cannot be reopened, only a disputed review can be
upheld, a ruling needs an unruled pushback, an escalation goes up (a correction
down), an extension stays within its limits, and an unsatisfied review of a
resolved case reopens it when the policy says so. Transitions themselves are
``projection``'s handlers; the automatic escalations are ``rules.escalation``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from bbcs import clock
from bbcs.errors import Conflict, InvalidInput, WrongStatus
from bbcs.models import SYSTEM_ACTOR, Complexity, Escalation, Rating, Result, Status
from bbcs.projection import CaseState, Event, event_time
from bbcs.rules.policy import Policy

MAX_EXTENSION_DAYS = 60

P, W, S, C = Status.PENDING, Status.IN_PROGRESS, Status.SUSPENDED, Status.CLOSED
R = Status.REPLIED

ALLOWED: dict[str, frozenset[Status]] = {
    "assign": frozenset({P}),
    "transfer": frozenset({W}),
    "pushback": frozenset({W}),
    "suspend": frozenset({P, W}),
    "resume": frozenset({S}),
    "extend": frozenset({P, W, S}),
    "escalate": frozenset({P, W, S, R}),
    "close": frozenset({P, W, R}),
    "review": frozenset({C}),
    "reopen": frozenset({C}),
    "uphold": frozenset({C}),
    "amend": frozenset({P, W, S, R}),
    "void": frozenset({P, W}),
    "link": frozenset({P, W, S}),
    "refer": frozenset({P, W}),
}

# what may have happened to a case that is voided (SPEC §13): a person's opening,
# notes and one assignment; no department has acted on it yet
VOIDABLE_AFTER = frozenset({"open", "note", "assign"})

# what to tell a clerk who tries a command in a status that does not allow it
_HINTS = {
    C: "status.hint_closed",
    S: "status.hint_suspended",
    P: "status.hint_pending",
    W: "status.hint_in_progress",
    R: "status.hint_replied",
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
        if state.result == Result.VOID:
            raise WrongStatus("review.void", case=state.id)
        if state.result == Result.MERGED:
            raise WrongStatus("review.merged", case=state.id, master=state.merged_into)
        if state.review != "due":
            raise WrongStatus("review.done", case=state.id)


def require_closable(state: CaseState, result: Result) -> None:
    """A close from ``require``'s table; a pending case the window explained itself may close
    without a department too (issue 13: SPEC §3 names only 即办 cases)."""
    if state.status == P and result is Result.EXPLAINED:
        return
    if result is Result.VOID:
        raise InvalidInput("close.void", case=state.id)
    if result is Result.MERGED:
        raise InvalidInput("close.merged", case=state.id)
    require(state, "close")


def require_voidable(state: CaseState, events: Iterable[Event]) -> None:
    """Only a case nothing has happened to but its opening, notes and a first assignment
    can be voided (the system's own overdue and escalation events do not count)."""
    require(state, "void")
    assigned = False
    for event in events:
        kind = str(event["kind"])
        if event["actor"] == SYSTEM_ACTOR:
            continue
        if kind not in VOIDABLE_AFTER or (kind == "assign" and assigned):
            raise Conflict("void.acted", case=state.id, kind=kind)
        assigned = assigned or kind == "assign"


def co_departments(lead: str, named: Iterable[str]) -> list[str]:
    """The co-departments of an assignment: each once, in the order named, never the lead."""
    codes: list[str] = []
    for code in named:
        if code != lead and code not in codes:
            codes.append(code)
    return codes


def require_transfer(state: CaseState, to: str) -> None:
    """A transfer gives the case to a different lead."""
    require(state, "transfer")
    if to == state.lead_dept:
        raise Conflict("transfer.same_lead", case=state.id, dept=to)


def require_after_people(case_id: str, events: Iterable[Event], at: datetime) -> None:
    """A late entry may not go before what a person already recorded on the case
    (system events, which a late entry can supersede, do not count)."""
    people = [e for e in events if e["actor"] != SYSTEM_ACTOR]
    if people:
        last = max(people, key=event_time)
        if at < event_time(last):
            raise InvalidInput("time.before_last", case=case_id, at=clock.iso(at), last=last["at"])


def require_reopenable(state: CaseState) -> None:
    """A withdrawn case stays closed: the reporter withdrew it."""
    require(state, "reopen")
    if state.result == Result.WITHDRAWN:
        raise WrongStatus("reopen.withdrawn", case=state.id)
    if state.result == Result.VOID:
        raise WrongStatus("reopen.void", case=state.id)
    if state.result == Result.MERGED:
        raise WrongStatus("reopen.merged", case=state.id, master=state.merged_into)


def require_disputed(state: CaseState) -> None:
    """Only a review the reporter disputed (unsatisfied) can be upheld."""
    require(state, "uphold")
    if state.review != "disputed":
        raise WrongStatus("uphold.not_disputed", case=state.id)


def pushback_to_rule(state: CaseState) -> int:
    """The sequence number of the pushback a ruling decides: the latest unruled one."""
    if not state.unruled:
        raise Conflict("ruling.none", case=state.id)
    return state.unruled[-1]


def escalation_from(state: CaseState, target: Escalation, *, correction: bool) -> Escalation:
    """The current level, once the move to ``target`` is allowed: up, or down as a correction."""
    require(state, "escalate")
    current = Escalation(state.escalation)
    if correction and target.rank >= current.rank:
        raise Conflict("escalate.correction_not_down", case=state.id, level=current)
    if not correction and target.rank <= current.rank:
        raise Conflict("escalate.not_up", case=state.id, level=current, target=target)
    return current


def check_extension_days(days: int) -> None:
    """An extension adds 1 to ``MAX_EXTENSION_DAYS`` working days."""
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise InvalidInput("extend.bad_days", days=days, most=MAX_EXTENSION_DAYS)


def require_extendable(state: CaseState, day: date, policy: Policy) -> None:
    """At most ``rules.max_extensions`` per round, and never once a due date has passed
    (after a redo, the department's only)."""
    require(state, "extend")
    allowed = policy.whole("rules.max_extensions")
    if state.extensions >= allowed:
        raise Conflict("extend.too_many", case=state.id, allowed=allowed)
    # after a redo only the department due date is tested (SPEC §10)
    tested = (state.dept_due_date,) if state.after_redo else (state.due_date, state.dept_due_date)
    passed = [d for d in tested if d and day.isoformat() > d]
    if passed:
        raise Conflict("extend.past_due", case=state.id, due=min(passed))


def reopens_on_review(state: CaseState, rating: Rating, policy: Policy) -> bool:
    """Whether this review (already applied to ``state``) reopens the case by itself."""
    return (
        rating.is_unsatisfied
        and state.result == Result.RESOLVED
        and bool(policy["rules.reopen_on_unsatisfied"])
    )
