"""The reports of SPEC §6 as plain data: periods, figures, ranking, red and black lists.

A report is a JSON-ready ``dict`` built in one read transaction (or, with
``--publish``, in the write transaction that stores it beside the chain head).
The counting is SQL in ``store_reports``; this module only picks the period,
prepares the working-day index and the superseded system events for it, puts
the figures together with the rates, ranking and lists of ``rules.ranking``
(thresholds from the policy, ``report.*``), and adds the change against the
previous period (环比) of weekly and monthly reports.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from bbcs import clock
from bbcs.errors import Conflict, InvalidInput, NotFound
from bbcs.fields import mask_phone
from bbcs.projection import event_day, project
from bbcs.rules import causes, urges
from bbcs.rules.deadlines import overdue_at_end_of
from bbcs.rules.ranking import (
    Thresholds,
    average,
    black_list,
    rank,
    rank_by_pushbacks,
    rate,
    red_list,
)
from bbcs.store_reports import DRILL_FIGURES as DRILL_FIGURES  # the figures with their cases
from bbcs.store_reports import Period, ReportQueries

if TYPE_CHECKING:
    from bbcs.ledger import Ledger
    from bbcs.rules.calendar import Calendar

KINDS = ("daily", "weekly", "monthly", "pushback", "overdue", "casebook", "causes")
WITH_CHANGE = ("weekly", "monthly")

# SPEC §10: the department loop's figures, per department on its own clock
LOOP_FIGURES = (
    "accept_due",
    "accepted_on_time",
    "accept_late",
    "accept_rate",
    "unaccepted",
    "urged",
    "redone",
    "solved_rate",
)
LOOP_TOTALS = ("accept_rate", "urged", "redone", "solved_rate")
# SPEC §10: how the lead's closes held up (一次办结, 重办率), and the co-departments' parts
CLOSE_FIGURES = ("first_time", "first_time_rate", "reopen_rate", "co_late", "co_no_reply")
CLOSE_TOTALS = ("first_time_rate", "reopen_rate", "avg_review_days")
# SPEC §11: repeat complaints merged (并单), and the repeats a closing department answers for
REPEAT_FIGURES = ("merged", "repeats")
# SPEC §12: cases referred between the windows of one ledger (转办)
REFERRAL_TOTALS = ("referred_in", "referred_out")
DEPT_FIGURES = (
    "assigned",
    "closed",
    "resolved",
    "explained",
    "withdrawn",
    "on_time",
    "overdue_open",
    "on_time_rate",
    "avg_working_days",
    "pushbacks",
    "pushbacks_charged",
    "pushbacks_invalid",
    "pushbacks_valid",
    "pushback_cases",
    "pushback_rate",
    "escalations",
    "reviewed",
    "satisfied",
    "satisfaction_rate",
    "reopened",
    *LOOP_FIGURES,
    *CLOSE_FIGURES,
    *REPEAT_FIGURES,
)
TOTAL_FIGURES = (
    "opened",
    "closed",
    "resolved",
    "explained",
    "withdrawn",
    "resolution_rate",
    "on_time_rate",
    "avg_dispatch_days",
    "review_rate",
    "satisfaction_rate",
    "overdue_open",
    "pushbacks",
    "voided",
    *LOOP_TOTALS,
    *CLOSE_TOTALS,
    *REPEAT_FIGURES,
    *REFERRAL_TOTALS,
)
RATES = frozenset(
    {
        "on_time_rate",
        "pushback_rate",
        "satisfaction_rate",
        "resolution_rate",
        "review_rate",
        "accept_rate",
        "solved_rate",
        "first_time_rate",
        "reopen_rate",
    }
)
AVERAGES = frozenset({"avg_working_days", "avg_dispatch_days", "avg_review_days"})
WINDOW = "window"

ONE_DAY = timedelta(days=1)
_WEEK = re.compile(r"(\d{4})-?W(\d{1,2})", re.IGNORECASE)
_MONTH = re.compile(r"(\d{4})\s*[-/年.]\s*(\d{1,2})\s*月?")


@dataclass(frozen=True)
class Span:
    """The days a report covers, ``first`` to ``last`` inclusive."""

    first: date
    last: date

    @property
    def period(self) -> Period:
        return Period(
            self.first.isoformat(), self.last.isoformat(), (self.last + ONE_DAY).isoformat()
        )

    def before(self) -> Span:
        """The span of the same length that ends the day before this one starts."""
        length = self.last - self.first
        last = self.first - ONE_DAY
        return Span(last - length, last)

    def days(self) -> list[date]:
        return [self.first + timedelta(days=i) for i in range((self.last - self.first).days + 1)]


# ---------------------------------------------------------------- periods


def week_span(text: str) -> Span:
    """``2026-W47`` as its Monday to Sunday."""
    match = _WEEK.fullmatch(text.strip())
    if not match:
        raise InvalidInput("report.bad_week", value=text)
    clock.check_year(int(match[1]), text)
    try:
        monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise InvalidInput("report.bad_week", value=text) from None
    return Span(monday, monday + timedelta(days=6))


def month_span(text: str) -> Span:
    """``2026-11`` as its first to last day."""
    match = _MONTH.fullmatch(text.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise InvalidInput("report.bad_month", value=text)
    first = date(clock.check_year(int(match[1]), text), int(match[2]), 1)
    return Span(first, _month_end(first))


def _month_end(first: date) -> date:
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - ONE_DAY


def last_complete_week(today: date) -> Span:
    monday = today - timedelta(days=today.weekday()) - timedelta(days=7)
    return Span(monday, monday + timedelta(days=6))


def last_complete_month(today: date) -> Span:
    last = today.replace(day=1) - ONE_DAY
    return Span(last.replace(day=1), last)


def choose_span(
    kind: str,
    today: date,
    *,
    day: date | None = None,
    week: str | None = None,
    month: str | None = None,
    first: date | None = None,
    last: date | None = None,
) -> Span:
    """The span a report covers, from whichever option was given, else the kind's default."""
    given = [
        name for name, value in (("--date", day), ("--week", week), ("--month", month)) if value
    ]
    if first is not None or last is not None:
        given.append("--from/--to")
    if len(given) > 1:
        raise InvalidInput("report.options_clash", options=", ".join(given))
    if first is not None or last is not None:
        if first is None:
            raise InvalidInput("report.to_without_from")
        span = Span(first, last or today)
        if span.last < span.first:
            raise InvalidInput("report.bad_span", first=span.first, last=span.last)
        return span
    if day is not None:
        return Span(day, day)
    if week is not None:
        return week_span(week)
    if month is not None:
        return month_span(month)
    if kind in ("daily", "overdue"):
        return Span(today, today)
    if kind in ("weekly", "pushback"):
        return last_complete_week(today)
    return last_complete_month(today)


TREND = 8  # periods in the trend of a weekly or monthly report, this one included


def previous_span(span: Span, *, month: bool) -> Span:
    """The period a weekly or monthly report compares with (环比)."""
    if month and span.first.day == 1 and span.last == _month_end(span.first):
        last = span.first - ONE_DAY
        return Span(last.replace(day=1), last)
    return span.before()


def workday_index(calendar: Calendar, first: date, last: date) -> list[tuple[str, int]]:
    """Each day from ``first`` to ``last`` with the working days after ``first`` up to it.

    The working days after ``a`` up to and including ``b`` are ``idx(b) - idx(a)``,
    as ``Calendar.working_days(a, b)`` counts them: SQL subtracts instead of looping.
    """
    index, count, day = [], 0, first
    while day <= last:
        if day > first and calendar.is_workday(day):
            count += 1
        index.append((day.isoformat(), count))
        day += ONE_DAY
    return index


# ---------------------------------------------------------------- arithmetic


def _department(code: str, name: str, raw: Mapping[str, Any]) -> dict[str, Any]:
    def n(key: str) -> int:
        return int(raw.get(key) or 0)

    closed, overdue = n("closed"), n("overdue_open")
    return {
        "dept": code,
        "name": name,
        "rank": None,
        "assigned": n("assigned"),
        "closed": closed,
        "resolved": n("resolved"),
        "explained": n("explained"),
        "withdrawn": n("withdrawn"),
        "on_time": n("on_time"),
        "overdue_open": overdue,
        "on_time_rate": rate(n("on_time"), closed + overdue),
        "avg_working_days": average(raw.get("avg_working_days")),
        "pushbacks": n("pushbacks"),
        "pushbacks_charged": n("pushbacks_charged"),
        "pushbacks_invalid": n("pushbacks_invalid"),
        "pushbacks_valid": n("pushbacks_valid"),
        "pushback_cases": n("pushback_cases"),
        "pushback_rate": rate(n("pushback_cases"), n("pushback_base")),
        "escalations": n("escalations"),
        "reviewed": n("reviewed"),
        "satisfied": n("satisfied"),
        "satisfaction_rate": rate(n("satisfied"), n("reviewed")),
        "reopened": n("reopened"),
        **_loop(raw),
        **_closes(raw),
        "merged": n("merged"),
        "repeats": n("repeats"),
    }


def _loop(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The department loop's figures (SPEC §10) from their raw counts."""

    def n(key: str) -> int:
        return int(raw.get(key) or 0)

    due, signed = n("accept_due"), n("accepted_on_time")
    return {
        "accept_due": due,
        "accepted_on_time": signed,
        "accept_late": due - signed,
        "accept_rate": rate(signed, due),
        "unaccepted": n("unaccepted"),
        "urged": n("urged"),
        "redone": n("redone"),
        "solved_rate": rate(n("solved"), n("solved_asked")),
    }


def _closes(raw: Mapping[str, Any]) -> dict[str, Any]:
    """How a department's closes held up, and its co-department parts (SPEC §10)."""

    def n(key: str) -> int:
        return int(raw.get(key) or 0)

    return {
        "first_time": n("first_time"),
        "first_time_rate": rate(n("first_time"), n("closed_cases")),
        "reopen_rate": rate(n("reopened_cases"), n("closed_cases")),
        "co_late": n("co_late"),
        "co_no_reply": n("co_no_reply"),
    }


# the departments' counts the window's totals of the loop's rates are taken from
_SUMMED = (
    "accept_due",
    "accepted_on_time",
    "urged",
    "redone",
    "solved",
    "solved_asked",
    "first_time",
    "closed_cases",
    "reopened_cases",
)


def _loop_totals(raw: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The window's totals of the loop's figures: the departments' counts summed."""
    summed = {key: sum(int(f.get(key) or 0) for f in raw.values()) for key in _SUMMED}
    every = {**_loop(summed), **_closes(summed)}
    return {name: every[name] for name in (*LOOP_TOTALS, *CLOSE_TOTALS) if name in every}


def _totals(raw: Mapping[str, Any]) -> dict[str, Any]:
    closed = raw["closed"]
    return {
        "opened": raw["opened"],
        "closed": closed,
        "resolved": raw["resolved"],
        "explained": raw["explained"],
        "withdrawn": raw["withdrawn"],
        "resolution_rate": rate(raw["resolved"], closed),
        "on_time_rate": rate(raw["on_time"], closed + raw["overdue_open"]),
        "avg_dispatch_days": average(raw["avg_dispatch_days"]),
        "avg_review_days": average(raw["avg_review_days"]),
        "review_rate": rate(raw["reviewed_closes"], closed),
        "satisfaction_rate": rate(raw["satisfied"], raw["reviewed"]),
        "overdue_open": raw["overdue_open"],
        "pushbacks": raw["pushbacks"],
        "voided": raw["voided"],
        "merged": raw["merged"],
        "repeats": raw["repeats"],
        "referred_in": raw["referred_in"],
        "referred_out": raw["referred_out"],
    }


# ---------------------------------------------------------------- building


class ReportBuilder:
    """Builds reports from one ledger as ``book`` sees it (its calendar, policy and today)."""

    def __init__(self, book: Ledger) -> None:
        self.book = book
        self.queries = ReportQueries(book.store)

    def _prepare(self, span: Span) -> Period:
        """Fill the working-day index and the superseded system events for ``span``."""
        period = span.period
        first = date.fromisoformat(self.queries.earliest_day(period))
        self.queries.load_workdays(workday_index(self.book.calendar, first, span.last))
        self.queries.load_voided(self.book.report_site)
        self.queries.home = self.book.report_site or self.book.first_site
        self.queries.load_overdue(period)
        self.queries.load_period(period)
        superseded: list[tuple[str, int]] = []
        for case_id in self.queries.system_event_cases(period):
            state = project(case_id, self.book.store.case_events(case_id))
            superseded.extend((case_id, seq) for seq in state.superseded)
        self.queries.load_superseded(superseded)
        return period

    def figures(
        self, span: Span, *, cases: bool = False
    ) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        """The departments (ranked) and the window's totals for ``span``; with ``cases``,
        each department carries the cases behind each of its ``DRILL_FIGURES``.

        A counting figure is the length of its list of cases, whether or not the list is
        shown (``ReportQueries.figure_rows``)."""
        period = self._prepare(span)
        rows = self.queries.figure_rows(period)
        raw: dict[str, dict[str, Any]] = {}
        for figure, by_dept in rows.items():
            for dept, ids in by_dept.items():
                raw.setdefault(dept, {})[figure] = len(ids)
        for more in (
            self.queries.department_figures(period),
            self.queries.solved_figures(period),
        ):
            for dept, values in more.items():
                raw.setdefault(dept, {}).update(values)
        for values in raw.values():
            values["accept_due"] = values.get("accepted_on_time", 0) + values.get("accept_late", 0)
        known = self.book.store.departments()
        names = {d.code: d.name for d in known}
        # a retired department stays in a report only where it has figures (SPEC §13)
        active = {d.code for d in known if not d.retired}
        departments: list[dict[str, Any]] = []
        for code in sorted(active | (set(raw) - {WINDOW})):
            line = _department(code, names.get(code, code), raw.get(code, {}))
            if cases:
                line["cases"] = {name: rows[name].get(code, []) for name in DRILL_FIGURES}
            departments.append(line)
        totals = {**_totals(self.queries.totals(period)), **_loop_totals(raw)}
        return rank(departments), totals

    def thresholds(self) -> dict[str, float | int]:
        """The black list's thresholds from the policy, by the rule they belong to."""
        return Thresholds.of(self.book.policy).black()

    def lists(
        self, departments: Sequence[dict[str, Any]], span: Span
    ) -> tuple[list[str], list[str], list[dict[str, Any]]]:
        """Red list, black list and the black list's detail (rule and cases per entry)."""
        thresholds = Thresholds.of(self.book.policy)
        period = span.period
        late: dict[str, list[str]] = {}
        for dept, case_id in self.queries.late_cases(period):
            late.setdefault(dept, []).append(case_id)
        overdue: dict[str, list[tuple[str, int]]] = {}
        for dept, case_id, days in self.queries.overdue_holds(period):
            overdue.setdefault(dept, []).append((case_id, days))
        charged: dict[str, list[str]] = {}
        for dept, case_id in self.queries.charged_cases(period):
            charged.setdefault(dept, []).append(case_id)
        redone: dict[str, list[str]] = {}
        for dept, case_id in self.queries.redone_cases(period):
            redone.setdefault(dept, []).append(case_id)
        # a written urge ignored: replayed to the end of its breach day, which must be
        # over and fall in the period (SPEC §10)
        urged: dict[str, list[int]] = {}
        for case_id, seq in self.queries.ignored_urges(period):
            urged.setdefault(case_id, []).append(seq)
        ignored: dict[str, list[str]] = {}
        for case_id, events in self.book.store.events_of(list(urged)).items():
            for seq in urged[case_id]:
                found = urges.ignored_urge(
                    case_id, events, seq, self.book.calendar, thresholds.ignored_urge
                )
                if found and span.first <= found[1] <= span.last and found[1] < self.book.today:
                    ignored.setdefault(found[0], []).append(case_id)
        detail = black_list(
            departments,
            thresholds,
            late=late,
            overdue=overdue,
            charged=charged,
            redone=redone,
            ignored=ignored,
        )
        black = list(dict.fromkeys(entry["dept"] for entry in detail))
        return red_list(departments, black, thresholds), black, detail

    def report(self, kind: str, span: Span, *, cases: bool = False) -> dict[str, Any]:
        """The report of ``kind`` (any but ``overdue``) over ``span``; ``cases`` adds the
        cases behind each department's counting figures (SPEC §10)."""
        departments, totals = self.figures(span, cases=cases)
        red, black, detail = self.lists(departments, span)
        by_day = {day: (opened, closed) for day, opened, closed in self.queries.days(span.period)}
        doc: dict[str, Any] = {
            "kind": kind,
            "from": span.first.isoformat(),
            "to": span.last.isoformat(),
            "departments": departments,
            "red_list": red,
            "black_list": black,
            "black_list_detail": detail,
            "totals": totals,
            "thresholds": self.thresholds(),
            "days": [
                {
                    "day": d.isoformat(),
                    "opened": by_day.get(d.isoformat(), (0, 0))[0],
                    "closed": by_day.get(d.isoformat(), (0, 0))[1],
                }
                for d in span.days()
            ],
        }
        if kind == "pushback":
            departments = rank_by_pushbacks(departments)
            doc["departments"] = departments
            matrix = self.queries.pushback_matrix(span.period)
            for dept in departments:
                dept["to"] = matrix.get(dept["dept"], {})
        if kind == "casebook":
            doc["categories"] = self._casebook(span)
            doc["by_cause"] = _by_cause(doc["categories"])
        if kind in WITH_CHANGE:
            self._compare(doc, previous_span(span, month=kind == "monthly"))
            doc["trend"] = self._trend(span, month=kind == "monthly")
        return doc

    def _trend(self, span: Span, *, month: bool) -> list[dict[str, Any]]:
        """Cases opened and closed in each of the last ``TREND`` periods, oldest first,
        from one query over their days."""
        spans = [span]
        while len(spans) < TREND:
            spans.append(previous_span(spans[-1], month=month))
        spans.reverse()
        counts = {
            day: (opened, closed)
            for day, opened, closed in self.queries.days(Span(spans[0].first, span.last).period)
        }
        trend = []
        for each in spans:
            days = [counts.get(d.isoformat(), (0, 0)) for d in each.days()]
            trend.append(
                {
                    "from": each.first.isoformat(),
                    "to": each.last.isoformat(),
                    "opened": sum(opened for opened, _ in days),
                    "closed": sum(closed for _, closed in days),
                }
            )
        return trend

    def _compare(self, doc: dict[str, Any], before: Span) -> None:
        """Add the previous period's figures and each figure's change against it (环比)."""
        old_departments, old_totals = self.figures(before)
        old = {d["dept"]: d for d in old_departments}
        for dept in doc["departments"]:
            previous = old.get(dept["dept"])
            dept["change"] = {
                name: _change(dept[name], previous[name] if previous else None)
                for name in DEPT_FIGURES
            }
        doc["previous"] = {
            "from": before.first.isoformat(),
            "to": before.last.isoformat(),
            "totals": old_totals,
        }
        doc["change"] = {
            name: _change(doc["totals"][name], old_totals[name]) for name in TOTAL_FIGURES
        }

    def _casebook(self, span: Span) -> list[dict[str, Any]]:
        groups: dict[str | None, list[dict[str, Any]]] = {}
        for case in self.queries.closed_cases(span.period):
            groups.setdefault(case["category"], []).append(
                {
                    "id": case["id"],
                    "summary": case["summary"],
                    "departments": case["departments"],
                    "lead_dept": case["lead_dept"],
                    "co_depts": case["co_depts"],
                    "pushbacks": case["pushbacks"],
                    "working_days_taken": case["working_days_taken"],
                    "result": case["result"],
                    "resolution": case["resolution"],
                    "closed_on": case["closed_on"],
                    "cause": case["cause"],
                }
            )
        return [{"category": name, "cases": cases} for name, cases in groups.items()]

    def causes(self, span: Span) -> dict[str, Any]:
        """常态建设 (SPEC §11): the period's closed cases by cause × category × lead
        department, and each (cause, category) of ``rules.pattern_threshold`` cases or more
        flagged as a 类案, naming its cases."""
        self._prepare(span)
        rows, without = self.queries.cause_rows(span.period)
        threshold = self.book.policy.whole("rules.pattern_threshold")
        counted = causes.by_cause(rows)
        return {
            "kind": "causes",
            "from": span.first.isoformat(),
            "to": span.last.isoformat(),
            "causes": counted,
            "patterns": causes.patterns(counted, threshold),
            "threshold": threshold,
            "without_cause": without,
        }

    def overdue(self, day: date) -> dict[str, Any]:
        """Pending and in-progress cases past due at the end of ``day``, most overdue first.

        Today's are the case rows as they stand. An earlier day's are the cases as they
        stood then: each case that can have been open that day is replayed up to its
        end (``projection.project``), so a case reopened or closed since is as it was.
        """
        span = Span(day, day)
        if day >= self.book.today:
            self._prepare(span)
            cases = self.queries.overdue_cases(span.period)
        else:
            cases = self._overdue_then(span)
        for case in cases:
            case["phone"] = mask_phone(case["phone"])
        return {"kind": "overdue", "to": day.isoformat(), "cases": cases}

    def _overdue_then(self, span: Span) -> list[dict[str, Any]]:
        last = span.last.isoformat()
        candidates = self.queries.overdue_candidates(span.period)
        cases = []
        for case_id, events in self.book.store.events_of(candidates).items():
            state = project(case_id, [e for e in events if event_day(e) <= last])
            days = overdue_at_end_of(self.book.calendar, state, span.last)
            if days:
                cases.append(
                    {
                        **{name: getattr(state, name) for name in OVERDUE_FIELDS},
                        "overdue_days": days,
                    }
                )
        cases.sort(key=lambda c: (-c["overdue_days"], c["due_date"], c["id"]))
        return cases


# what the overdue report tells of each case, besides its days overdue
OVERDUE_FIELDS = (
    "id",
    "status",
    "summary",
    "category",
    "reporter",
    "phone",
    "company",
    "lead_dept",
    "co_depts",
    "escalation",
    "opened_at",
    "due_date",
    "dept_due_date",
    "pushbacks",
)


def _change(now: Any, before: Any) -> float | int | None:
    if now is None or before is None:
        return None
    delta = now - before
    return round(delta, 4) if isinstance(delta, float) else delta


# ---------------------------------------------------------------- issuing


def issue(
    book: Ledger,
    kind: str,
    span: Span,
    *,
    publish: bool = False,
    republish: str | None = None,
    head: bool = False,
    deliver: Callable[[dict[str, Any]], None] | None = None,
    cases: bool = False,
) -> dict[str, Any]:
    """Build the report in one transaction.

    ``head`` adds the ledger's chain head as the report saw it; ``publish`` also
    stores the report with it, in the same transaction, so ``--published`` can
    reprint exactly what was issued. A period already published is published
    again only with ``republish``, the reason, and every version is kept
    (``version`` counts from 1). ``deliver`` (printing it, or writing its file)
    runs inside that transaction: a report that could not be delivered is not
    recorded as published. ``cases`` adds each department's ``cases`` (``--cases``).
    """
    builder = ReportBuilder(book)
    if not publish:
        with builder.queries.snapshot():
            doc = _build(builder, kind, span, cases=cases)
            if head:
                doc["head"] = book.store.head()
        if deliver is not None:
            deliver(doc)
        return doc
    first, last = _stored_first(kind, span), span.last.isoformat()
    with book.store.write():
        stored = _stored_kind(book, kind)
        issues = builder.queries.published_count(stored, first, last)
        if issues and republish is None:
            raise Conflict("report.already_published", kind=kind, first=first, last=last)
        doc = _build(builder, kind, span, cases=cases)
        doc["head"] = book.store.head()
        doc["version"] = doc["versions"] = issues + 1
        if republish is not None:
            doc["reason"] = republish
        builder.queries.publish(
            stored,
            first,
            last,
            json.dumps(doc, ensure_ascii=False, indent=2),
            doc["head"],
            clock.iso(book.now),
            book.actor,
        )
        if deliver is not None:
            deliver(doc)
    return doc


def _stored_kind(book: Ledger, kind: str) -> str:
    """The kind a report is published under: a window's own report carries its site."""
    return kind if book.report_site is None else f"{kind}@{book.report_site}"


def _stored_first(kind: str, span: Span) -> str:
    # an overdue report is "as of" one day: its period starts and ends there
    return span.last.isoformat() if kind == "overdue" else span.first.isoformat()


def _by_cause(categories: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The casebook's cases by cause as well as category (None: no cause recorded last)."""
    groups: dict[str | None, list[str]] = {}
    for group in categories:
        for case in group["cases"]:
            groups.setdefault(case["cause"], []).append(case["id"])
    order = sorted(groups, key=lambda c: (c is None, -len(groups[c]), c or ""))
    return [{"cause": c, "count": len(groups[c]), "cases": groups[c]} for c in order]


def _build(builder: ReportBuilder, kind: str, span: Span, *, cases: bool) -> dict[str, Any]:
    if kind == "overdue":
        doc = builder.overdue(span.last)
    elif kind == "causes":
        doc = builder.causes(span)
    else:
        doc = builder.report(kind, span, cases=cases)
    if builder.book.report_site is not None:
        doc["site"] = builder.book.report_site
    return doc


def figure_named(asked: str) -> str:
    """A drill-down figure by its name (``accept_late``) or by its label in either language
    (未按时签收, "Signed late or not"), as a clerk reads it off the report."""
    from bbcs.i18n import MESSAGES

    wanted = asked.strip()
    if wanted.lower() in DRILL_FIGURES:
        return wanted.lower()
    for figure in DRILL_FIGURES:
        english, chinese = MESSAGES.get(f"report.fig.{figure}", ("", ""))
        if wanted in (chinese, english) or wanted.lower() == english.lower():
            return figure
    raise InvalidInput("report.bad_figure", figure=asked, figures=", ".join(DRILL_FIGURES))


def figure_cases(book: Ledger, span: Span, dept: str, figure: str) -> list[dict[str, Any]]:
    """The cases behind one department's figure over ``span``, as ``list --json`` gives
    them: one per case or event counted, so as many as the figure says (SPEC §10)."""
    figure = figure_named(figure)
    code = book.department(dept)
    book.permit_drill(code)
    builder = ReportBuilder(book)
    with builder.queries.snapshot():
        departments, _ = builder.figures(span, cases=True)
        ids: list[str] = next((d["cases"][figure] for d in departments if d["dept"] == code), [])
        distinct = list(dict.fromkeys(ids))
        for case_id in distinct:
            # the cases as ``show`` would give them: a department user sees those it held
            book.permit("show", case_id)
        rows = book.store.case_rows(distinct)
        return [book.case_json(rows[case_id], mask=True) for case_id in ids]


def published(book: Ledger, kind: str, span: Span, version: int | None = None) -> str:
    """The JSON of the report of this kind and period as it was issued: the latest issue,
    or ``version`` (from 1); ``versions`` says how many issues there are now."""
    first, last = _stored_first(kind, span), span.last.isoformat()
    stored = _stored_kind(book, kind)
    found = ReportQueries(book.store).published(stored, first, last, version)
    if found is None:
        if version is not None and ReportQueries(book.store).published_count(stored, first, last):
            raise NotFound("report.no_version", kind=kind, first=first, last=last, version=version)
        raise NotFound("report.not_published", kind=kind, first=first, last=last)
    doc = json.loads(found["body"])
    doc["version"], doc["versions"] = found["version"], found["versions"]
    for totals in (doc.get("totals"), (doc.get("previous") or {}).get("totals"), doc.get("change")):
        if totals is not None:  # issued before bbcs could void a case: none was voided
            totals.setdefault("voided", 0)
            for name in CLOSE_TOTALS:  # issued before the figures of SPEC §10's closes
                totals.setdefault(name, None)
            for name in (*REPEAT_FIGURES, *REFERRAL_TOTALS):  # issued before 并单 and 转办
                totals.setdefault(name, None if totals is doc.get("change") else 0)
    for dept in doc.get("departments", []):
        for name in (*CLOSE_FIGURES, *REPEAT_FIGURES):
            dept.setdefault(name, None if name in RATES else 0)
        if dept.get("change") is not None:
            for name in (*CLOSE_FIGURES, *REPEAT_FIGURES):
                dept["change"].setdefault(name, None)
    return json.dumps(doc, ensure_ascii=False, indent=2)
