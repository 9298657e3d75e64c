"""The case row as a projection of its events (SPEC §3).

``project`` replays a case's events in time order (``at``, then ``seq``) and
returns its state: the case fields, the departments that held it, and the
bookkeeping the rules need (the base of each clock, unruled pushbacks, the review
worklist), and every pushback with the verdict of its latest ruling (whether it
is charged is ``rules.pushbacks.charged``). Every event that sets a due date carries the dates it computed, so a
replay needs no calendar and gives the same row whatever today's calendar says.

A system event that a late paper form made untrue (an ``overdue`` or an
automatic escalation dated after the case was in fact closed, suspended or
re-dated) is skipped and listed in ``superseded``; it counts in no figure. So is one
that an approved late extension recorded as overtaken (its ``supersedes``, SPEC §10).

A link (并单, SPEC §11) that a supervisor undid (``unlink``, naming it in ``link_seq``)
is skipped too, listed in ``unlinked``: the case is as if never merged, its due dates
moved later by the working days it spent merged (the unlink event carries them).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bbcs.models import SYSTEM_ACTOR, Escalation, EventKind, HoldEnd, Rating, Result, Status
from bbcs.rules import escalation, pushbacks

Event = dict[str, Any]

CASE_FIELDS = (
    "id",
    "status",
    "summary",
    "detail",
    "reporter",
    "phone",
    "company",
    "category",
    "channel",
    "complexity",
    "opened_at",
    "lead_dept",
    "co_depts",
    "escalation",
    "due_date",
    "due_provisional",
    "dept_due_date",
    "extensions",
    "pushbacks",
    "reopened",
    "closed_at",
    "result",
    "resolution",
    "cause",
    "rating",
)

# what an open event records about the case, besides its dates
OPEN_FIELDS = (
    "summary",
    "detail",
    "reporter",
    "phone",
    "company",
    "category",
    "channel",
    "complexity",
)

AMENDABLE = ("phone", "reporter", "company", "category", "summary", "detail", "complexity")


@dataclass
class Hold:
    """A department holding the case: as lead or co-department, from receipt to how it ended."""

    dept: str
    role: str  # "lead" or "co"
    received: str  # ISO date
    # the lead's department due date, or a co-department's own (SPEC §10, ``limits.co``);
    # None on co holds received before co-departments had due dates
    dept_due: str | None
    seq: int
    ended: str | None = None
    how: str | None = None
    accept_due: str | None = None  # the last day to sign on time (SPEC §10); None before §10
    accepted: str | None = None  # the day it signed (签收)
    replied: str | None = None  # the lead's standing reply (答复), until a redo

    def as_dict(self) -> dict[str, Any]:
        return {
            "dept": self.dept,
            "role": self.role,
            "received": self.received,
            "dept_due_date": self.dept_due,
            "ended": self.ended,
            "how": self.how,
            "accept_due": self.accept_due,
            "accepted": self.accepted,
            "replied": self.replied,
        }


@dataclass
class Pushback:
    """One pushback of the case: who pushed it back, holding it how, to whom, and the ruling."""

    seq: int
    dept: str
    role: str  # "lead" or "co"
    target: str | None  # the onward department, None for back to the window
    day: str  # ISO date
    verdict: str | None = None  # of the latest ruling on it

    @property
    def charged(self) -> bool:
        return pushbacks.charged(self.verdict)


@dataclass
class CaseState:
    id: str
    status: str = Status.PENDING.value
    summary: str = ""
    detail: str | None = None
    reporter: str = ""
    phone: str | None = None
    company: str | None = None
    category: str | None = None
    channel: str = "window"
    complexity: str = "normal"
    opened_at: str = ""
    lead_dept: str | None = None
    co_depts: list[str] = field(default_factory=list)
    escalation: str = Escalation.NONE.value
    due_date: str | None = None
    due_provisional: bool = False
    dept_due_date: str | None = None
    extensions: int = 0
    pushbacks: int = 0
    reopened: int = 0
    closed_at: str | None = None
    result: str | None = None
    resolution: str | None = None
    rating: str | None = None
    # bookkeeping of the rules, not a field of the case
    round_start: str = ""
    limit: int = 0  # working days the case clock grants this round
    round_extra: int = 0  # working days added this round by extensions and suspensions
    dept_limit: int = 0
    dept_extra: int = 0
    lead_pushbacks: int = 0
    unruled: list[int] = field(default_factory=list)
    review: str | None = None  # "due", "disputed" or "done" once closed
    suspended_from: str | None = None  # the status to return to on resume
    suspended_on: str | None = None
    overdue_seen: list[str] = field(default_factory=list)  # due dates an overdue event recorded
    last_person_at: str | None = None
    last_at: str | None = None
    notes: list[str] = field(default_factory=list)
    holds: list[Hold] = field(default_factory=list)
    pushback_log: list[Pushback] = field(default_factory=list)
    superseded: list[int] = field(default_factory=list)
    # system events a later approved extension recorded as untrue (``supersedes``)
    overtaken: set[int] = field(default_factory=set)
    # working days each department's pushback window moved later by suspensions (SPEC §10)
    window_moved: dict[str, int] = field(default_factory=dict)
    redone: int = 0  # 发回重办 of this case's replies
    # the day of this round's latest redo: an extension then tests and moves only the
    # department due date (SPEC §10), and a calendar change recounts it from that day
    redo_day: str | None = None
    # the open extension request (延期申请): seq, dept, days, reason; None when none
    extension_request: dict[str, Any] | None = None
    urged: dict[str, list[str]] = field(default_factory=dict)  # days each department was urged
    reply: dict[str, Any] = field(default_factory=dict)  # the lead's standing reply, for close
    # 并单, 常态建设 and sites (SPEC §11, §12)
    merged_into: str | None = None  # the master this case was merged into (并单)
    cause: str | None = None  # why it could not get done through the normal channel
    site: str = ""  # the window that holds the case: the one that opened it until a referral
    site_due: str | None = None  # the receiving window's own due date after a referral
    linked: tuple[int, str] | None = None  # the standing link's seq and day, while merged
    unlinked: list[int] = field(default_factory=list)  # links undone by ``unlink``

    def row(self) -> dict[str, Any]:
        """The case as the SPEC §3 fields, in their order."""
        return {name: getattr(self, name) for name in CASE_FIELDS}

    @property
    def after_redo(self) -> bool:
        return self.redo_day is not None

    @property
    def is_open(self) -> bool:
        return self.status in (Status.PENDING, Status.IN_PROGRESS, Status.REPLIED)

    def lead_hold(self) -> Hold | None:
        """The hold of the current lead department (the last one, once the case is closed)."""
        for hold in reversed(self.holds):
            if hold.role == "lead" and hold.dept == self.lead_dept:
                if hold.ended is None or self.status == Status.CLOSED:
                    return hold
                return None
        return None

    def open_holds(self) -> list[Hold]:
        return [hold for hold in self.holds if hold.ended is None]


def event_time(event: Event) -> datetime:
    return datetime.fromisoformat(str(event["at"]))


def event_day(event: Event) -> str:
    return event_time(event).date().isoformat()


def ordered(events: Iterable[Event]) -> list[Event]:
    """Events in the order the projection applies them: time, then the case's sequence."""
    return sorted(events, key=lambda e: (event_time(e), int(e["seq"])))


def project(case_id: str, events: Iterable[Event]) -> CaseState:
    """The state of the case after all its events."""
    state = CaseState(id=case_id, site=case_id.rsplit("-", 2)[0])
    replay = ordered(events)
    for event in replay:
        if event["kind"] == EventKind.EXTEND:
            state.overtaken.update(int(seq) for seq in event["data"].get("supersedes", []))
        elif event["kind"] == EventKind.UNLINK:
            state.unlinked.append(int(event["data"]["link_seq"]))
    for event in replay:
        apply(state, event)
    return state


def apply(state: CaseState, event: Event) -> None:
    """Apply one event to the state in place (events must come in ``ordered`` order)."""
    kind = EventKind(event["kind"])
    data: Mapping[str, Any] = event["data"]
    seq = int(event["seq"])
    day = event_day(event)
    if event["actor"] == SYSTEM_ACTOR and (
        seq in state.overtaken or not escalation.still_true(state, kind, data, day)
    ):
        state.superseded.append(seq)
        return
    if kind is EventKind.LINK and seq in state.unlinked:
        return
    if event["actor"] != SYSTEM_ACTOR:
        state.last_person_at = str(event["at"])
    state.last_at = str(event["at"])
    handler = _HANDLERS[kind]
    handler(state, data, day, seq, str(event["at"]))


def _set_dates(state: CaseState, data: Mapping[str, Any]) -> None:
    if "site_due" in data:
        state.site_due = data["site_due"]
    if "due_date" in data:
        state.due_date = data["due_date"]
        state.due_provisional = bool(data.get("provisional", False))
    if "dept_due_date" in data:
        state.dept_due_date = data["dept_due_date"]
        hold = state.lead_hold()
        if hold is not None:
            hold.dept_due = data["dept_due_date"]


def _take_lead(state: CaseState, dept: str, data: Mapping[str, Any], day: str, seq: int) -> None:
    _lapse_request(state, dept)
    state.lead_dept = dept
    if dept in state.co_depts:
        state.co_depts.remove(dept)
        _end_hold(state, dept, day, None)
    state.holds.append(
        Hold(dept, "lead", day, data.get("dept_due_date"), seq, accept_due=data.get("accept_due"))
    )
    state.dept_due_date = data.get("dept_due_date")
    state.dept_limit = int(data.get("limit", 0))
    state.dept_extra = 0


def _lapse_request(state: CaseState, lead: str | None) -> None:
    """An extension request lapses when its department stops being lead (SPEC §10)."""
    if state.extension_request is not None and state.extension_request["dept"] != lead:
        state.extension_request = None


def _end_hold(state: CaseState, dept: str, day: str, how: HoldEnd | None) -> None:
    for hold in state.holds:
        if hold.dept == dept and hold.ended is None:
            hold.ended = day
            hold.how = how.value if how is not None else None


def _add_co(state: CaseState, dept: str, data: Mapping[str, Any], day: str, seq: int) -> None:
    """``dept`` joins as co-department, with the accept and co due dates the event recorded."""
    if dept != state.lead_dept and dept not in state.co_depts:
        state.co_depts.append(dept)
        due = data.get("co_dues", {}).get(dept)
        state.holds.append(Hold(dept, "co", day, due, seq, accept_due=data.get("accept_due")))


def _hold_dates(state: CaseState, data: Mapping[str, Any]) -> None:
    """Move the open holds' dates an event recorded: the unsigned accept due dates
    (``accept_dues``), the co-department due dates (``co_dues``), by department."""
    signing, co = data.get("accept_dues", {}), data.get("co_dues", {})
    for hold in state.open_holds():
        if hold.dept in signing and hold.accepted is None:
            hold.accept_due = signing[hold.dept]
        if hold.role == "co" and hold.dept in co:
            hold.dept_due = co[hold.dept]


def _open(state: CaseState, data: Mapping[str, Any], day: str, seq: int, at: str) -> None:
    for name in ("summary", "detail", "reporter", "phone", "company", "category"):
        setattr(state, name, data.get(name))
    state.channel = data.get("channel", "window")
    state.complexity = data.get("complexity", "normal")
    state.opened_at = at
    state.round_start = day
    state.limit = int(data.get("limit", 0))
    baseline = data.get("baseline", {})
    state.pushbacks = int(baseline.get("pushbacks", 0))
    state.lead_pushbacks = int(baseline.get("lead_pushbacks", 0))
    state.extensions = int(baseline.get("extensions", 0))
    state.reopened = int(baseline.get("reopened", 0))
    state.escalation = baseline.get("escalation", Escalation.NONE.value)
    # a case imported from a cases file: a rating kept from before a reopening, and
    # co-departments left without a lead (SPEC §7)
    state.rating = baseline.get("rating")
    for dept in baseline.get("co_depts", []):
        _add_co(state, dept, {}, day, seq)
    _set_dates(state, data)


def _assign(state: CaseState, data: Mapping[str, Any], day: str, seq: int, at: str) -> None:
    _take_lead(state, data["lead"], data, day, seq)
    for dept in data.get("co", []):
        _add_co(state, dept, data, day, seq)
    state.status = Status.IN_PROGRESS.value


def _transfer(state: CaseState, data: Mapping[str, Any], day: str, seq: int, at: str) -> None:
    if state.lead_dept is not None:
        _end_hold(state, state.lead_dept, day, HoldEnd.TRANSFERRED)
    _take_lead(state, data["to"], data, day, seq)


def _pushback(state: CaseState, data: Mapping[str, Any], day: str, seq: int, at: str) -> None:
    by, to = data["by"], data.get("to")
    state.pushbacks += 1
    state.unruled.append(seq)
    state.pushback_log.append(Pushback(seq, by, data["role"], to, day))
    _end_hold(state, by, day, HoldEnd.PUSHED_BACK)
    if data["role"] == "lead":
        state.lead_pushbacks += 1
        if to is None:
            _lapse_request(state, None)
            state.lead_dept = None
            state.dept_due_date = None
            state.status = Status.PENDING.value
        else:
            _take_lead(state, to, data, day, seq)
    else:
        state.co_depts.remove(by)
        if to is not None:
            _add_co(state, to, data, day, seq)


def _ruling(state: CaseState, data: Mapping[str, Any], day: str, seq: int, at: str) -> None:
    if data["pushback_seq"] in state.unruled:
        state.unruled.remove(data["pushback_seq"])
    for pushback in state.pushback_log:
        if pushback.seq == data["pushback_seq"]:
            pushback.verdict = data["verdict"]


def _escalate(state: CaseState, data: Mapping[str, Any], day: str, seq: int, at: str) -> None:
    state.escalation = data["to"]


def _extend(state: CaseState, data: Mapping[str, Any], day: str, seq: int, at: str) -> None:
    if data.get("request_seq") is not None:
        state.extension_request = None
    state.extensions += 1
    _add_days(state, int(data["days"]), case_clock="due_date" in data)
    _set_dates(state, data)
    _hold_dates(state, data)


def _add_days(state: CaseState, days: int, *, case_clock: bool = True) -> None:
    if case_clock:
        state.round_extra += days
    if state.lead_dept is not None:
        state.dept_extra += days


def _suspend(state: CaseState, data: Mapping[str, Any], day: str, seq: int, at: str) -> None:
    state.suspended_from = state.status
    state.suspended_on = day
    state.status = Status.SUSPENDED.value


def _resume(state: CaseState, data: Mapping[str, Any], day: str, seq: int, at: str) -> None:
    state.status = state.suspended_from or Status.IN_PROGRESS.value
    state.suspended_from = None
    state.suspended_on = None
    _resume_dates(state, data)


def _resume_dates(state: CaseState, data: Mapping[str, Any]) -> None:
    """Every clock moved later by ``days`` working days (a resumption, an undone link)."""
    _add_days(state, int(data["days"]))
    _set_dates(state, data)
    _hold_dates(state, data)
    for hold in state.open_holds():
        state.window_moved[hold.dept] = state.window_moved.get(hold.dept, 0) + int(data["days"])


def _accept(state: CaseState, data: Mapping[str, Any], day: str, seq: int, at: str) -> None:
    for hold in state.open_holds():
        if hold.dept == data["dept"] and hold.accepted is None:
            hold.accepted = day


def _urge(state: CaseState, data: Mapping[str, Any], day: str, seq: int, at: str) -> None:
    state.urged.setdefault(data["dept"], []).append(day)


def _reply(state: CaseState, data: Mapping[str, Any], day: str, seq: int, at: str) -> None:
    dept = data["dept"]
    for held in state.open_holds():
        if held.dept == dept and held.accepted is None:
            held.accepted = day
    if data["role"] == "lead":
        state.extension_request = None
        state.status = Status.REPLIED.value
        hold = state.lead_hold()
        if hold is not None:
            hold.replied = day
        state.reply = {k: data.get(k) for k in ("result", "resolution", "cause") if data.get(k)}
    else:
        state.co_depts.remove(dept)
        _end_hold(state, dept, day, HoldEnd.REPLIED)


def _redo(state: CaseState, data: Mapping[str, Any], day: str, seq: int, at: str) -> None:
    state.status = Status.IN_PROGRESS.value
    hold = state.lead_hold()
    if hold is not None:
        hold.replied = None
    state.reply = {}
    state.redone += 1
    state.redo_day = day
    _set_dates(state, data)


def _extend_request(state: CaseState, data: Mapping[str, Any], day: str, seq: int, at: str) -> None:
    if data.get("decision") is None:
        state.extension_request = {
            "seq": seq,
            "dept": data["dept"],
            "days": int(data["days"]),
            "reason": data["reason"],
            "at": at,
        }
    else:
        state.extension_request = None


def _note(state: CaseState, data: Mapping[str, Any], day: str, seq: int, at: str) -> None:
    state.notes.append(data["text"])


def _close(state: CaseState, data: Mapping[str, Any], day: str, seq: int, at: str) -> None:
    state.status = Status.CLOSED.value
    state.extension_request = None
    state.closed_at = at
    state.result = data["result"]
    state.resolution = data.get("resolution")
    state.cause = data.get("cause")
    state.review = None if state.result == Result.WITHDRAWN else "due"
    for hold in state.open_holds():
        hold.ended = day
        hold.how = HoldEnd.CLOSED.value


def _void(state: CaseState, data: Mapping[str, Any], day: str, seq: int, at: str) -> None:
    """A mistaken entry closed as ``void``: off every worklist, counted in no figure."""
    state.status = Status.CLOSED.value
    state.closed_at = at
    state.result = Result.VOID.value
    state.review = None
    for hold in state.open_holds():
        hold.ended = day
        hold.how = HoldEnd.VOIDED.value


def _link(state: CaseState, data: Mapping[str, Any], day: str, seq: int, at: str) -> None:
    """并单: merged into its master, closed at once as ``merged`` (never reviewed)."""
    state.status = Status.CLOSED.value
    state.extension_request = None
    state.closed_at = at
    state.result = Result.MERGED.value
    state.resolution = None
    state.review = None
    state.merged_into = data["master"]
    state.linked = (seq, day)
    for hold in state.open_holds():
        hold.ended = day
        hold.how = HoldEnd.MERGED.value


def _unlink(state: CaseState, data: Mapping[str, Any], day: str, seq: int, at: str) -> None:
    """A wrong link undone: the link itself is skipped (``unlinked``); the dates move later
    by the working days the case spent merged, as a resumption moves them."""
    if int(data.get("days", 0)):
        _resume_dates(state, data)


def _refer(state: CaseState, data: Mapping[str, Any], day: str, seq: int, at: str) -> None:
    """转办: the case goes to another window of the ledger, pending there on that window's
    own due date; every department hold ends, counted against nobody (SPEC §12)."""
    for hold in state.open_holds():
        hold.ended = day
        hold.how = HoldEnd.REFERRED.value
    _lapse_request(state, None)
    state.lead_dept = None
    state.co_depts = []
    state.dept_due_date = None
    state.status = Status.PENDING.value
    state.site = data["to_site"]
    state.site_due = data["site_due"]


def _review(state: CaseState, data: Mapping[str, Any], day: str, seq: int, at: str) -> None:
    rating = Rating(data["rating"])
    if not rating.is_rating:
        return
    state.rating = rating.value
    unsatisfied = rating.is_unsatisfied
    state.review = "disputed" if unsatisfied else "done"


def _reopen(state: CaseState, data: Mapping[str, Any], day: str, seq: int, at: str) -> None:
    state.status = Status.IN_PROGRESS.value if state.lead_dept is not None else Status.PENDING.value
    state.closed_at = None
    state.result = None
    state.resolution = None
    state.cause = None
    state.review = None
    state.reply = {}
    state.site_due = None  # the new round counts from the reopening, at the window holding it
    state.reopened += 1
    state.extensions = 0
    state.redo_day = None
    state.round_start = day
    state.limit = int(data["limit"])
    state.round_extra = 0
    state.dept_limit = int(data["limit"])
    state.dept_extra = 0
    signing = data.get("accept_due")
    if state.lead_dept is not None:
        state.holds.append(
            Hold(state.lead_dept, "lead", day, data.get("dept_due_date"), seq, accept_due=signing)
        )
    co_dues = data.get("co_dues", {})
    for dept in state.co_depts:
        state.holds.append(Hold(dept, "co", day, co_dues.get(dept), seq, accept_due=signing))
    _set_dates(state, data)


def _uphold(state: CaseState, data: Mapping[str, Any], day: str, seq: int, at: str) -> None:
    state.review = "done"


def _overdue(state: CaseState, data: Mapping[str, Any], day: str, seq: int, at: str) -> None:
    state.overdue_seen.append(data["due_date"])


def _redate(state: CaseState, data: Mapping[str, Any], day: str, seq: int, at: str) -> None:
    _set_dates(state, data)
    _hold_dates(state, data)


def _amend(state: CaseState, data: Mapping[str, Any], day: str, seq: int, at: str) -> None:
    for name, (_old, new) in data["changes"].items():
        setattr(state, name, new)
    if "limit" in data:
        state.limit = int(data["limit"])
        if state.lead_dept is not None:
            state.dept_limit = int(data["limit"])
    _set_dates(state, data)


_HANDLERS = {
    EventKind.OPEN: _open,
    EventKind.ASSIGN: _assign,
    EventKind.TRANSFER: _transfer,
    EventKind.PUSHBACK: _pushback,
    EventKind.RULING: _ruling,
    EventKind.ESCALATE: _escalate,
    EventKind.EXTEND: _extend,
    EventKind.SUSPEND: _suspend,
    EventKind.RESUME: _resume,
    EventKind.NOTE: _note,
    EventKind.CLOSE: _close,
    EventKind.REVIEW: _review,
    EventKind.REOPEN: _reopen,
    EventKind.UPHOLD: _uphold,
    EventKind.OVERDUE: _overdue,
    EventKind.REDATE: _redate,
    EventKind.AMEND: _amend,
    EventKind.ACCEPT: _accept,
    EventKind.URGE: _urge,
    EventKind.REPLY: _reply,
    EventKind.REDO: _redo,
    EventKind.EXTEND_REQUEST: _extend_request,
    EventKind.VOID: _void,
    EventKind.LINK: _link,
    EventKind.UNLINK: _unlink,
    EventKind.REFER: _refer,
}
