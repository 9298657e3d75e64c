"""The PostgreSQL engine of the store (SPEC §12): psycopg 3 behind what the store asks of sqlite3.

The store writes its SQL once, in the placeholders of ``sqlite3`` (``?`` and
``:name``); ``PgConnection`` turns them into psycopg's (``%s`` and ``%(name)s``)
once per statement text, and gives rows that read like ``sqlite3.Row`` (by
position, by name, ``dict(row)``). What differs between the engines beyond that
(the schema, the write lock, full-text search, JSON access) lives here, beside the
SQLite engine in ``store``.

This module, and psycopg with it, is imported only when a PostgreSQL ledger is
opened: a clerk on the embedded SQLite ledger never pays for it, and never needs it
installed (``pip install "bbcs[postgres]"`` brings the binary wheel, no compiler needed).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import count, islice
from pathlib import Path
from typing import Any, ClassVar

import psycopg

from bbcs.errors import LedgerProblem
from bbcs.files import create_private
from bbcs.store import (
    GUARDS,
    M008_LEVELS,
    RECORD_TABLES,
    Store,
    _cases_at_their_sites,
    _rechain,
    canonical_json,
    search_words,
)

URL_SCHEMES = ("postgresql://", "postgres://")
SCHEMA = "bbcs"

# Every append of a write command serialises on this transaction-scoped advisory lock
# (taken right after BEGIN), so the chain has one line in commit order (SPEC §12).
WRITE_LOCK = 0x62626373  # "bbcs"
_CURSORS = count(1)


def is_url(target: str) -> bool:
    """Whether ``--db`` / ``BBCS_DB`` names a PostgreSQL database rather than a file."""
    return target.startswith(URL_SCHEMES)


# a quoted string or name, a cast, a named or positional parameter, a percent sign
_TOKENS = re.compile(r"'(?:[^']|'')*'|\"[^\"]*\"|::|:([A-Za-z_]\w*)|\?|%")


# SQLite's own words the store's SQL keeps where they serve its plans: the unary + that
# keeps a column off an index, ``INDEXED BY``, the ``temp.`` schema
_SQLITE_ONLY = re.compile(r"(?<=[\s(])\+(?=[a-z_]+\.[a-z_])|\s+INDEXED BY \w+|\btemp\.")


def _engine_words(sql: str) -> str:
    return _SQLITE_ONLY.sub(lambda m: "pg_temp." if m.group(0) == "temp." else "", sql)


@lru_cache(maxsize=1024)
def translate(sql: str) -> str:
    """``sqlite3``'s placeholders as psycopg's, leaving quoted text and casts alone (and
    SQLite's plan hints out)."""
    sql = _engine_words(sql)

    def one(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        if match.group(1) is not None:
            return f"%({match.group(1)})s"
        return token

    return _TOKENS.sub(one, sql)


class Row(Sequence[Any]):
    """A result row read by position, by column name, or whole with ``dict(row)``."""

    __slots__ = ("_index", "_values")

    def __init__(self, values: Sequence[Any], index: Mapping[str, int]) -> None:
        self._values = values
        self._index = index

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return self._values[self._index[key]]
        return self._values[key]

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def keys(self) -> list[str]:
        return list(self._index)

    def __repr__(self) -> str:
        return f"Row({dict(zip(self._index, self._values, strict=True))!r})"


def _row_factory(cursor: Any) -> Any:
    names = [column.name for column in cursor.description or ()]
    index = {name: i for i, name in enumerate(names)}

    def make(values: Sequence[Any]) -> Row:
        return Row(values, index)

    return make


class PgConnection:
    """One psycopg connection in autocommit mode: the store opens its own transactions.

    ``execute`` and ``executemany`` take the store's SQL as written for sqlite3.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.raw: psycopg.Connection[Any] = psycopg.connect(
            url, autocommit=True, row_factory=_row_factory
        )
        # an average comes back a float, as from SQLite, never a Decimal JSON cannot hold
        from psycopg.types.numeric import FloatLoader

        self.raw.adapters.register_loader("numeric", FloatLoader)
        # the ledger's tables live in their own schema, owned by a role nobody logs in as
        self.raw.execute(f"SET search_path TO {SCHEMA}, public")

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] | None = None) -> Any:
        if params is None:
            return self.raw.execute(_engine_words(sql))
        return self.raw.execute(translate(sql), params)

    def executemany(self, sql: str, rows: Any) -> None:
        with self.raw.cursor() as cursor:
            cursor.executemany(translate(sql), list(rows))

    def stream(self, sql: str, params: Any = ()) -> Iterator[Any]:
        """The rows of a query through a server-side cursor, fetched a batch at a time, so a
        read of the whole ledger (verify, export, a backup) stays in flat memory; outside a
        transaction the cursor is held open across it (WITH HOLD)."""
        idle = self.raw.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
        name = f"bbcs_stream_{next(_CURSORS)}"  # several may be read side by side (verify)
        with self.raw.cursor(name=name, withhold=idle) as cursor:
            cursor.itersize = 2000
            cursor.execute(translate(sql), params or None)
            yield from cursor

    def begin_write(self) -> None:
        """A write transaction that holds the ledger's write lock until it ends."""
        self.raw.execute("BEGIN")
        self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))

    def close(self) -> None:
        self.raw.close()

    @property
    def login(self) -> str:
        """The database login: on PostgreSQL, the actor of every event (SPEC §12)."""
        row = self.raw.execute("SELECT current_user").fetchone()
        return str(row[0]) if row else ""


# ------------------------------------------------------------------ schema

# SQLite's own functions the store's SQL uses (json_extract, json_type, group_concat, and
# sum and max over a condition, which SQLite counts as 1 or 0) are made in the schema
# with SQLite's meaning, so that the SQL is written once.
# The schema of SQLite's migrations 1 to 7 at once: PostgreSQL ledgers begin here. Later
# migrations are numbered for each engine (``PG_MIGRATIONS``). Columns keep SQLite's
# types (dates and times as ISO text, JSON as text, flags as integers), so that every
# row, hash and JSON document reads the same on both engines.
PG_M001_INITIAL = """
CREATE TABLE schema_version (version INTEGER NOT NULL, roles TEXT NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE departments (
    code TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, parent TEXT,
    added_at TEXT NOT NULL, added_by TEXT NOT NULL, retired_at TEXT
);
CREATE TABLE counters (
    site TEXT NOT NULL, year INTEGER NOT NULL, last INTEGER NOT NULL, PRIMARY KEY (site, year)
);
CREATE TABLE events (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    case_id TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL,
    at TEXT NOT NULL, actor TEXT NOT NULL, os_user TEXT NOT NULL,
    data TEXT NOT NULL, hash TEXT NOT NULL, link TEXT NOT NULL,
    UNIQUE (case_id, seq)
);
CREATE INDEX events_hash ON events (hash);
CREATE INDEX events_kind_at ON events (kind, at);
CREATE TABLE cases (
    n BIGINT PRIMARY KEY,
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
    lead_pushbacks INTEGER NOT NULL, last_at TEXT, extension_request TEXT
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
    accept_due TEXT, accepted TEXT, replied TEXT,
    PRIMARY KEY (case_id, n)
);
CREATE INDEX holds_dept ON holds (dept, received);
CREATE INDEX holds_ended ON holds (ended);
CREATE INDEX holds_unsigned ON holds (accept_due) WHERE ended IS NULL AND accepted IS NULL;
CREATE INDEX holds_accept_due ON holds (accept_due);
CREATE INDEX holds_accepted ON holds (accepted);
CREATE TABLE pushbacks (
    case_id TEXT NOT NULL, seq INTEGER NOT NULL, dept TEXT NOT NULL,
    role TEXT NOT NULL, target TEXT, day TEXT NOT NULL, verdict TEXT,
    charged INTEGER NOT NULL,
    PRIMARY KEY (case_id, seq)
);
CREATE TABLE case_text (n BIGINT PRIMARY KEY, body TEXT NOT NULL);
CREATE INDEX case_text_trigram ON case_text USING gin (body gin_trgm_ops);
CREATE TABLE calendar_days (
    day TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL,
    added_at TEXT NOT NULL, added_by TEXT NOT NULL
);
CREATE TABLE calendar_years (year INTEGER PRIMARY KEY, source TEXT NOT NULL);
CREATE TABLE policy (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, key TEXT NOT NULL,
    value TEXT NOT NULL, set_at TEXT NOT NULL, set_by TEXT NOT NULL, os_user TEXT NOT NULL
);
CREATE TABLE users (
    name TEXT PRIMARY KEY, role TEXT NOT NULL, dept TEXT,
    added_at TEXT NOT NULL, added_by TEXT NOT NULL, retired_at TEXT
);
CREATE TABLE audit (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, at TEXT NOT NULL,
    actor TEXT NOT NULL, os_user TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL
);
CREATE TABLE published (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, kind TEXT NOT NULL,
    period_from TEXT NOT NULL, period_to TEXT NOT NULL, body TEXT NOT NULL,
    head TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL
);
CREATE TABLE records (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, tbl TEXT NOT NULL,
    key TEXT NOT NULL, row TEXT NOT NULL, hash TEXT NOT NULL, link TEXT NOT NULL
);
CREATE FUNCTION json_extract(doc text, path text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (doc::jsonb) #>> string_to_array(substr(path, 3), '.')
$$;
CREATE FUNCTION json_type(doc text, path text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE jsonb_typeof(v)
        WHEN 'string' THEN 'text'
        WHEN 'number' THEN CASE WHEN v::text ~ '^-?[0-9]+$' THEN 'integer' ELSE 'real' END
        WHEN 'boolean' THEN v::text
        ELSE jsonb_typeof(v) END
    FROM (SELECT (doc::jsonb) #> string_to_array(substr(path, 3), '.') AS v) j
$$;
CREATE FUNCTION bbcs_add_flag(total bigint, flag boolean) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN flag IS NULL THEN total ELSE coalesce(total, 0) + flag::int END
$$;
CREATE AGGREGATE sum(boolean) (SFUNC = bbcs_add_flag, STYPE = bigint);
CREATE AGGREGATE max(boolean) (SFUNC = boolor_statefunc, STYPE = boolean);
CREATE FUNCTION bbcs_join(joined text, value text, sep text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN value IS NULL THEN joined WHEN joined IS NULL THEN value
                ELSE joined || sep || value END
$$;
CREATE AGGREGATE group_concat(text, text) (SFUNC = bbcs_join, STYPE = text);
CREATE FUNCTION bbcs_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are never changed (%)', TG_TABLE_NAME, TG_OP;
END $$;
"""


def _guard_triggers(guards: Sequence[tuple[str, str]]) -> list[str]:
    """The append-only guards (the same names as SQLite's, so ``verify`` finds them)."""
    statements = []
    for table, name in guards:
        action = name.rsplit("_", 1)[1].upper()
        statements.append(
            f"CREATE TRIGGER {name} BEFORE {action} ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION bbcs_refuse()"
        )
    for table in ("events", "records"):
        statements.append(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION bbcs_refuse()"
        )
    return statements


def quoted(name: str) -> str:
    """A role's name as an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


ROLE_KINDS = ("owner", "admin", "supervisor", "clerk", "dept")


def role_names(db: PgConnection, prefix: str | None = None) -> dict[str, str]:
    """The ledger's own roles (roles belong to the whole server, so they are named by the
    database the ledger was made in, kept in ``schema_version.roles``): ``owner`` owns the
    schema and nobody logs in as it; one group role per bbcs role."""
    if prefix is None:
        prefix = str(db.execute("SELECT roles FROM schema_version").fetchone()[0])
    return {name: f"{prefix}_{name}" for name in ROLE_KINDS}


# What every login may do while the ledger has no users (SPEC §8: everyone may do
# everything then): read all, append to the chains, keep the projections.
_PROJECTIONS = ("meta", "departments", "sites", "counters", "cases", "holds", "pushbacks", "case_text",
                "calendar_days", "users", "schema_version")  # fmt: skip


def _grants(to: str) -> list[str]:
    return [
        f"GRANT USAGE ON SCHEMA {SCHEMA} TO {to}",
        f"GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA {SCHEMA} TO {to}",
        f"GRANT UPDATE, DELETE ON {', '.join(_PROJECTIONS)} TO {to}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {SCHEMA} TO {to}",
    ]


def _create(db: PgConnection) -> None:
    """Make the ledger in an empty database: its roles, its schema (owned by the owner role,
    which the login that ran ``init`` leaves again), the tables and the grants."""
    database = str(db.execute("SELECT current_database()").fetchone()[0])
    roles = role_names(db, database)
    for role in roles.values():
        exists = db.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (role,)).fetchone()
        if not exists:
            db.execute(f"CREATE ROLE {quoted(role)} NOLOGIN")
    owner = quoted(roles["owner"])
    db.execute(f"GRANT {owner} TO CURRENT_USER")
    db.execute(f"CREATE SCHEMA {SCHEMA} AUTHORIZATION {owner}")
    # trusted since PostgreSQL 13: made by the login that owns or may create in the database
    db.execute(f"CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA {SCHEMA}")
    db.execute(f"SET LOCAL ROLE {owner}")
    for migration in PG_MIGRATIONS:
        migration(db)
    db.execute(
        "INSERT INTO schema_version (version, roles) VALUES (?, ?)", (PG_SCHEMA_VERSION, database)
    )
    for to in ("PUBLIC", *(quoted(roles[r]) for r in ("admin", "supervisor", "clerk", "dept"))):
        for statement in _grants(to):
            db.execute(statement)
    for statement in _walls(roles):
        db.execute(statement)
    db.execute("RESET ROLE")
    db.execute(f"REVOKE {owner} FROM CURRENT_USER")


# The cases a department login may read: those its department holds or held (SPEC §12).
# The functions run as the owner role, which row-level security does not limit.
_FUNCTIONS = f"""
CREATE FUNCTION bbcs_held_cases() RETURNS SETOF text LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = {SCHEMA} AS $$
    SELECT DISTINCT h.case_id FROM holds h JOIN users u ON u.dept = h.dept
    WHERE u.name = session_user AND u.role = 'dept' AND u.retired_at IS NULL
$$;
CREATE FUNCTION bbcs_last_link() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = {SCHEMA} AS $$ SELECT link FROM events ORDER BY id DESC LIMIT 1 $$;
CREATE FUNCTION bbcs_event_count() RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = {SCHEMA} AS $$ SELECT count(*) FROM events $$;
"""

# table, who a department may read there; and whether it may only add to cases it holds
_LIMITED = (
    ("cases", "id IN (SELECT bbcs_held_cases())", True),
    ("events", "case_id IN (SELECT bbcs_held_cases())", True),
    ("holds", "case_id IN (SELECT bbcs_held_cases())", False),
    ("pushbacks", "case_id IN (SELECT bbcs_held_cases())", False),
    ("case_text", "n IN (SELECT n FROM cases)", False),
)


def _walls(roles: Mapping[str, str]) -> list[str]:
    """Row-level security: staff read every case, a department login the cases its
    department holds or held; ``bootstrap`` lets every login work while the ledger has no
    users (SPEC §8: everyone may do everything then) and goes with the first one."""
    staff = ", ".join(quoted(roles[r]) for r in ("admin", "supervisor", "clerk"))
    dept = quoted(roles["dept"])
    statements = [_FUNCTIONS]
    for table, held, checked in _LIMITED:
        statements += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"CREATE POLICY bootstrap ON {table} TO PUBLIC USING (true) WITH CHECK (true)",
            f"CREATE POLICY staff ON {table} TO {staff} USING (true) WITH CHECK (true)",
            f"CREATE POLICY held ON {table} TO {dept} USING ({held}) "
            f"WITH CHECK ({held if checked else 'true'})",
        ]
    return statements


# what a login that is not a user of the ledger may still read: enough to be told so
_READABLE_BY_ANY = ("schema_version", "meta", "users", "departments", "sites", "policy", "calendar_days",
                    "calendar_years")  # fmt: skip


def _close_bootstrap(db: PgConnection) -> None:
    """The first user is registered: from now on only the ledger's users' logins work it."""
    owner = quoted(role_names(db)["owner"])
    db.execute(f"GRANT {owner} TO CURRENT_USER")
    db.execute(f"SET LOCAL ROLE {owner}")
    db.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA {SCHEMA} FROM PUBLIC")
    db.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {SCHEMA} FROM PUBLIC")
    db.execute(f"GRANT SELECT ON {', '.join(_READABLE_BY_ANY)} TO PUBLIC")
    for table, _, _ in _LIMITED:
        db.execute(f"DROP POLICY bootstrap ON {table}")
    db.execute("RESET ROLE")
    db.execute(f"REVOKE {owner} FROM CURRENT_USER")


def pg_m001_initial(db: PgConnection) -> None:
    db.execute(PG_M001_INITIAL)
    for statement in _guard_triggers([g for g in GUARDS if g[0] != "sites"]):
        db.execute(statement)


# SQLite's migration 8 (SPEC §11, §12), its guard made the PostgreSQL way
PG_M002_GUARD = "CREATE TRIGGER sites_no_delete BEFORE DELETE ON sites FOR EACH ROW EXECUTE FUNCTION bbcs_refuse()"


def pg_m002_levels(db: PgConnection) -> None:
    db.execute(M008_LEVELS)
    db.execute(PG_M002_GUARD)
    _cases_at_their_sites(db)
    _rechain(db, "users", "name")
    # a ledger made before this migration granted its tables then; a new one grants after
    if db.execute("SELECT 1 FROM pg_tables WHERE tablename = 'schema_version' "
                  "AND schemaname = ? AND EXISTS (SELECT 1 FROM schema_version)",
                  (SCHEMA,)).fetchone():  # fmt: skip
        roles = role_names(db)
        staff = [quoted(roles[r]) for r in ("admin", "supervisor", "clerk", "dept")]
        db.execute(f"GRANT SELECT, INSERT, UPDATE ON sites TO {', '.join(staff)}")
        db.execute("GRANT SELECT ON sites TO PUBLIC")
        if db.execute(
            "SELECT 1 FROM pg_policies WHERE schemaname = ? AND policyname = 'bootstrap'",
            (SCHEMA,),
        ).fetchone():
            db.execute("GRANT INSERT, UPDATE ON sites TO PUBLIC")


PG_MIGRATIONS = (pg_m001_initial, pg_m002_levels)
PG_SCHEMA_VERSION = len(PG_MIGRATIONS)


# ------------------------------------------------------------------ the store


def _safe(url: str) -> str:
    """The URL as a clerk may see it: any password in it left out."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    login = f"{parts.username}@" if parts.username else ""
    return urlunsplit(parts._replace(netloc=login + host))


class PgStore(Store):
    """A ledger in a PostgreSQL database: ``Store`` with the engine's own SQL where it differs."""

    engine: ClassVar[str] = "postgresql"
    TEXT_KEY: ClassVar[str] = "n"
    CO_DEPT_IS: ClassVar[str] = "jsonb_exists(co_depts::jsonb, :dept)"
    CO_DEPTS_JOINED: ClassVar[str] = (
        "(SELECT string_agg(v, ';' ORDER BY i) "
        "FROM jsonb_array_elements_text(co_depts::jsonb) WITH ORDINALITY AS t (v, i))"
    )
    GREATER: ClassVar[str] = "greatest"
    # an identity would spend a number on every upsert that updates; numbers stay gap-free
    # because every write holds the ledger's write lock
    NEXT_N: ClassVar[str] = "(SELECT coalesce(max(n), 0) + 1 FROM cases)"
    MARKED: ClassVar[str] = (
        "CREATE TEMP TABLE IF NOT EXISTS marked (ord BIGSERIAL PRIMARY KEY, id TEXT UNIQUE)"
    )

    integrity_errors: ClassVar[tuple[type[Exception], ...]] = (psycopg.errors.IntegrityError,)

    def __init__(self, url: str, db: PgConnection) -> None:
        super().__init__(None, db)
        self.url = url
        self.pg = db

    # ----------------------------------------------------------------- opening

    @classmethod
    def connect(cls, url: str) -> PgStore:
        try:
            return cls(url, PgConnection(url))
        except psycopg.OperationalError as exc:
            reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
            raise LedgerProblem("ledger.no_server", path=_safe(url), reason=reason) from None

    @classmethod
    def open_url(cls, url: str, *, migrating: bool = False) -> PgStore:
        """An existing ledger in the database at ``url``; an empty database is an error."""
        store = cls.connect(url)
        version = store.version
        where = _safe(url)
        if version > PG_SCHEMA_VERSION:
            raise LedgerProblem("ledger.newer", path=where, version=version)
        if version == 0:
            raise LedgerProblem("ledger.empty_database", path=where)
        if version < PG_SCHEMA_VERSION and not migrating:
            raise LedgerProblem("ledger.older", path=where, version=version)
        return store

    @classmethod
    def create_or_open_url(cls, url: str) -> PgStore:
        """The ledger at ``url``, its schema made if the database has none yet."""
        store = cls.connect(url)
        if store.version == 0:
            store.begin_write()
            try:
                if store.version == 0:  # another desk may have made it while we waited
                    _create(store.pg)
                store.pg.execute("COMMIT")
            except BaseException:
                store.pg.execute("ROLLBACK")
                raise
        return cls.open_url(url)

    @property
    def version(self) -> int:
        found = self.pg.execute(
            f"SELECT to_regclass('{SCHEMA}.schema_version') IS NOT NULL"
        ).fetchone()[0]
        if not found:
            return 0
        row = self.pg.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    @property
    def latest(self) -> int:
        return PG_SCHEMA_VERSION

    @property
    def where(self) -> str:
        return _safe(self.url)

    @property
    def name(self) -> str:
        from urllib.parse import urlsplit

        return urlsplit(self.url).path.strip("/") or "bbcs"

    @property
    def login(self) -> str:
        return self.pg.login

    def migrate(self) -> int:
        """The migrations run as the owner role, taken up for the transaction and left again."""
        old = self.version
        owner = quoted(role_names(self.pg)["owner"])
        with self.write():
            self.pg.execute(f"GRANT {owner} TO CURRENT_USER")
            self.pg.execute(f"SET LOCAL ROLE {owner}")
            for migration in PG_MIGRATIONS[old:]:
                migration(self.pg)
            self.pg.execute("UPDATE schema_version SET version = ?", (PG_SCHEMA_VERSION,))
            self.pg.execute("RESET ROLE")
            self.pg.execute(f"REVOKE {owner} FROM CURRENT_USER")
        return old

    def begin_write(self) -> None:
        self.pg.begin_write()

    def begin_read(self) -> None:
        self.pg.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")

    # ------------------------------------------------------- engine's own SQL

    def _search_clause(self, query: str) -> tuple[str, dict[str, Any]]:
        """Every word of ``query`` in the case's text, through the trigram index (pg_trgm)."""
        clauses, params = [], {}
        for i, word in enumerate(search_words(query)):
            key = f"q{i}"
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params[key] = "%" + escaped + "%"
            clauses.append(f"n IN (SELECT n FROM case_text WHERE body LIKE :{key} ESCAPE '\\')")
        return "(" + " AND ".join(clauses) + ")", params

    def integrity_problems(self) -> list[str]:
        """The server keeps its own pages sound; there is no file to check."""
        return []

    def missing_guards(self) -> list[tuple[str, str]]:
        present = {
            str(r[0])
            for r in self.pg.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        }
        return [(table, name) for table, name in GUARDS if name not in present]

    def backup_to(self, dest: Path) -> None:
        backup_to_sqlite(self, dest)

    def continue_numbering(self) -> None:
        """After rows were copied in with their own ids, new rows are numbered after them
        (the sequences belong to the owner role, taken up for the moment)."""
        owner = quoted(role_names(self.pg)["owner"])
        self.pg.execute(f"GRANT {owner} TO CURRENT_USER")
        self.pg.execute(f"SET LOCAL ROLE {owner}")
        for table in ("events", "policy", "audit", "published", "records"):
            self.pg.execute(
                f"SELECT setval(pg_get_serial_sequence('{SCHEMA}.{table}', 'id'), "
                f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
            )
        self.pg.execute("RESET ROLE")
        self.pg.execute(f"REVOKE {owner} FROM CURRENT_USER")

    LAST_LINK: ClassVar[str] = "SELECT bbcs_last_link()"
    EVENT_COUNT: ClassVar[str] = "SELECT bbcs_event_count()"

    # --------------------------------------------------- users are logins

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
        """Register the user and give their login (made now if the server has none) the
        grants of its bbcs role; the first login ends the ledger's open set-up.

        A user already registered (a ledger copied in by ``migrate --to``, which makes no
        logins) with the same role is given their login and its grants only."""
        known = self.user(name)
        if (
            known is None
            or (known["role"], known["dept"]) != (role, dept)
            or self._has_login(name, role)
        ):
            super().add_user(name, role, dept, at, by, os_user, site)  # refused when registered
        else:
            self.add_audit(at, by, os_user, "user login", canonical_json({"name": name}))
        exists = self.pg.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (name,)).fetchone()
        if not exists:
            self.pg.execute(f"CREATE ROLE {quoted(name)} LOGIN")
        self._grant_role(name, role)
        if self.pg.execute(
            "SELECT 1 FROM pg_policies WHERE schemaname = ? AND policyname = 'bootstrap'", (SCHEMA,)
        ).fetchone():
            _close_bootstrap(self.pg)

    def set_user_role(
        self, name: str, role: str, dept: str | None, at: str, by: str, os_user: str
    ) -> None:
        super().set_user_role(name, role, dept, at, by, os_user)
        self._grant_role(name, role)

    def retire_user(self, name: str, at: str, by: str, os_user: str) -> None:
        super().retire_user(name, at, by, os_user)
        self._grant_role(name, None)

    def _has_login(self, login: str, role: str) -> bool:
        """Whether ``login`` exists and is in the group role of ``role`` already."""
        group = role_names(self.pg)[role]
        row = self.pg.execute(
            "SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE g.rolname = ? AND u.rolname = ?",
            (group, login),
        ).fetchone()
        return row is not None

    def _grant_role(self, login: str, role: str | None) -> None:
        """The login in the group role of ``role`` and in no other of this ledger's; an
        admin's login may make logins (CREATEROLE), as ``user add`` does."""
        roles = role_names(self.pg)
        for kind in ("admin", "supervisor", "clerk", "dept"):
            if kind != role:
                self.pg.execute(f"REVOKE {quoted(roles[kind])} FROM {quoted(login)}")
        if role is not None:
            self.pg.execute(f"GRANT {quoted(roles[role])} TO {quoted(login)}")
        if role == "admin":
            self.pg.execute(f"ALTER ROLE {quoted(login)} CREATEROLE")

    def stream(self, sql: str, params: Any = ()) -> Iterator[Any]:
        return self.pg.stream(sql, params)

    def stored_records(self, table: str) -> Iterator[dict[str, Any]]:
        if table not in RECORD_TABLES:
            raise KeyError(table)
        for r in self.stream(f"SELECT * FROM {table} ORDER BY {RECORD_TABLES[table]}"):
            yield dict(r)


# ------------------------------------------------------------ between the engines

# Every table a ledger holds, in an order the copy can insert them in, with the column
# the rows are read in order of. The projections (cases, holds, pushbacks, the search
# text) are copied as they are by a backup and rebuilt from the events by a migration.
RECORDS_AND_EVENTS = (
    ("meta", "key"),
    ("departments", "code"),
    ("sites", "code"),
    ("counters", "site, year"),
    ("calendar_days", "day"),
    ("calendar_years", "year"),
    ("policy", "id"),
    ("users", "name"),
    ("audit", "id"),
    ("published", "id"),
    ("records", "id"),
    ("events", "id"),
)
PROJECTIONS = (("cases", "n"), ("holds", "case_id, n"), ("pushbacks", "case_id, seq"))
BATCH = 5000


def copy_tables(
    source: Store, target: Store, tables: Sequence[tuple[str, str]], text_key: str = "rowid"
) -> int:
    """Copy the rows of ``tables`` from ``source`` to ``target`` in their order, in batches
    (flat memory); the number of events copied."""
    events = 0
    for table, order in tables:
        cursor = source.stream(f"SELECT * FROM {table} ORDER BY {order}")
        while True:
            rows = list(islice(cursor, BATCH))
            if not rows:
                break
            names = list(rows[0].keys())
            marks = ", ".join("?" for _ in names)
            target.db.executemany(
                f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})",
                [tuple(r) for r in rows],
            )
            if table == "events":
                events += len(rows)
    return events


def backup_to_sqlite(store: PgStore, dest: Path) -> None:
    """A SQLite ledger file of the same events, records and projections (SPEC §12): any
    ledger backs up to one file an auditor can open and ``verify``. Written beside ``dest``
    and renamed into place only when whole."""
    temporary = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    create_private(temporary)
    try:
        copy = Store.create_or_open(temporary)
        try:
            with store.reading(), copy.write():
                copy_tables(store, copy, (*RECORDS_AND_EVENTS, *PROJECTIONS))
                cursor = store.stream("SELECT n, body FROM case_text ORDER BY n")
                while rows := list(islice(cursor, BATCH)):
                    copy.db.executemany(
                        "INSERT INTO case_text (rowid, body) VALUES (?, ?)",
                        [tuple(r) for r in rows],
                    )
        finally:
            copy.close()
        with temporary.open("rb+") as written:
            os.fsync(written.fileno())
        os.replace(temporary, dest)
    except BaseException:
        for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
            leftover.unlink(missing_ok=True)
        raise


def copy_into(source: Store, url: str) -> PgStore:
    """``migrate --to``: a SQLite ledger's events and records copied into an empty
    PostgreSQL database, its cases rebuilt there from the events. Returns the new store
    (its numbering continued after the copied rows)."""
    from bbcs.projection import project

    target = PgStore.create_or_open_url(url)
    if target.event_count() or target.user_count() or target.meta("site"):
        target.close()
        raise LedgerProblem("migrate.target_not_empty", path=_safe(url))
    with source.reading(), target.write():
        copy_tables(source, target, RECORDS_AND_EVENTS)
        states = []
        for case_id, events in source.events_by_case():
            states.append(project(case_id, events))
            if len(states) >= BATCH:
                target.add_new_cases(states)
                states = []
        target.add_new_cases(states)
        target.continue_numbering()
    return target
