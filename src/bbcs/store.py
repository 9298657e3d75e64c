"""The ledger file: one SQLite database, every SQL statement of bbcs lives here.

Invariants:
- ``events`` is append-only and the source of truth; ``cases``, ``holds``, ``pushbacks`` and the
  full-text index ``case_text`` are projections of it, written in the same
  transaction as the event that changed them.
- Every write command runs in one ``BEGIN IMMEDIATE`` transaction (``Store.write``);
  WAL and ``synchronous=FULL`` make a finished command survive a power cut, and the
  busy timeout makes concurrent clerks wait rather than fail.
- Each event carries a content hash, and the ledger chains every event in the order
  written: link N = SHA-256(link N-1 + hash N). ``head()`` is ``count:link``, the
  head printed in reports.
- The record tables (``RECORD_TABLES``: users, departments, calendar, policy, the
  audit log, published reports, the site code) are not events; each row written
  to them is chained the same way in ``records`` (``insert_recorded``), whose head
  is ``records_head()``. Their rows are never deleted and, but calendar days and
  the site code, never changed in place (triggers, ``GUARDS``).
- Opening a ledger never changes it; a ledger of an older schema is refused until
  ``bbcs migrate`` (``Store.migrate``) backs it up and upgrades it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import Any, ClassVar, Protocol, cast

from bbcs.errors import Conflict, LedgerProblem, NotFound, os_reason
from bbcs.files import SQLITE_MAGIC, create_private, file_head, make_folder
from bbcs.projection import CASE_FIELDS, CaseState, project


class Connection(Protocol):
    """What the store asks of a database connection: ``sqlite3.Connection``, or
    ``store_postgres.PgConnection``, which takes the same SQL."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...

    def executemany(self, sql: str, parameters: Any, /) -> Any: ...

    def close(self) -> None: ...


ZERO_LINK = "0" * 64
BUSY_TIMEOUT_MS = 60_000


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(
    case_id: str, seq: int, kind: str, at: str, actor: str, os_user: str, data: Any
) -> str:
    """SHA-256 over the canonical JSON of the event's content (SPEC §8)."""
    body = {
        "case_id": case_id,
        "seq": seq,
        "kind": kind,
        "at": at,
        "actor": actor,
        "os_user": os_user,
        "data": data,
    }
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


def next_link(previous: str, event_hash: str) -> str:
    return hashlib.sha256((previous + event_hash).encode("ascii")).hexdigest()


M001_INITIAL = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE departments (
            code TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, parent TEXT,
            added_at TEXT NOT NULL, added_by TEXT NOT NULL
        );
        CREATE TABLE counters (
            site TEXT NOT NULL, year INTEGER NOT NULL, last INTEGER NOT NULL,
            PRIMARY KEY (site, year)
        );
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            case_id TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL,
            at TEXT NOT NULL, actor TEXT NOT NULL, os_user TEXT NOT NULL,
            data TEXT NOT NULL, hash TEXT NOT NULL, link TEXT NOT NULL,
            UNIQUE (case_id, seq)
        );
        CREATE INDEX events_hash ON events (hash);
        CREATE TRIGGER events_no_update BEFORE UPDATE ON events
            BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
        CREATE TRIGGER events_no_delete BEFORE DELETE ON events
            BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
        CREATE TABLE cases (
            n INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            status TEXT NOT NULL, summary TEXT NOT NULL, detail TEXT,
            reporter TEXT NOT NULL, phone TEXT, company TEXT, category TEXT,
            channel TEXT NOT NULL, complexity TEXT NOT NULL,
            opened_at TEXT NOT NULL, opened_on TEXT NOT NULL,
            lead_dept TEXT, co_depts TEXT NOT NULL DEFAULT '[]',
            escalation TEXT NOT NULL, due_date TEXT, due_provisional INTEGER NOT NULL,
            dept_due_date TEXT, extensions INTEGER NOT NULL, pushbacks INTEGER NOT NULL,
            reopened INTEGER NOT NULL, closed_at TEXT, closed_on TEXT, result TEXT,
            resolution TEXT, rating TEXT,
            round_start TEXT NOT NULL, review TEXT, unruled INTEGER NOT NULL,
            lead_pushbacks INTEGER NOT NULL, last_at TEXT
        );
        CREATE INDEX cases_status_due ON cases (status, due_date);
        CREATE INDEX cases_lead ON cases (lead_dept, status);
        CREATE INDEX cases_opened ON cases (opened_at);
        CREATE INDEX cases_opened_on ON cases (opened_on);
        CREATE INDEX cases_closed ON cases (closed_on);
        CREATE INDEX cases_review ON cases (review) WHERE review IN ('due', 'disputed');
        CREATE INDEX cases_unruled ON cases (unruled) WHERE unruled > 0;
        CREATE TABLE holds (
            case_id TEXT NOT NULL, n INTEGER NOT NULL, dept TEXT NOT NULL, role TEXT NOT NULL,
            received TEXT NOT NULL, dept_due TEXT, ended TEXT, how TEXT, seq INTEGER NOT NULL,
            PRIMARY KEY (case_id, n)
        );
        CREATE INDEX holds_dept ON holds (dept, received);
        CREATE VIRTUAL TABLE case_text USING fts5 (body, tokenize = 'trigram');
        CREATE TABLE calendar_days (
            day TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL,
            added_at TEXT NOT NULL, added_by TEXT NOT NULL
        );
        CREATE TABLE calendar_years (year INTEGER PRIMARY KEY, source TEXT NOT NULL);
        CREATE TABLE policy (
            id INTEGER PRIMARY KEY, key TEXT NOT NULL, value TEXT NOT NULL,
            set_at TEXT NOT NULL, set_by TEXT NOT NULL, os_user TEXT NOT NULL
        );
        CREATE TABLE users (
            name TEXT PRIMARY KEY, role TEXT NOT NULL, dept TEXT,
            added_at TEXT NOT NULL, added_by TEXT NOT NULL
        );
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL,
            os_user TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL
        );
        CREATE TABLE published (
            id INTEGER PRIMARY KEY, kind TEXT NOT NULL, period_from TEXT NOT NULL,
            period_to TEXT NOT NULL, body TEXT NOT NULL, head TEXT NOT NULL,
            at TEXT NOT NULL, actor TEXT NOT NULL
        );
"""


def _statements(script: str) -> list[str]:
    """The statements of a migration script (a trigger body keeps its inner semicolons)."""
    statements, current = [], ""
    for piece in script.split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \n;"):
                statements.append(current.strip())
            current = ""
    return statements


def _run_script(script: str) -> Callable[[sqlite3.Connection], None]:
    # one statement at a time: executescript would commit the surrounding transaction
    def migration(db: sqlite3.Connection) -> None:
        for statement in _statements(script):
            db.execute(statement)

    return migration


# Reports (SPEC §6) find a period's events of one kind by time, and the holds that
# ended in it, so a report reads the period, not the whole ledger.
M002_REPORT_INDEXES = """
        CREATE INDEX events_kind_at ON events (kind, at);
        CREATE INDEX holds_ended ON holds (ended);
"""

# What says who may do what, what a case's dates rest on and what was issued (SPEC §8)
# lies outside the events; ``records`` chains each such row as it was written, like
# the events (link N = SHA-256(link N-1 + hash N)), under its table and key column.
# A row changed legitimately (a calendar day set again, the site code) is chained
# again; the latest record of each key is what the table must hold.
RECORD_TABLES: Mapping[str, str] = {
    "meta": "key",
    "departments": "code",
    "users": "name",
    "calendar_years": "year",
    "calendar_days": "day",
    "policy": "id",
    "audit": "id",
    "published": "id",
    "sites": "code",
}

# The append-only guards verify expects, by table; calendar days and the site code
# are set again in place, so they are only kept from deletion.
GUARDS: Sequence[tuple[str, str]] = (
    ("events", "events_no_update"),
    ("events", "events_no_delete"),
    ("records", "records_no_update"),
    ("records", "records_no_delete"),
    *(
        (table, f"{table}_no_{action}")
        for table in ("calendar_years", "policy", "audit", "published")
        for action in ("update", "delete")
    ),
    # set again when renamed, retired or given a new role (SPEC §13), never deleted
    ("departments", "departments_no_delete"),
    ("sites", "sites_no_delete"),
    ("users", "users_no_delete"),
    ("calendar_days", "calendar_days_no_delete"),
    ("meta", "meta_no_delete"),
)


def record_hash(table: str, row: Mapping[str, Any]) -> str:
    """SHA-256 over the canonical JSON of a record row and the table it belongs to."""
    body = {"table": table, "row": dict(row)}
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


def _append_record(
    db: Connection, previous: str, table: str, key: str, row: Mapping[str, Any]
) -> str:
    """Chain one row of a record table after the link ``previous``; the new link."""
    digest = record_hash(table, row)
    link = next_link(previous, digest)
    db.execute(
        "INSERT INTO records (tbl, key, row, hash, link) VALUES (?, ?, ?, ?, ?)",
        (table, str(row[key]), canonical_json(dict(row)), digest, link),
    )
    return link


M003_RECORD_CHAIN = """
        CREATE TABLE records (
            id INTEGER PRIMARY KEY, tbl TEXT NOT NULL, key TEXT NOT NULL,
            row TEXT NOT NULL, hash TEXT NOT NULL, link TEXT NOT NULL
        );
        CREATE TRIGGER records_no_update BEFORE UPDATE ON records
            BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
        CREATE TRIGGER records_no_delete BEFORE DELETE ON records
            BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;
"""
# the tables as M003 first chained them, frozen with it
_M003_TABLES = (
    ("meta", "key"),
    ("departments", "code"),
    ("users", "name"),
    ("calendar_years", "year"),
    ("calendar_days", "day"),
    ("policy", "id"),
    ("audit", "id"),
    ("published", "id"),
)
_M003_NEVER_UPDATED = ("departments", "users", "calendar_years", "policy", "audit", "published")
_M003_NEVER_DELETED = ("calendar_days", "meta")


def m003_record_chain(db: sqlite3.Connection) -> None:
    """Chain the record tables beside the events, back-filling the rows they hold.

    Rows already there are chained table by table, each in the order written (rowid).
    """
    _run_script(M003_RECORD_CHAIN)(db)
    for table in _M003_NEVER_UPDATED:
        for action in ("UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} rows are never changed'); END"
            )
    for table in _M003_NEVER_DELETED:
        db.execute(
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} rows are never deleted'); END"
        )
    link = ZERO_LINK
    for table, key in _M003_TABLES:
        cursor = db.execute(f"SELECT * FROM {table} ORDER BY rowid")
        names = [column[0] for column in cursor.description]
        for values in cursor.fetchall():
            link = _append_record(db, link, table, key, dict(zip(names, values, strict=True)))


# Every pushback with the verdict of its latest ruling and whether it is charged
# (SPEC §5, §6), projected like the holds, so the reports sum it instead of
# re-deriving the ruling rule in SQL.
M004_PUSHBACKS = """
        CREATE TABLE IF NOT EXISTS pushbacks (
            case_id TEXT NOT NULL, seq INTEGER NOT NULL, dept TEXT NOT NULL,
            role TEXT NOT NULL, target TEXT, day TEXT NOT NULL, verdict TEXT,
            charged INTEGER NOT NULL,
            PRIMARY KEY (case_id, seq)
        );
        DELETE FROM pushbacks;
"""


def m004_pushbacks(db: sqlite3.Connection) -> None:
    """Project the pushbacks of every case that has any, from its events."""
    _run_script(M004_PUSHBACKS)(db)

    cases = [
        r[0] for r in db.execute("SELECT DISTINCT case_id FROM events WHERE kind = 'pushback'")
    ]
    for case_id in cases:
        events = [
            {"seq": seq, "kind": kind, "at": at, "actor": actor, "data": json.loads(data)}
            for seq, kind, at, actor, data in db.execute(
                "SELECT seq, kind, at, actor, data FROM events WHERE case_id = ? ORDER BY seq",
                (case_id,),
            )
        ]
        db.executemany(
            f"INSERT INTO pushbacks ({PUSHBACK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(case_id, *row) for row in pushback_records(project(case_id, events))],
        )


# 签收 and 答复 (SPEC §10): each hold's accept due date, recorded by the event that handed
# the case over, the day its department signed, and the day of the lead's standing reply
# (its clock stops there), and each case's open extension request (延期申请). Events
# written before §10 record none of them, so their holds
# keep NULL, as a rebuild gives them; the holds of any case whose events do record one
# are filled in from its events.
M005_SIGNING = """
        ALTER TABLE holds ADD COLUMN accept_due TEXT;
        ALTER TABLE holds ADD COLUMN accepted TEXT;
        ALTER TABLE holds ADD COLUMN replied TEXT;
        ALTER TABLE cases ADD COLUMN extension_request TEXT;
        CREATE INDEX holds_unsigned ON holds (accept_due) WHERE ended IS NULL AND accepted IS NULL;
"""


def m005_signing(db: sqlite3.Connection) -> None:
    """Give holds their accept due date, signing and reply days, and cases their open
    extension request, projected from the events."""
    _run_script(M005_SIGNING)(db)
    cases = [
        r[0]
        for r in db.execute(
            "SELECT DISTINCT case_id FROM events "
            "WHERE kind IN ('accept', 'reply', 'extend_request') "
            "OR data LIKE '%\"accept_due\"%'"
        )
    ]
    for case_id in cases:
        events = [
            {"seq": seq, "kind": kind, "at": at, "actor": actor, "data": json.loads(data)}
            for seq, kind, at, actor, data in db.execute(
                "SELECT seq, kind, at, actor, data FROM events WHERE case_id = ? ORDER BY seq",
                (case_id,),
            )
        ]
        state = project(case_id, events)
        db.executemany(
            "UPDATE holds SET accept_due = ?, accepted = ?, replied = ? "
            "WHERE case_id = ? AND n = ?",
            [(h.accept_due, h.accepted, h.replied, case_id, n) for n, h in enumerate(state.holds)],
        )
        request = state.extension_request
        db.execute(
            "UPDATE cases SET extension_request = ? WHERE id = ?",
            (json.dumps(request, ensure_ascii=False) if request else None, case_id),
        )


# a hold still held, not signed for, with an accept due date (SPEC §10)
_UNSIGNED = "h.ended IS NULL AND h.accepted IS NULL AND h.accept_due IS NOT NULL"


def m006_desk(db: sqlite3.Connection) -> None:
    """At the clerk's desk (SPEC §13): departments and users can be retired, renamed or given
    a new role (their rows are set again and chained again, as calendar days are), and the
    search index also holds each case's reporter, company and phone digits."""
    link_row = db.execute("SELECT link FROM records ORDER BY id DESC LIMIT 1").fetchone()
    link = link_row[0] if link_row else ZERO_LINK
    for table, key in (("departments", "code"), ("users", "name")):
        db.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
        columns = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        if "retired_at" in columns:  # this migration has run on it before: nothing to add
            continue
        db.execute(f"ALTER TABLE {table} ADD COLUMN retired_at TEXT")
        cursor = db.execute(f"SELECT * FROM {table} ORDER BY rowid")
        names = [column[0] for column in cursor.description]
        for values in cursor.fetchall():
            link = _append_record(db, link, table, key, dict(zip(names, values, strict=True)))
    _rebuild_search_text(db)


def _rebuild_search_text(db: sqlite3.Connection) -> None:
    """Every body of the search index as ``search_text`` of its case replayed."""
    numbers = dict(db.execute("SELECT id, n FROM cases").fetchall())
    rows = db.execute(
        "SELECT case_id, seq, kind, at, actor, data FROM events ORDER BY case_id, seq"
    )
    for case_id, group in groupby(rows, key=lambda row: row[0]):
        if case_id not in numbers:
            continue
        events = [
            {"seq": seq, "kind": kind, "at": at, "actor": actor, "data": json.loads(data)}
            for _, seq, kind, at, actor, data in group
        ]
        body = search_text(project(case_id, events))
        db.execute("UPDATE case_text SET body = ? WHERE rowid = ?", (body, numbers[case_id]))


# The signing figures (SPEC §10) read the holds whose accept due date falls in a period,
# and those still unsigned at its end, by index rather than over every hold.
M007_SIGNING_INDEXES = """
        CREATE INDEX IF NOT EXISTS holds_accept_due ON holds (accept_due);
        CREATE INDEX IF NOT EXISTS holds_accepted ON holds (accepted);
"""

# 并单, 常态建设 and sites (SPEC §11, §12): each case's master once merged, its cause, the
# site (window) holding it and that window's own due date after a referral; the sites of
# the ledger (a record table like the departments) and each user's site. The repeat
# warning finds earlier cases by phone and company; a master finds its merged cases.
M008_LEVELS = """
        ALTER TABLE cases ADD COLUMN merged_into TEXT;
        ALTER TABLE cases ADD COLUMN cause TEXT;
        ALTER TABLE cases ADD COLUMN site TEXT;
        ALTER TABLE cases ADD COLUMN site_due TEXT;
        CREATE INDEX cases_phone ON cases (phone) WHERE phone IS NOT NULL;
        CREATE INDEX cases_company ON cases (company) WHERE company IS NOT NULL;
        CREATE INDEX cases_merged_into ON cases (merged_into) WHERE merged_into IS NOT NULL;
        CREATE INDEX cases_site ON cases (site, status);
        CREATE TABLE sites (
            code TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, parent TEXT,
            added_at TEXT NOT NULL, added_by TEXT NOT NULL, retired_at TEXT
        );
        ALTER TABLE users ADD COLUMN site TEXT;
"""
M008_GUARD = """
        CREATE TRIGGER sites_no_delete BEFORE DELETE ON sites
            BEGIN SELECT RAISE(ABORT, 'sites rows are never deleted'); END;
"""


def m008_levels(db: sqlite3.Connection) -> None:
    """Cases learn their master, cause and site (the site from the id: every case so far
    is still at the window that opened it); users are chained again with their site."""
    _run_script(M008_LEVELS + M008_GUARD)(db)
    _cases_at_their_sites(db)
    _rechain(db, "users", "name")


def _cases_at_their_sites(db: Connection) -> None:
    ids = [str(r[0]) for r in db.execute("SELECT id FROM cases").fetchall()]
    db.executemany(
        "UPDATE cases SET site = ? WHERE id = ?", [(i.rsplit("-", 2)[0], i) for i in ids]
    )


def _rechain(db: Connection, table: str, key: str) -> None:
    """Chain every row of a record table again, as it stands after a new column."""
    link_row = db.execute("SELECT link FROM records ORDER BY id DESC LIMIT 1").fetchone()
    link = link_row[0] if link_row else ZERO_LINK
    for values in db.execute(f"SELECT * FROM {table} ORDER BY {key}").fetchall():
        link = _append_record(db, link, table, key, dict(values))


# Numbered migrations: never edit one that has shipped; add the next.
MIGRATIONS: Sequence[Callable[[sqlite3.Connection], None]] = (
    _run_script(M001_INITIAL),
    _run_script(M002_REPORT_INDEXES),
    m003_record_chain,
    m004_pushbacks,
    m005_signing,
    m006_desk,
    _run_script(M007_SIGNING_INDEXES),
    m008_levels,
)
SCHEMA_VERSION = len(MIGRATIONS)


def _is_blank_or_sqlite(path: Path) -> bool:
    """Whether ``path`` is empty (a ledger yet to be set up) or an SQLite database."""
    return file_head(path) in (b"", SQLITE_MAGIC)


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    db.row_factory = sqlite3.Row
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA synchronous = FULL")
    return db


@dataclass(frozen=True)
class CaseQuery:
    """What ``list`` and ``search`` ask for; dates are ISO strings, due bounds apply to open cases."""

    status: str | None = None
    dept: str | None = None
    escalation: str | None = None
    due_from: str | None = None
    due_to: str | None = None
    unreviewed: bool = False
    unruled: bool = False
    opened_from: str | None = None
    opened_to: str | None = None
    text: str | None = None
    limit: int | None = None
    held_by: str | None = None  # a department user sees only the cases it holds or held
    unaccepted: bool = False  # a hold awaits signing (催签, SPEC §10); earliest accept due first
    urged: bool = False  # urged (催办) and not yet closed
    extension_requests: bool = False  # an extension request awaits a supervisor (延期申请)
    site: str | None = None  # the cases held at this window (SPEC §12)


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    parent: str | None
    retired: bool = False


@dataclass(frozen=True)
class Site:
    """A window of the ledger (SPEC §12): the county's, a town's or a village's."""

    code: str
    name: str
    parent: str | None


class Store:
    """An open ledger. ``Store.open`` for reading, ``Store.create_or_open`` for writing."""

    # transactions committed by this process, so the CLI can tell a clerk whose
    # confirmation could not be printed that the change was made all the same
    commits: ClassVar[int] = 0

    # What the engines say differently (SPEC §12), kept beside each other: this class
    # is the SQLite engine; ``store_postgres.PgStore`` overrides these and the few
    # methods that differ, and everything else is shared.
    engine: ClassVar[str] = "sqlite"
    integrity_errors: ClassVar[tuple[type[Exception], ...]] = (sqlite3.IntegrityError,)
    # the search index's key column (the case row's ``n``)
    TEXT_KEY: ClassVar[str] = "rowid"
    # whether :dept is among the case row's co-departments (a JSON array)
    CO_DEPT_IS: ClassVar[str] = "EXISTS (SELECT 1 FROM json_each(co_depts) WHERE value = :dept)"
    # the co-departments joined by ';' for a CSV cell
    CO_DEPTS_JOINED: ClassVar[str] = "(SELECT group_concat(value, ';') FROM json_each(co_depts))"
    # the greater of two values
    GREATER: ClassVar[str] = "max"
    # the row number of a new case row: one more than the greatest (an update keeps its own)
    NEXT_N: ClassVar[str] = "NULL"

    def __init__(self, path: Path | None, db: Connection) -> None:
        self.path = path  # the ledger file; None for a database on a server
        self.db = db

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(cls, path: Path, *, migrating: bool = False) -> Store:
        """An existing ledger; a missing file is an error and is never created."""
        if not path.is_file():
            raise LedgerProblem("ledger.missing", path=str(path))
        if not _is_blank_or_sqlite(path):
            raise LedgerProblem("ledger.not_sqlite", path=str(path))
        try:
            db = _connect(path)
            version = db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError:
            raise LedgerProblem("ledger.not_sqlite", path=str(path)) from None
        if version > SCHEMA_VERSION:
            raise LedgerProblem("ledger.newer", path=str(path), version=version)
        if version < SCHEMA_VERSION and not migrating:
            if version == 0:
                raise LedgerProblem("ledger.not_bbcs", path=str(path))
            raise LedgerProblem("ledger.older", path=str(path), version=version)
        return cls(path, db)

    @classmethod
    def create_or_open(cls, path: Path) -> Store:
        """The ledger at ``path``, created (owner and group only) if it does not exist yet.

        Several processes may create it at once: the first to take the write lock sets
        it up; the others find it set up when they get the lock.
        """
        if not path.is_file():
            try:
                make_folder(path.parent)
                create_private(path)
            except OSError as exc:
                raise LedgerProblem(
                    "ledger.cannot_create", path=str(path), reason=os_reason(exc)
                ) from None
        elif not _is_blank_or_sqlite(path):
            raise LedgerProblem("ledger.not_sqlite", path=str(path))
        db = _connect(path)
        try:
            blank = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
        except sqlite3.DatabaseError:
            blank = False
        if not blank:
            db.close()
            return cls.open(path)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("BEGIN IMMEDIATE")
        try:
            # another process may have created the schema while we waited for the lock
            if db.execute("PRAGMA user_version").fetchone()[0] == 0:
                for migration in MIGRATIONS:
                    migration(db)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return cls(path, db)

    def close(self) -> None:
        self.db.close()

    @property
    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    @property
    def latest(self) -> int:
        """The schema version this bbcs writes, on this engine."""
        return SCHEMA_VERSION

    @property
    def where(self) -> str:
        """The ledger as a clerk names it: its file."""
        return str(self.path)

    @property
    def name(self) -> str:
        """A short name for the ledger, for the files made from it (a backup's)."""
        return self.path.stem if self.path else "bbcs"

    def migrate(self) -> int:
        """Apply the migrations this ledger lacks in one transaction; the old version."""
        old = self.version
        with self.write():
            for migration in MIGRATIONS[old:]:
                migration(cast(sqlite3.Connection, self.db))
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return old

    def backup_to(self, dest: Path) -> None:
        """A consistent copy through SQLite's online backup, safe while others write.

        The copy is made in a temporary file beside ``dest``, made durable and only
        then renamed: a backup cut short leaves no half-copied ledger at ``dest``.
        """
        temporary = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
        create_private(temporary)
        try:
            target = sqlite3.connect(temporary)
            try:
                cast(sqlite3.Connection, self.db).backup(target)
            finally:
                target.close()
            with temporary.open("rb+") as copy:
                os.fsync(copy.fileno())
            os.replace(temporary, dest)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise

    def begin_write(self) -> None:
        """Begin a transaction that holds the ledger's write lock until it ends."""
        self.db.execute("BEGIN IMMEDIATE")

    @contextmanager
    def write(self) -> Iterator[None]:
        """One write transaction (``begin_write``): all of it is written, or none of it."""
        self.begin_write()
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
        Store.commits += 1

    # ------------------------------------------------------------------ meta

    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set_meta(self, key: str, value: str) -> None:
        self.insert_recorded(
            "meta",
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def insert_recorded(self, table: str, sql: str, params: Sequence[Any]) -> None:
        """Run an INSERT (or upsert) into a record table and chain each row it wrote, as stored."""
        written = self.db.execute(sql + " RETURNING *", params).fetchall()
        if not written:
            return
        row = self.db.execute("SELECT link FROM records ORDER BY id DESC LIMIT 1").fetchone()
        link = row[0] if row else ZERO_LINK
        for values in written:
            link = _append_record(self.db, link, table, RECORD_TABLES[table], dict(values))

    def records_head(self) -> str:
        """The head ``count:link`` of the record chain, as ``head`` is of the events."""
        row = self.db.execute("SELECT link FROM records ORDER BY id DESC LIMIT 1").fetchone()
        count = self.db.execute("SELECT count(*) FROM records").fetchone()[0]
        return f"{count}:{row[0] if row else ZERO_LINK}"

    def repeat_candidates(
        self, phone: str | None, company: str | None, closed_since: str, other_than: str, limit: int
    ) -> list[str]:
        """Cases of the same phone or company still open or closed on or after
        ``closed_since``, not void, the latest opened first (SPEC §11)."""
        same = [f"{c} = :{c}" for c, v in (("phone", phone), ("company", company)) if v]
        if not same:
            return []
        rows = self.db.execute(
            f"SELECT id FROM cases WHERE ({' OR '.join(same)}) AND id <> :other "
            "AND (closed_on IS NULL OR closed_on >= :since) AND coalesce(result, '') <> 'void' "
            "ORDER BY n DESC LIMIT :limit",
            {"phone": phone, "company": company, "other": other_than, "since": closed_since,
             "limit": limit},
        ).fetchall()  # fmt: skip
        return [str(r[0]) for r in rows]

    def merged_cases(self, masters: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """The cases merged into each of ``masters`` (并单, SPEC §11), by master, in the
        order they were opened: id, reporter and phone."""
        found: dict[str, list[dict[str, Any]]] = {}
        for start in range(0, len(masters), 500):
            chunk = list(masters[start : start + 500])
            marks = ", ".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT merged_into, id, reporter, phone FROM cases "
                f"WHERE merged_into IN ({marks}) ORDER BY n",
                chunk,
            )
            for r in rows:
                found.setdefault(str(r[0]), []).append(
                    {"id": r[1], "reporter": r[2], "phone": r[3]}
                )
        return found

    def case_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM cases").fetchone()[0])

    def next_case_number(self, site: str, year: int) -> int:
        """The next sequence number of the site's cases opened in ``year`` (gap-free)."""
        row = self.db.execute(
            "INSERT INTO counters (site, year, last) VALUES (?, ?, 1) "
            "ON CONFLICT (site, year) DO UPDATE SET last = counters.last + 1 RETURNING last",
            (site, year),
        ).fetchone()
        return int(row[0])

    # ----------------------------------------------------------- departments

    def add_department(self, code: str, name: str, parent: str | None, at: str, by: str) -> None:
        try:
            self.insert_recorded(
                "departments",
                "INSERT INTO departments (code, name, parent, added_at, added_by) "
                "VALUES (?, ?, ?, ?, ?)",
                (code, name, parent, at, by),
            )
        except self.integrity_errors:
            raise Conflict("dept.exists", code=code, name=name) from None

    def add_site(self, code: str, name: str, parent: str | None, at: str, by: str) -> None:
        try:
            self.insert_recorded(
                "sites",
                "INSERT INTO sites (code, name, parent, added_at, added_by) VALUES (?, ?, ?, ?, ?)",
                (code, name, parent, at, by),
            )
        except self.integrity_errors:
            raise Conflict("site.exists", code=code, name=name) from None

    def sites(self) -> list[Site]:
        rows = self.db.execute("SELECT code, name, parent FROM sites ORDER BY added_at, code")
        return [Site(r["code"], r["name"], r["parent"]) for r in rows]

    def departments(self) -> list[Department]:
        rows = self.db.execute(
            "SELECT code, name, parent, retired_at FROM departments ORDER BY code"
        )
        return [
            Department(r["code"], r["name"], r["parent"], r["retired_at"] is not None) for r in rows
        ]

    def rename_department(self, code: str, name: str) -> None:
        self.insert_recorded(
            "departments", "UPDATE departments SET name = ? WHERE code = ?", (name, code)
        )

    def retire_department(self, code: str, at: str) -> None:
        self.insert_recorded(
            "departments", "UPDATE departments SET retired_at = ? WHERE code = ?", (at, code)
        )

    # ---------------------------------------------------------------- events

    def case_events(self, case_id: str) -> list[dict[str, Any]]:
        """The case's events in the order written (``seq``); empty when there is no such case."""
        rows = self.db.execute(
            "SELECT seq, kind, at, actor, os_user, data, hash FROM events "
            "WHERE case_id = ? ORDER BY seq",
            (case_id,),
        ).fetchall()
        return [_event_dict(r) for r in rows]

    def append_event(
        self,
        case_id: str,
        seq: int,
        kind: str,
        at: str,
        actor: str,
        os_user: str,
        data: Mapping[str, Any],
    ) -> dict[str, Any]:
        """Append one event, extend the chain, and return it as ``case_events`` would."""
        event_hash = content_hash(case_id, seq, kind, at, actor, os_user, data)
        link = next_link(self.last_link(), event_hash)
        self.db.execute(
            "INSERT INTO events (case_id, seq, kind, at, actor, os_user, data, hash, link) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (case_id, seq, kind, at, actor, os_user, canonical_json(data), event_hash, link),
        )
        return {
            "seq": seq,
            "kind": kind,
            "at": at,
            "actor": actor,
            "os_user": os_user,
            "data": dict(data),
            "hash": event_hash,
        }

    def head(self) -> str:
        """The chain head ``count:link`` printed in nightly and published reports."""
        return f"{self.event_count()}:{self.last_link()}"

    # the chain's last link and length: a department login on a server sees only its own
    # cases' events, so the engine may read these through a function that sees them all
    LAST_LINK: ClassVar[str] = "SELECT link FROM events ORDER BY id DESC LIMIT 1"
    EVENT_COUNT: ClassVar[str] = "SELECT count(*) FROM events"

    def last_link(self) -> str:
        row = self.db.execute(self.LAST_LINK).fetchone()
        return str(row[0]) if row and row[0] else ZERO_LINK

    # ------------------------------------------------------------ projection

    def save_case(self, state: CaseState) -> None:
        """Write the case row, its holds, its pushbacks and its searchable text from the projected state."""
        row = case_record(state)
        updates = ", ".join(f"{name} = excluded.{name}" for name in row if name != "id")
        names = ", ".join(("n", *row))
        marks = ", ".join((self.NEXT_N, *(f":{name}" for name in row)))
        n = self.db.execute(
            f"INSERT INTO cases ({names}) VALUES ({marks}) "
            f"ON CONFLICT (id) DO UPDATE SET {updates} RETURNING n",
            row,
        ).fetchone()[0]
        self.db.execute("DELETE FROM holds WHERE case_id = ?", (state.id,))
        self.db.executemany(
            f"INSERT INTO holds ({HOLD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(state.id, *hold) for hold in hold_records(state)],
        )
        self.db.execute("DELETE FROM pushbacks WHERE case_id = ?", (state.id,))
        self.db.executemany(
            f"INSERT INTO pushbacks ({PUSHBACK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(state.id, *row) for row in pushback_records(state)],
        )
        key = self.TEXT_KEY
        self.db.execute(f"DELETE FROM case_text WHERE {key} = ?", (n,))
        self.db.execute(
            f"INSERT INTO case_text ({key}, body) VALUES (?, ?)", (n, search_text(state))
        )

    def case_row(self, case_id: str) -> dict[str, Any]:
        row = self.db.execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchone()
        if row is None:
            raise NotFound("case.not_found", case=case_id)
        return _case_dict(row)

    def holds(self, case_id: str) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT dept, role, received, dept_due, ended, how, accept_due, accepted, replied "
            "FROM holds "
            "WHERE case_id = ? ORDER BY n",
            (case_id,),
        )
        return [dict(r) for r in rows]

    def unsigned_holds(self, case_id: str) -> list[dict[str, Any]]:
        """The holds of a case that await signing: department, received, accept due date."""
        rows = self.db.execute(
            f"SELECT dept, received, accept_due FROM holds h WHERE case_id = ? AND {_UNSIGNED} "
            "ORDER BY accept_due, n",
            (case_id,),
        )
        return [dict(r) for r in rows]

    def list_cases(self, query: CaseQuery) -> tuple[list[dict[str, Any]], int]:
        """Cases matching ``query``, oldest first, and how many match without the limit."""
        where: list[str] = []
        params: dict[str, Any] = {}
        if query.status is not None:
            where.append("status = :status")
            params["status"] = query.status
        if query.dept is not None:
            # the holds index narrows the search; the case row says who holds it now
            where.append("id IN (SELECT case_id FROM holds WHERE dept = :dept)")
            where.append(f"lead_dept = :dept OR {self.CO_DEPT_IS}")
            params["dept"] = query.dept
        if query.escalation is not None:
            where.append("escalation = :escalation")
            params["escalation"] = query.escalation
        if query.due_from is not None or query.due_to is not None:
            where.append("status IN ('pending', 'in_progress', 'replied')")
        if query.due_from is not None:
            where.append("due_date >= :due_from")
            params["due_from"] = query.due_from
        if query.due_to is not None:
            where.append("due_date <= :due_to")
            params["due_to"] = query.due_to
        if query.unreviewed:
            where.append("review IN ('due', 'disputed')")
        if query.unruled:
            where.append("unruled > 0")
        if query.opened_from is not None:
            where.append("opened_on >= :opened_from")
            params["opened_from"] = query.opened_from
        if query.opened_to is not None:
            where.append("opened_on <= :opened_to")
            params["opened_to"] = query.opened_to
        if query.held_by is not None:
            where.append("id IN (SELECT case_id FROM holds WHERE dept = :held_by)")
            params["held_by"] = query.held_by
        if query.site is not None:
            where.append("site = :site")
            params["site"] = query.site
        order = "opened_at, n"
        if query.extension_requests:
            where.append("extension_request IS NOT NULL")
        if query.urged:
            where.append("status != 'closed'")
            where.append("id IN (SELECT case_id FROM events WHERE kind = 'urge')")
        if query.unaccepted:
            where.append(f"id IN (SELECT case_id FROM holds h WHERE {_UNSIGNED})")
            order = (
                f"(SELECT min(accept_due) FROM holds h WHERE h.case_id = cases.id AND {_UNSIGNED}), "
                + order
            )
        if query.text:
            clause, text_params = self._search_clause(query.text)
            where.append(clause)
            params.update(text_params)
        condition = (" WHERE " + " AND ".join(f"({c})" for c in where)) if where else ""
        sql = f"SELECT * FROM cases{condition} ORDER BY {order}"
        if query.limit is not None:
            sql += f" LIMIT {int(query.limit)}"
        rows = [_case_dict(r) for r in self.db.execute(sql, params)]
        total = len(rows)
        if query.limit is not None and total == query.limit:
            total = int(
                self.db.execute(f"SELECT count(*) FROM cases{condition}", params).fetchone()[0]
            )
        return rows, total

    def _search_clause(self, query: str) -> tuple[str, dict[str, Any]]:
        """A condition for cases whose text contains every word of ``query`` (``search_words``).

        The trigram index answers words of three characters or more; shorter
        ones (a Chinese word is often two) scan the indexed text with LIKE.
        """
        clauses, params = [], {}
        for i, word in enumerate(search_words(query)):
            key = f"q{i}"
            if len(word) >= 3:
                params[key] = '"' + word.replace('"', '""') + '"'
                clauses.append(f"n IN (SELECT rowid FROM case_text WHERE case_text MATCH :{key})")
            else:
                escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                params[key] = "%" + escaped + "%"
                clauses.append(
                    f"n IN (SELECT rowid FROM case_text WHERE body LIKE :{key} ESCAPE '\\')"
                )
        return "(" + " AND ".join(clauses) + ")", params

    def overdue_case_ids(self, today: str) -> list[str]:
        """Open cases (pending, in progress, replied) whose due date lies before ``today``."""
        rows = self.db.execute(
            "SELECT id FROM cases WHERE status IN ('pending', 'in_progress', 'replied') "
            "AND due_date < ? "
            "ORDER BY n",
            (today,),
        )
        return [r[0] for r in rows]

    def redate_candidates(self, changed: str) -> list[str]:
        """Cases whose due dates a calendar change on ``changed`` may move."""
        rows = self.db.execute(
            "SELECT id FROM cases WHERE status != 'closed' UNION "
            "SELECT id FROM cases WHERE closed_on >= ?",
            (changed,),
        )
        return [r[0] for r in rows]

    def open_due_years(self) -> set[int]:
        rows = self.db.execute(
            "SELECT DISTINCT substr(due_date, 1, 4) FROM cases "
            "WHERE status != 'closed' AND due_date IS NOT NULL"
        )
        return {int(r[0]) for r in rows}

    def set_calendar_day(self, day: str, kind: str, name: str, at: str, by: str) -> None:
        self.insert_recorded(
            "calendar_days",
            "INSERT INTO calendar_days (day, kind, name, added_at, added_by) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name, "
            "added_at = excluded.added_at, added_by = excluded.added_by",
            (day, kind, name, at, by),
        )

    def cover_year(self, year: int, source: str) -> None:
        self.insert_recorded(
            "calendar_years",
            "INSERT INTO calendar_years (year, source) VALUES (?, ?) ON CONFLICT DO NOTHING",
            (year, source),
        )

    def calendar_names(self, first: str, last: str) -> dict[str, tuple[str, str]]:
        rows = self.db.execute(
            "SELECT day, kind, name FROM calendar_days WHERE day BETWEEN ? AND ?", (first, last)
        )
        return {r[0]: (r[1], r[2]) for r in rows}

    # ------------------------------------------------------- calendar, policy

    def calendar_overrides(self) -> tuple[dict[date, bool], frozenset[int]]:
        days = {
            date.fromisoformat(r[0]): r[1] == "workday"
            for r in self.db.execute("SELECT day, kind FROM calendar_days")
        }
        years = frozenset(int(r[0]) for r in self.db.execute("SELECT year FROM calendar_years"))
        return days, years

    def policy_overrides(self) -> dict[str, Any]:
        rows = self.db.execute(
            "SELECT key, value FROM policy WHERE id IN (SELECT max(id) FROM policy GROUP BY key)"
        )
        return {r[0]: json.loads(r[1]) for r in rows}

    def set_policy(self, key: str, value: Any, at: str, by: str, os_user: str) -> None:
        self.insert_recorded(
            "policy",
            "INSERT INTO policy (key, value, set_at, set_by, os_user) VALUES (?, ?, ?, ?, ?)",
            (key, json.dumps(value), at, by, os_user),
        )

    def policy_log(self) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT key, value, set_at, set_by FROM policy ORDER BY id")
        return [dict(r) for r in rows]

    # ------------------------------------------- verification and users (issue 6)

    def stream(self, sql: str, params: Any = ()) -> Iterator[Any]:
        """The rows of a query that may read the whole ledger, a few at a time (flat memory):
        SQLite's cursor already reads as it goes."""
        return iter(self.db.execute(sql, params))

    def begin_read(self) -> None:
        """Begin a transaction whose queries all see one snapshot while others write."""
        self.db.execute("BEGIN")

    @contextmanager
    def reading(self) -> Iterator[None]:
        """One read transaction: every query inside sees one snapshot while others write."""
        self.begin_read()
        try:
            yield
        finally:
            self.db.execute("ROLLBACK")

    def chain(self) -> Iterator[dict[str, Any]]:
        """Every event in the order written (``id``), streamed; ``data`` as stored text."""
        cursor = self.stream(
            "SELECT id, case_id, seq, kind, at, actor, os_user, data, hash, link "
            "FROM events ORDER BY id"
        )
        for r in cursor:
            yield dict(r)

    def events_by_case(self) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        """Each case id with its events (as ``case_events`` gives them), streamed by case id."""
        cursor = self.stream(
            "SELECT case_id, seq, kind, at, actor, os_user, data, hash FROM events "
            "ORDER BY case_id, seq"
        )
        for case_id, rows in groupby(cursor, key=lambda r: str(r["case_id"])):
            yield case_id, [_event_dict(r) for r in rows]

    def stored_cases(self) -> Iterator[tuple[dict[str, Any], str | None]]:
        """Every ``cases`` row as stored, with the body the search index holds for it
        (None when it holds none), streamed by case id."""
        cursor = self.stream(
            "SELECT cases.*, case_text.body AS text_body FROM cases "
            f"LEFT JOIN case_text ON case_text.{self.TEXT_KEY} = cases.n ORDER BY cases.id"
        )
        for r in cursor:
            row = dict(r)
            yield row, row.pop("text_body")

    def orphan_texts(self) -> list[int]:
        """The row numbers of search-index entries that belong to no case row."""
        key = self.TEXT_KEY
        # NOT EXISTS, an anti-join on both engines (PostgreSQL runs a NOT IN over a million
        # rows as a nested loop)
        rows = self.db.execute(
            f"SELECT t.{key} FROM case_text t "
            f"WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.n = t.{key}) ORDER BY t.{key}"
        )
        return [int(r[0]) for r in rows]

    def stored_holds(self) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
        """Each case id with its ``holds`` rows in order, streamed by case id."""
        cursor = self.stream(f"SELECT {HOLD_COLUMNS} FROM holds ORDER BY case_id, n")
        for case_id, rows in groupby(cursor, key=lambda r: str(r[0])):
            yield case_id, [tuple(r)[1:] for r in rows]

    def stored_pushbacks(self) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
        """Each case id with its ``pushbacks`` rows in order, streamed by case id."""
        cursor = self.stream(f"SELECT {PUSHBACK_COLUMNS} FROM pushbacks ORDER BY case_id, seq")
        for case_id, rows in groupby(cursor, key=lambda r: str(r[0])):
            yield case_id, [tuple(r)[1:] for r in rows]

    def event_count(self) -> int:
        return int(self.db.execute(self.EVENT_COUNT).fetchone()[0])

    def counters(self) -> list[tuple[str, int, int]]:
        rows = self.db.execute("SELECT site, year, last FROM counters ORDER BY site, year")
        return [(str(r[0]), int(r[1]), int(r[2])) for r in rows]

    def integrity_problems(self) -> list[str]:
        """What SQLite's own integrity check finds; empty when the file is sound."""
        found = [
            line
            for r in self.db.execute("PRAGMA integrity_check")
            for line in str(r[0]).splitlines()
            if not line.startswith("***")  # "*** in database main ***" heads the list
        ]
        return [] if found == ["ok"] else found

    def missing_guards(self) -> list[tuple[str, str]]:
        """The append-only triggers (``GUARDS``) that someone has dropped, as (table, name)."""
        present = {
            str(r[0])
            for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
        return [(table, name) for table, name in GUARDS if name not in present]

    def record_chain(self) -> Iterator[dict[str, Any]]:
        """Every record in the order written (``id``), streamed; ``row`` as stored text."""
        for r in self.stream("SELECT id, tbl, key, row, hash, link FROM records ORDER BY id"):
            yield dict(r)

    def record_row(self, record_id: int) -> dict[str, Any]:
        """The row a record holds, as it was written."""
        row = self.db.execute("SELECT row FROM records WHERE id = ?", (record_id,)).fetchone()
        value: dict[str, Any] = json.loads(row[0])
        return value

    def stored_records(self, table: str) -> Iterator[dict[str, Any]]:
        """Every row of one of ``RECORD_TABLES`` as it stands, streamed."""
        if table not in RECORD_TABLES:
            raise KeyError(table)
        for r in self.db.execute(f"SELECT * FROM {table} ORDER BY rowid"):
            yield dict(r)

    def audit_log(self) -> list[dict[str, Any]]:
        """The audit log in the order written, each ``detail`` decoded from its JSON."""
        rows = self.db.execute(
            "SELECT id, at, actor, os_user, action, detail FROM audit ORDER BY id"
        )
        return [{**dict(r), "detail": json.loads(r["detail"])} for r in rows]

    def user_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM users").fetchone()[0])

    def user(self, name: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchone()
        return dict(row) if row else None

    def users(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.execute("SELECT * FROM users ORDER BY name")]

    def add_user(
        self,
        name: str,
        role: str,
        dept: str | None,
        at: str,
        by: str,
        os_user: str,
        site: str | None = None,
    ) -> None:
        try:
            self.insert_recorded(
                "users",
                "INSERT INTO users (name, role, dept, added_at, added_by, site) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (name, role, dept, at, by, site),
            )
        except self.integrity_errors:
            raise Conflict("user.exists", user=name) from None
        said = {"name": name, "role": role, "dept": dept} | ({"site": site} if site else {})
        self.add_audit(at, by, os_user, "user add", canonical_json(said))

    def set_user_role(
        self, name: str, role: str, dept: str | None, at: str, by: str, os_user: str
    ) -> None:
        self.insert_recorded(
            "users", "UPDATE users SET role = ?, dept = ? WHERE name = ?", (role, dept, name)
        )
        detail = canonical_json({"name": name, "role": role, "dept": dept})
        self.add_audit(at, by, os_user, "user role", detail)

    def retire_user(self, name: str, at: str, by: str, os_user: str) -> None:
        self.insert_recorded("users", "UPDATE users SET retired_at = ? WHERE name = ?", (at, name))
        self.add_audit(at, by, os_user, "user retire", canonical_json({"name": name}))

    def active_admins(self) -> int:
        """Admins not retired: the ledger keeps at least one, so that users can be managed."""
        row = self.db.execute(
            "SELECT count(*) FROM users WHERE role = 'admin' AND retired_at IS NULL"
        ).fetchone()
        return int(row[0])

    def case_depts(self, case_id: str) -> set[str]:
        """The departments that hold or held the case."""
        rows = self.db.execute("SELECT DISTINCT dept FROM holds WHERE case_id = ?", (case_id,))
        return {str(r[0]) for r in rows}

    # ------------------------------------------------- CSV ledgers (issue 5)

    def iter_case_cells(
        self, opened_from: str | None, opened_to: str | None
    ) -> Iterator[tuple[Any, ...]]:
        """Cases opened in the period as CSV cells in ``CASE_FIELDS`` order, streamed.

        SQLite does the conversions (co-departments joined by ``;``, the provisional
        flag as true/false), so each value arrives as text, a number or None.
        """
        where, params = _opened_between(opened_from, opened_to)
        converted = {**_CSV_COLUMNS, "co_depts": self.CO_DEPTS_JOINED}
        columns = ", ".join(converted.get(name, name) for name in CASE_FIELDS)
        yield from self.stream(f"SELECT {columns} FROM cases{where} ORDER BY opened_on, n", params)

    def iter_event_rows(
        self, opened_from: str | None, opened_to: str | None
    ) -> Iterator[sqlite3.Row]:
        """Every event of the cases opened in the period, in the order the ledger wrote them."""
        where, params = _opened_between(opened_from, opened_to)
        sql = "SELECT case_id, seq, kind, at, actor, os_user, data, hash FROM events"
        if where:
            sql += f" WHERE case_id IN (SELECT id FROM cases{where})"
        yield from self.stream(sql + " ORDER BY id", params)

    def add_audit(self, at: str, actor: str, os_user: str, action: str, detail: str) -> None:
        self.insert_recorded(
            "audit",
            "INSERT INTO audit (at, actor, os_user, action, detail) VALUES (?, ?, ?, ?, ?)",
            (at, actor, os_user, action, detail),
        )

    def case_rows(self, case_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The rows of those of ``case_ids`` the ledger holds, by id."""
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(case_ids), 500):
            chunk = case_ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            for row in self.db.execute(f"SELECT * FROM cases WHERE id IN ({marks})", chunk):
                found[row["id"]] = _case_dict(row)
        return found

    def event_hashes(self, keys: Sequence[tuple[str, int]]) -> dict[tuple[str, int], str]:
        """The content hashes the ledger holds for those (case_id, seq) pairs."""
        found: dict[tuple[str, int], str] = {}
        for start in range(0, len(keys), 400):
            chunk = keys[start : start + 400]
            marks = ", ".join("(?, ?)" for _ in chunk)
            flat = [value for key in chunk for value in key]
            # a join, not a row-value IN, so that SQLite searches the (case_id, seq) index
            for row in self.db.execute(
                f"WITH wanted (case_id, seq) AS (VALUES {marks}) "
                "SELECT e.case_id, e.seq, e.hash FROM wanted "
                "JOIN events AS e ON e.case_id = wanted.case_id AND e.seq = wanted.seq",
                flat,
            ):
                found[(row[0], row[1])] = row[2]
        return found

    def append_given_events(
        self, events: Sequence[tuple[str, int, str, str, str, str, str, str]]
    ) -> None:
        """Append events whose seq and content hash are given, extending the chain in order.

        Each event is ``(case_id, seq, kind, at, actor, os_user, data_json, hash)``; the
        caller has checked each hash (``content_hash``) and that none is already held.
        """
        link = self.last_link()
        linked = []
        for event in events:
            link = next_link(link, event[7])
            linked.append((*event, link))
        self.db.executemany(
            "INSERT INTO events (case_id, seq, kind, at, actor, os_user, data, hash, link) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            linked,
        )

    def next_case_numbers(self, site: str, year: int, count: int) -> int:
        """The first of ``count`` consecutive new sequence numbers (``next_case_number``)."""
        row = self.db.execute(
            "INSERT INTO counters (site, year, last) VALUES (?, ?, ?) "
            "ON CONFLICT (site, year) DO UPDATE SET last = counters.last + excluded.last RETURNING last",
            (site, year, count),
        ).fetchone()
        return int(row[0]) - count + 1

    def raise_case_number(self, site: str, year: int, number: int) -> None:
        """Make sure ``next_case_number`` never hands out ``number`` or less again."""
        self.db.execute(
            "INSERT INTO counters (site, year, last) VALUES (?, ?, ?) "
            "ON CONFLICT (site, year) DO UPDATE "
            f"SET last = {self.GREATER}(counters.last, excluded.last)",
            (site, year, number),
        )

    def add_new_cases(self, states: Sequence[CaseState]) -> None:
        """``save_case`` for many cases the ledger does not hold yet, in a few statements."""
        if not states:
            return
        first = self.db.execute("SELECT coalesce(max(n), 0) + 1 FROM cases").fetchone()[0]
        records: list[dict[str, Any]] = []
        holds: list[tuple[Any, ...]] = []
        pushed: list[tuple[Any, ...]] = []
        texts: list[tuple[int, str]] = []
        for n, state in enumerate(states, start=first):
            records.append({**case_record(state), "n": n})
            holds.extend((state.id, *hold) for hold in hold_records(state))
            pushed.extend((state.id, *row) for row in pushback_records(state))
            texts.append((n, search_text(state)))
        names = ", ".join(records[0])
        marks = ", ".join(f":{name}" for name in records[0])
        self.db.executemany(f"INSERT INTO cases ({names}) VALUES ({marks})", records)
        self.db.executemany(
            f"INSERT INTO holds ({HOLD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            holds,
        )
        self.db.executemany(
            f"INSERT INTO pushbacks ({PUSHBACK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", pushed
        )
        self.db.executemany(f"INSERT INTO case_text ({self.TEXT_KEY}, body) VALUES (?, ?)", texts)
        self.numbered_cases()

    def numbered_cases(self) -> None:
        """After case rows were given their numbers ``n`` (``add_new_cases``): SQLite numbers
        the next one after the greatest by itself."""

    def events_of(self, case_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """``case_events`` of many cases at once."""
        found: dict[str, list[dict[str, Any]]] = {case_id: [] for case_id in case_ids}
        for start in range(0, len(case_ids), 500):
            chunk = case_ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            for r in self.db.execute(
                "SELECT case_id, seq, kind, at, actor, os_user, data, hash FROM events "
                f"WHERE case_id IN ({marks}) ORDER BY case_id, seq",
                chunk,
            ):
                found[r["case_id"]].append(
                    {
                        "seq": r["seq"],
                        "kind": r["kind"],
                        "at": r["at"],
                        "actor": r["actor"],
                        "os_user": r["os_user"],
                        "data": json.loads(r["data"]),
                        "hash": r["hash"],
                    }
                )
        return found

    # a temporary table of this connection, its rows numbered in the order marked
    MARKED: ClassVar[str] = (
        "CREATE TEMP TABLE IF NOT EXISTS marked (ord INTEGER PRIMARY KEY, id TEXT UNIQUE)"
    )

    def mark_cases(self, case_ids: Sequence[str]) -> None:
        """Remember case ids for this connection (a temporary table, not the ledger)."""
        self.db.execute(self.MARKED)
        self.db.executemany(
            "INSERT INTO marked (id) VALUES (?) ON CONFLICT DO NOTHING", [(c,) for c in case_ids]
        )

    def marked_cases(self) -> Iterator[str]:
        """The marked case ids, then forget them."""
        self.db.execute(self.MARKED)
        for row in self.db.execute("SELECT id FROM marked ORDER BY ord"):
            yield row[0]
        self.db.execute("DELETE FROM marked")


def case_record(state: CaseState) -> dict[str, Any]:
    """The ``cases`` row of a projected state, as stored (``verify`` compares with it)."""
    row = state.row()
    row["co_depts"] = json.dumps(row["co_depts"], ensure_ascii=False)
    row["due_provisional"] = int(row["due_provisional"])
    row.update(
        opened_on=state.opened_at[:10],
        closed_on=state.closed_at[:10] if state.closed_at else None,
        round_start=state.round_start,
        review=state.review,
        unruled=len(state.unruled),
        lead_pushbacks=state.lead_pushbacks,
        last_at=state.last_at,
        extension_request=json.dumps(state.extension_request, ensure_ascii=False)
        if state.extension_request
        else None,
        merged_into=state.merged_into,
        cause=state.cause,
        site=state.site,
        site_due=state.site_due,
    )
    return row


HOLD_COLUMNS = (
    "case_id, n, dept, role, received, dept_due, ended, how, seq, accept_due, accepted, replied"
)


def hold_records(state: CaseState) -> list[tuple[Any, ...]]:
    """The ``holds`` rows of a projected state: (n, dept, role, received, dept_due, ended,
    how, seq, accept_due, accepted, replied).

    ``dept_due`` is the lead's department due date, or a co-department's own due date
    (SPEC §10, ``limits.co``); it is NULL on co holds received before co-departments had
    due dates, whose events record none (a rebuild gives NULL too, so no migration fills
    them). A co hold ends ``replied`` on the day of its reply, ``closed`` on the day of
    a close that finds it still open."""
    return [
        (
            n,
            h.dept,
            h.role,
            h.received,
            h.dept_due,
            h.ended,
            h.how,
            h.seq,
            h.accept_due,
            h.accepted,
            h.replied,
        )
        for n, h in enumerate(state.holds)
    ]


PUSHBACK_COLUMNS = "case_id, seq, dept, role, target, day, verdict, charged"


def pushback_records(state: CaseState) -> list[tuple[Any, ...]]:
    """The ``pushbacks`` rows of a projected state: (seq, dept, role, target, day, verdict, charged)."""
    return [
        (p.seq, p.dept, p.role, p.target, p.day, p.verdict, int(p.charged))
        for p in state.pushback_log
    ]


def search_text(state: CaseState) -> str:
    """The body the full-text index ``case_text`` holds for a projected state: the case's
    texts and notes, then who reported it, the company and the phone's digits (SPEC §13)."""
    digits = phone_digits(state.phone)
    parts = (state.summary, state.detail, state.resolution, *state.notes)
    people = (state.reporter, state.company, digits)
    return "\n".join(part for part in (*parts, *people) if part)


def phone_digits(phone: str | None) -> str:
    """A phone number's digits alone, as the search index holds it and a query is matched."""
    return "".join(ch for ch in phone or "" if ch in "0123456789")


_PHONE_QUERY = re.compile(r"[0-9][0-9 +\-]*")


def search_words(query: str) -> list[str]:
    """What a search must find, every one: a phone number's digits, or the words of the query."""
    text = query.strip()
    if _PHONE_QUERY.fullmatch(text.lstrip("+")):
        return [phone_digits(text)]
    return text.split()


def _opened_between(opened_from: str | None, opened_to: str | None) -> tuple[str, list[str]]:
    where, params = [], []
    if opened_from is not None:
        where.append("opened_on >= ?")
        params.append(opened_from)
    if opened_to is not None:
        where.append("opened_on <= ?")
        params.append(opened_to)
    return (" WHERE " + " AND ".join(where) if where else ""), params


# a replied case (待审核) carries its standing reply's result and resolution (SPEC §10):
# the lead's latest reply, which a redo would have followed
_STANDING_REPLY = (
    "CASE WHEN status = 'replied' THEN (SELECT json_extract(e.data, '$.{field}') FROM events e "
    "WHERE e.case_id = cases.id AND e.kind = 'reply' AND json_extract(e.data, '$.role') = 'lead' "
    "ORDER BY e.at DESC, e.seq DESC LIMIT 1) ELSE {field} END"
)
_CSV_COLUMNS = {
    "due_provisional": "CASE due_provisional WHEN 0 THEN 'false' ELSE 'true' END",
    "result": _STANDING_REPLY.format(field="result"),
    "resolution": _STANDING_REPLY.format(field="resolution"),
}


def _event_dict(row: sqlite3.Row) -> dict[str, Any]:
    """An event as the projection reads it: its ``data`` decoded from the stored JSON."""
    return {
        "seq": row["seq"],
        "kind": row["kind"],
        "at": row["at"],
        "actor": row["actor"],
        "os_user": row["os_user"],
        "data": json.loads(row["data"]),
        "hash": row["hash"],
    }


def _case_dict(row: sqlite3.Row) -> dict[str, Any]:
    case = dict(row)
    case["co_depts"] = json.loads(case["co_depts"])
    case["due_provisional"] = bool(case["due_provisional"])
    return case
