"""The SQL of the reports (SPEC §6): a period's figures, aggregated in SQLite.

Every figure is a ``GROUP BY`` over the period's events (found through the
``events_kind_at`` index) joined to the projections the write transaction keeps: the
case row, one ``holds`` row per department hold (received, department due
date, how it ended) and one ``pushbacks`` row per pushback (its ruling and
whether it is charged). Nothing here replays a case or re-derives a rule.

Two small temporary tables feed the queries, filled by the caller for the
period at hand:

- ``report_workdays(day, idx)``: ``idx`` counts the working days up to and
  including ``day``, so the working days after ``a`` up to and including ``b``
  are ``idx(b) - idx(a)``;
- ``report_superseded(case_id, seq)``: system events the projection skips;
  they count in no figure;
- ``report_dept_overdue`` and ``report_case_overdue``: what was overdue at the
  period's end on each clock; ``report_assigned``, ``report_pushbacks`` and
  ``report_closes``: the period's events that several figures read, found once.

Dates are ISO strings. A period is ``first`` to ``last`` inclusive; an event
belongs to the day its stored time names (``substr(at, 1, 10)``), as in the
projection, so ``at >= first AND at < after`` (``after`` = the day after
``last``) picks the period's events through the index.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from bbcs.models import Rating
from bbcs.store import Store

NOT_SUPERSEDED = (
    "NOT EXISTS (SELECT 1 FROM temp.report_superseded s "
    "WHERE s.case_id = e.case_id AND s.seq = e.seq)"
)
IN_PERIOD = "e.at >= :first AND e.at < :after"
# A voided case (SPEC §13) counts in no figure but ``voided``: ``report_voided`` holds them,
# and, in a report of one window of a ledger of several (SPEC §12), the cases held at
# the other windows (a case referred away counts at the sending window only as
# ``referred_out``).
NOT_VOIDED = "{alias} NOT IN (SELECT case_id FROM temp.report_voided)"
EVENT_DAY = "substr(e.at, 1, 10)"
# a link (并单) a supervisor later undid counts in no figure (SPEC §11)
NOT_UNLINKED = (
    "NOT EXISTS (SELECT 1 FROM events u "
    "WHERE u.case_id = e.case_id AND +u.kind = 'unlink' AND u.seq > e.seq)"
)

# The lead department at the time of event ``e``: the last lead hold begun
# before it, if that hold had not yet ended (a closed case keeps its lead for
# its review and its reopening).
LEAD_AT_EVENT = f"""
    (SELECT CASE WHEN h.ended IS NULL OR h.how = 'closed' OR h.ended >= {EVENT_DAY}
                 THEN h.dept END
     FROM holds h
     WHERE h.case_id = e.case_id AND h.role = 'lead' AND h.seq < e.seq
     ORDER BY h.seq DESC, h.n DESC LIMIT 1)
"""

# Whether case ``{alias}`` was suspended at the end of day :last. Only a case
# suspended now, or resumed since, can have been (``report_maybe_suspended``);
# the events of those few are read, no others.
# The unary + keeps SQLite on the (case_id, seq) index: by kind and time it would
# read every suspension in the ledger for each case.
SUSPENDED_AT_END = """
    CASE WHEN {alias} IN (SELECT case_id FROM temp.report_maybe_suspended)
         THEN coalesce((SELECT s.kind FROM events s
                        WHERE s.case_id = {alias} AND +s.kind IN ('suspend', 'resume')
                          AND +s.at < :after
                        ORDER BY s.at DESC, s.seq DESC LIMIT 1), 'resume') = 'suspend'
         ELSE false END
"""

# The period's closes with the lead hold each one ended (NULL when the case
# had no lead: an immediate case closed at the window).
CLOSES = f"""
    SELECT e.case_id, e.seq, {EVENT_DAY} AS day,
           json_extract(e.data, '$.result') AS result,
           (SELECT CASE WHEN h.how = 'closed' AND h.ended = {EVENT_DAY} THEN h.n END
            FROM holds h
            WHERE h.case_id = e.case_id AND h.role = 'lead' AND h.seq < e.seq
            ORDER BY h.seq DESC, h.n DESC LIMIT 1) AS hold_n
    FROM events e
    WHERE e.kind = 'close' AND {IN_PERIOD} AND {NOT_VOIDED.format(alias="e.case_id")}
"""

# Holds given to a department in the period (assign, transfer, pushback --to).
ASSIGNED = f"""
    SELECT h.dept, h.case_id
    FROM events e JOIN holds h ON h.case_id = e.case_id AND h.seq = e.seq
    WHERE e.kind IN ('assign', 'transfer', 'pushback') AND {IN_PERIOD}
      AND {NOT_VOIDED.format(alias="e.case_id")}
"""

# The period's pushbacks as projected, with the ruling each one got, whenever it
# was ruled, and whether it is charged (``rules.pushbacks.charged``).
PUSHBACKS = f"""
    SELECT p.case_id, p.seq, p.dept, coalesce(p.target, 'window') AS target,
           p.verdict, p.charged
    FROM events e JOIN pushbacks p ON p.case_id = e.case_id AND p.seq = e.seq
    WHERE e.kind = 'pushback' AND {IN_PERIOD} AND {NOT_VOIDED.format(alias="e.case_id")}
"""

# The period's closes with everything a figure asks of them: the department
# that closed (and when it received the case, and its due date), the window's
# due date in force at the close, and whether the reporter was reached by :last.
CLOSES_IN_FULL = f"""
    SELECT k.case_id, k.seq, k.day, k.result, h.dept, h.received, h.dept_due,
           coalesce(h.replied, k.day) AS judged, h.replied, x.reopened AS reopens,
           CASE WHEN x.status = 'closed' AND x.round_start <= k.day
                THEN coalesce(x.site_due, x.due_date)
                ELSE (SELECT json_extract(d.data, '$.due_date') FROM events d
                      WHERE d.case_id = k.case_id AND d.seq < k.seq
                        AND json_type(d.data, '$.due_date') = 'text'
                      ORDER BY d.at DESC, d.seq DESC LIMIT 1)
           END AS due,
           CASE WHEN EXISTS (SELECT 1 FROM events v
                   WHERE v.case_id = k.case_id AND v.kind = 'review'
                     AND v.seq > k.seq AND v.at < :after
                     AND json_extract(v.data, '$.rating') IN {{RATED}}) THEN 1 ELSE 0 END
           AS reviewed
    FROM ({CLOSES}) k
    JOIN cases x ON x.id = k.case_id
    LEFT JOIN holds h ON h.case_id = k.case_id AND h.n = k.hold_n
"""

# Lead holds open at the end of :last and past their department due date.
DEPT_OVERDUE = f"""
    SELECT h.dept, h.case_id, h.dept_due,
           (SELECT idx FROM temp.report_workdays WHERE day = :last)
           - (SELECT idx FROM temp.report_workdays WHERE day = h.dept_due) AS days
    FROM holds h
    WHERE (h.ended IS NULL OR h.ended > :last)
      AND h.role = 'lead' AND h.received <= :last AND h.dept_due < :last
      AND (h.replied IS NULL OR h.replied > :last)
      AND NOT {SUSPENDED_AT_END.format(alias="h.case_id")}
      AND {NOT_VOIDED.format(alias="h.case_id")}
"""

# Cases open at the end of :last and past the window's due date (the case clock):
# open now, or closed since (two index ranges, so the closed past is never read).
_CASE_OVERDUE_WHERE = f"""
      c.opened_on <= :last
      AND NOT {SUSPENDED_AT_END.format(alias="c.id")}
      AND {NOT_VOIDED.format(alias="c.id")}
"""
# A case referred to another window is judged there on that window's own due date
# (``site_due``, SPEC §12): never earlier than the reporter's, so the index range on
# ``due_date`` still finds every case overdue on either.
_CASE_DUE = "coalesce(c.site_due, c.due_date)"
CASE_OVERDUE = f"""
    SELECT c.id, {_CASE_DUE} AS due_date,
           (SELECT idx FROM temp.report_workdays WHERE day = :last)
           - (SELECT idx FROM temp.report_workdays WHERE day = {_CASE_DUE}) AS days
    FROM cases c
    WHERE c.status IN ('pending', 'in_progress', 'suspended', 'replied') AND c.due_date < :last
      AND {_CASE_DUE} < :last AND {_CASE_OVERDUE_WHERE}
    UNION ALL
    SELECT c.id, {_CASE_DUE} AS due_date,
           (SELECT idx FROM temp.report_workdays WHERE day = :last)
           - (SELECT idx FROM temp.report_workdays WHERE day = {_CASE_DUE}) AS days
    FROM cases c
    WHERE c.closed_on > :last AND +c.status = 'closed' AND +c.due_date < :last
      AND {_CASE_DUE} < :last AND {_CASE_OVERDUE_WHERE}
"""


def _values(ratings: Iterable[Rating]) -> str:
    return "(" + ", ".join(f"'{r.value}'" for r in ratings) + ")"


RATED = _values(r for r in Rating if r.is_rating)
SATISFIED = _values(r for r in Rating if r.is_satisfied)

# Read by several figures, so found once per period.
PERIOD_TABLES = (
    ("report_assigned", "dept TEXT, case_id TEXT", ASSIGNED),
    (
        "report_pushbacks",
        "case_id TEXT, seq INTEGER, dept TEXT, target TEXT, verdict TEXT, charged INTEGER",
        PUSHBACKS,
    ),
    (
        "report_closes",
        "case_id TEXT, seq INTEGER, day TEXT, result TEXT, dept TEXT, received TEXT, "
        "dept_due TEXT, judged TEXT, replied TEXT, reopens INTEGER, due TEXT, reviewed INTEGER",
        CLOSES_IN_FULL.replace("{RATED}", RATED),
    ),
)


# ------------------------------------------------------------ the figures that count cases
#
# Each figure that counts cases or events (SPEC §10, "every figure drills down to its
# cases") is the rows one query yields for it, (dept, case_id), one row per case or event
# counted, in the order its list shows them: the figure is the number of its rows, so a
# figure and the list behind it cannot disagree. A query of ``FIGURE_ROWS`` serves the
# figures it names: after dept and case_id it has one 0/1 column per figure, and a row
# counts in each figure whose column is 1 (the closes are read once for five figures).
# Period rows are few; each query starts from the period's temp tables or an index range
# (events by kind and time, holds by a date).

# a redo of the closing department's reply before the close; a reopening after it, by :last,
# looked for only in a case reopened at all (``reopens``, its count on the case row)
# (the unary + keeps both on the (case_id, seq) key rather than every redo or reopen by kind)
_REDONE_BEFORE = """EXISTS (SELECT 1 FROM events r
                    WHERE r.case_id = c.case_id AND +r.kind = 'redo' AND r.seq < c.seq
                      AND json_extract(r.data, '$.dept') = c.dept)"""
_REOPENED_AFTER = f"""c.reopens > 0 AND EXISTS (SELECT 1 FROM events e
                     WHERE e.case_id = c.case_id AND +e.kind = 'reopen' AND e.seq > c.seq
                       AND +e.at < :after AND {NOT_SUPERSEDED})"""
# still held and unsigned at the period's end: three disjoint sets, each by an index
# (held and unsigned now; ended since; signed since, still held)
_UNACCEPTED = " UNION ALL ".join(
    f"""SELECT h.dept, h.case_id, h.accept_due FROM holds h INDEXED BY {index}
        WHERE {still} AND h.accept_due < :last AND h.received <= :last
          AND {NOT_VOIDED.format(alias="h.case_id")}"""
    for index, still in (
        ("holds_unsigned", "h.ended IS NULL AND h.accepted IS NULL"),
        ("holds_ended", "h.ended > :last AND (h.accepted IS NULL OR h.accepted > :last)"),
        ("holds_accepted", "h.ended IS NULL AND h.accepted > :last"),
    )
)
# events of one kind in the period, by the department each goes to (NULL when none does:
# ``figure_rows`` leaves those out, which keeps the lead's subquery to one run per event)
_EVENTS_OF = f"""
    SELECT {{dept}} AS dept, e.case_id, {{columns}}
    FROM events e
    WHERE e.kind = '{{kind}}' AND {IN_PERIOD} AND {{where}}
    ORDER BY 1, e.at, e.case_id, e.seq
"""
_ESCALATED_DEPT = f"""CASE
    WHEN json_extract(e.data, '$.rule') = 'pingpong' THEN NULL
    WHEN json_type(e.data, '$.dept') IS NOT NULL THEN json_extract(e.data, '$.dept')
    ELSE {LEAD_AT_EVENT} END"""

FIGURE_ROWS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("assigned",), "SELECT DISTINCT dept, case_id, 1 FROM temp.report_assigned ORDER BY 1, 2"),
    # a case merged after its lead's department due date is a late close for that lead
    (
        ("closed", "resolved", "explained", "withdrawn", "on_time"),
        f"""
        SELECT dept, case_id, closed, resolved, explained, withdrawn, on_time FROM (
            SELECT c.dept, c.case_id, c.day, c.seq, c.result != 'withdrawn' AS closed,
                   c.result = 'resolved' AS resolved, c.result = 'explained' AS explained,
                   c.result = 'withdrawn' AS withdrawn,
                   c.result != 'withdrawn' AND coalesce(c.judged <= c.dept_due, false) AS on_time
            FROM temp.report_closes c
            WHERE c.dept IS NOT NULL
            UNION ALL
            SELECT json_extract(e.data, '$.late_dept'), e.case_id, {EVENT_DAY}, e.seq,
                   true, false, false, false, false
            FROM events e
            WHERE e.kind = 'link' AND {IN_PERIOD} AND {NOT_UNLINKED}
              AND {NOT_VOIDED.format(alias="e.case_id")}
              AND json_type(e.data, '$.late_dept') = 'text'
        ) k
        ORDER BY dept, day, case_id, seq
        """,
    ),
    (
        ("overdue_open",),
        "SELECT dept, case_id, 1 FROM temp.report_dept_overdue ORDER BY dept, days DESC, case_id",
    ),
    (
        ("pushbacks", "pushbacks_charged"),
        "SELECT dept, case_id, 1, charged FROM temp.report_pushbacks ORDER BY dept, case_id, seq",
    ),
    (
        ("pushback_cases",),
        "SELECT DISTINCT dept, case_id, 1 FROM temp.report_pushbacks ORDER BY 1, 2",
    ),
    (
        ("escalations",),
        _EVENTS_OF.format(
            dept=_ESCALATED_DEPT,
            columns="1",
            kind="escalate",
            where=f"{NOT_SUPERSEDED} AND coalesce(json_type(e.data, '$.correction'), 'false') = 'false' "
            f"AND {NOT_VOIDED.format(alias='e.case_id')}",
        ),
    ),
    (
        ("reviewed", "satisfied"),
        _EVENTS_OF.format(
            dept=LEAD_AT_EVENT,
            columns=f"1, json_extract(e.data, '$.rating') IN {SATISFIED}",
            kind="review",
            where=f"json_extract(e.data, '$.rating') IN {RATED} "
            f"AND {NOT_VOIDED.format(alias='e.case_id')}",
        ),
    ),
    (
        ("reopened",),
        _EVENTS_OF.format(
            dept=LEAD_AT_EVENT,
            columns="1",
            kind="reopen",
            where=f"{NOT_SUPERSEDED} AND {NOT_VOIDED.format(alias='e.case_id')}",
        ),
    ),
    # holds whose accept due date falls in the period and that had something to sign for
    (
        ("accepted_on_time", "accept_late"),
        f"""
        SELECT h.dept, h.case_id, coalesce(h.accepted <= h.accept_due, false) AS signed,
               NOT coalesce(h.accepted <= h.accept_due, false)
        FROM holds h
        WHERE h.accept_due >= :first AND h.accept_due <= :last
          AND NOT (h.accepted IS NULL AND h.ended IS NOT NULL AND h.ended <= h.accept_due)
          AND {NOT_VOIDED.format(alias="h.case_id")}
        ORDER BY h.dept, h.accept_due, h.case_id
        """,
    ),
    (
        ("unaccepted",),
        f"SELECT dept, case_id, 1 FROM ({_UNACCEPTED}) u ORDER BY dept, accept_due, case_id",
    ),
    # at most one urge per department, case and day
    (
        ("urged",),
        f"""
        SELECT dept, case_id, 1 FROM (
            SELECT DISTINCT json_extract(e.data, '$.dept') AS dept, e.case_id,
                   {EVENT_DAY} AS day
            FROM events e
            WHERE e.kind = 'urge' AND {IN_PERIOD} AND {NOT_VOIDED.format(alias="e.case_id")}
        ) u ORDER BY dept, day, case_id
        """,
    ),
    (
        ("redone",),
        _EVENTS_OF.format(
            dept="json_extract(e.data, '$.dept')",
            columns="1",
            kind="redo",
            where=NOT_VOIDED.format(alias="e.case_id"),
        ),
    ),
    # the distinct cases a department closed in the period, withdrawn aside, for the rates;
    # 一次办结 when none of its closes of the case followed a redo of its reply or was
    # reopened by the period's end (each close's two tests run once: MATERIALIZED)
    (
        ("closed_cases", "first_time", "reopened_cases"),
        f"""
        WITH k AS MATERIALIZED (
            SELECT c.dept, c.case_id, c.day, {_REDONE_BEFORE} AS redone,
                   {_REOPENED_AFTER} AS reopened
            FROM temp.report_closes c
            WHERE c.dept IS NOT NULL AND c.result != 'withdrawn'
        )
        SELECT dept, case_id, 1, NOT max(redone OR reopened), max(reopened)
        FROM k GROUP BY dept, case_id
        ORDER BY dept, min(day), case_id
        """,
    ),
    # a co-department hold that ended in the period (through the ``holds_ended`` index)
    # with a co due date: late when replied after it, unanswered when a close ended it;
    # holds from before co due dates have none and count in neither figure
    (
        ("co_late", "co_no_reply"),
        f"""
        SELECT h.dept, h.case_id, h.how = 'replied' AND h.ended > h.dept_due, h.how = 'closed'
        FROM holds h
        WHERE h.ended >= :first AND h.ended <= :last AND +h.role = 'co'
          AND h.dept_due IS NOT NULL AND h.how IN ('replied', 'closed')
          AND {NOT_VOIDED.format(alias="h.case_id")}
        ORDER BY h.dept, h.ended, h.case_id
        """,
    ),
    # 并单 (SPEC §11): the period's links, by the lead that held the case; the repeats, by
    # the department that closed the master the matter came back to
    (
        ("merged",),
        _EVENTS_OF.format(
            dept=LEAD_AT_EVENT,
            columns="1",
            kind="link",
            where=f"{NOT_UNLINKED} AND {NOT_VOIDED.format(alias='e.case_id')}",
        ),
    ),
    (
        ("repeats",),
        _EVENTS_OF.format(
            dept="json_extract(e.data, '$.repeat.dept')",
            columns="1",
            kind="link",
            where=f"{NOT_UNLINKED} AND json_type(e.data, '$.repeat.dept') = 'text' "
            f"AND {NOT_VOIDED.format(alias='e.case_id')}",
        ),
    ),
)
# The figures of ``FIGURE_ROWS`` that a report lists (SPEC §10, in its order); the others
# are the rates' terms.
DRILL_FIGURES = (
    "assigned",
    "closed",
    "resolved",
    "explained",
    "withdrawn",
    "on_time",
    "overdue_open",
    "pushbacks",
    "pushbacks_charged",
    "pushback_cases",
    "escalations",
    "reviewed",
    "satisfied",
    "reopened",
    "accepted_on_time",
    "accept_late",
    "unaccepted",
    "urged",
    "redone",
    "first_time",
    "co_late",
    "co_no_reply",
    "merged",
    "repeats",
)

# Working days from the lead's last reply to the close or redo that judged it, for the
# period's closes and redos that followed a reply (the window's review time, SPEC §10).
REVIEW_DAYS = f"""
    SELECT avg(a.idx - b.idx)
    FROM (
        SELECT day, replied FROM temp.report_closes WHERE replied IS NOT NULL
        UNION ALL
        SELECT {EVENT_DAY},
               (SELECT substr(r.at, 1, 10) FROM events r
                WHERE r.case_id = e.case_id AND +r.kind = 'reply' AND r.seq < e.seq
                  AND json_extract(r.data, '$.role') = 'lead'
                ORDER BY r.seq DESC LIMIT 1)
        FROM events e
        WHERE e.kind = 'redo' AND {IN_PERIOD} AND {NOT_VOIDED.format(alias="e.case_id")}
    ) j
    JOIN temp.report_workdays a ON a.day = j.day
    JOIN temp.report_workdays b ON b.day = j.replied
"""


@dataclass(frozen=True)
class Period:
    """The days ``first`` to ``last`` inclusive, and ``after``, the day after ``last``."""

    first: str
    last: str
    after: str

    def params(self) -> dict[str, str]:
        return {"first": self.first, "last": self.last, "after": self.after}


class ReportQueries:
    """The report queries on one open ledger."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db
        self.site: str | None = None  # the window counted (``load_voided``); None: every one
        self.home = ""  # the window whose referrals in and out the totals count

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """One read transaction, so every figure of a report sees the same ledger."""
        self.store.begin_read()
        try:
            yield
        finally:
            self.db.execute("COMMIT")

    # ------------------------------------------------------- helper tables

    def earliest_day(self, period: Period) -> str:
        """The earliest date a working-day count of this period can start from.

        Every date a report counts from (a receipt, an opening, a due date) lies on
        or after the opening of the oldest case; the index answers that at once.
        """
        row = self.db.execute(
            "SELECT CASE WHEN o < :first THEN o ELSE :first END "
            "FROM (SELECT coalesce((SELECT min(opened_on) FROM cases), :first) AS o) f",
            period.params(),
        ).fetchone()
        return str(row[0])

    def load_period(self, period: Period) -> None:
        """Find the period's assignments, pushbacks and closes once (``PERIOD_TABLES``)."""
        for table, columns, query in PERIOD_TABLES:
            self.db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table} ({columns})")
            self.db.execute(f"DELETE FROM temp.{table}")
            self.db.execute(f"INSERT INTO temp.{table} {query}", period.params())

    def load_voided(self, site: str | None = None) -> None:
        """Find the voided cases, which count in no figure (few: read through the kind index),
        and with ``site`` the cases held at the ledger's other windows (SPEC §12)."""
        self.site = site
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS report_voided (case_id TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM temp.report_voided")
        self.db.execute(
            "INSERT INTO temp.report_voided (case_id) "
            "SELECT case_id FROM events WHERE kind = 'void' ON CONFLICT DO NOTHING"
        )
        if site is not None:
            self.db.execute(
                "INSERT INTO temp.report_voided (case_id) "
                "SELECT id FROM cases WHERE site <> ? ON CONFLICT DO NOTHING",
                (site,),
            )

    def load_overdue(self, period: Period) -> None:
        """Find, once per period, the cases overdue at its end on both clocks.

        ``report_maybe_suspended`` holds the cases suspended now or resumed after
        the period: the only ones that can have been suspended at its end.
        """
        for table, columns in (
            ("report_maybe_suspended", "case_id TEXT PRIMARY KEY"),
            ("report_dept_overdue", "dept TEXT, case_id TEXT, days INTEGER"),
            ("report_case_overdue", "id TEXT, due_date TEXT, days INTEGER"),
        ):
            self.db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table} ({columns})")
            self.db.execute(f"DELETE FROM temp.{table}")
        p = period.params()
        self.db.execute(
            "INSERT INTO temp.report_maybe_suspended (case_id) "
            "SELECT id FROM cases WHERE status = 'suspended' "
            "UNION SELECT case_id FROM events WHERE kind = 'resume' AND at >= :after "
            "ON CONFLICT DO NOTHING",
            p,
        )
        self.db.execute(
            "INSERT INTO temp.report_dept_overdue (dept, case_id, days) "
            f"SELECT dept, case_id, days FROM ({DEPT_OVERDUE}) o",
            p,
        )
        self.db.execute(
            "INSERT INTO temp.report_case_overdue (id, due_date, days) "
            f"SELECT id, due_date, days FROM ({CASE_OVERDUE}) o",
            p,
        )

    def load_workdays(self, index: Iterable[tuple[str, int]]) -> None:
        self.db.execute(
            "CREATE TEMP TABLE IF NOT EXISTS report_workdays "
            "(day TEXT PRIMARY KEY, idx INTEGER NOT NULL)"
        )
        self.db.execute("DELETE FROM temp.report_workdays")
        self.db.executemany("INSERT INTO temp.report_workdays (day, idx) VALUES (?, ?)", index)

    def system_event_cases(self, period: Period) -> list[str]:
        """Cases with automatic escalations or reopenings in the period (they may be superseded)."""
        rows = self.db.execute(
            f"SELECT DISTINCT e.case_id FROM events e WHERE {IN_PERIOD} "
            "AND e.actor = 'system' AND e.kind IN ('escalate', 'reopen')",
            period.params(),
        )
        return [r[0] for r in rows]

    def load_superseded(self, events: Iterable[tuple[str, int]]) -> None:
        self.db.execute(
            "CREATE TEMP TABLE IF NOT EXISTS report_superseded "
            "(case_id TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (case_id, seq))"
        )
        self.db.execute("DELETE FROM temp.report_superseded")
        self.db.executemany(
            "INSERT INTO temp.report_superseded (case_id, seq) VALUES (?, ?) ON CONFLICT DO NOTHING",
            events,
        )

    # ------------------------------------------------- department figures

    def figure_rows(self, period: Period) -> dict[str, dict[str, list[str]]]:
        """The cases behind each counting figure of ``FIGURE_ROWS`` (the rates' terms among
        them): per figure, per department, one case id per case or event counted."""
        p = period.params()
        found: dict[str, dict[str, list[str]]] = {}
        for figures, query in FIGURE_ROWS:
            lists = [found.setdefault(figure, {}) for figure in figures]
            for dept, case_id, *counted in self.db.execute(query, p):
                if dept is None:  # an event no department answers for (``_EVENTS_OF``)
                    continue
                for by_dept, counts in zip(lists, counted, strict=True):
                    if counts:
                        by_dept.setdefault(dept, []).append(case_id)
        return found

    def department_figures(self, period: Period) -> dict[str, dict[str, Any]]:
        """Per department code, the figures that are no count of cases (``figure_rows``
        counts those): the average working days of its closes, the rulings of its
        pushbacks and the cases a pushback rate is taken over."""
        figures: dict[str, dict[str, Any]] = {}

        def put(dept: str | None, **values: Any) -> None:
            if dept is not None:
                figures.setdefault(dept, {}).update(values)

        for r in self.db.execute(
            """
            SELECT c.dept, avg(CASE WHEN c.result != 'withdrawn' THEN a.idx - b.idx END)
            FROM temp.report_closes c
            LEFT JOIN temp.report_workdays a ON a.day = c.day
            LEFT JOIN temp.report_workdays b ON b.day = c.received
            WHERE c.dept IS NOT NULL
            GROUP BY c.dept
            """
        ):
            put(r[0], avg_working_days=r[1])
        for r in self.db.execute(
            """
            SELECT dept, sum(verdict IS NOT DISTINCT FROM 'invalid'), sum(verdict IS NOT DISTINCT FROM 'valid')
            FROM temp.report_pushbacks GROUP BY dept
            """
        ):
            put(r[0], pushbacks_invalid=r[1], pushbacks_valid=r[2])
        for r in self.db.execute(
            """
            SELECT dept, count(DISTINCT case_id) FROM (
                SELECT dept, case_id FROM temp.report_assigned
                UNION SELECT dept, case_id FROM temp.report_pushbacks
            ) u GROUP BY dept
            """
        ):
            put(r[0], pushback_base=r[1])
        return figures

    # ------------------------------------------- departments in the loop (SPEC §10)

    def solved_figures(self, period: Period) -> dict[str, dict[str, Any]]:
        """Per department, the call-backs that asked whether the matter was solved and those
        answered yes (a call-back of a case no department led goes to ``window``)."""
        figures: dict[str, dict[str, Any]] = {}
        for r in self.db.execute(
            f"""
            SELECT {LEAD_AT_EVENT} AS dept, count(*), sum(json_extract(e.data, '$.solved') = 'yes')
            FROM events e
            WHERE e.kind = 'review' AND {IN_PERIOD}
              AND json_type(e.data, '$.solved') = 'text' AND {NOT_VOIDED.format(alias="e.case_id")}
            GROUP BY 1
            """,
            period.params(),
        ):
            figures[r[0] or "window"] = {"solved_asked": r[1], "solved": r[2]}
        return figures

    def redone_cases(self, period: Period) -> list[tuple[str, str]]:
        """(department, case) for each redo of the period, in time order (SPEC §10)."""
        rows = self.db.execute(
            f"SELECT json_extract(e.data, '$.dept'), e.case_id FROM events e "
            f"WHERE e.kind = 'redo' AND {IN_PERIOD} AND {NOT_VOIDED.format(alias='e.case_id')} "
            "ORDER BY e.at, e.case_id, e.seq",
            period.params(),
        )
        return [(r[0], r[1]) for r in rows]

    def ignored_urges(self, period: Period) -> list[tuple[str, int]]:
        """(case, seq) of the written urges whose breach day can fall in the period (SPEC §10):
        made by its end, on cases open at its start or closed since; ``rules.urges``
        replays each to tell whether it was ignored, and when."""
        rows = self.db.execute(
            "SELECT e.case_id, e.seq FROM events e JOIN cases c ON c.id = e.case_id "
            "WHERE e.kind = 'urge' AND e.at < :after "
            "AND json_extract(e.data, '$.how') = 'written' "
            "AND (c.closed_on IS NULL OR c.closed_on >= :first) AND c.result IS DISTINCT FROM 'void' "
            "ORDER BY e.case_id, e.seq",
            period.params(),
        )
        return [(str(r[0]), int(r[1])) for r in rows]

    def pushback_matrix(self, period: Period) -> dict[str, dict[str, int]]:
        """Pushbacks per pushing department and target (``window`` for back to the window)."""
        matrix: dict[str, dict[str, int]] = {}
        for r in self.db.execute(
            "SELECT dept, target, count(*) FROM temp.report_pushbacks GROUP BY dept, target "
            "ORDER BY dept, target",
        ):
            matrix.setdefault(r[0], {})[r[1]] = r[2]
        return matrix

    # ------------------------------------------- the cases behind a figure

    def late_cases(self, period: Period) -> list[tuple[str, str]]:
        """(department, case) for the period's closes after the department due date, and
        its cases merged after it (SPEC §11)."""
        rows = self.db.execute(
            "SELECT dept, case_id FROM temp.report_closes "
            "WHERE dept IS NOT NULL AND result != 'withdrawn' AND NOT (judged <= dept_due) "
            "UNION SELECT json_extract(e.data, '$.late_dept'), e.case_id FROM events e "
            f"WHERE e.kind = 'link' AND {IN_PERIOD} AND {NOT_UNLINKED} "
            f"AND {NOT_VOIDED.format(alias='e.case_id')} "
            "AND json_type(e.data, '$.late_dept') = 'text' "
            "ORDER BY 1, 2",
            period.params(),
        )
        return [(r[0], r[1]) for r in rows]

    def overdue_holds(self, period: Period) -> list[tuple[str, str, int]]:
        """(department, case, working days overdue) for lead holds overdue at the period's end."""
        rows = self.db.execute(
            "SELECT dept, case_id, days FROM temp.report_dept_overdue "
            "ORDER BY dept, days DESC, case_id",
        )
        return [(r[0], r[1], int(r[2] or 0)) for r in rows]

    def charged_cases(self, period: Period) -> list[tuple[str, str]]:
        """(department, case) for the period's pushbacks not ruled valid."""
        rows = self.db.execute(
            "SELECT DISTINCT dept, case_id FROM temp.report_pushbacks "
            "WHERE charged != 0 ORDER BY dept, case_id"
        )
        return [(r[0], r[1]) for r in rows]

    # ------------------------------------------------------ window totals

    def totals(self, period: Period) -> dict[str, Any]:
        """The window's raw counts on the case clock."""
        p = period.params()
        opened = self.db.execute(
            f"SELECT count(*) FROM events e WHERE e.kind = 'open' AND {IN_PERIOD} "
            f"AND {NOT_VOIDED.format(alias='e.case_id')}",
            p,
        ).fetchone()[0]
        voided = self.db.execute(
            f"SELECT count(*) FROM events e JOIN cases c ON c.id = e.case_id "
            f"WHERE e.kind = 'void' AND {IN_PERIOD} AND c.site = coalesce(:site, c.site)",
            {**p, "site": self.site},
        ).fetchone()[0]
        referred = self.db.execute(
            f"SELECT sum(json_extract(e.data, '$.to_site') = :site), "
            f"sum(json_extract(e.data, '$.from_site') = :site) "
            f"FROM events e WHERE e.kind = 'refer' AND {IN_PERIOD}",
            {**p, "site": self.home},
        ).fetchone()
        closes = self.db.execute(
            """
            SELECT sum(result != 'withdrawn'),
                   sum(result = 'resolved'),
                   sum(result = 'explained'),
                   sum(result = 'withdrawn'),
                   sum(result != 'withdrawn' AND day <= due),
                   sum(result != 'withdrawn' AND reviewed = 1)
            FROM temp.report_closes
            """
        ).fetchone()
        dispatch = self.db.execute(
            f"""
            SELECT avg(a.idx - b.idx)
            FROM events e
            JOIN cases c ON c.id = e.case_id
            LEFT JOIN temp.report_workdays a ON a.day = {EVENT_DAY}
            LEFT JOIN temp.report_workdays b ON b.day = c.opened_on
            WHERE e.kind = 'assign' AND {IN_PERIOD}
              AND {NOT_VOIDED.format(alias="e.case_id")}
              AND NOT EXISTS (SELECT 1 FROM events f
                              WHERE f.case_id = e.case_id AND f.kind = 'assign' AND f.seq < e.seq)
            """,
            p,
        ).fetchone()[0]
        reviews = self.db.execute(
            f"""
            SELECT count(*), sum(json_extract(e.data, '$.rating') IN {SATISFIED})
            FROM events e
            WHERE e.kind = 'review' AND {IN_PERIOD} AND json_extract(e.data, '$.rating') IN {RATED}
              AND {NOT_VOIDED.format(alias="e.case_id")}
            """,
            p,
        ).fetchone()
        review_days = self.db.execute(REVIEW_DAYS, p).fetchone()[0]
        overdue = self.db.execute("SELECT count(*) FROM temp.report_case_overdue").fetchone()[0]
        pushbacks = self.db.execute("SELECT count(*) FROM temp.report_pushbacks").fetchone()[0]
        links = self.db.execute(
            f"SELECT count(*), sum(json_type(e.data, '$.repeat') = 'object') FROM events e "
            f"WHERE e.kind = 'link' AND {IN_PERIOD} AND {NOT_UNLINKED} "
            f"AND {NOT_VOIDED.format(alias='e.case_id')}",
            p,
        ).fetchone()
        return {
            "opened": opened,
            "closed": closes[0] or 0,
            "resolved": closes[1] or 0,
            "explained": closes[2] or 0,
            "withdrawn": closes[3] or 0,
            "on_time": closes[4] or 0,
            "reviewed_closes": closes[5] or 0,
            "avg_dispatch_days": dispatch,
            "avg_review_days": review_days,
            "reviewed": reviews[0] or 0,
            "satisfied": reviews[1] or 0,
            "overdue_open": overdue,
            "pushbacks": pushbacks,
            "voided": voided,
            "merged": links[0] or 0,
            "repeats": links[1] or 0,
            "referred_in": referred[0] or 0,
            "referred_out": referred[1] or 0,
        }

    def days(self, period: Period) -> list[tuple[str, int, int]]:
        """(day, cases opened, cases closed) for each day of the period with either."""
        rows = self.db.execute(
            f"""
            SELECT {EVENT_DAY} AS day,
                   sum(e.kind = 'open'),
                   sum(e.kind = 'close' AND json_extract(e.data, '$.result') != 'withdrawn')
            FROM events e
            WHERE e.kind IN ('open', 'close') AND {IN_PERIOD}
              AND {NOT_VOIDED.format(alias="e.case_id")}
            GROUP BY 1 ORDER BY 1
            """,
            period.params(),
        )
        return [(r[0], r[1], r[2]) for r in rows]

    # ---------------------------------------------------------- case lists

    def overdue_cases(self, period: Period) -> list[dict[str, Any]]:
        """The cases overdue at the end of ``period.last``, most overdue first."""
        rows = self.db.execute(
            """
            SELECT c.id, c.status, c.summary, c.category, c.reporter, c.phone, c.company,
                   c.lead_dept, c.co_depts, c.escalation, c.opened_at, c.due_date,
                   c.dept_due_date, c.pushbacks, o.days AS overdue_days
            FROM temp.report_case_overdue o JOIN cases c ON c.id = o.id
            ORDER BY o.days DESC, o.due_date, o.id
            """
        )
        cases = []
        for r in rows:
            case = dict(r)
            case["co_depts"] = json.loads(case["co_depts"])
            case["overdue_days"] = int(case["overdue_days"] or 0)
            cases.append(case)
        return cases

    def overdue_candidates(self, period: Period) -> list[str]:
        """The cases that can have been open at the end of ``period.last``: opened by then
        and open now, or closed since (two index ranges; the closed past is never read)."""
        rows = self.db.execute(
            "SELECT id FROM cases WHERE status IN ('pending', 'in_progress', 'suspended') "
            "AND opened_on <= :last "
            "UNION SELECT id FROM cases WHERE closed_on > :last AND opened_on <= :last "
            "AND result != 'void'",
            period.params(),
        )
        return [str(r[0]) for r in rows]

    def closed_cases(self, period: Period) -> list[dict[str, Any]]:
        """The cases closed in the period as they stand, with every department that held them."""
        rows = self.db.execute(
            f"""
            SELECT c.id, c.category, c.summary, c.lead_dept, c.co_depts, c.pushbacks,
                   c.result, c.resolution, c.closed_on, c.round_start, c.cause,
                   (SELECT group_concat(dept, ',') FROM (
                        SELECT dept FROM holds WHERE case_id = c.id
                        GROUP BY dept ORDER BY min(n)) d) AS departments,
                   a.idx - b.idx AS working_days_taken
            FROM cases c
            LEFT JOIN temp.report_workdays a ON a.day = c.closed_on
            LEFT JOIN temp.report_workdays b ON b.day = c.round_start
            WHERE c.status = 'closed' AND c.closed_on >= :first AND c.closed_on <= :last
              AND c.result NOT IN ('void', 'merged') AND {NOT_VOIDED.format(alias="c.id")}
            ORDER BY c.category IS NULL, c.category, c.closed_on, c.id
            """,
            period.params(),
        )
        cases = []
        for r in rows:
            case = dict(r)
            case["co_depts"] = json.loads(case["co_depts"])
            case["departments"] = case["departments"].split(",") if case["departments"] else []
            cases.append(case)
        return cases

    def cause_rows(
        self, period: Period
    ) -> tuple[list[tuple[str, str | None, str | None, str]], int]:
        """The cases closed in the period with a cause (常态建设, SPEC §11): (cause, category,
        lead department, id), oldest close first; and how many closed with none recorded.
        Void and merged cases are no matter of their own; withdrawn ones count when a
        cause was recorded."""
        rows = self.db.execute(
            f"""
            SELECT c.cause, c.category, c.lead_dept, c.id
            FROM cases c
            WHERE c.status = 'closed' AND c.closed_on >= :first AND c.closed_on <= :last
              AND c.result NOT IN ('void', 'merged') AND {NOT_VOIDED.format(alias="c.id")}
            ORDER BY c.closed_on, c.id
            """,
            period.params(),
        ).fetchall()
        found = [(str(r[0]), r[1], r[2], str(r[3])) for r in rows if r[0] is not None]
        return found, len(rows) - len(found)

    # ----------------------------------------------------------- published

    def publish(
        self, kind: str, first: str, last: str, body: str, head: str, at: str, actor: str
    ) -> None:
        self.store.insert_recorded(
            "published",
            "INSERT INTO published (kind, period_from, period_to, body, head, at, actor) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (kind, first, last, body, head, at, actor),
        )

    def published(
        self, kind: str, first: str, last: str, version: int | None = None
    ) -> Mapping[str, Any] | None:
        """One issue of the report of this kind and period (the latest unless ``version``,
        counted from 1), with ``versions``, how many there are; None if there is none."""
        issues = self.published_count(kind, first, last)
        wanted = issues if version is None else version
        if not 1 <= wanted <= issues:
            return None
        row = self.db.execute(
            "SELECT body, head, at, actor FROM published "
            "WHERE kind = ? AND period_from = ? AND period_to = ? ORDER BY id LIMIT 1 OFFSET ?",
            (kind, first, last, wanted - 1),
        ).fetchone()
        return {**dict(row), "version": wanted, "versions": issues}

    def published_count(self, kind: str, first: str, last: str) -> int:
        """How many times the report of this kind and period has been published."""
        row = self.db.execute(
            "SELECT count(*) FROM published WHERE kind = ? AND period_from = ? AND period_to = ?",
            (kind, first, last),
        ).fetchone()
        return int(row[0])
