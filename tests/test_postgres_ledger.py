"""What only a ledger on PostgreSQL has (SPEC §12): logins as identity, the database as a
second wall, many writers on one chain, a dropped connection, and the copies between the
engines. Real servers and processes: the session's cluster, ``bbcs`` as clerks run it, and
psycopg logged in as each person, as one would with ``psql``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import psycopg
import pytest

from pgcluster import Cluster
from processes import BBCS, TIMEOUT

NOW = "2026-11-02T09:00:00+08:00"


class Desk:
    """A shared ledger in a fresh database, worked by ``bbcs`` processes, each person
    logging in as themself (``PGUSER``)."""

    def __init__(self, cluster: Cluster, name: str) -> None:
        self.cluster = cluster
        self.name = name
        self.url = cluster.url(name, user=None)

    def env(self, user: str) -> dict[str, str]:
        self.cluster.ensure_login(user)
        env = dict(os.environ)
        env.update(
            BBCS_DB=self.url, PGUSER=user, BBCS_NOW=NOW, BBCS_TZ="Asia/Shanghai",
            BBCS_LANG="en", NO_COLOR="1", PYTHONIOENCODING="utf-8",
        )  # fmt: skip
        env.pop("BBCS_USER", None)
        return env

    def run(self, *args: str, user: str = "admin1") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*BBCS, *args], env=self.env(user), capture_output=True, text=True,
            encoding="utf-8", timeout=TIMEOUT,
        )  # fmt: skip

    def ok(self, *args: str, user: str = "admin1") -> str:
        done = self.run(*args, user=user)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done.stdout

    def sql(self, user: str, query: str, *params: Any) -> list[tuple[Any, ...]]:
        """A query as ``user`` logged in with psql would run it."""
        self.cluster.ensure_login(user)
        with psycopg.connect(self.cluster.url(self.name, user=user), autocommit=True) as db:
            return list(db.execute(query, params or None).fetchall())


@pytest.fixture
def shared(pg_cluster: Cluster, request: pytest.FixtureRequest) -> Iterator[Desk]:
    name = f"s_{request.node.name.lower()[:40]}_{os.getpid()}".replace("[", "_").replace("]", "")
    pg_cluster.new_database(name)
    desk = Desk(pg_cluster, name)
    desk.ok("init", "--site", "HX")
    desk.ok("user", "add", "admin1", "--role", "admin")
    desk.ok("dept", "add", "ZJJ", "住建局")
    desk.ok("dept", "add", "GTJ", "自然资源局")
    desk.ok("user", "add", "clerk1", "--role", "clerk")
    desk.ok("user", "add", "zjj1", "--role", "dept", "--dept", "ZJJ")
    desk.ok("user", "add", "gtj1", "--role", "dept", "--dept", "GTJ")
    yield desk
    pg_cluster.drop_database(name)


def test_each_person_acts_as_their_login_and_bbcs_user_is_ignored(shared: Desk) -> None:
    env = shared.env("clerk1") | {"BBCS_USER": "admin1"}
    done = subprocess.run(
        [*BBCS, "open", "路灯不亮", "--reporter", "张三", "--quiet"],
        env=env, capture_output=True, text=True, encoding="utf-8", timeout=TIMEOUT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "BBCS_USER=admin1 is ignored" in done.stderr
    (actor,) = shared.sql("postgres", "SELECT actor FROM bbcs.events WHERE kind = 'open'")
    assert actor == ("clerk1",)


def test_a_department_login_sees_only_its_cases_even_with_psql(shared: Desk) -> None:
    zjj = shared.ok("open", "路灯不亮", "--reporter", "张三", "--phone", "13812345678",
                    "--dept", "ZJJ", "--quiet", user="clerk1").strip()  # fmt: skip
    gtj = shared.ok("open", "宅基地确权", "--reporter", "李四", "--dept", "GTJ", "--quiet",
                    user="clerk1").strip()  # fmt: skip
    for table, key in (("cases", "id"), ("events", "case_id"), ("holds", "case_id")):
        seen = {r[0] for r in shared.sql("gtj1", f"SELECT {key} FROM bbcs.{table}")}
        assert seen == {gtj}, table
        assert {r[0] for r in shared.sql("clerk1", f"SELECT {key} FROM bbcs.{table}")} == {
            zjj,
            gtj,
        }
    # bbcs says the same: the case is not the department's
    done = shared.run("show", zjj, user="gtj1")
    assert done.returncode == 1 and zjj in done.stderr
    # a transfer gives the case to GTJ: now it holds it, and sees its past too
    shared.ok("transfer", zjj, "GTJ", "--reason", "属国土职责", user="clerk1")
    assert {r[0] for r in shared.sql("gtj1", "SELECT DISTINCT case_id FROM bbcs.events")} == {
        zjj,
        gtj,
    }


def test_no_login_can_change_or_delete_an_event(shared: Desk) -> None:
    shared.ok("open", "路灯不亮", "--reporter", "张三", "--dept", "ZJJ", user="clerk1")
    for user in ("admin1", "clerk1", "zjj1", "postgres"):
        for change in (
            "UPDATE bbcs.events SET kind = 'close'",
            "DELETE FROM bbcs.events",
            "TRUNCATE bbcs.events",
        ):
            with pytest.raises(psycopg.Error):
                shared.sql(user, change)
    assert shared.sql("postgres", "SELECT count(*) FROM bbcs.events") == [(2,)]
    assert "Verified 2 event(s)" in shared.ok("verify", user="clerk1")


def test_a_department_login_is_refused_a_whole_ledger_read(shared: Desk) -> None:
    for command in (("report", "weekly"), ("verify",)):
        done = shared.run(*command, user="zjj1")
        assert done.returncode == 1
        assert "only ZJJ's cases" in done.stderr and "\n" not in done.stderr.strip()


def test_sixteen_writers_give_one_chain_gap_free_numbers_and_no_error(shared: Desk) -> None:
    writers, each = 16, 100
    script = Path(__file__).with_name("desk_writer.py")

    for n in range(writers):  # the logins first: user add is an admin's, one at a time
        shared.ok("user", "add", f"w{n}", "--role", "clerk")

    def writer(n: int) -> subprocess.CompletedProcess[str]:
        env = shared.env(f"w{n}")
        line = [sys.executable, str(script), str(each)]
        return subprocess.run(
            line, env=env, capture_output=True, text=True, encoding="utf-8", timeout=TIMEOUT
        )

    with ThreadPoolExecutor(writers) as pool:
        runs = list(pool.map(writer, range(writers)))
    for done in runs:
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""
    ids = sorted(r[0] for r in shared.sql("postgres", "SELECT id FROM bbcs.cases"))
    assert ids == [f"HX-2026-{n:06d}" for n in range(1, writers * each + 1)]
    assert shared.sql("postgres", "SELECT count(*) FROM bbcs.events") == [(writers * each * 2,)]
    assert f"Verified {writers * each * 2} event(s)" in shared.ok("verify", user="clerk1")


def test_a_connection_killed_mid_command_leaves_nothing_and_says_so(shared: Desk) -> None:
    # the test holds the ledger's write lock, so the command waits inside its transaction
    from bbcs.store_postgres import WRITE_LOCK

    with psycopg.connect(shared.cluster.url(shared.name), autocommit=True) as holder:
        holder.execute("BEGIN")
        holder.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        command = subprocess.Popen(
            [*BBCS, "open", "路灯不亮", "--reporter", "张三", "--dept", "ZJJ"],
            env=shared.env("clerk1"), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, encoding="utf-8",
        )  # fmt: skip
        waiting: list[tuple[Any, ...]] = []
        # another connection watches: inside a transaction the activity view stands still
        watcher = psycopg.connect(shared.cluster.url(shared.name), autocommit=True)
        for _ in range(400):
            waiting = watcher.execute(
                "SELECT pid FROM pg_stat_activity WHERE usename = 'clerk1' "
                "AND wait_event_type = 'Lock'"
            ).fetchall()
            if waiting:
                break
            time.sleep(0.05)
        assert waiting, "the command never reached the lock"
        watcher.execute("SELECT pg_terminate_backend(%s)", (waiting[0][0],))
        watcher.close()
        _, err = command.communicate(timeout=TIMEOUT)
        holder.execute("ROLLBACK")
    assert command.returncode == 1
    assert "connection" in err and "nothing of this command was kept" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert shared.sql("postgres", "SELECT count(*) FROM bbcs.events") == [(0,)]
    assert shared.sql("postgres", "SELECT count(*) FROM bbcs.counters") == [(0,)]
    assert "Verified 0 event(s)" in shared.ok("verify", user="clerk1")


@pytest.mark.sqlite_only
def test_a_sqlite_ledger_copied_to_postgresql_reads_the_same(
    desk: Any, pg_cluster: Cluster, tmp_path: Path
) -> None:
    from test_reports_drill import NOW as WEEK_NOW
    from test_reports_drill import WEEK, _week

    _week(desk)
    name = f"m_{os.getpid()}_{time.time_ns() % 10**6}"
    pg_cluster.new_database(name)
    url = pg_cluster.url(name)
    try:
        out = desk.ok("migrate", "--to", url, now=WEEK_NOW)
        assert "rebuilt and verified" in out
        head = desk.ok("verify", now=WEEK_NOW).strip().splitlines()[-1].split("head ")[1]
        assert head in out
        there = Desk(pg_cluster, name)
        month = ("--month", "2026-11")
        for asked in (
            ("weekly", *WEEK, "--cases"),
            ("monthly", *month, "--cases"),
            ("pushback", *WEEK),
            ("casebook", *month),
            ("daily", "--date", "2026-11-13"),
            ("overdue", "--to", "2026-11-13"),
        ):
            mine = desk.ok("report", *asked, "--json", now=WEEK_NOW)
            theirs = there.ok("report", *asked, "--json", user="postgres")
            assert json.loads(theirs) == json.loads(mine), asked
        assert there.ok("list", "--json", user="postgres") == desk.ok("list", "--json", now=NOW)
        # and back: a backup of the shared ledger is a file verify accepts, same head
        copy = tmp_path / "copy.db"
        there.ok("backup", str(copy), user="postgres")
        assert head in desk.ok("--db", str(copy), "verify", now=WEEK_NOW)
        # a second copy into a ledger already there is refused
        again = desk("migrate", "--to", url, now=WEEK_NOW)
        assert again.exit_code == 1 and "already holds a ledger" in again.stderr
    finally:
        pg_cluster.drop_database(name)


def test_a_schema_1_ledger_migrates_to_sites_and_verifies(shared: Desk) -> None:
    """A ledger made before sites (PostgreSQL's schema 1) is refused until ``migrate``,
    which gives its cases their site and grants the new table to every role."""
    case = shared.ok("open", "路灯不亮", "--reporter", "张三", "--quiet", user="clerk1").strip()
    head = shared.ok("verify").split("; head ")[1].strip()
    superuser = "postgres"  # as the server's administrator would, with psql
    for statement in (
        "DROP TABLE bbcs.sites",
        "DROP INDEX bbcs.cases_phone",
        "DROP INDEX bbcs.cases_company",
        *(f"ALTER TABLE bbcs.cases DROP COLUMN {c}" for c in
          ("merged_into", "cause", "site", "site_due")),
        "ALTER TABLE bbcs.users DROP COLUMN site",
        "UPDATE bbcs.schema_version SET version = 1",
    ):  # fmt: skip
        with psycopg.connect(
            shared.cluster.url(shared.name, user=superuser), autocommit=True
        ) as db:
            db.execute(statement)
    refused = shared.run("list", user="clerk1")
    assert refused.returncode == 1 and "bbcs migrate" in refused.stderr

    assert "from schema 1 to" in shared.ok("migrate")
    assert head in shared.ok("verify", "--head", head)
    assert shared.sql("clerk1", "SELECT site FROM bbcs.cases WHERE id = %s", case) == [("HX",)]
    assert shared.sql("zjj1", "SELECT count(*) FROM bbcs.sites") == [(0,)]
    shared.ok("open", "井盖缺失", "--reporter", "李四", user="clerk1")
