"""Each test gets its own ledger file under tmp_path and a frozen, known world.

``bbcs(...)`` runs the CLI in-process through typer's CliRunner with the test's
environment; ``ledger_rows(...)`` reads the real SQLite file back.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from typer.testing import CliRunner

from bbcs.cli import app
from pgcluster import Cluster, binaries

# The engines every ledger test runs on (SPEC §12): each test that works a ledger through
# the command line (the ``bbcs`` fixture) runs once per engine, unless it is marked
# ``sqlite_only`` (it is about the file: its bytes, its locks, its companions).
# BBCS_TEST_ENGINES=sqlite runs the SQLite half alone.
ENGINES = tuple(os.environ.get("BBCS_TEST_ENGINES", "sqlite,postgresql").split(","))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: a test about the ledger file, which runs on SQLite alone"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "bbcs" in metafunc.fixturenames and "engine" in metafunc.fixturenames:
        only = metafunc.definition.get_closest_marker("sqlite_only")
        engines = [e for e in ENGINES if e == "sqlite"] if only else list(ENGINES)
        metafunc.parametrize("engine", engines or ["sqlite"])


@pytest.fixture
def engine() -> str:
    """The engine of a test's ledger: SQLite unless the test runs on both."""
    return "sqlite"


@pytest.fixture(autouse=True)
def world(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str, request: pytest.FixtureRequest
) -> Path | str:
    """The test's ledger: a file under tmp_path, or a new database of the session's cluster
    (a ``postgresql://`` URL whose login comes from ``PGUSER``, as each person logs in)."""
    db: Path | str = tmp_path / "ledger.db"
    if engine == "postgresql":
        cluster: Cluster = request.getfixturevalue("pg_cluster")
        name = _database_name(request)
        cluster.new_database(name)
        request.addfinalizer(lambda: cluster.drop_database(name))
        db = cluster.url(name, user=None)
        cluster.ensure_login("clerk1")
        monkeypatch.setenv("PGUSER", "clerk1")
    monkeypatch.setenv("BBCS_DB", str(db))
    monkeypatch.setenv("BBCS_NOW", "2026-11-02T09:00:00+08:00")
    monkeypatch.setenv("BBCS_TZ", "Asia/Shanghai")
    monkeypatch.setenv("BBCS_USER", "clerk1")
    monkeypatch.setenv("BBCS_LANG", "en")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    return db


def _database_name(request: pytest.FixtureRequest) -> str:
    return "t_" + re.sub(r"\W", "_", request.node.name.lower())[:36] + f"_{os.getpid()}"


class Run:
    def __init__(
        self, db: Any, monkeypatch: pytest.MonkeyPatch, cluster: Cluster | None = None
    ) -> None:
        self.db = db  # the ledger file, or the URL of its database
        self.monkeypatch = monkeypatch
        self.runner = CliRunner()
        self.cluster = cluster

    @property
    def engine(self) -> str:
        return "postgresql" if self.cluster is not None else "sqlite"

    def __call__(self, *args: str, now: str | None = None, user: str | None = None) -> Any:
        if now is not None:
            self.monkeypatch.setenv("BBCS_NOW", now)
        if user is not None:
            self.monkeypatch.setenv("BBCS_USER", user)
            if self.cluster is not None:  # on a server each person logs in as themself
                self.cluster.ensure_login(user)
                self.monkeypatch.setenv("PGUSER", user)
        return self.runner.invoke(app, list(args))

    def ok(self, *args: str, **kw: Any) -> str:
        result = self(*args, **kw)
        assert result.exit_code == 0, (result.output, result.stderr, result.exception)
        return str(result.stdout)

    def fails(self, *args: str, **kw: Any) -> str:
        """Run a command that must be refused: exit 1, one sentence on stderr, no traceback."""
        result = self(*args, **kw)
        assert result.exit_code == 1, (result.output, result.exception)
        message = result.stderr.strip()
        assert message and "\n" not in message and "Traceback" not in message, message
        return str(message)

    def json(self, *args: str, **kw: Any) -> Any:
        return json.loads(self.ok(*args, "--json", **kw))

    def open(self, *args: str, **kw: Any) -> str:
        return self.ok("open", *args, "--quiet", **kw).strip()


@pytest.fixture
def bbcs(
    world: Path | str, monkeypatch: pytest.MonkeyPatch, engine: str, request: pytest.FixtureRequest
) -> Run:
    cluster = request.getfixturevalue("pg_cluster") if engine == "postgresql" else None
    return Run(world, monkeypatch, cluster)


@pytest.fixture
def desk(bbcs: Run) -> Run:
    """A ledger with site HX and three departments."""
    bbcs.ok("init", "--site", "HX")
    bbcs.ok("dept", "add", "ZJJ", "住建局")
    bbcs.ok("dept", "add", "GTJ", "自然资源局")
    bbcs.ok("dept", "add", "SCJ", "市场监管局")
    return bbcs


T = TypeVar("T")
_BUILT: dict[str, tuple[Path, Any]] = {}


def built(desk: Run, tmp_path_factory: pytest.TempPathFactory, build: Callable[[Run], T]) -> T:
    """The ledger ``build`` makes on a desk, made once per test session and copied
    into each test's own file after that (with what ``build`` returned, such as ids).

    The copy is the same SQLite file, byte for byte, so a test reads and writes its
    own ledger exactly as if it had run ``build`` itself."""
    name = f"{build.__module__}.{build.__qualname__}"
    if desk.cluster is not None:
        return _built_database(desk, desk.cluster, name, build)
    if name not in _BUILT:
        made = build(desk)
        with sqlite3.connect(desk.db) as con:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
        kept = tmp_path_factory.mktemp("built") / desk.db.name
        shutil.copy2(desk.db, kept)
        _BUILT[name] = (kept, copy.deepcopy(made))
        return made
    kept, made = _BUILT[name]
    for sidecar in ("", "-wal", "-shm"):
        Path(f"{desk.db}{sidecar}").unlink(missing_ok=True)
    shutil.copy2(kept, desk.db)
    return copy.deepcopy(made)  # type: ignore[no-any-return]


_BUILT_DATABASES: dict[str, tuple[str, Any]] = {}


def _built_database(desk: Run, cluster: Cluster, name: str, build: Callable[[Run], T]) -> T:
    """``built`` on PostgreSQL: the first build's database is the template of the next ones."""
    database = str(desk.db).rsplit("/", 1)[1]
    if name not in _BUILT_DATABASES:
        made = build(desk)
        template = f"b_{len(_BUILT_DATABASES)}_{os.getpid()}"
        cluster.new_database(template, template=database)
        _BUILT_DATABASES[name] = (template, copy.deepcopy(made))
        return made
    template, made = _BUILT_DATABASES[name]
    cluster.new_database(database, template=template)
    return copy.deepcopy(made)  # type: ignore[no-any-return]


@pytest.fixture
def snapshot(world: Path | str) -> Callable[[], list[tuple[Any, ...]]]:
    """Everything in the ledger, to compare before and after a refused command."""

    def take() -> list[tuple[Any, ...]]:
        if isinstance(world, str):  # a database of the cluster
            tables = [
                r[0]
                for r in rows(
                    world,
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'bbcs' ORDER BY 1",
                )
            ]
            found: list[tuple[Any, ...]] = []
            for table in tables:
                found.extend(
                    (table, *row) for row in rows(world, f"SELECT * FROM {table} ORDER BY 1")
                )
            return found
        db = sqlite3.connect(world)
        try:
            everything: list[tuple[Any, ...]] = []
            for (table,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'case_text%'"
            ):
                everything.extend((table, *row) for row in db.execute(f"SELECT * FROM {table}"))
            return everything
        finally:
            db.close()

    return take


def rows(db: Path | str, sql: str, *params: Any) -> list[Any]:
    """The rows a query reads from the ledger itself: its file, or its database (as the
    server's administrator, who sees every row). One mapping may stand for the parameters."""
    return _behind_bbcs(db, sql, params, read=True)


def execute(db: Path | str, sql: str, *params: Any) -> None:
    """Change the ledger behind bbcs's back (as whoever holds the file or the server could)."""
    _behind_bbcs(db, sql, params, read=False)


def _behind_bbcs(db: Path | str, sql: str, params: tuple[Any, ...], *, read: bool) -> list[Any]:
    given: Any = params[0] if len(params) == 1 and isinstance(params[0], dict) else params
    if isinstance(db, str) and db.startswith("postgresql://"):
        from bbcs.store_postgres import PgConnection

        con_pg = PgConnection(db.replace("postgresql://", "postgresql://postgres@", 1))
        try:
            cursor = con_pg.execute(sql, given or None)
            return list(cursor.fetchall()) if read else []
        finally:
            con_pg.close()
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    try:
        found = con.execute(sql, given).fetchall()
        con.commit()
        return found
    finally:
        con.close()


# ------------------------------------------------------------------ PostgreSQL


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """The session's throwaway PostgreSQL cluster, started when a test first asks for it."""
    bindir = binaries()
    if bindir is None:
        pytest.fail("no PostgreSQL binaries here: install Debian's postgresql package")
    cluster = Cluster(bindir).start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: Cluster, request: pytest.FixtureRequest) -> Iterator[str]:
    """A new empty database of the cluster for one test, dropped after it."""
    import psycopg

    name = "t_" + re.sub(r"\W", "_", request.node.name.lower())[:40] + f"_{os.getpid()}"
    with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
    yield pg_cluster.url(name)
    with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
