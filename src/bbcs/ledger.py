"""What each command does to the ledger: one public method, one transaction.

A ``Ledger`` is a ``Store`` seen at one moment by one actor. Each write method on
a case is a few lines through one shared step: ``_target`` checks the actor may
(``rules.roles``), the method checks its input, and ``_change`` loads the case as
of the event's time (a late paper form is judged as of its own date), lets the
rules decide the event and its dates (``rules.lifecycle``, ``rules.pushbacks``,
``rules.deadlines``), appends it, replays the case's events into its row, holds
and pushbacks (``projection.project``), applies the automatic escalations the new
state calls for (``rules.escalation``), and commits; on any error nothing is
written. Allowed status transitions are ``rules.lifecycle.ALLOWED``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bbcs import clock, fields
from bbcs.errors import Conflict, Forbidden, InvalidInput, NotFound
from bbcs.models import (
    SYSTEM_ACTOR,
    Channel,
    Complexity,
    Escalation,
    EventKind,
    Rating,
    Result,
    Role,
    Solved,
    Status,
    Urging,
    Verdict,
    Warning,
)
from bbcs.projection import AMENDABLE, CaseState, Event, event_time, project
from bbcs.rules import (
    acceptance,
    causes,
    deadlines,
    escalation,
    lifecycle,
    pushbacks,
    repeats,
    replies,
    roles,
    sites,
)
from bbcs.rules.calendar import Calendar
from bbcs.rules.policy import Policy, PolicyValue, flatten, parse_value
from bbcs.rules.roles import User
from bbcs.store import CaseQuery, Department, Store

if TYPE_CHECKING:
    from bbcs.integrity import Head, Progress, Verification

DEFAULT_SITE = "BB"
MAX_EXTENSION_DAYS = lifecycle.MAX_EXTENSION_DAYS


@dataclass
class Swept:
    overdue: int = 0
    escalated: int = 0
    cases: list[str] = field(default_factory=list)  # every case the sweep wrote to, in order


@dataclass(frozen=True)
class Signed:
    """What ``accept`` recorded: the case, who signed, the accept due date, the day signed."""

    state: CaseState
    dept: str
    accept_due: str | None
    signed: str

    @property
    def on_time(self) -> bool | None:
        return None if self.accept_due is None else self.signed <= self.accept_due


@dataclass(frozen=True)
class Urged:
    """What ``urge`` recorded: whom it chased, how, a written urge's breach day, and
    whether it counts (the first urge of that department on that case that day)."""

    state: CaseState
    dept: str
    how: Urging
    breach_day: str | None
    counted: bool


@dataclass(frozen=True)
class Answered:
    """What ``reply`` recorded: the case, the department that replied, as lead or co."""

    state: CaseState
    dept: str
    role: str


@dataclass(frozen=True)
class Opened:
    case_id: str
    due_date: str
    provisional: bool
    dept_due_date: str | None
    repeats: list[str]  # earlier cases of the same phone or company (SPEC §11), latest first


def policy_defaults() -> dict[str, PolicyValue]:
    import tomllib

    from bbcs.resources import data_file

    with data_file("policy.toml").open("rb") as handle:
        return flatten(tomllib.load(handle))


class Ledger:
    """The ledger as one command sees it: a store, the moment ``now`` and the acting person."""

    def __init__(self, store: Store, *, now: datetime, actor: str, os_user: str) -> None:
        self.store = store
        self.now = now
        self.actor = actor
        self.os_user = os_user
        # the events this command appended, with their case's id, for the lines after it
        self.written: list[Event] = []
        # the window a report counts (``scope_site``); None: the whole ledger
        self.report_site: str | None = None

    # ------------------------------------------------------------ context

    @cached_property
    def calendar(self) -> Calendar:
        overrides, years = self.store.calendar_overrides()
        return Calendar(overrides, years)

    @cached_property
    def policy(self) -> Policy:
        values = policy_defaults()
        values.update(self.store.policy_overrides())
        return Policy(values)

    @property
    def today(self) -> date:
        return clock.local_day(self.now)

    @property
    def first_site(self) -> str:
        """The ledger's own site code (``init --site``): its first window."""
        return self.store.meta("site") or DEFAULT_SITE

    @property
    def site(self) -> str:
        """The window the actor works at: their own site, else the ledger's first (SPEC §12)."""
        row = self.store.user(self.actor) if self.store.user_count() else None
        return (row or {}).get("site") or self.first_site

    def scope_site(self, site: str | None) -> str | None:
        """The window a report or list counts (SPEC §12): ``site`` as named, else on a ledger
        of several sites the actor's own; None on a ledger of one site (no scope)."""
        if site is not None:
            return self.known_site(site)
        return self.site if self.store.sites() and len(self.site_codes()) > 1 else None

    def site_codes(self) -> list[str]:
        """Every site of the ledger, the first one first."""
        return [self.first_site, *(s.code for s in self.store.sites() if s.code != self.first_site)]

    def known_site(self, text: str) -> str:
        """The code of a site of this ledger, named by code or name."""
        wanted = text.strip()
        for site in self.store.sites():
            if wanted.upper() == site.code or wanted == site.name:
                return site.code
        if wanted.upper() == self.first_site:
            return self.first_site
        raise NotFound("site.unknown", site=wanted, sites=", ".join(self.site_codes()))

    def case_id(self, text: str) -> str:
        """A case id as typed: ``BB-2026-000042``, lower case too, or just ``42`` for this year's."""
        raw = text.strip().upper()
        if raw.isdigit() and len(raw) <= 6:
            return f"{self.site}-{self.today.year}-{int(raw):06d}"
        if not fields.CASE_ID.fullmatch(raw):
            raise InvalidInput("case.bad_id", case=text)
        return raw

    def department(self, text: str) -> str:
        """The code of a registered department named by code or name; else a "did you mean"."""
        wanted = text.strip()
        known = self.store.departments()
        for dept in known:
            if wanted.upper() == dept.code or wanted == dept.name:
                return dept.code
        close = fields.closest(wanted, [(d.code, d.name) for d in known])
        if close:
            raise NotFound("dept.unknown_suggest", dept=wanted, suggestion=" ".join(close))
        raise NotFound("dept.unknown", dept=wanted)

    def _receiving(self, text: str) -> str:
        """A registered department that may receive a case: not retired (SPEC §13)."""
        code = self.department(text)
        if any(d.code == code and d.retired for d in self.store.departments()):
            raise Conflict("dept.retired", dept=code)
        return code

    # ------------------------------------------------------------ setup

    def init(self, site: str | None) -> str:
        self._permit("init")
        code = fields.site_code(site) if site else self.first_site
        with self.store.write():
            current = self.store.meta("site")
            if current is not None and current != code and self.store.case_count():
                raise Conflict("site.has_cases", site=current)
            if current is not None and current != code and self.store.sites():
                raise Conflict("site.has_sites", site=current)
            self.store.set_meta("site", code)
        return code

    def add_department(self, code: str, name: str, parent: str | None) -> str:
        self._permit("dept add")
        dept = fields.dept_code(code)
        title = fields.text(name, "name", fields.SHORT)
        with self.store.write():
            parent_code = self.department(parent) if parent else None
            self.store.add_department(dept, title, parent_code, clock.iso(self.now), self.actor)
        return dept

    def add_site(self, code: str, name: str, parent: str | None) -> str:
        """Register a window of the ledger (the first site too, to give it its name)."""
        self._permit("site add")
        site = fields.site_code(code)
        title = fields.text(name, "name", fields.SHORT)
        with self.store.write():
            above = self.known_site(parent) if parent else None
            if above == site:
                raise Conflict("site.own_parent", site=site)
            self.store.add_site(site, title, above, clock.iso(self.now), self.actor)
        return site

    def sites(self) -> list[dict[str, Any]]:
        """The sites of the ledger, the first one first, with the cases each holds open."""
        self._permit("site list")
        named = {s.code: s for s in self.store.sites()}
        first = self.first_site
        found = [
            {
                "code": first,
                "name": named[first].name if first in named else None,
                "parent": named[first].parent if first in named else None,
                "first": True,
            }
        ]
        found += [{"code": s.code, "name": s.name, "parent": s.parent, "first": False}
                  for s in named.values() if s.code != first]  # fmt: skip
        return found

    def rename_department(self, code: str, name: str) -> str:
        """Give a department a new name; its code, history and figures stay."""
        self._permit("dept rename")
        title = fields.text(name, "name", fields.SHORT)
        with self.store.write():
            dept = self.department(code)
            for other in self.store.departments():
                if other.name == title:
                    raise Conflict("dept.name_taken", name=title, dept=other.code)
            self.store.rename_department(dept, title)
        return dept

    def retire_department(self, code: str) -> str:
        """Stop a department receiving cases; it stays in the history and in the reports."""
        self._permit("dept retire")
        with self.store.write():
            dept = self.department(code)
            if any(d.code == dept and d.retired for d in self.store.departments()):
                raise Conflict("dept.already_retired", dept=dept)
            self.store.retire_department(dept, clock.iso(self.now))
        return dept

    def set_policy(self, key: str, text: str) -> PolicyValue:
        self._permit("policy set")
        value = parse_value(key, text, policy_defaults())
        with self.store.write():
            self.store.set_policy(key, value, clock.iso(self.now), self.actor, self.os_user)
        return value

    # ------------------------------------------------------------ case events

    def _moment(self, at: datetime | None) -> datetime:
        moment = (at or self.now).astimezone(clock.zone())
        if moment > self.now:
            raise InvalidInput("time.future", at=clock.iso(moment), now=clock.iso(self.now))
        return moment

    def _load(self, case_id: str, at: datetime) -> tuple[list[Event], CaseState]:
        """The case's events and its state as of ``at``; a person may not write before the last person."""
        events = self.store.case_events(case_id)
        if not events:
            raise NotFound("case.not_found", case=case_id)
        lifecycle.require_after_people(case_id, events, at)
        return events, project(case_id, [e for e in events if event_time(e) <= at])

    def _append(
        self,
        case_id: str,
        events: list[Event],
        kind: EventKind,
        data: Mapping[str, Any],
        at: datetime,
        *,
        actor: str | None = None,
    ) -> CaseState:
        """Append an event, rewrite the case's projection, and return the state after all events."""
        seq = max((int(e["seq"]) for e in events), default=0) + 1
        event = self.store.append_event(
            case_id, seq, kind.value, clock.iso(at), actor or self.actor, self.os_user, data
        )
        events.append(event)
        self.written.append({**event, "case_id": case_id})
        state = project(case_id, events)
        self.store.save_case(state)
        return state

    def _record(
        self,
        case_id: str,
        events: list[Event],
        kind: EventKind,
        data: Mapping[str, Any],
        at: datetime,
    ) -> CaseState:
        state = self._append(case_id, events, kind, data, at)
        return self._escalate_automatically(case_id, events, state, at)

    def _escalate_automatically(
        self, case_id: str, events: list[Event], state: CaseState, at: datetime
    ) -> CaseState:
        """Raise the case as the rules demand (SPEC §5), as ``system``, at the triggering time."""
        for level, rule, extra in escalation.automatic_escalations(
            state, self.calendar, self.policy, clock.local_day(at)
        ):
            data = {"from": state.escalation, "to": level.value, "rule": rule, "reason": rule}
            data.update(extra)
            state = self._append(case_id, events, EventKind.ESCALATE, data, at, actor=SYSTEM_ACTOR)
        return state

    def _due(self, start: str | date, limit: int, extra: int = 0) -> tuple[str, bool]:
        """``deadlines.due_iso`` on the ledger's calendar."""
        return deadlines.due_iso(self.calendar, start, limit, extra)

    def open_case(
        self,
        summary: str,
        *,
        reporter: str,
        phone: str | None = None,
        company: str | None = None,
        category: str | None = None,
        channel: str = "window",
        complexity: str = "normal",
        detail: str | None = None,
        dept: str | None = None,
        co: Sequence[str] = (),
        at: datetime | None = None,
    ) -> Opened:
        self._permit("open")
        level = fields.choice(Complexity, complexity, "complexity")
        data: dict[str, Any] = {
            "summary": fields.text(summary, "summary", fields.SUMMARY),
            "detail": fields.optional_text(detail, "detail", fields.LONG, multiline=True),
            "reporter": fields.text(reporter, "reporter", fields.SHORT),
            "phone": fields.phone(phone),
            "company": fields.optional_text(company, "company", fields.SHORT),
            "category": fields.optional_text(category, "category", fields.SHORT),
            "channel": fields.choice(Channel, channel, "channel").value,
            "complexity": level.value,
        }
        if co and not dept:
            raise InvalidInput("assign.co_without_lead")
        moment = self._moment(at)
        day = clock.local_day(moment)
        limit = self.policy.limit(level)
        data.update(deadlines.opening_clock(self.calendar, day, limit))
        with self.store.write():
            lead = self._receiving(dept) if dept else None
            co_codes = self._co_departments(lead, co) if lead else []
            site = self.site
            number = self.store.next_case_number(site, day.year)
            if number > fields.MAX_CASE_NUMBER:
                raise Conflict("import.ids_exhausted", site=site, year=day.year)
            case_id = f"{site}-{day.year}-{number:06d}"
            events: list[Event] = []
            state = self._append(case_id, events, EventKind.OPEN, data, moment)
            if lead:
                lead_dates = deadlines.lead_clock(self.calendar, day, limit)
                assign = {
                    "lead": lead,
                    "co": co_codes,
                    **lead_dates,
                    **self._receipt(moment),
                    **self._co_receipt(moment, co_codes, lead_dates["dept_due_date"]),
                }
                state = self._record(case_id, events, EventKind.ASSIGN, assign, moment)
            since = repeats.closed_since(day, self.policy.whole("rules.repeat_window"))
            earlier = self.store.repeat_candidates(
                data["phone"], data["company"], since.isoformat(), case_id, repeats.SHOWN
            )
        return Opened(case_id, data["due_date"], data["provisional"], state.dept_due_date, earlier)

    def _co_departments(self, lead: str, co: Sequence[str]) -> list[str]:
        return lifecycle.co_departments(lead, [self._receiving(text) for text in co])

    def _target(
        self, command: str, case: str, at: datetime | None, *, acting_for: str | None = None
    ) -> tuple[str, datetime, str | None]:
        """The case and moment a command names, once the actor may run it (``_permit``)."""
        case_id, moment = self.case_id(case), self._moment(at)
        return case_id, moment, self._permit(command, case_id, acting_for=acting_for)

    def _change(
        self,
        case_id: str,
        moment: datetime,
        decide: Callable[[CaseState], tuple[EventKind, dict[str, Any]]],
        *,
        then: Callable[[list[Event], CaseState], CaseState] | None = None,
    ) -> CaseState:
        """The one write step: load the case as of ``moment``, let the rules decide the
        event, append it, project the case and escalate it automatically, in one transaction."""
        with self.store.write():
            events, state = self._load(case_id, moment)
            kind, data = decide(state)
            state = self._record(case_id, events, kind, data, moment)
            return then(events, state) if then is not None else state

    def _new_lead(self, state: CaseState, moment: datetime) -> dict[str, Any]:
        """A new lead's own clock: the limit of the case's complexity from the day it received it."""
        return {
            **deadlines.lead_clock(
                self.calendar,
                clock.local_day(moment),
                self.policy.limit(Complexity(state.complexity)),
            ),
            **self._receipt(moment),
        }

    def _receipt(self, moment: datetime) -> dict[str, Any]:
        """The accept due date of the departments an event hands the case to (SPEC §10)."""
        return acceptance.receipt(
            self.calendar, clock.local_day(moment), self.policy.whole("limits.accept")
        )

    def _co_receipt(
        self, moment: datetime, depts: list[str], lead_due: str | None
    ) -> dict[str, Any]:
        """The own due dates of the co-departments an event hands the case to (SPEC §10)."""
        return deadlines.co_receipt(
            self.calendar, depts, clock.local_day(moment), self.policy.whole("limits.co"), lead_due
        )

    def _co_moved(self, state: CaseState, days: int, dates: Mapping[str, Any]) -> dict[str, Any]:
        """The open co-department holds' due dates moved with the lead's (``dates``)."""
        lead_due = dates.get("dept_due_date", state.dept_due_date)
        return deadlines.moved_co_dues(self.calendar, state, days, lead_due)

    def assign(
        self, case: str, dept: str, co: Sequence[str] = (), *, at: datetime | None = None
    ) -> CaseState:
        case_id, moment, _ = self._target("assign", case, at)

        def decide(state: CaseState) -> tuple[EventKind, dict[str, Any]]:
            lifecycle.require(state, "assign")
            lead = self._receiving(dept)
            co_codes = self._co_departments(lead, co)
            lead_clock = self._new_lead(state, moment)
            new_co = [d for d in co_codes if d not in state.co_depts]
            return EventKind.ASSIGN, {
                "lead": lead,
                "co": co_codes,
                **lead_clock,
                **self._co_receipt(moment, new_co, lead_clock["dept_due_date"]),
            }

        return self._change(case_id, moment, decide)

    def transfer(
        self, case: str, dept: str, *, reason: str, at: datetime | None = None
    ) -> CaseState:
        case_id, moment, _ = self._target("transfer", case, at)
        why = fields.text(reason, "reason", fields.MEDIUM)

        def decide(state: CaseState) -> tuple[EventKind, dict[str, Any]]:
            to = self._receiving(dept)
            lifecycle.require_transfer(state, to)
            data = {"from": state.lead_dept, "to": to, "reason": why}
            return EventKind.TRANSFER, {**data, **self._new_lead(state, moment)}

        return self._change(case_id, moment, decide)

    def pushback(
        self,
        case: str,
        *,
        reason: str,
        basis: str | None = None,
        by: str | None = None,
        to: str | None = None,
        at: datetime | None = None,
    ) -> CaseState:
        case_id, moment, by = self._target("pushback", case, at, acting_for=by)
        why = fields.text(reason, "reason", fields.MEDIUM)
        cited = fields.optional_text(basis, "basis", fields.MEDIUM)

        def decide(state: CaseState) -> tuple[EventKind, dict[str, Any]]:
            lifecycle.require(state, "pushback")
            if by is None:
                raise InvalidInput("pushback.need_from", case=case_id)
            pusher = self.department(by)
            role = pushbacks.pusher_role(case_id, pusher, state.lead_dept, state.co_depts)
            onward = self._receiving(to) if to else None
            pushbacks.check_onward(case_id, role, pusher, onward, state.lead_dept, state.co_depts)
            acceptance.require_pushback_window(
                self.calendar,
                state,
                pusher,
                clock.local_day(moment),
                self.policy.whole("limits.pushback"),
            )
            data: dict[str, Any] = {
                "by": pusher,
                "role": role,
                "to": onward,
                "reason": why,
                "basis": cited,
            }
            if pushbacks.moves_lead(role, onward):
                data.update(self._new_lead(state, moment))
            elif onward is not None:
                data.update(self._receipt(moment))
                data.update(self._co_receipt(moment, [onward], state.dept_due_date))
            return EventKind.PUSHBACK, data

        return self._change(case_id, moment, decide)

    def note(self, case: str, text: str, *, at: datetime | None = None) -> CaseState:
        case_id, moment, _ = self._target("note", case, at)
        body = fields.text(text, "note", fields.LONG, multiline=True)
        return self._change(case_id, moment, lambda _: (EventKind.NOTE, {"text": body}))

    def close(
        self,
        case: str,
        *,
        result: str | None = None,
        resolution: str | None = None,
        cause: str | None = None,
        at: datetime | None = None,
    ) -> CaseState:
        """办结, or 审核通过 of a replied case (its reply's result, resolution and cause by
        default); ``cause`` is why it could not get done (常态建设, SPEC §11)."""
        case_id, moment, _ = self._target("close", case, at)
        outcome = fields.choice(Result, result, "result").value if result else None
        why = causes.cause_named(cause, self.policy) if cause else None
        given = (
            fields.text(resolution, "resolution", fields.LONG, multiline=True)
            if resolution
            else None
        )

        def decide(state: CaseState) -> tuple[EventKind, dict[str, Any]]:
            if outcome is None:
                lifecycle.require(state, "close")
            chosen, text = replies.close_defaults(state, outcome, given)
            lifecycle.require_closable(state, Result(chosen))
            data = {"result": chosen, "resolution": text}
            recorded = replies.close_cause(state, why)
            return EventKind.CLOSE, {**data, "cause": recorded} if recorded else data

        return self._change(case_id, moment, decide)

    def void(self, case: str, *, reason: str, at: datetime | None = None) -> CaseState:
        """Close a mistaken entry as ``void`` (作废), while no department has acted on it."""
        case_id, moment, _ = self._target("void", case, at)
        why = fields.text(reason, "reason", fields.MEDIUM)

        def decide(state: CaseState) -> tuple[EventKind, dict[str, Any]]:
            lifecycle.require_voidable(state, self.store.case_events(case_id))
            return EventKind.VOID, {"reason": why}

        return self._change(case_id, moment, decide)

    def link(self, case: str, master: str, *, reason: str, at: datetime | None = None) -> CaseState:
        """并单: merge a repeat complaint into its master; it closes at once as ``merged``."""
        case_id, moment, _ = self._target("link", case, at)
        master_id = self.case_id(master)
        why = fields.text(reason, "reason", fields.MEDIUM)
        window = self.policy.whole("rules.repeat_window")

        def decide(state: CaseState) -> tuple[EventKind, dict[str, Any]]:
            events = self.store.case_events(master_id)
            if not events:
                raise NotFound("case.not_found", case=master_id)
            into = project(master_id, [e for e in events if event_time(e) <= moment])
            has_merged = bool(self.store.merged_cases([case_id]))
            repeats.require_linkable(state, into, has_merged)
            record = repeats.link_record(state, into, clock.local_day(moment), window)
            return EventKind.LINK, {**record, "reason": why}

        return self._change(case_id, moment, decide)

    def refer(
        self, case: str, to_site: str, *, reason: str, at: datetime | None = None
    ) -> CaseState:
        """转办: hand the case to another window of the ledger, up or down a level."""
        case_id, moment, _ = self._target("refer", case, at)
        why = fields.text(reason, "reason", fields.MEDIUM)

        def decide(state: CaseState) -> tuple[EventKind, dict[str, Any]]:
            code = self.known_site(to_site)
            sites.require_referable(state, code)
            limit = self.policy.limit(Complexity(state.complexity))
            data = sites.referral(self.calendar, state, code, clock.local_day(moment), limit)
            return EventKind.REFER, {**data, "reason": why}

        return self._change(case_id, moment, decide)

    def unlink(self, case: str, *, reason: str, at: datetime | None = None) -> CaseState:
        """Undo a wrong link (supervisor): the case returns to where it was, its due dates
        moved later by the working days it spent merged; the link counts in no figure."""
        case_id, moment, _ = self._target("link undo", case, at)
        why = fields.text(reason, "reason", fields.MEDIUM)

        def decide(state: CaseState) -> tuple[EventKind, dict[str, Any]]:
            seq, day = repeats.require_unlinkable(state)
            events = [e for e in self.store.case_events(case_id) if int(e["seq"]) != seq]
            before = project(case_id, [e for e in events if event_time(e) <= moment])
            data: dict[str, Any] = {"link_seq": seq, "master": state.merged_into, "reason": why}
            if before.status != Status.SUSPENDED:  # a suspension's resumption moves them
                days = deadlines.working_days_taken(
                    self.calendar, date.fromisoformat(day), clock.local_day(moment)
                )
                data.update(self._moved(before, days))
            return EventKind.UNLINK, data

        return self._change(case_id, moment, decide)

    def _moved(self, state: CaseState, days: int) -> dict[str, Any]:
        """Every clock of the case moved ``days`` working days later (a resumption, an undone
        link): the due dates, the unsigned accept due dates and the co-departments' dues."""
        data: dict[str, Any] = {"days": days, **deadlines.moved(self.calendar, state, days)}
        signing = acceptance.moved_accept_dues(self.calendar, state, days)
        if signing:
            data["accept_dues"] = signing
        data.update(self._co_moved(state, days, data))
        return data

    def review(
        self,
        case: str,
        rating: str,
        *,
        comment: str | None = None,
        solved: str | None = None,
        at: datetime | None = None,
    ) -> CaseState:
        case_id, moment, _ = self._target("review", case, at)
        verdict = fields.choice(Rating, rating, "rating")
        remark = fields.optional_text(comment, "comment", fields.MEDIUM, multiline=True)
        answer = fields.choice(Solved, solved, "solved").value if solved else None
        if answer is not None and not verdict.is_rating:
            raise InvalidInput("review.solved_unrated", rating=verdict)

        def decide(state: CaseState) -> tuple[EventKind, dict[str, Any]]:
            lifecycle.require(state, "review")
            data = {"rating": verdict.value, "comment": remark}
            return EventKind.REVIEW, {**data, "solved": answer} if answer else data

        def reopen_if_unsatisfied(events: list[Event], state: CaseState) -> CaseState:
            if not lifecycle.reopens_on_review(state, verdict, self.policy):
                return state
            reopen = {"reason": "unsatisfied_review", **self._restart(state, moment)}
            return self._append(
                case_id, events, EventKind.REOPEN, reopen, moment, actor=SYSTEM_ACTOR
            )

        return self._change(case_id, moment, decide, then=reopen_if_unsatisfied)

    def _restart(self, state: CaseState, moment: datetime) -> dict[str, Any]:
        """New due dates for a reopened case: the complexity's limit from the reopening day."""
        limit = self.policy.limit(Complexity(state.complexity))
        dates = deadlines.restarted(self.calendar, state, clock.local_day(moment), limit)
        co = self._co_receipt(moment, state.co_depts, dates.get("dept_due_date"))
        return {**dates, **self._receipt(moment), **co}

    def reopen(self, case: str, *, reason: str, at: datetime | None = None) -> CaseState:
        case_id, moment, _ = self._target("reopen", case, at)
        why = fields.text(reason, "reason", fields.MEDIUM)

        def decide(state: CaseState) -> tuple[EventKind, dict[str, Any]]:
            lifecycle.require_reopenable(state)
            return EventKind.REOPEN, {"reason": why, **self._restart(state, moment)}

        return self._change(case_id, moment, decide)

    def uphold(self, case: str, *, reason: str, at: datetime | None = None) -> CaseState:
        case_id, moment, _ = self._target("uphold", case, at)
        why = fields.text(reason, "reason", fields.MEDIUM)

        def decide(state: CaseState) -> tuple[EventKind, dict[str, Any]]:
            lifecycle.require_disputed(state)
            return EventKind.UPHOLD, {"reason": why}

        return self._change(case_id, moment, decide)

    def amend(
        self,
        case: str,
        changes: Mapping[str, str | None],
        *,
        reason: str,
        at: datetime | None = None,
    ) -> CaseState:
        case_id, moment, _ = self._target("amend", case, at)
        why = fields.text(reason, "reason", fields.MEDIUM)
        wanted = {name: value for name, value in changes.items() if value is not None}
        if not wanted:
            raise InvalidInput("amend.nothing", case=case_id)
        new = {name: _amended_value(name, value) for name, value in wanted.items()}

        def decide(state: CaseState) -> tuple[EventKind, dict[str, Any]]:
            lifecycle.require(state, "amend")
            diff = {
                name: [getattr(state, name), value]
                for name, value in new.items()
                if getattr(state, name) != value
            }
            if not diff:
                raise InvalidInput("amend.unchanged", case=case_id)
            data: dict[str, Any] = {"changes": diff, "reason": why}
            if "complexity" in diff:
                limit = self.policy.limit(Complexity(str(new["complexity"])))
                data["limit"] = limit
                data.update(deadlines.from_base(self.calendar, state, limit, limit))
            return EventKind.AMEND, data

        return self._change(case_id, moment, decide)

    def ruling(
        self, case: str, verdict: str, *, reason: str | None = None, at: datetime | None = None
    ) -> CaseState:
        case_id, moment, _ = self._target("ruling", case, at)
        decision = fields.choice(Verdict, verdict, "ruling")
        why = fields.optional_text(reason, "reason", fields.MEDIUM)

        def decide(state: CaseState) -> tuple[EventKind, dict[str, Any]]:
            seq = lifecycle.pushback_to_rule(state)
            return EventKind.RULING, {"pushback_seq": seq, "verdict": decision.value, "reason": why}

        return self._change(case_id, moment, decide)

    def escalate(
        self,
        case: str,
        level: str,
        *,
        reason: str,
        correction: bool = False,
        at: datetime | None = None,
    ) -> CaseState:
        case_id, moment, _ = self._target("escalate", case, at)
        target = fields.choice(Escalation, level, "escalation")
        why = fields.text(reason, "reason", fields.MEDIUM)

        def decide(state: CaseState) -> tuple[EventKind, dict[str, Any]]:
            current = lifecycle.escalation_from(state, target, correction=correction)
            data: dict[str, Any] = {"from": current.value, "to": target.value, "reason": why}
            data.update(correction=correction, dept=escalation.counted_against(state))
            return EventKind.ESCALATE, data

        return self._change(case_id, moment, decide)

    def extend(self, case: str, days: int, *, reason: str, at: datetime | None = None) -> CaseState:
        """延期; from a department user, a request (延期申请) a supervisor answers."""
        case_id, moment, own = self._target("extend", case, at)
        why = fields.text(reason, "reason", fields.MEDIUM)
        lifecycle.check_extension_days(days)
        _, user = self._registration
        asking = user is not None and user.role is Role.DEPT

        def decide(state: CaseState) -> tuple[EventKind, dict[str, Any]]:
            lifecycle.require_extendable(state, clock.local_day(moment), self.policy)
            if asking:
                replies.require_request(state, own)
                return EventKind.EXTEND_REQUEST, {"dept": own, "days": days, "reason": why}
            dates = deadlines.extended(self.calendar, state, days)
            return EventKind.EXTEND, {
                "days": days,
                "reason": why,
                **dates,
                **self._co_moved(state, days, dates),
            }

        return self._change(case_id, moment, decide)

    def answer_extension(
        self, case: str, *, approve: bool, reason: str | None = None, at: datetime | None = None
    ) -> CaseState:
        """A supervisor approves an extension request (its days added to the dates in force,
        even past a due date since the timely request) or denies it with a reason."""
        case_id, moment, _ = self._target("extend answer", case, at)
        why = None if approve else fields.text(reason or "", "reason", fields.MEDIUM)

        def decide(state: CaseState) -> tuple[EventKind, dict[str, Any]]:
            request = replies.open_request(state)
            if not approve:
                return EventKind.EXTEND_REQUEST, {
                    "decision": "denied",
                    "request_seq": request["seq"],
                    "reason": why,
                }
            lifecycle.require(state, "extend")
            days = int(request["days"])
            dates = deadlines.extended(self.calendar, state, days)
            data: dict[str, Any] = {
                "days": days,
                "reason": request["reason"],
                "request_seq": request["seq"],
                **dates,
                **self._co_moved(state, days, dates),
            }
            overtaken = escalation.overtaken_by_extension(
                self.store.case_events(case_id), state.due_date, dates.get("due_date")
            )
            if overtaken:
                data["supersedes"] = overtaken
            return EventKind.EXTEND, data

        return self._change(case_id, moment, decide)

    def suspend(self, case: str, *, reason: str, at: datetime | None = None) -> CaseState:
        case_id, moment, _ = self._target("suspend", case, at)
        why = fields.text(reason, "reason", fields.MEDIUM)

        def decide(state: CaseState) -> tuple[EventKind, dict[str, Any]]:
            lifecycle.require(state, "suspend")
            return EventKind.SUSPEND, {"reason": why}

        return self._change(case_id, moment, decide)

    def resume(self, case: str, *, at: datetime | None = None) -> CaseState:
        case_id, moment, _ = self._target("resume", case, at)

        def decide(state: CaseState) -> tuple[EventKind, dict[str, Any]]:
            lifecycle.require(state, "resume")
            since = date.fromisoformat(state.suspended_on or state.round_start)
            days = deadlines.working_days_taken(self.calendar, since, clock.local_day(moment))
            return EventKind.RESUME, self._moved(state, days)

        return self._change(case_id, moment, decide)

    # ------------------------------------------------------------ departments in the loop (§10)

    def accept(self, case: str, *, dept: str | None = None, at: datetime | None = None) -> Signed:
        """签收: ``dept`` (a department user's own by default) signs for the case it holds."""
        case_id, moment, by = self._target("accept", case, at, acting_for=dept)
        signer = self.department(acceptance.require_dept(case_id, by))

        def decide(state: CaseState) -> tuple[EventKind, dict[str, Any]]:
            hold = acceptance.hold_to_sign(state, signer)
            on_time = acceptance.signed_on_time(clock.local_day(moment), hold.accept_due)
            data = {"dept": signer, "received": hold.received, "accept_due": hold.accept_due}
            return EventKind.ACCEPT, {**data, "on_time": on_time}

        state = self._change(case_id, moment, decide)
        hold = next(h for h in reversed(state.holds) if h.dept == signer)
        return Signed(state, signer, hold.accept_due, hold.accepted or "")

    def urge(
        self,
        case: str,
        *,
        dept: str | None = None,
        how: str = "phone",
        note: str | None = None,
        at: datetime | None = None,
    ) -> Urged:
        """催办: the window chased ``dept`` (default the lead) by phone, in writing or in person."""
        case_id, moment, _ = self._target("urge", case, at)
        way = fields.choice(Urging, how, "how")
        text = fields.optional_text(note, "note", fields.LONG, multiline=True)
        day = clock.local_day(moment)
        counted = True

        def decide(state: CaseState) -> tuple[EventKind, dict[str, Any]]:
            nonlocal counted
            hold = acceptance.urged_hold(state, self.department(dept) if dept else None)
            counted = acceptance.counts_as_urged(state.urged.get(hold.dept, []), day.isoformat())
            data: dict[str, Any] = {"dept": hold.dept, "how": way.value, "note": text}
            if way is Urging.WRITTEN:
                due = hold.dept_due  # as lead or as co-department (SPEC §10)
                after = self.policy.whole("rules.urge_report_after")
                data["breach_day"] = acceptance.breach_day(self.calendar, day, due, after)
            return EventKind.URGE, data

        state = self._change(case_id, moment, decide)
        urge = next(e for e in reversed(self.store.case_events(case_id)) if e["kind"] == "urge")
        data = urge["data"]
        return Urged(state, data["dept"], way, data.get("breach_day"), counted)

    def reply(
        self,
        case: str,
        *,
        result: str,
        resolution: str,
        cause: str | None = None,
        dept: str | None = None,
        at: datetime | None = None,
    ) -> Answered:
        """答复: the lead answers (the case waits for the window's review) or a
        co-department records its part; ``dept`` defaults to a department user's own,
        else the lead. Signs for the case too if the department had not."""
        case_id, moment, by = self._target("reply", case, at, acting_for=dept)
        outcome = replies.reply_result(fields.choice(Result, result, "result"))
        text = fields.text(resolution, "resolution", fields.LONG, multiline=True)
        why = causes.cause_named(cause, self.policy) if cause else None
        day = clock.local_day(moment)

        def decide(state: CaseState) -> tuple[EventKind, dict[str, Any]]:
            who = self.department(by) if by else state.lead_dept
            if who is None:
                raise InvalidInput("reply.need_dept", case=case_id)
            role = replies.reply_role(state, who)
            due = replies.due_in_force(state, who, role)
            data: dict[str, Any] = {
                "dept": who,
                "role": role,
                "result": outcome.value,
                "resolution": text,
                "dept_due_date": due,
                "on_time": replies.on_time(day, due),
            }
            if why is not None:
                data["cause"] = why
            return EventKind.REPLY, data

        state = self._change(case_id, moment, decide)
        answer = next(e for e in reversed(self.store.case_events(case_id)) if e["kind"] == "reply")
        return Answered(state, answer["data"]["dept"], answer["data"]["role"])

    def redo(self, case: str, *, reason: str, at: datetime | None = None) -> CaseState:
        """发回重办: the window sends a replied case back to its lead, with time to redo it."""
        case_id, moment, _ = self._target("redo", case, at)
        why = fields.text(reason, "reason", fields.MEDIUM)
        day = clock.local_day(moment)

        def decide(state: CaseState) -> tuple[EventKind, dict[str, Any]]:
            replies.require_redo(state)
            hold = state.lead_hold()
            replied = hold.replied if hold is not None and hold.replied else day.isoformat()
            days = deadlines.working_days_taken(self.calendar, date.fromisoformat(replied), day)
            moved = replies.redo_dept_due(
                self.calendar,
                state.dept_due_date or replied,
                days,
                day,
                self.policy.whole("limits.redo"),
            )
            return EventKind.REDO, {"dept": state.lead_dept, "reason": why, **moved}

        return self._change(case_id, moment, decide)

    def sweep(self, progress: Callable[[int, int], None] | None = None) -> Swept:
        """The nightly pass: an ``overdue`` event once per case and due date, and escalations.

        Only open cases past their due date are looked at, so the work follows the
        open cases, not the ledger. Run twice on one day, it writes nothing the second time.
        """
        today = self.today.isoformat()
        swept = Swept()
        with self.store.write():
            found = self.store.overdue_case_ids(today)
            for done, case_id in enumerate(found, start=1):
                if progress is not None and (done % 100 == 0 or done == len(found)):
                    progress(done, len(found))
                events = self.store.case_events(case_id)
                state = project(case_id, events)
                data = escalation.overdue_event(state, self.today)
                if data is not None:
                    state = self._append(
                        case_id, events, EventKind.OVERDUE, data, self.now, actor=SYSTEM_ACTOR
                    )
                    swept.overdue += 1
                level = state.escalation
                state = self._escalate_automatically(case_id, events, state, self.now)
                if state.escalation != level:
                    swept.escalated += 1
                if data is not None or state.escalation != level:
                    swept.cases.append(case_id)
        return swept

    # ------------------------------------------------------------ calendar upkeep

    def calendar_add(self, day: date, *, workday: bool, name: str) -> int:
        """Mark one day a holiday or a working day; re-date the cases it affects."""
        self._permit("calendar add")
        title = fields.text(name, "name", fields.SHORT)
        with self.store.write():
            before = self.calendar
            self.store.set_calendar_day(
                day.isoformat(),
                "workday" if workday else "holiday",
                title,
                clock.iso(self.now),
                self.actor,
            )
            return self._redate_after(day, before)

    def calendar_import(self, rows: Sequence[tuple[date, bool, str]], years: set[int]) -> int:
        """Load a schedule (``date,kind,name`` rows); its years count as covered from now on."""
        self._permit("calendar import")
        names = []
        for day, _, name in rows:
            try:
                names.append(fields.text(name, "name", fields.SHORT))
            except InvalidInput as error:
                raise InvalidInput(
                    "calendar.bad_day", day=day.isoformat(), problem=str(error)
                ) from None
        with self.store.write():
            before = self.calendar
            for (day, workday, _), name in zip(rows, names, strict=True):
                self.store.set_calendar_day(
                    day.isoformat(),
                    "workday" if workday else "holiday",
                    name,
                    clock.iso(self.now),
                    self.actor,
                )
            for year in sorted(years):
                self.store.cover_year(year, "import")
            first = min((day for day, _, _ in rows), default=date(min(years), 1, 1))
            return self._redate_after(first, before, provisional_too=True)

    def _redate_after(
        self, changed: date, before: Calendar, *, provisional_too: bool = False
    ) -> int:
        """Recompute the due dates of open cases and of cases closed on or after ``changed``:
        both clocks from their bases, and the open holds' accept and co-department due
        dates recounted as many working days from their receipt as on the calendar
        ``before`` the change."""
        self.__dict__.pop("calendar", None)
        count = 0
        for case_id in self.store.redate_candidates(changed.isoformat()):
            events = self.store.case_events(case_id)
            state = project(case_id, events)
            data = deadlines.redated(self.calendar, state, before)
            if data is None:
                continue
            self._append(case_id, events, EventKind.REDATE, data, self.now, actor=SYSTEM_ACTOR)
            count += 1
        return count

    def uncovered_years(self) -> list[int]:
        """Years that open cases' due dates reach and no calendar data covers."""
        years = self.store.open_due_years()
        return sorted(y for y in years if not self.calendar.is_covered(y))

    # ------------------------------------------------------------ reading

    def case_json(self, row: dict[str, Any], *, mask: bool) -> dict[str, Any]:
        from bbcs.views import case_view

        return case_view(
            row,
            self.calendar,
            self.today,
            yellow_within=self.policy.whole("warning.yellow_within"),
            mask=mask,
        )

    def show(self, case: str) -> dict[str, Any]:
        """One case with its events (superseded ones marked) and the departments that held it."""
        from bbcs.views import hold_views

        case_id = self.case_id(case)
        self._permit("show", case_id)
        view = self.case_json(self.store.case_row(case_id), mask=False)
        events = self.store.case_events(case_id)
        superseded = set(project(case_id, events).superseded)
        view["events"] = [{**e, "superseded": e["seq"] in superseded} for e in events]
        view["holds"] = hold_views(self.store.holds(case_id), self.calendar, self.today)
        view["merged"] = self.store.merged_cases([case_id]).get(case_id, [])
        return view

    def find(
        self,
        *,
        status: str | None = None,
        dept: str | None = None,
        escalation: str | None = None,
        warning: str | None = None,
        overdue: bool = False,
        due_within: int | None = None,
        unreviewed: bool = False,
        unruled: bool = False,
        unaccepted: bool = False,
        urged: bool = False,
        extension_requests: bool = False,
        opened_from: date | None = None,
        opened_to: date | None = None,
        text: str | None = None,
        limit: int | None = None,
        mask: bool = True,
        site: str | None = None,
    ) -> tuple[list[dict[str, Any]], int]:
        """Cases matching every filter given, oldest first, and the count without the limit."""
        from bbcs.store import CaseQuery

        self._permit("list")
        bounds: list[tuple[str | None, str | None]] = []
        if warning is not None:
            bounds.append(self._warning_bounds(fields.choice(Warning, warning, "warning")))
        if overdue:
            bounds.append(self._warning_bounds(Warning.OVERDUE))
        if due_within is not None:
            fields.working_days(due_within, "--due-within")
            last = deadlines.last_due_within(self.calendar, self.today, due_within)
            bounds.append((self.today.isoformat(), last.isoformat()))
        lows = [low for low, _ in bounds if low is not None]
        highs = [high for _, high in bounds if high is not None]
        query = CaseQuery(
            status=fields.choice(Status, status, "status").value if status else None,
            dept=self.department(dept) if dept else None,
            escalation=fields.choice(Escalation, escalation, "escalation").value
            if escalation
            else None,
            due_from=max(lows) if lows else None,
            due_to=min(highs) if highs else None,
            unreviewed=unreviewed,
            unruled=unruled,
            unaccepted=unaccepted,
            urged=urged,
            extension_requests=extension_requests,
            opened_from=opened_from.isoformat() if opened_from else None,
            opened_to=opened_to.isoformat() if opened_to else None,
            text=text,
            limit=limit,
            site=self.known_site(site) if site else None,
        )
        rows, total = self.store.list_cases(self._scope(query))
        cases = [self.case_json(row, mask=mask) for row in rows]
        if unaccepted:
            for case in cases:
                case["unaccepted"] = self.store.unsigned_holds(case["id"])
        if extension_requests:
            for case, row in zip(cases, rows, strict=True):
                request = json.loads(row["extension_request"])
                case["extension_request"] = {
                    k: request[k] for k in ("dept", "days", "reason", "at")
                }
        return cases, total

    def printable(
        self, cases: Sequence[str], *, dept: str | None = None, overdue: bool = False
    ) -> list[dict[str, Any]]:
        """The cases a form prints, as ``show`` gives them: those named, or with ``dept``
        and ``overdue`` every open case the department holds past its due date."""
        self._permit("print")
        if cases and (dept or overdue):
            raise InvalidInput("print.cases_or_batch")
        if not cases:
            if not (dept and overdue):
                raise InvalidInput("print.nothing")
            found, _ = self.find(dept=dept, overdue=True, mask=False)
            if not found:
                raise NotFound("print.none_overdue", dept=self.department(dept))
            cases = [case["id"] for case in found]
        return [self.show(case) for case in cases]

    def callback(self) -> list[dict[str, Any]]:
        """The call-back worklist (回访清单): closed cases awaiting a review or disputed, oldest
        first, phones in full; that they were shown is recorded in the audit log."""
        from bbcs.store import CaseQuery, canonical_json

        self._permit("callback")
        with self.store.write():
            rows, _ = self.store.list_cases(self._scope(CaseQuery(unreviewed=True)))
            entries = self.worklist([self.case_json(row, mask=False) for row in rows], mask=False)
            if entries:
                detail = canonical_json({"cases": [entry["id"] for entry in entries]})
                self.store.add_audit(
                    clock.iso(self.now), self.actor, self.os_user, "callback", detail
                )
        return entries

    def worklist(self, cases: Sequence[dict[str, Any]], *, mask: bool) -> list[dict[str, Any]]:
        """The call-back entries of these closed cases, each with the reporters of the cases
        merged into it (并单, SPEC §11: every reporter gets a call)."""
        from bbcs.views import callback_entry

        merged = self.store.merged_cases([case["id"] for case in cases])
        entries = []
        for case in cases:
            others = merged.get(case["id"], [])
            if mask:
                others = [{**m, "phone": fields.mask_phone(m["phone"])} for m in others]
            entries.append(callback_entry(case, others))
        return entries

    def _warning_bounds(self, level: Warning) -> tuple[str | None, str | None]:
        """The due dates of open cases at this warning level today (``deadlines.warning_window``)."""
        low, high = deadlines.warning_window(
            self.calendar,
            self.today,
            level,
            yellow_within=self.policy.whole("warning.yellow_within"),
        )
        return (low.isoformat() if low else None, high.isoformat() if high else None)

    # ------------------------------------------------------------ roles and users (issue 6)

    @cached_property
    def _registration(self) -> tuple[bool, User | None]:
        """Whether any users are registered, and the acting user among them (None if not one)."""
        if not self.store.user_count():
            return False, None
        row = self.store.user(self.actor)
        if row is None or row.get("retired_at") is not None:
            return True, None
        return True, User(row["name"], Role(row["role"]), row["dept"])

    def _permit(
        self, command: str, case_id: str | None = None, *, acting_for: str | None = None
    ) -> str | None:
        """Refuse ``command`` unless the actor's role allows it (SPEC §8; ``roles.refusal``).

        Returns the department a pushback is recorded for: ``acting_for`` as given,
        else a department user's own department.
        """
        registered, user = self._registration
        if not registered:
            return acting_for
        dept = self.department(acting_for) if acting_for else None
        held: set[str] = set()
        if case_id is not None and user is not None and user.role is Role.DEPT:
            held = self.store.case_depts(case_id)
        error = roles.refusal(user, self.actor, command, case=case_id, held=held, acting_for=dept)
        if error is not None:
            raise error
        if acting_for is None and user is not None and user.role is Role.DEPT:
            return user.dept
        return acting_for

    def require_login_user(self) -> None:
        """On a server a login that is not one of the ledger's users is given nothing by the
        database once it has users: say so before anything is read."""
        registered, user = self._registration
        if self.store.engine != "sqlite" and registered and user is None:
            raise Forbidden("role.unregistered_login", user=self.actor)

    def require_whole_view(self, command: str) -> None:
        """Refuse a read of the whole ledger (a report, verify, a backup) to a department
        login on a server: the database shows it only its department's cases (SPEC §12), so
        what it read would be wrong, not merely partial."""
        _, user = self._registration
        if self.store.engine != "sqlite" and user is not None and user.role is Role.DEPT:
            raise Forbidden("role.partial_view", user=user.name, dept=user.dept, command=command)

    def permit_drill(self, dept: str) -> None:
        """A department user opens only its own department's figures onto their cases."""
        _, user = self._registration
        if user is not None and user.role is Role.DEPT and user.dept != dept:
            raise Forbidden("role.other_figures", user=user.name, dept=user.dept, other=dept)

    def _scope(self, query: CaseQuery) -> CaseQuery:
        """A department user's lists hold only the cases its department holds or held."""
        _, user = self._registration
        if user is not None and user.role is Role.DEPT:
            return replace(query, held_by=user.dept)
        return query

    def add_user(
        self, name: str, role: str, dept: str | None = None, site: str | None = None
    ) -> User:
        """Register a user; the first must be an admin, later ones need an admin to add them."""
        who = fields.text(name, "name", fields.SHORT)
        if who.lower() == SYSTEM_ACTOR:
            raise InvalidInput("actor.system")
        kind = _role(who, role, dept)
        with self.store.write():
            if self.store.user_count():
                self._permit("user add")
            else:
                error = roles.first_user_refusal(kind)
                if error is not None:
                    raise error
            code = self.department(dept) if dept else None
            window = self.known_site(site) if site else None
            self.store.add_user(
                who, kind.value, code, clock.iso(self.now), self.actor, self.os_user, window
            )
        return User(who, kind, code)

    def set_role(self, name: str, role: str, dept: str | None = None) -> User:
        """Give a registered user another role (and department); an admin is always left."""
        self._permit("user role")
        who = fields.text(name, "name", fields.SHORT)
        kind = _role(who, role, dept)
        with self.store.write():
            current = self._active_user(who)
            if current["role"] == Role.ADMIN and kind is not Role.ADMIN:
                self._keep_an_admin(who)
            code = self._receiving(dept) if dept else None
            self.store.set_user_role(
                who, kind.value, code, clock.iso(self.now), self.actor, self.os_user
            )
        return User(who, kind, code)

    def retire_user(self, name: str) -> str:
        """Take a user's role away; they stay in the history of what they did."""
        self._permit("user retire")
        who = fields.text(name, "name", fields.SHORT)
        with self.store.write():
            if self._active_user(who)["role"] == Role.ADMIN:
                self._keep_an_admin(who)
            self.store.retire_user(who, clock.iso(self.now), self.actor, self.os_user)
        return who

    def _active_user(self, name: str) -> dict[str, Any]:
        row = self.store.user(name)
        if row is None:
            raise NotFound("user.unknown", user=name)
        if row["retired_at"] is not None:
            raise Conflict("user.retired", user=name)
        return row

    def _keep_an_admin(self, name: str) -> None:
        if self.store.active_admins() <= 1:
            raise Conflict("user.last_admin", user=name)

    def users(self) -> list[dict[str, Any]]:
        self._permit("user list")
        return self.store.users()

    def audit_log(self) -> list[dict[str, Any]]:
        """Who unmasked phone numbers, exported events or added users, and when (SPEC §7, §8)."""
        self._permit("audit")
        return self.store.audit_log()

    # ---- for the command line
    @property
    def store_path(self) -> Path | None:
        """The ledger file, so that an output file is never written over it (None on a server)."""
        return self.store.path

    @property
    def where(self) -> str:
        """The ledger as a clerk names it: its file, or its server's address."""
        return self.store.where

    def permit(self, command: str, case_id: str | None = None) -> None:
        """Refuse ``command`` (on ``case_id``) unless the actor's role allows it, for a
        command with no method here."""
        self._permit(command, case_id)

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *_: object) -> None:
        """Let go of the ledger file (its connection), for a command that holds it long."""
        self.store.close()

    def migrate(self) -> tuple[int, Path | None]:
        """Upgrade the ledger to this bbcs's schema after backing it up beside itself:
        the version it had, and the backup (None when it was already current)."""
        self._permit("migrate")
        old = self.store.version
        if old == self.store.latest:
            return old, None
        path = self.store.path
        if path is None:  # a server's database: its own backups and transactions guard it
            self.store.migrate()
            return old, None
        backup = path.with_name(f"{path.name}.v{old}.bak")
        self.store.backup_to(backup)
        self.store.migrate()
        return old, backup

    def backup(self, dest: Path) -> Path:
        """A whole copy of the ledger taken while others write: at ``dest``, or in it when
        it is a folder (named by the ledger and the time). Never over an existing file."""
        self.require_whole_view("backup")
        from bbcs.files import refuse_ledger

        path = self.store.path
        target = dest
        if dest.is_dir():
            stamp = self.now.strftime("%Y%m%d-%H%M%S")
            stem, suffix = (path.stem, path.suffix) if path else (self.store.name, "")
            target = dest / f"{stem}-{stamp}{suffix or '.db'}"
        if target.exists():
            raise Conflict("backup.exists", dest=str(target))
        refuse_ledger(target, path)
        self.store.backup_to(target)
        return target

    def migrate_to(self, url: str) -> Verification:
        """Copy this SQLite ledger into an empty PostgreSQL database (SPEC §12): its events
        and records as they are, its cases rebuilt from the events there; then verify the
        copy against this ledger's chain heads. Creates no logins (``user add`` does)."""
        from bbcs.integrity import Head, verify
        from bbcs.store_postgres import copy_into, is_url

        self._permit("migrate")
        if not is_url(url):
            raise InvalidInput("migrate.to_not_server", target=url)
        if self.store.engine != "sqlite":
            raise InvalidInput("migrate.to_from_server")
        if self.store.version != self.store.latest:
            raise InvalidInput("migrate.to_needs_current", path=self.where)
        heads = Head.parse(self.store.head()), Head.parse(self.store.records_head())
        target = copy_into(self.store, url)
        try:
            return verify(target, heads[0], None, heads[1])
        finally:
            target.close()

    def verify(
        self,
        head: Head | None,
        progress: Progress | None,
        records_head: Head | None = None,
    ) -> Verification:
        """Every check of ``bbcs.integrity`` on this ledger."""
        from bbcs.integrity import verify

        self.require_whole_view("verify")
        return verify(self.store, head, progress, records_head)

    def departments(self) -> list[Department]:
        """Every registered department, by code."""
        return self.store.departments()

    def calendar_names(self, first: date, last: date) -> dict[str, tuple[str, str]]:
        """The kind and name of each calendar override from ``first`` to ``last``, by ISO day."""
        return dict(self.store.calendar_names(first.isoformat(), last.isoformat()))


def _role(who: str, role: str, dept: str | None) -> Role:
    """A user's role as typed, with a department exactly when it is a department user's."""
    kind = fields.choice(Role, role, "role")
    if kind is Role.DEPT and not dept:
        raise InvalidInput("user.dept_needed", user=who)
    if kind is not Role.DEPT and dept:
        raise InvalidInput("user.dept_only", role=kind)
    return kind


def _amended_value(name: str, value: str) -> str | None:
    if name not in AMENDABLE:
        raise InvalidInput("amend.field", field=name)
    if name == "phone":
        return fields.phone(value)
    if name == "complexity":
        return fields.choice(Complexity, value, "complexity").value
    if name == "summary":
        return fields.text(value, "summary", fields.SUMMARY)
    if name == "detail":
        return fields.optional_text(value, "detail", fields.LONG, multiline=True)
    if name == "reporter":
        return fields.text(value, "reporter", fields.SHORT)
    return fields.optional_text(value, name, fields.SHORT)
