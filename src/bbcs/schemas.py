"""The JSON documents bbcs emits, as pydantic models, published by ``bbcs schema``.

``Case`` is an item of ``list --json`` and ``search --json`` and, with
``events`` and ``holds``, the document of ``show --json`` (SPEC §4); ``Event``
is one event of the ledger (SPEC §3); ``Report`` is what ``report KIND --json``
prints (SPEC §6). Every model forbids fields it does not name, so a field the
code starts to emit without a change here fails the tests that validate real
output against these models. An event's ``data`` alone stays an open object:
events are never rewritten, so a ledger holds the data of every bbcs version that
wrote to it, and events files from other sites bring theirs.

Importing this module imports pydantic and builds the models (over 100 ms): only ``bbcs
schema`` and the tests import it, never the everyday commands.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, RootModel

from bbcs.models import (
    Channel,
    Complexity,
    Escalation,
    EventKind,
    HoldEnd,
    Rating,
    Result,
    Status,
    Warning,
)

CASE_ID = r"^[A-Z][A-Z0-9]{0,9}-\d{4}-\d{6}$"
DEPT_CODE = r"^[A-Z0-9][A-Z0-9_-]{0,19}$"

CaseId = Annotated[str, Field(pattern=CASE_ID)]
DeptCode = Annotated[str, Field(pattern=DEPT_CODE)]
Rate = Annotated[float | None, Field(ge=0, le=1, description="null when its denominator is 0")]
Average = Annotated[float | None, Field(ge=0, description="null when there is nothing to average")]
Change = Annotated[float | int | None, Field(description="this period minus the previous (环比)")]


class Document(BaseModel):
    """A JSON object bbcs writes: every field named, nothing else allowed."""

    model_config = ConfigDict(extra="forbid", strict=True)


# ---------------------------------------------------------------- events


class Event(Document):
    """One event of the append-only ledger (SPEC §3)."""

    seq: int = Field(ge=1, description="the event's place in its case's history, from 1")
    kind: EventKind
    at: AwareDatetime = Field(description="when it happened, with its UTC offset")
    actor: str = Field(description="the user who recorded it, or system")
    os_user: str = Field(description="the operating-system login that recorded it")
    data: dict[str, Any] = Field(
        description="what the event records; its keys depend on kind (dates it computed, "
        "departments, reason, ...)"
    )
    hash: str = Field(pattern=r"^[0-9a-f]{64}$", description="the event's content hash (SPEC §8)")


class ShownEvent(Event):
    """An event as ``show --json`` lists it: marked when a later event superseded it."""

    superseded: bool = Field(description="a system event a late entry no longer supports")


class Hold(Document):
    """One department's time with a case, as ``show --json`` lists it."""

    dept: DeptCode
    role: Literal["lead", "co"]
    from_: date = Field(alias="from", description="the day it received the case")
    to: date | None = Field(description="the day its hold ended; null while it holds the case")
    working_days: int = Field(ge=0, description="working days held, to today while open")
    dept_due_date: date | None = Field(description="the lead's own due date (SPEC §5)")
    ended: HoldEnd | None = Field(description="how the hold ended; null while it lasts")
    accept_due: date | None = Field(
        description="the last day to sign for it on time (签收, SPEC §10); null before §10"
    )
    accepted: date | None = Field(description="the day the department signed; null unsigned")
    replied: date | None = Field(
        description="the day of the lead's standing reply (its clock stopped); null if none"
    )


class ExtensionRequest(Document):
    """An extension request (延期申请) awaiting a supervisor (SPEC §10)."""

    dept: DeptCode
    days: int = Field(ge=1)
    reason: str
    at: AwareDatetime


class Unsigned(Document):
    """A hold awaiting signing, as ``list --unaccepted --json`` lists it (SPEC §10)."""

    dept: DeptCode
    received: date
    accept_due: date


# ---------------------------------------------------------------- cases


class MergedCase(Document):
    """A case merged into the one shown (并单, SPEC §11): whose reporter is called back too."""

    id: CaseId
    reporter: str
    phone: str | None


class Case(Document):
    """A case as ``list``, ``search`` and ``show`` print it with ``--json`` (SPEC §3, §4)."""

    id: CaseId
    status: Status
    summary: str
    detail: str | None
    reporter: str
    phone: str | None = Field(description="masked (138****5678) except in show")
    company: str | None
    category: str | None
    channel: Channel
    complexity: Complexity
    opened_at: AwareDatetime
    lead_dept: DeptCode | None
    co_depts: list[DeptCode]
    escalation: Escalation
    due_date: date | None
    due_provisional: bool = Field(description="the calendar does not yet cover the due date")
    dept_due_date: date | None
    extensions: int = Field(ge=0, description="extensions in this round of handling")
    pushbacks: int = Field(ge=0, description="pushbacks over the whole history")
    reopened: int = Field(ge=0)
    closed_at: AwareDatetime | None
    result: Result | None
    resolution: str | None
    cause: str | None = Field(
        description="why it could not get done (常态建设, SPEC §11): a code of the policy list "
        "causes; null when none was recorded or the case is open"
    )
    rating: Rating | None
    warning: Warning | None = Field(description="null when closed or suspended")
    working_days_left: int | None = Field(
        description="negative when overdue; null when closed or suspended"
    )
    working_days_taken: int = Field(ge=0)
    on_time: bool | None = Field(description="null while open")
    review: Literal["due", "disputed", "done"] | None = Field(
        description="the 回访 state of a closed case"
    )
    merged_into: CaseId | None = Field(
        default=None, description="the master it was merged into (并单, result merged)"
    )
    site: str | None = Field(default=None, description="the window holding it (SPEC §12)")
    site_due: date | None = Field(
        default=None, description="that window's own due date, once referred to it"
    )
    merged: list[MergedCase] = Field(
        default_factory=list, description="only in show --json: the cases merged into it"
    )
    events: list[ShownEvent] = Field(default_factory=list, description="only in show --json")
    holds: list[Hold] = Field(default_factory=list, description="only in show --json")
    unaccepted: list[Unsigned] = Field(
        default_factory=list, description="only in list --unaccepted: the holds not signed for"
    )
    extension_request: ExtensionRequest | None = Field(
        default=None, description="only in list --extension-requests: the open request"
    )


# ---------------------------------------------------------------- reports


class Figures(Document):
    """One department's figures over the period, on its own clock (SPEC §6)."""

    assigned: int = Field(ge=0)
    closed: int = Field(ge=0)
    resolved: int = Field(ge=0)
    explained: int = Field(ge=0)
    withdrawn: int = Field(ge=0)
    on_time: int = Field(ge=0)
    overdue_open: int = Field(ge=0)
    on_time_rate: Rate
    avg_working_days: Average
    pushbacks: int = Field(ge=0)
    pushbacks_charged: int = Field(ge=0)
    pushbacks_invalid: int = Field(ge=0)
    pushbacks_valid: int = Field(ge=0)
    pushback_cases: int = Field(ge=0)
    pushback_rate: Rate
    escalations: int = Field(ge=0)
    reviewed: int = Field(ge=0)
    satisfied: int = Field(ge=0)
    satisfaction_rate: Rate
    reopened: int = Field(ge=0)
    accept_due: int = Field(default=0, ge=0, description="holds due to be signed in the period")
    accepted_on_time: int = Field(default=0, ge=0)
    accept_late: int = Field(default=0, ge=0, description="accept_due - accepted_on_time")
    accept_rate: Rate = None
    unaccepted: int = Field(default=0, ge=0, description="held unsigned past the due at the end")
    urged: int = Field(default=0, ge=0, description="once per department, case and day")
    redone: int = Field(default=0, ge=0, description="发回重办 of its replies")
    solved_rate: Rate = None
    first_time: int = Field(
        default=0,
        ge=0,
        description="一次办结: cases it closed in the period with no redo of its reply, "
        "not reopened by the period's end",
    )
    first_time_rate: Rate = Field(default=None, description="first_time / distinct cases closed")
    reopen_rate: Rate = Field(
        default=None, description="重办率: closed cases reopened by the period's end / closed"
    )
    co_late: int = Field(default=0, ge=0, description="协办超期: co-department replies past due")
    co_no_reply: int = Field(
        default=0, ge=0, description="协办未复: co-department holds a close ended unanswered"
    )
    merged: int = Field(default=0, ge=0, description="并单: its cases merged into a master")
    repeats: int = Field(
        default=0,
        ge=0,
        description="重复件: cases merged into a master it closed in the repeat window before "
        "they were opened",
    )


class FigureChanges(Document):
    """Each department figure's change against the previous period (weekly, monthly)."""

    assigned: Change
    closed: Change
    resolved: Change
    explained: Change
    withdrawn: Change
    on_time: Change
    overdue_open: Change
    on_time_rate: Change
    avg_working_days: Change
    pushbacks: Change
    pushbacks_charged: Change
    pushbacks_invalid: Change
    pushbacks_valid: Change
    pushback_cases: Change
    pushback_rate: Change
    escalations: Change
    reviewed: Change
    satisfied: Change
    satisfaction_rate: Change
    reopened: Change
    accept_due: Change = None
    accepted_on_time: Change = None
    accept_late: Change = None
    accept_rate: Change = None
    unaccepted: Change = None
    urged: Change = None
    redone: Change = None
    solved_rate: Change = None
    first_time: Change = None
    first_time_rate: Change = None
    reopen_rate: Change = None
    co_late: Change = None
    co_no_reply: Change = None
    merged: Change = None
    repeats: Change = None


Listed = Annotated[list[CaseId], Field(description="one id per case or event counted")]


class FigureCases(Document):
    """The cases behind each figure that counts cases or events (``--cases``, SPEC §10):
    each list as long as its figure."""

    assigned: Listed
    closed: Listed
    resolved: Listed
    explained: Listed
    withdrawn: Listed
    on_time: Listed
    overdue_open: Listed
    pushbacks: Listed
    pushbacks_charged: Listed
    pushback_cases: Listed
    escalations: Listed
    reviewed: Listed
    satisfied: Listed
    reopened: Listed
    accepted_on_time: Listed
    accept_late: Listed
    unaccepted: Listed
    urged: Listed
    redone: Listed
    first_time: Listed
    co_late: Listed
    co_no_reply: Listed
    merged: Listed = Field(default_factory=list)
    repeats: Listed = Field(default_factory=list)


class Department(Figures):
    """One department's line of a report."""

    dept: DeptCode
    name: str
    rank: int | None = Field(ge=1, description="null when there was nothing to judge; last")
    change: FigureChanges | None = Field(default=None, description="weekly and monthly only")
    to: dict[str, int] | None = Field(
        default=None,
        description="pushback report only: pushbacks onto each department (window: back to "
        "the window)",
    )
    cases: FigureCases | None = Field(default=None, description="with --cases only")


class Totals(Document):
    """The window's figures over the period, on the case clock."""

    opened: int = Field(ge=0)
    closed: int = Field(ge=0)
    resolved: int = Field(ge=0)
    explained: int = Field(ge=0)
    withdrawn: int = Field(ge=0)
    resolution_rate: Rate
    on_time_rate: Rate
    avg_dispatch_days: Average
    review_rate: Rate
    satisfaction_rate: Rate
    overdue_open: int = Field(ge=0)
    pushbacks: int = Field(ge=0)
    voided: int = Field(
        default=0, ge=0, description="mistaken entries voided, counted nowhere else"
    )
    accept_rate: Rate = None
    urged: int = Field(default=0, ge=0)
    redone: int = Field(default=0, ge=0)
    solved_rate: Rate = None
    first_time_rate: Rate = None
    reopen_rate: Rate = None
    avg_review_days: Average = Field(
        default=None, description="working days from the last reply to the close or redo"
    )
    merged: int = Field(default=0, ge=0, description="并单: cases merged into a master")
    repeats: int = Field(default=0, ge=0, description="重复件 among them")
    referred_in: int = Field(default=0, ge=0, description="转办: cases referred to this window")
    referred_out: int = Field(
        default=0, ge=0, description="转办: cases this window referred to another"
    )


class TotalChanges(Document):
    """Each total's change against the previous period (weekly, monthly)."""

    opened: Change
    closed: Change
    resolved: Change
    explained: Change
    withdrawn: Change
    resolution_rate: Change
    on_time_rate: Change
    avg_dispatch_days: Change
    review_rate: Change
    satisfaction_rate: Change
    overdue_open: Change
    pushbacks: Change
    voided: Change = None
    accept_rate: Change = None
    urged: Change = None
    redone: Change = None
    solved_rate: Change = None
    first_time_rate: Change = None
    reopen_rate: Change = None
    avg_review_days: Change = None
    merged: Change = None
    repeats: Change = None
    referred_in: Change = None
    referred_out: Change = None


class BlackListEntry(Document):
    """A department on the black list (黑榜), the rule it broke and the cases behind it."""

    dept: DeptCode
    rule: Literal["on_time_rate", "pushbacks", "overdue", "redone", "ignored_urge"]
    cases: list[CaseId]


class Thresholds(Document):
    """The black list's thresholds from the policy, by the rule they belong to."""

    on_time_rate: float = Field(ge=0, le=1)
    pushbacks: int = Field(ge=0)
    overdue: int = Field(ge=0)
    redone: int = Field(default=3, ge=0, description="redos in the period (rules.max_redone)")
    ignored_urge: int = Field(
        default=5, ge=0, description="working days after a written urge (rules.urge_report_after)"
    )


class Day(Document):
    """Cases opened and closed on one day of the period."""

    day: date
    opened: int = Field(ge=0)
    closed: int = Field(ge=0)


class TrendPeriod(Document):
    """Cases opened and closed in one period of the trend."""

    from_: date = Field(alias="from")
    to: date
    opened: int = Field(ge=0)
    closed: int = Field(ge=0)


class Previous(Document):
    """The previous period's totals (weekly, monthly)."""

    from_: date = Field(alias="from")
    to: date
    totals: Totals


class CasebookCase(Document):
    """A case closed in the period, as the casebook (案例汇总) quotes it."""

    id: CaseId
    summary: str
    departments: list[DeptCode] = Field(description="every department that held it")
    lead_dept: DeptCode | None
    co_depts: list[DeptCode]
    pushbacks: int = Field(ge=0)
    working_days_taken: int = Field(ge=0)
    result: Result | None
    resolution: str | None
    closed_on: date
    cause: str | None = Field(default=None, description="why it could not get done (常态建设)")


class CauseGroup(Document):
    """The casebook's cases of one cause (None: no cause recorded)."""

    cause: str | None
    count: int = Field(ge=0)
    cases: list[CaseId]


class CauseCount(Document):
    """Closed cases of one cause, category and lead department (``report causes``)."""

    cause: str
    category: str | None
    dept: DeptCode | None
    count: int = Field(ge=1)
    cases: list[CaseId]


class Pattern(Document):
    """A 类案: a cause and category with ``rules.pattern_threshold`` cases or more."""

    cause: str
    category: str | None
    count: int = Field(ge=1)
    cases: list[CaseId]


class CausesReport(Document):
    """``report causes --json`` (常态建设, SPEC §11)."""

    kind: Literal["causes"]
    from_: date = Field(alias="from")
    to: date
    site: str | None = None
    causes: list[CauseCount] = Field(description="the largest first")
    patterns: list[Pattern] = Field(description="类案, the largest first")
    threshold: int = Field(ge=0, description="rules.pattern_threshold")
    without_cause: int = Field(ge=0, description="cases closed in the period with no cause")
    head: str | None = Field(default=None, pattern=r"^\d+:[0-9a-f]+$")
    version: int | None = Field(default=None, ge=1)
    versions: int | None = Field(default=None, ge=1)
    reason: str | None = None


class Category(Document):
    """The casebook's cases of one category."""

    category: str | None
    cases: list[CasebookCase]


class PeriodReport(Document):
    """``report daily|weekly|monthly|pushback|casebook --json``."""

    kind: Literal["daily", "weekly", "monthly", "pushback", "casebook"]
    from_: date = Field(alias="from")
    to: date
    site: str | None = Field(
        default=None, description="the window counted, on a ledger of several sites (--site)"
    )
    departments: list[Department] = Field(description="in rank order")
    red_list: list[DeptCode] = Field(description="红榜")
    black_list: list[DeptCode] = Field(description="黑榜")
    black_list_detail: list[BlackListEntry]
    totals: Totals
    thresholds: Thresholds
    days: list[Day]
    previous: Previous | None = Field(default=None, description="weekly and monthly only")
    change: TotalChanges | None = Field(default=None, description="weekly and monthly only")
    trend: list[TrendPeriod] | None = Field(
        default=None, description="weekly and monthly only: the last eight periods, oldest first"
    )
    categories: list[Category] | None = Field(default=None, description="casebook only")
    by_cause: list[CauseGroup] | None = Field(
        default=None, description="casebook only: its cases by cause as well"
    )
    head: str | None = Field(
        default=None, pattern=r"^\d+:[0-9a-f]+$", description="the chain head it saw, when issued"
    )
    version: int | None = Field(default=None, ge=1, description="when published: which issue")
    versions: int | None = Field(default=None, ge=1, description="when published: how many")
    reason: str | None = Field(default=None, description="why it was published again")


class OverdueCase(Document):
    """A pending, in-progress or replied case past due, as the overdue report lists it."""

    id: CaseId
    status: Literal[Status.PENDING, Status.IN_PROGRESS, Status.REPLIED]  # replied: 待审核 (§10)
    summary: str
    category: str | None
    reporter: str
    phone: str | None = Field(description="masked")
    company: str | None
    lead_dept: DeptCode | None
    co_depts: list[DeptCode]
    escalation: Escalation
    opened_at: AwareDatetime
    due_date: date
    dept_due_date: date | None
    pushbacks: int = Field(ge=0)
    overdue_days: int = Field(ge=1, description="working days past due")


class OverdueReport(Document):
    """``report overdue --json``: most overdue first."""

    kind: Literal["overdue"]
    to: date
    site: str | None = Field(
        default=None, description="the window counted, on a ledger of several sites (--site)"
    )
    cases: list[OverdueCase]
    head: str | None = Field(default=None, pattern=r"^\d+:[0-9a-f]+$")
    version: int | None = Field(default=None, ge=1)
    versions: int | None = Field(default=None, ge=1)
    reason: str | None = None


class Report(
    RootModel[Annotated[PeriodReport | OverdueReport | CausesReport, Field(discriminator="kind")]]
):
    """What ``report KIND --json`` prints, told apart by ``kind``."""


DOCUMENTS: dict[str, type[BaseModel]] = {"case": Case, "event": Event, "report": Report}


def json_schema(document: str) -> dict[str, Any]:
    """The JSON Schema of one of ``DOCUMENTS``, as ``bbcs schema`` prints it."""
    schema = DOCUMENTS[document].model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
