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
  ``assign`` when it has a lead, ``suspend``, ``close``, ``review`` when rated.
- An events row is stored as given (seq, time, people, data, hash), once its hash
  is checked; an event already held (same case and seq, same hash) is skipped, a
  different one is a conflicting history. The cases it touched are then replayed.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from bbcs import clock, fields
from bbcs.errors import BbcsError, Conflict, InvalidInput, NotFound
from bbcs.i18n import FIELDS, t
from bbcs.ledger import Ledger
from bbcs.models import (
    Channel,
    Complexity,
    Escalation,
    EventKind,
    Rating,
    Result,
    Status,
)
from bbcs.projection import CASE_FIELDS, CaseState, Event, project
from bbcs.store import FILE_MODE, canonical_json, content_hash

EVENT_FIELDS = ("case_id", "seq", "kind", "at", "actor", "os_user", "data", "hash")
MAX_SHOWN = 20  # bad rows listed before the count
BATCH = 2000  # rows checked and written together
CO_SEPARATORS = re.compile(r"[;；、]")
_FORMULA = re.compile(r"'*[=+\-@\t\r]")  # a cell that starts so gets (or had) a guarding '
_SUSPENDED_BY_IMPORT = {"reason": "imported from a cases file"}

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


def guard(text: str) -> str:
    """A cell a spreadsheet will not run: a leading ``'`` before a formula character.

    A value that already starts with quotes before such a character gets one more,
    so that ``unguard`` always gives the value back.
    """
    return "'" + text if _FORMULA.match(text) else text


def unguard(text: str) -> str:
    return text[1:] if text.startswith("'") and _FORMULA.match(text) else text


def cell(value: Any) -> str:
    """A case field as a CSV cell: empty for null, true/false, departments joined by ``;``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return guard(";".join(value))
    return guard(str(value))


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
    store = ledger.store
    low = opened_from.isoformat() if opened_from else None
    high = opened_to.isoformat() if opened_to else None
    if headers_zh and events:
        raise InvalidInput("export.events_headers")
    if unmask or events:
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
    count = 0
    with _replacing(path) as out:
        writer = csv.writer(out, lineterminator="\r\n")
        if events:
            writer.writerow(EVENT_FIELDS)
            for event in store.iter_event_rows(low, high):
                writer.writerow([guard(str(value)) for value in event])
                count += 1
        else:
            writer.writerow([FIELDS[name][1] if headers_zh else name for name in CASE_FIELDS])
            for row in store.iter_case_rows(low, high):
                if not unmask:
                    row["phone"] = fields.mask_phone(row["phone"])
                writer.writerow([cell(row[name]) for name in CASE_FIELDS])
                count += 1
    return Exported(path, count, events)


@contextmanager
def _replacing(path: Path) -> Iterator[TextIO]:
    """A text file that replaces ``path`` only once it is completely written."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    handle = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    try:
        if hasattr(os, "fchmod"):  # the umask must not widen or narrow owner-and-group
            os.fchmod(handle, FILE_MODE)
        with open(handle, "w", encoding="utf-8-sig", newline="") as out:
            yield out
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


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
            for line, column, problem in self.problems
        ]
        if self.count:
            lines.append(t("import.bad_count", count=self.count))
        if self.missing:
            lines.append(t("import.missing_depts", depts=", ".join(self.missing)))
        return "\n".join(lines)


class _Cell(Exception):
    """A bad cell: its field and what is wrong (a sentence)."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(problem)
        self.name = name
        self.problem = problem


class _DryRun(Exception):
    """Raised inside the transaction to roll back a dry run."""


class _Report:
    def __init__(self) -> None:
        self.problems: list[tuple[int, str, str]] = []
        self.count = 0
        self.missing: dict[str, None] = {}  # ordered set

    def add(self, line: int, column: str, problem: str) -> None:
        self.count += 1
        if len(self.problems) < MAX_SHOWN:
            self.problems.append((line, column, problem))

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
    encoding = _encoding(path)
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
            if sorted(n.lower() for n in names) == sorted(EVENT_FIELDS):
                result = _EventsImport(ledger, names, dry_run).run(reader.each(records))
            else:
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


def _encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) if the whole file decodes strictly, else GB18030."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    with path.open("rb") as raw:
        try:
            while chunk := raw.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "gb18030"
    return "utf-8-sig"


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


class _Row:
    """One record's cells by field name, unguarded; errors name the column as the file does."""

    def __init__(self, record: list[str], columns: dict[str, int], width: int) -> None:
        if len(record) > width:
            raise _Cell("", t("import.too_many_cells", count=len(record), expected=width))
        self.record = record
        self.columns = columns

    def __getitem__(self, name: str) -> str:
        index = self.columns.get(name)
        if index is None or index >= len(self.record):
            return ""
        return unguard(self.record[index])


@contextmanager
def _checking(name: str) -> Iterator[None]:
    try:
        yield
    except BbcsError as error:
        raise _Cell(name, str(error)) from None


def _count(row: _Row, name: str) -> int:
    raw = row[name].strip()
    if not raw:
        return 0
    if not raw.isdigit():
        raise _Cell(name, t("import.not_count", value=raw))
    return int(raw)


def _flag(row: _Row, name: str) -> bool:
    raw = row[name].strip().lower()
    if raw in ("", "false", "0", "no", "否"):
        return False
    if raw in ("true", "1", "yes", "是"):
        return True
    raise _Cell(name, t("import.not_bool", value=row[name]))


class _CasesImport:
    """Cases rows into events and case rows (see the module's docstring)."""

    def __init__(
        self, ledger: Ledger, names: list[str], columns: dict[str, int], dry_run: bool
    ) -> None:
        self.ledger = ledger
        self.store = ledger.store
        self.names = names
        self.columns = columns
        self.width = max(columns.values()) + 1
        self.dry_run = dry_run
        self.report = _Report()
        self.site = ledger.site
        self.now = ledger.now
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
                parsed.append((line, self._values(_Row(record, self.columns, self.width))))
            except _Cell as bad:
                self.report.add(line, self._header(bad.name), bad.problem)
        held = self.store.case_rows([v["id"] for _, v in parsed if v["id"]])
        events: list[EventRow] = []
        states = []
        for line, values in parsed:
            case_id = values["id"]
            if case_id in held:
                if self._synthesize(case_id, values)[1].row() == {
                    name: held[case_id][name] for name in CASE_FIELDS
                }:
                    self.skipped += 1
                else:
                    self.report.add(
                        line, self._header("id"), t("import.exists_different", case=case_id)
                    )
                continue
            if not self.report.clean:
                continue  # nothing will be written: only look for more bad rows
            case_id = case_id or self._new_id(values["opened_at"])
            rows, state = self._synthesize(case_id, values)
            events.extend(rows)
            states.append(state)
            held[case_id] = state.row()
            self.added += 1
        if self.report.clean:
            self.store.append_given_events(events)
            for state in states:
                self.store.save_case(state)

    def _header(self, name: str) -> str:
        """The column as the file names it (the field's name when the file lacks it)."""
        if not name:
            return ""
        index = self.columns.get(name)
        return FIELDS[name][0] if index is None else self.names[index]

    def _new_id(self, opened: datetime) -> str:
        year = opened.year
        return f"{self.site}-{year}-{self.store.next_case_number(self.site, year):06d}"

    def _dept(self, text: str) -> str:
        wanted = text.strip()
        code = self.depts.get(wanted.upper()) or self.depts.get(wanted)
        if code is None:
            self.report.missing[wanted] = None
            return wanted
        return code

    def _values(self, row: _Row) -> dict[str, Any]:
        """The row's case fields, checked and in the ledger's own form."""
        v: dict[str, Any] = {}
        raw_id = row["id"].strip().upper()
        match = fields.CASE_ID.fullmatch(raw_id)
        if raw_id and not match:
            raise _Cell("id", t("import.bad_case_id", value=row["id"]))
        v["id"] = raw_id or None
        with _checking("summary"):
            v["summary"] = fields.text(row["summary"], "summary", fields.SUMMARY)
        with _checking("detail"):
            v["detail"] = fields.optional_text(row["detail"], "detail", fields.LONG, multiline=True)
        with _checking("reporter"):
            v["reporter"] = fields.text(row["reporter"], "reporter", fields.SHORT)
        if "*" in row["phone"]:
            raise _Cell("phone", t("import.masked_phone", value=row["phone"].strip()))
        with _checking("phone"):
            v["phone"] = fields.phone(row["phone"])
        for name in ("company", "category"):
            with _checking(name):
                v[name] = fields.optional_text(row[name], name, fields.SHORT)
        with _checking("channel"):
            v["channel"] = fields.choice(Channel, row["channel"] or "window", "channel").value
        with _checking("complexity"):
            v["complexity"] = fields.choice(
                Complexity, row["complexity"] or "normal", "complexity"
            ).value
        with _checking("escalation"):
            v["escalation"] = fields.choice(
                Escalation, row["escalation"] or "none", "escalation"
            ).value
        v["opened_at"] = self._moment(row, "opened_at", required=True)
        v["closed_at"] = self._moment(row, "closed_at")
        if v["closed_at"] is not None and v["closed_at"] < v["opened_at"]:
            raise _Cell(
                "closed_at",
                t(
                    "import.before_opening",
                    at=clock.iso(v["closed_at"]),
                    opened=clock.iso(v["opened_at"]),
                ),
            )
        for name in ("due_date", "dept_due_date"):
            with _checking(name):
                v[name] = clock.parse_date(row[name]).isoformat() if row[name].strip() else None
        v["due_provisional"] = _flag(row, "due_provisional")
        for name in ("extensions", "pushbacks", "reopened"):
            v[name] = _count(row, name)
        lead = row["lead_dept"].strip()
        v["lead_dept"] = self._dept(lead) if lead else None
        co: list[str] = []
        for text in CO_SEPARATORS.split(row["co_depts"]):
            if text.strip():
                code = self._dept(text)
                if code != v["lead_dept"] and code not in co:
                    co.append(code)
        v["co_depts"] = co
        with _checking("result"):
            v["result"] = (
                fields.choice(Result, row["result"], "result").value
                if row["result"].strip()
                else None
            )
        with _checking("resolution"):
            v["resolution"] = fields.optional_text(
                row["resolution"], "resolution", fields.LONG, multiline=True
            )
        with _checking("rating"):
            v["rating"] = (
                fields.choice(Rating, row["rating"], "rating").value
                if row["rating"].strip()
                else None
            )
        with _checking("status"):
            v["status"] = (
                fields.choice(Status, row["status"], "status").value
                if row["status"].strip()
                else self._status_of(v)
            )
        self._consistent(v)
        return v

    def _moment(self, row: _Row, name: str, *, required: bool = False) -> datetime | None:
        raw = row[name].strip()
        if not raw:
            if required:
                raise _Cell(name, t("field.empty", field=name))
            return None
        with _checking(name):
            moment = clock.parse_datetime(raw).astimezone(clock.zone())
        if moment > self.now:
            raise _Cell(name, t("time.future", at=clock.iso(moment), now=clock.iso(self.now)))
        return moment

    @staticmethod
    def _status_of(v: dict[str, Any]) -> str:
        """The status a row without one implies: closed once closed, in progress with a lead."""
        if v["closed_at"] is not None:
            return Status.CLOSED.value
        return (Status.IN_PROGRESS if v["lead_dept"] else Status.PENDING).value

    @staticmethod
    def _consistent(v: dict[str, Any]) -> None:
        status = v["status"]
        if status == Status.PENDING and v["lead_dept"]:
            raise _Cell("lead_dept", t("import.pending_with_lead"))
        if status == Status.IN_PROGRESS and not v["lead_dept"]:
            raise _Cell("lead_dept", t("import.needs_lead"))
        if status == Status.CLOSED:
            for name in ("closed_at", "result"):
                if v[name] is None:
                    raise _Cell(name, t("import.closed_needs", field=name))
        else:
            for name in ("closed_at", "result", "resolution"):
                if v[name] is not None:
                    raise _Cell(name, t("import.not_closed", field=name))

    def _synthesize(self, case_id: str, v: dict[str, Any]) -> tuple[list[EventRow], CaseState]:
        """The events that give the row its status, and the case state they project to."""
        opened: datetime = v["opened_at"]
        day = opened.date()
        calendar = self.ledger.calendar
        limit = self.ledger.policy.limit(Complexity(v["complexity"]))
        data: dict[str, Any] = {
            name: v[name]
            for name in (
                "summary",
                "detail",
                "reporter",
                "phone",
                "company",
                "category",
                "channel",
                "complexity",
            )
        }
        data["limit"] = limit
        if v["due_date"] is not None:
            data["due_date"], data["provisional"] = v["due_date"], v["due_provisional"]
        else:
            due, provisional = calendar.add_working_days(day, limit)
            data["due_date"], data["provisional"] = due.isoformat(), provisional
        baseline: dict[str, Any] = {
            "pushbacks": v["pushbacks"],
            "lead_pushbacks": v["pushbacks"],
            "extensions": v["extensions"],
            "reopened": v["reopened"],
            "escalation": v["escalation"],
        }
        closed = v["status"] == Status.CLOSED
        if v["rating"] is not None and not closed:
            baseline["rating"] = v["rating"]
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
                dept_due = calendar.add_working_days(day, limit)[0].isoformat()
            assign = {"lead": v["lead_dept"], "co": v["co_depts"], "limit": limit}
            planned.append((EventKind.ASSIGN, at, {**assign, "dept_due_date": dept_due}))
        if v["status"] == Status.SUSPENDED:
            planned.append((EventKind.SUSPEND, at, dict(_SUSPENDED_BY_IMPORT)))
        if closed:
            done = clock.iso(v["closed_at"])
            close = {"result": v["result"], "resolution": v["resolution"]}
            planned.append((EventKind.CLOSE, done, close))
            if v["rating"] is not None:
                review = {"rating": v["rating"], "comment": None}
                planned.append((EventKind.REVIEW, done, review))
        actor, os_user = self.ledger.actor, self.ledger.os_user
        rows = []
        events: list[Event] = []
        for seq, (kind, when, body) in enumerate(planned, start=1):
            digest = content_hash(case_id, seq, kind, when, actor, os_user, body)
            rows.append((case_id, seq, kind, when, actor, os_user, canonical_json(body), digest))
            events.append(
                {"seq": seq, "kind": kind, "at": when, "actor": actor, "os_user": os_user}
                | {"data": body}
            )
        match = fields.CASE_ID.fullmatch(case_id)
        if match and match.group(1) == self.site:
            self.store.raise_case_number(self.site, int(match.group(2)), int(match.group(3)))
        return rows, project(case_id, events)


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
        for case_id in self.store.marked_cases():
            self._replay(case_id)
            cases += 1
        return Imported("events", self.added, self.skipped, cases, self.dry_run)

    def _batch(self, batch: list[tuple[int, list[str]]]) -> None:
        parsed = []
        for line, record in batch:
            try:
                parsed.append((line, self._event(record)))
            except _Cell as bad:
                self.report.add(line, bad.name, bad.problem)
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
        if len(record) > len(EVENT_FIELDS):
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
        if kind not in set(EventKind):
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
            data = json.loads(self._cell(record, "data"))
        except ValueError:
            data = None
        if not isinstance(data, dict):
            raise _Cell("data", t("import.bad_json"))
        given = self._cell(record, "hash")
        if given != content_hash(case_id, seq, kind, at, actor, os_user, data):
            raise _Cell("hash", t("import.bad_hash"))
        for key in _DEPT_KEYS.get(kind, ()):
            named = data.get(key)
            for code in named if isinstance(named, list) else [named]:
                if isinstance(code, str) and code not in self.depts:
                    self.report.missing[code] = None
        return case_id, seq, kind, at, actor, os_user, canonical_json(data), given

    def _replay(self, case_id: str) -> None:
        events = self.store.case_events(case_id)
        for expected, event in enumerate(events, start=1):
            if event["seq"] != expected:
                raise Conflict("import.gap", case=case_id, seq=expected)
        try:
            state = project(case_id, events)
        except (KeyError, ValueError, TypeError, AttributeError) as error:
            raise InvalidInput("import.bad_history", case=case_id, reason=repr(error)) from None
        self.store.save_case(state)
