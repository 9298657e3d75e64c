"""CSV ledgers (SPEC §7): the cases file and the events file, out and back in.

Export streams the ledger's cursor into a temporary file beside the destination,
readable and writable by owner and group only, and renames it into place, so a
reader never sees half a file. Cells a spreadsheet would run as a formula get a
leading ``'``; import takes it off again, so export → import → export gives the
same bytes.

Import reads the file once, in batches, inside one ``BEGIN IMMEDIATE`` transaction:
each row is checked and, while every row so far is good, written. Any bad row, any
department not registered, any conflicting history rolls the whole transaction
back, so the ledger is exactly as it was; ``--dry-run`` always rolls back. Memory
holds one batch, never the file.

- A cases row becomes the events that give its status, at the row's own times:
  ``open`` (with the row's counts, escalation and kept rating as a ``baseline``),
  ``assign`` when it has a lead, ``suspend``, ``close``, ``review`` when rated, and for
  a ``replied`` case (待审核) the lead's ``reply`` with the row's result and resolution
  (the reply's time is not in a cases file: it is recorded at the opening, as the
  assign is, and judged neither on time nor late).
- An events row is stored as given (seq, time, people, data, hash), once its hash
  is checked; an event already held (same case and seq, same hash) is skipped, a
  different one is a conflicting history. The cases it touched are then replayed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from bbcs import clock, fields
from bbcs.errors import Conflict, InvalidInput, NotFound
from bbcs.files import Replacement
from bbcs.i18n import FIELDS, shipped_causes, t
from bbcs.ledger import Ledger
from bbcs.models import (
    Channel,
    Complexity,
    Escalation,
    EventKind,
    Labelled,
    Rating,
    Result,
    Status,
)
from bbcs.projection import CASE_FIELDS, OPEN_FIELDS, CaseState, Event, project
from bbcs.rules import deadlines, lifecycle, replies
from bbcs.spreadsheet import cell, unguard
from bbcs.store import canonical_json
from bbcs.text_files import encoding_of

EVENT_FIELDS = ("case_id", "seq", "kind", "at", "actor", "os_user", "data", "hash")
MAX_SHOWN = 20  # bad rows listed before the count
BATCH = 2000  # rows checked and written together
CO_SEPARATORS = re.compile(r"[;；、]")
_SUSPENDED_BY_IMPORT = {"reason": "imported from a cases file"}

_KINDS = frozenset(kind.value for kind in EventKind)

# the events that name departments, and where
_DEPT_KEYS = {
    "assign": ("lead", "co"),
    "transfer": ("from", "to"),
    "pushback": ("by", "to"),
    "escalate": ("dept",),
}

Progress = Callable[[int], None]
EventRow = tuple[str, int, str, str, str, str, str, str]  # as the events table holds it


# ------------------------------------------------------------------ cells


def event_hash(
    case_id: str, seq: int, kind: str, at: str, actor: str, os_user: str, data_json: str
) -> str:
    """``store.content_hash`` from the data's canonical JSON, without encoding it again.

    The canonical JSON of the hashed body has sorted keys, so it can be put together
    around ``data_json``; tests check it against ``content_hash``.
    """
    text = (
        f'{{"actor":{_string(actor)},"at":{_string(at)},"case_id":{_string(case_id)},'
        f'"data":{data_json},"kind":{_string(kind)},"os_user":{_string(os_user)},"seq":{seq:d}}}'
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _string(text: str) -> str:
    """``text`` as JSON; plain printable text needs no escaping, and is most text."""
    if text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    return json.dumps(str(text), ensure_ascii=False)


# ------------------------------------------------------------------ export


@dataclass(frozen=True)
class Exported:
    path: Path
    rows: int
    events: bool


def export(
    ledger: Ledger,
    path: Path,
    *,
    events: bool = False,
    opened_from: date | None = None,
    opened_to: date | None = None,
    headers_zh: bool = False,
    unmask: bool = False,
) -> Exported:
    """Write the cases (or their whole event histories) opened in the period to ``path``."""
    ledger._permit("export events" if events else "export")
    if unmask:
        ledger._permit("unmask")
    store = ledger.store
    low = opened_from.isoformat() if opened_from else None
    high = opened_to.isoformat() if opened_to else None
    if headers_zh and events:
        raise InvalidInput("export.events_headers")
    count = 0
    # the file is prepared first: a missing folder or a ledger in the way is refused
    # before anything is recorded, and the audit row commits with the rename or not at all
    with Replacement(path, ledger=store.path) as target:
        writer = csv.writer(target.text_stream(), lineterminator="\r\n")
        if events:
            writer.writerow(EVENT_FIELDS)
            for event in store.iter_event_rows(low, high):
                writer.writerow([cell(value) for value in event])
                count += 1
        else:
            writer.writerow([FIELDS[name][1] if headers_zh else name for name in CASE_FIELDS])
            phone = CASE_FIELDS.index("phone")
            for values in store.iter_case_cells(low, high):
                if not unmask:
                    masked = fields.mask_phone(values[phone])
                    values = (*values[:phone], masked, *values[phone + 1 :])
                if headers_zh:
                    values = tuple(
                        _in_chinese(n, v) for n, v in zip(CASE_FIELDS, values, strict=True)
                    )
                writer.writerow([cell(value) for value in values])
                count += 1
        if not (unmask or events):
            target.finish()
            return Exported(path, count, events)
        # phone numbers leave the ledger: say who took them, when and where to
        detail = {"file": str(path), "events": events, "from": low, "to": high}
        with store.write():
            store.add_audit(
                clock.iso(ledger.now),
                ledger.actor,
                ledger.os_user,
                "export.events" if events else "export.unmask",
                canonical_json(detail),
            )
            target.finish()
    return Exported(path, count, events)


# the columns a Chinese export writes as their Chinese labels (import reads either)
ENUM_COLUMNS: dict[str, type[Labelled]] = {
    "status": Status,
    "channel": Channel,
    "complexity": Complexity,
    "escalation": Escalation,
    "result": Result,
    "rating": Rating,
}
BOOLEAN_COLUMNS = {"due_provisional": {"true": "是", "false": "否"}}


def _in_chinese(name: str, value: object) -> object:
    """A case cell as a Chinese export writes it: enumerations and yes/no by their labels."""
    if name in ENUM_COLUMNS and isinstance(value, str):
        member = ENUM_COLUMNS[name].parse(value)
        return member.zh if member is not None else value
    if name in BOOLEAN_COLUMNS and isinstance(value, str):
        return BOOLEAN_COLUMNS[name].get(value, value)
    if name == "cause" and isinstance(value, str):  # an office's own cause: its code
        return shipped_causes().get(value, value)
    return value


# ------------------------------------------------------------------ import


@dataclass(frozen=True)
class Imported:
    shape: str  # "cases" or "events"
    added: int  # cases (cases shape) or events (events shape) added
    skipped: int  # already in the ledger
    cases: int  # cases whose rows were written
    dry_run: bool


class BadRows(InvalidInput):
    """The file's bad rows (up to ``MAX_SHOWN``), their count, and unregistered departments."""

    def __init__(self, problems: list[tuple[int, str, str]], count: int, missing: list[str]):
        super().__init__("import.bad_count", count=count)
        self.problems = problems
        self.count = count
        self.missing = missing

    def __str__(self) -> str:
        lines = [
            t("import.problem", line=line, column=column, problem=problem)
            if column
            else t("import.problem_row", line=line, problem=problem)
            for line, column, problem in self.problems
        ]
        if self.count:
            lines.append(t("import.bad_count", count=self.count))
        if self.missing:
            lines.append(t("import.missing_depts", depts=", ".join(self.missing)))
        return "\n".join(lines)


class _Cell(Exception):
    """A bad row: each bad cell's field and what is wrong with it (a sentence)."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(problem)
        self.cells = [(name, problem)]


class _Cells(_Cell):
    """A bad row with several bad cells."""

    def __init__(self, cells: list[tuple[str, str]]) -> None:
        super().__init__(*cells[0])
        self.cells = cells


class _DryRun(Exception):
    """Raised inside the transaction to roll back a dry run."""


class _Report:
    def __init__(self) -> None:
        self.problems: list[tuple[int, str, str]] = []
        self.count = 0
        self.missing: dict[str, None] = {}  # ordered set

    def add(self, line: int, column: str, problem: str) -> None:
        """One bad row, with one problem."""
        self.add_problems(line, [(column, problem)])

    def add_row(self, line: int, bad: _Cell, header: Callable[[str], str]) -> None:
        """One bad row, with every problem found in it (each shown on a line of its own)."""
        self.add_problems(line, [(header(name), problem) for name, problem in bad.cells])

    def add_problems(self, line: int, problems: list[tuple[str, str]]) -> None:
        """Every problem of one bad row; the first ``MAX_SHOWN`` bad rows are shown whole."""
        self.count += 1
        if self.count <= MAX_SHOWN:
            self.problems.extend((line, column, problem) for column, problem in problems)

    @property
    def clean(self) -> bool:
        return not self.count and not self.missing

    def raise_if_bad(self) -> None:
        if self.clean:
            return
        if not self.count:
            raise NotFound("import.missing_depts", depts=", ".join(self.missing))
        raise BadRows(self.problems, self.count, list(self.missing))


def import_file(
    ledger: Ledger, path: Path, *, dry_run: bool = False, progress: Progress | None = None
) -> Imported:
    """Import a cases or events file, all or nothing (see the module's docstring)."""
    encoding = encoding_of(path)
    store = ledger.store
    result: Imported | None = None
    try:
        with store.write(), path.open("rb") as raw:
            text = io.TextIOWrapper(raw, encoding=encoding, newline="")
            records = _records(path, text)
            header = next(records, None)
            if header is None:
                raise InvalidInput("import.empty", path=str(path))
            reader = _Reader(raw, progress)
            names = [name.strip().lstrip("\ufeff") for name in header[1]]
            while names and not names[-1]:
                names.pop()  # a spreadsheet's empty trailing columns
            if sorted(n.lower() for n in names) == sorted(EVENT_FIELDS):
                ledger._permit("import events")
                result = _EventsImport(ledger, names, dry_run).run(reader.each(records))
            else:
                ledger._permit("import")
                columns = _case_columns(path, names)
                result = _CasesImport(ledger, names, columns, dry_run).run(reader.each(records))
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except UnicodeDecodeError:
        raise InvalidInput("import.encoding", path=str(path)) from None
    assert result is not None
    return result


def _records(path: Path, text: TextIO) -> Iterator[tuple[int, list[str]]]:
    """The file's records with the line each starts on; blank lines are skipped."""
    reader = csv.reader(text)
    line = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise InvalidInput(
                "import.bad_csv", path=str(path), line=reader.line_num, reason=str(error)
            ) from None
        if any(value.strip() for value in record):
            yield line, record
        line = reader.line_num + 1


class _Reader:
    """Records in batches, telling ``progress`` how far into the file it is."""

    def __init__(self, raw: io.BufferedReader, progress: Progress | None) -> None:
        self.raw = raw
        self.progress = progress

    def each(
        self, records: Iterator[tuple[int, list[str]]]
    ) -> Iterator[list[tuple[int, list[str]]]]:
        batch: list[tuple[int, list[str]]] = []
        for record in records:
            batch.append(record)
            if len(batch) == BATCH:
                yield batch
                batch = []
                if self.progress is not None:
                    self.progress(self.raw.tell())
        if batch:
            yield batch
        if self.progress is not None:
            self.progress(self.raw.tell())


def _case_columns(path: Path, names: list[str]) -> dict[str, int]:
    """Which column holds which case field, from English or Chinese headers."""
    known: dict[str, str] = {}
    for name in CASE_FIELDS:
        en, zh = FIELDS[name]
        known[name] = known[en.lower()] = known[zh] = name
    columns: dict[str, int] = {}
    unknown: list[str] = []
    for index, header in enumerate(names):
        field = known.get(header.lower().replace(" ", "_")) or known.get(header)
        if field is None:
            if header:
                unknown.append(header)
            continue
        if field in columns:
            raise InvalidInput("import.duplicate_column", path=str(path), column=header)
        columns[field] = index
    if unknown:
        raise InvalidInput("import.unknown_columns", path=str(path), columns=", ".join(unknown))
    lacking = [FIELDS[n][0] for n in ("summary", "reporter", "opened_at") if n not in columns]
    if lacking:
        raise InvalidInput("import.missing_columns", path=str(path), columns=", ".join(lacking))
    return columns


def _cells(record: list[str], columns: dict[str, int], width: int) -> dict[str, str]:
    """One record's cells by field name, unguarded; a field the file lacks is empty."""
    if len(record) > width and any(value.strip() for value in record[width:]):
        raise _Cell("", t("import.too_many_cells", count=len(record), expected=width))
    return {
        name: unguard(record[index]) if index < len(record) else ""
        for name, index in columns.items()
    }


class _CasesImport:
    """Cases rows into events and case rows (see the module's docstring)."""

    def __init__(
        self, ledger: Ledger, names: list[str], columns: dict[str, int], dry_run: bool
    ) -> None:
        from bbcs import import_rows  # pydantic: only an import of cases pays for it

        self.rows = import_rows
        self.ledger = ledger
        self.store = ledger.store
        self.names = names
        self.columns = columns
        self.width = len(names)
        self.dry_run = dry_run
        self.report = _Report()
        self.site = ledger.site
        self.now = ledger.now
        self.due_dates: dict[tuple[date, int], tuple[str, bool]] = {}
        self.limits = {level.value: ledger.policy.limit(level) for level in Complexity}
        self.co_limit = ledger.policy.whole("limits.co")
        self.depts: dict[str, str] = {}
        for dept in self.store.departments():
            self.depts[dept.code] = dept.code
            self.depts[dept.name] = dept.code
        self.added = 0
        self.skipped = 0

    def run(self, batches: Iterator[list[tuple[int, list[str]]]]) -> Imported:
        for batch in batches:
            self._batch(batch)
        self.report.raise_if_bad()
        return Imported("cases", self.added, self.skipped, self.added, self.dry_run)

    def _batch(self, batch: list[tuple[int, list[str]]]) -> None:
        parsed: list[tuple[int, dict[str, Any]]] = []
        for line, record in batch:
            try:
                parsed.append((line, self._values(_cells(record, self.columns, self.width))))
            except _Cell as bad:
                self.report.add_row(line, bad, self._header)
        given = [v["id"] for _, v in parsed if v["id"]]
        held: dict[str, dict[str, Any] | CaseState] = dict(self.store.case_rows(given))
        self._count_past_local_ids(given)
        accepted: list[tuple[dict[str, Any], tuple[list[EventRow], CaseState] | None]] = []
        for line, values in parsed:
            case_id = values["id"]
            if case_id in held:
                was = held[case_id]
                row = was.row() if isinstance(was, CaseState) else was
                if self._synthesize(case_id, values)[1].row() == {n: row[n] for n in CASE_FIELDS}:
                    self.skipped += 1
                else:
                    problem = t("import.exists_different", case=case_id)
                    self.report.add(line, self._header("id"), problem)
                continue
            if not self.report.clean:
                continue  # nothing will be written: only look for more bad rows
            if case_id is None:
                accepted.append((values, None))
            else:
                synthesized = self._synthesize(case_id, values)
                held[case_id] = synthesized[1]
                accepted.append((values, synthesized))
        if not self.report.clean:
            return
        self._number([values for values, made in accepted if made is None])
        events: list[EventRow] = []
        states = []
        for values, made in accepted:
            rows, state = made or self._synthesize(values["id"], values)
            events.extend(rows)
            states.append(state)
        self.store.append_given_events(events)
        self.store.add_new_cases(states)
        self.added += len(states)

    def _number(self, unnumbered: list[dict[str, Any]]) -> None:
        """New ids, in the file's order, for rows that have none (site, year of opening)."""
        by_year: dict[int, list[dict[str, Any]]] = {}
        for values in unnumbered:
            by_year.setdefault(values["opened_at"].year, []).append(values)
        for year, rows in by_year.items():
            first = self.store.next_case_numbers(self.site, year, len(rows))
            if first + len(rows) - 1 > fields.MAX_CASE_NUMBER:
                raise Conflict("import.ids_exhausted", site=self.site, year=year)
            for number, values in enumerate(rows, start=first):
                values["id"] = f"{self.site}-{year}-{number:06d}"

    def _header(self, name: str) -> str:
        """The column as the file names it (the field's name when the file lacks it)."""
        if not name:
            return ""
        index = self.columns.get(name)
        return FIELDS[name][0] if index is None else self.names[index]

    def _count_past_local_ids(self, case_ids: list[str]) -> None:
        """Move this site's counters past the ids the file gives, so new ids never collide."""
        highest: dict[int, int] = {}
        for case_id in case_ids:
            site, year, number = case_id.split("-")
            if site == self.site:
                highest[int(year)] = max(highest.get(int(year), 0), int(number))
        for year_opened, last in highest.items():
            self.store.raise_case_number(self.site, year_opened, last)

    def _dept(self, text: str) -> str:
        wanted = text.strip()
        code = self.depts.get(wanted.upper()) or self.depts.get(wanted)
        if code is None:
            self.report.missing[wanted] = None
            return wanted
        return code

    def _departments_named(self, cells: dict[str, str]) -> None:
        """Note the unregistered departments a row names, as lead or co-department."""
        lead = cells.get("lead_dept", "")
        for text in [lead, *CO_SEPARATORS.split(cells.get("co_depts", ""))]:
            if text.strip():
                self._dept(text)

    def _values(self, cells: dict[str, str]) -> dict[str, Any]:
        """The row's case fields, checked (``import_rows.CaseRow``) and in the ledger's own form."""
        try:
            v = dict(self.rows.CaseRow.read(cells, self.now, self.ledger.policy.values))
        except self.rows.ValidationError as error:
            self._departments_named(cells)  # every unregistered one, in bad rows too
            raise _Cells(self.rows.problems(error)) from None
        lead = v["lead_dept"].strip()
        v["lead_dept"] = self._dept(lead) if lead else None
        named = [self._dept(text) for text in CO_SEPARATORS.split(v["co_depts"]) if text.strip()]
        v["co_depts"] = lifecycle.co_departments(v["lead_dept"], named)
        if v["status"] is None:
            v["status"] = self._status_of(v)
        self._consistent(v)
        return v

    @staticmethod
    def _status_of(v: dict[str, Any]) -> str:
        """The status a row without one implies: closed once closed, in progress with a lead."""
        if v["closed_at"] is not None:
            return Status.CLOSED.value
        return (Status.IN_PROGRESS if v["lead_dept"] else Status.PENDING).value

    @staticmethod
    def _consistent(v: dict[str, Any]) -> None:
        """Every way the row's status disagrees with its other cells, all at once."""
        status = v["status"]
        cells: list[tuple[str, str]] = []
        if status == Status.PENDING and v["lead_dept"]:
            cells.append(("lead_dept", t("import.pending_with_lead")))
        if status == Status.IN_PROGRESS and not v["lead_dept"]:
            cells.append(("lead_dept", t("import.needs_lead")))
        if status == Status.REPLIED:
            if not v["lead_dept"]:
                cells.append(("lead_dept", t("import.replied_needs", field="lead_dept")))
            for name in ("result", "resolution"):
                if v[name] is None:
                    cells.append((name, t("import.replied_needs", field=name)))
            if v["result"] is not None and Result(v["result"]) not in replies.REPLY_RESULTS:
                cells.append(("result", t("reply.result", result=v["result"])))
            if v["closed_at"] is not None:
                cells.append(("closed_at", t("import.not_closed", field="closed_at")))
        elif status == Status.CLOSED:
            for name in ("closed_at", "result"):
                if v[name] is None:
                    cells.append((name, t("import.closed_needs", field=name)))
            if v["result"] == Result.MERGED:  # its master is not in a cases file (SPEC §11)
                cells.append(("result", t("import.merged")))
        else:
            for name in ("closed_at", "result", "resolution", "cause"):
                if v[name] is not None:
                    cells.append((name, t("import.not_closed", field=name)))
        if cells:
            raise _Cells(cells)

    def _synthesize(self, case_id: str, v: dict[str, Any]) -> tuple[list[EventRow], CaseState]:
        """The events that give the row its status, and the case state they project to."""
        opened: datetime = v["opened_at"]
        day = opened.date()
        limit = self.limits[v["complexity"]]
        data: dict[str, Any] = {name: v[name] for name in OPEN_FIELDS}
        data["limit"] = limit
        if v["due_date"] is not None:
            data["due_date"], data["provisional"] = v["due_date"], v["due_provisional"]
        else:
            data["due_date"], data["provisional"] = self._due(day, limit)
        baseline: dict[str, Any] = {
            "pushbacks": v["pushbacks"],
            "lead_pushbacks": v["pushbacks"],
            "extensions": v["extensions"],
            "reopened": v["reopened"],
            "escalation": v["escalation"],
        }
        closed = v["status"] == Status.CLOSED
        if v["rating"] is not None and not closed and Rating(v["rating"]).is_rating:
            baseline["rating"] = v["rating"]  # kept from before a reopening
        if v["co_depts"] and not v["lead_dept"]:
            baseline["co_depts"] = v["co_depts"]
        if v["dept_due_date"] is not None and not v["lead_dept"]:
            data["dept_due_date"] = v["dept_due_date"]
        data["baseline"] = baseline
        at = clock.iso(opened)
        planned: list[tuple[str, str, dict[str, Any]]] = [(EventKind.OPEN, at, data)]
        if v["lead_dept"]:
            dept_due = v["dept_due_date"]
            if dept_due is None:
                dept_due = self._due(day, limit)[0]
            assign = {"lead": v["lead_dept"], "co": v["co_depts"], "limit": limit}
            co_dues = deadlines.co_receipt(
                self.ledger.calendar, v["co_depts"], day, self.co_limit, dept_due
            )
            planned.append((EventKind.ASSIGN, at, {**assign, "dept_due_date": dept_due, **co_dues}))
        if v["status"] == Status.SUSPENDED:
            planned.append((EventKind.SUSPEND, at, dict(_SUSPENDED_BY_IMPORT)))
        if v["status"] == Status.REPLIED:
            reply = {
                "dept": v["lead_dept"],
                "role": replies.LEAD,
                "result": v["result"],
                "resolution": v["resolution"],
                "dept_due_date": planned[-1][2]["dept_due_date"],
                "on_time": None,  # a cases file does not say when the reply came
            }
            if v["cause"] is not None:
                reply["cause"] = v["cause"]
            planned.append((EventKind.REPLY, at, reply))
        if closed and v["result"] == Result.VOID:  # a mistaken entry, voided (SPEC §13)
            planned.append((EventKind.VOID, clock.iso(v["closed_at"]), {"reason": v["resolution"]}))
        elif closed:
            done = clock.iso(v["closed_at"])
            close = {"result": v["result"], "resolution": v["resolution"]}
            if v["cause"] is not None:
                close["cause"] = v["cause"]
            planned.append((EventKind.CLOSE, done, close))
            if v["rating"] is not None:
                review = {"rating": v["rating"], "comment": None}
                planned.append((EventKind.REVIEW, done, review))
        actor, os_user = self.ledger.actor, self.ledger.os_user
        rows = []
        events: list[Event] = []
        for seq, (kind, when, body) in enumerate(planned, start=1):
            body_json = canonical_json(body)
            digest = event_hash(case_id, seq, kind, when, actor, os_user, body_json)
            rows.append((case_id, seq, kind, when, actor, os_user, body_json, digest))
            events.append(
                {"seq": seq, "kind": kind, "at": when, "actor": actor, "os_user": os_user}
                | {"data": body}
            )
        return rows, project(case_id, events)

    def _due(self, day: date, limit: int) -> tuple[str, bool]:
        known = self.due_dates.get((day, limit))
        if known is None:
            due, provisional = self.ledger.calendar.add_working_days(day, limit)
            known = self.due_dates[(day, limit)] = (due.isoformat(), provisional)
        return known


def _texts_checked(value: Any, field: str) -> None:
    """Every text in an event's data, at any depth, as a long field would be checked."""
    if isinstance(value, str):
        fields.characters(value, field, multiline=True)
    elif isinstance(value, dict):
        for key, inner in value.items():
            _texts_checked(key, field)
            _texts_checked(inner, f"{field}.{key}")
    elif isinstance(value, list):
        for inner in value:
            _texts_checked(inner, field)


class _EventsImport:
    """Events rows stored as given, then the cases they touched replayed."""

    def __init__(self, ledger: Ledger, names: list[str], dry_run: bool) -> None:
        self.ledger = ledger
        self.store = ledger.store
        self.index = {name.lower(): i for i, name in enumerate(names)}
        self.dry_run = dry_run
        self.report = _Report()
        self.site = ledger.site
        self.depts = {dept.code for dept in self.store.departments()}
        self.added = 0
        self.skipped = 0

    def run(self, batches: Iterator[list[tuple[int, list[str]]]]) -> Imported:
        for batch in batches:
            self._batch(batch)
        self.report.raise_if_bad()
        cases = 0
        chunk: list[str] = []
        for case_id in self.store.marked_cases():
            chunk.append(case_id)
            if len(chunk) == BATCH:
                self._replay(chunk)
                cases, chunk = cases + len(chunk), []
        self._replay(chunk)
        return Imported("events", self.added, self.skipped, cases + len(chunk), self.dry_run)

    def _batch(self, batch: list[tuple[int, list[str]]]) -> None:
        parsed = []
        for line, record in batch:
            try:
                parsed.append((line, self._event(record)))
            except _Cell as bad:
                self.report.add_row(line, bad, str)
        held = self.store.event_hashes([(e[0], e[1]) for _, e in parsed])
        fresh = []
        for _line, event in parsed:
            key = (event[0], event[1])
            if key in held:
                if held[key] != event[7]:
                    raise Conflict("import.conflict", case=event[0], seq=event[1])
                self.skipped += 1
                continue
            held[key] = event[7]
            fresh.append(event)
        if self.report.clean:
            self.store.append_given_events(fresh)
            self.store.mark_cases(sorted({e[0] for e in fresh}))
            self.added += len(fresh)

    def _cell(self, record: list[str], name: str) -> str:
        index = self.index[name]
        return unguard(record[index]) if index < len(record) else ""

    def _event(self, record: list[str]) -> EventRow:
        if len(record) > len(EVENT_FIELDS) and any(v.strip() for v in record[len(EVENT_FIELDS) :]):
            raise _Cell(
                "", t("import.too_many_cells", count=len(record), expected=len(EVENT_FIELDS))
            )
        case_id = self._cell(record, "case_id")
        match = fields.CASE_ID.fullmatch(case_id)
        if not match:
            raise _Cell("case_id", t("import.bad_case_id", value=case_id))
        if match.group(1) == self.site:
            raise Conflict("import.local_site", case=case_id, site=self.site)
        seq_text = self._cell(record, "seq")
        if not seq_text.isdigit() or int(seq_text) < 1:
            raise _Cell("seq", t("import.bad_seq", value=seq_text))
        seq = int(seq_text)
        kind = self._cell(record, "kind")
        if kind not in _KINDS:
            raise _Cell("kind", t("import.bad_kind", value=kind))
        at = self._cell(record, "at")
        try:
            moment = datetime.fromisoformat(at)
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise _Cell("at", t("import.bad_at", value=at))
        actor, os_user = self._cell(record, "actor"), self._cell(record, "os_user")
        for name, value in (("actor", actor), ("os_user", os_user)):
            if not value:
                raise _Cell(name, t("field.empty", field=name))
            try:
                fields.characters(value, name)
            except InvalidInput as error:
                raise _Cell(name, str(error)) from None
        try:
            data = json.loads(self._cell(record, "data"))
        except ValueError:
            data = None
        if not isinstance(data, dict):
            raise _Cell("data", t("import.bad_json"))
        try:
            _texts_checked(data, "data")
        except InvalidInput as error:
            raise _Cell("data", str(error)) from None
        given = self._cell(record, "hash")
        data_json = canonical_json(data)
        if given != event_hash(case_id, seq, kind, at, actor, os_user, data_json):
            raise _Cell("hash", t("import.bad_hash"))
        for key in _DEPT_KEYS.get(kind, ()):
            named = data.get(key)
            for code in named if isinstance(named, list) else [named]:
                if isinstance(code, str) and code not in self.depts:
                    self.report.missing[code] = None
        return case_id, seq, kind, at, actor, os_user, data_json, given

    def _replay(self, case_ids: list[str]) -> None:
        """Rebuild the rows of cases whose histories grew; a gap or nonsense refuses it all."""
        histories = self.store.events_of(case_ids)
        held = self.store.case_rows(case_ids)
        new = []
        for case_id in case_ids:
            events = histories[case_id]
            for expected, event in enumerate(events, start=1):
                if event["seq"] != expected:
                    raise Conflict("import.gap", case=case_id, seq=expected)
            try:
                state = project(case_id, events)
            except (KeyError, ValueError, TypeError, AttributeError) as error:
                reason = repr(error)
                raise InvalidInput("import.bad_history", case=case_id, reason=reason) from None
            if case_id in held:
                self.store.save_case(state)
            else:
                new.append(state)
        self.store.add_new_cases(new)
