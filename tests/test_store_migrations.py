"""Schema versions: an older ledger is refused until ``bbcs migrate`` backs it up and upgrades it."""

from __future__ import annotations

import sqlite3

import pytest

from bbcs import store
from conftest import rows
from older_schema import before_levels

# SQLite's own migrations from schemas older than PostgreSQL ledgers: SQLite alone.
pytestmark = pytest.mark.sqlite_only


def test_older_ledger_is_refused_until_migrated(desk, monkeypatch, snapshot):
    case = desk.open("a", "--reporter", "x")

    def m002_add_table(db):
        db.execute("CREATE TABLE attachments (case_id TEXT, name TEXT)")

    monkeypatch.setattr(store, "MIGRATIONS", (*store.MIGRATIONS, m002_add_table))
    monkeypatch.setattr(store, "SCHEMA_VERSION", len(store.MIGRATIONS))
    before = snapshot()
    assert "bbcs migrate" in desk.fails("show", case)
    assert "bbcs migrate" in desk.fails("note", case, "x")
    assert snapshot() == before

    old, new = len(store.MIGRATIONS) - 1, len(store.MIGRATIONS)
    out = desk.ok("migrate")
    assert f"from schema {old} to {new}" in out
    backup = desk.db.with_name(f"ledger.db.v{old}.bak")
    assert rows(backup, "PRAGMA user_version")[0][0] == old
    assert rows(desk.db, "PRAGMA user_version")[0][0] == new
    assert rows(desk.db, "SELECT count(*) FROM attachments")[0][0] == 0
    assert desk.json("show", case)["id"] == case
    assert "nothing to do" in desk.ok("migrate")


def test_newer_ledger_is_refused(desk):
    desk.open("a", "--reporter", "x")
    con = sqlite3.connect(desk.db)
    con.execute("PRAGMA user_version = 99")
    con.close()
    assert "newer bbcs" in desk.fails("list")
    assert "newer bbcs" in desk.fails("migrate")


def _before_signing(con):
    """Take away what schemas 5 and 7 added: the holds' signing and reply columns and
    their indexes (SPEC §10)."""
    con.execute("DROP INDEX holds_unsigned")
    con.execute("DROP INDEX holds_accept_due")
    con.execute("DROP INDEX holds_accepted")
    con.execute("ALTER TABLE holds DROP COLUMN accept_due")
    con.execute("ALTER TABLE holds DROP COLUMN accepted")
    con.execute("ALTER TABLE holds DROP COLUMN replied")
    con.execute("ALTER TABLE cases DROP COLUMN extension_request")
    before_levels(con)


def _as_schema_2(db):
    """The ledger as bbcs of schema 2 left it: no record chain and no guards on its tables."""
    con = sqlite3.connect(db)
    try:
        for (name,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name NOT LIKE 'events_%'"
        ).fetchall():
            con.execute(f"DROP TRIGGER {name}")
        con.execute("DROP TABLE records")
        _before_signing(con)
        con.execute("PRAGMA user_version = 2")
        con.commit()
    finally:
        con.close()


def test_a_schema_2_ledger_migrates_to_a_record_chain_that_verifies(desk, tmp_path):
    case = desk.open("墙体开裂", "--reporter", "张三", "--phone", "13812345678", "--dept", "ZJJ")
    desk.ok("policy", "set", "limits.simple", "5")
    desk.ok("calendar", "add", "2026-12-01", "台风停工", "--holiday")
    desk.ok("export", str(tmp_path / "cases.csv"), "--unmask")
    desk.ok("report", "monthly", "--publish")
    desk.ok("user", "add", "root", "--role", "admin")
    event_head = desk.ok("verify").split("; head ")[1].strip()
    _as_schema_2(desk.db)
    assert "bbcs migrate" in desk.fails("verify")

    assert "from schema 2 to" in desk.ok("migrate", user="root")
    out = desk.ok("verify", "--head", event_head)
    chained = {
        table: rows(desk.db, f"SELECT count(*) FROM {table}")[0][0] for table in store.RECORD_TABLES
    }
    # every row chained; a row chained again after a new column is one record more
    keys = "SELECT count(*) FROM (SELECT DISTINCT tbl, key FROM records)"
    assert sum(chained.values()) == rows(desk.db, keys)[0][0]
    records = rows(desk.db, "SELECT count(*) FROM records")[0][0]
    assert f"Verified {records} record(s)" in out
    assert f"head {event_head}" in out
    assert desk.json("show", case, user="root")["id"] == case

    con = sqlite3.connect(desk.db)
    try:
        con.execute("DROP TRIGGER audit_no_delete")
        con.execute("DELETE FROM audit WHERE action = 'export.unmask'")
        con.commit()
    finally:
        con.close()
    assert "audit entry 1, which bbcs wrote, was deleted" in desk("verify").stderr


def test_a_schema_3_ledger_migrates_to_projected_pushbacks_that_verify(desk):
    case = desk.open("违章搭建", "--reporter", "李四", "--dept", "ZJJ", "--co", "GTJ")
    desk.ok("pushback", case, "--from", "ZJJ", "--to", "SCJ", "--reason", "不属本局")
    desk.ok("pushback", case, "--from", "GTJ", "--reason", "不属本局")
    desk.ok("ruling", case, "valid")
    projected = rows(desk.db, "SELECT * FROM pushbacks ORDER BY seq")
    assert [(r[2], r[3], r[4], r[6], r[7]) for r in projected] == [
        ("ZJJ", "lead", "SCJ", None, 1),
        ("GTJ", "co", None, "valid", 0),
    ]
    con = sqlite3.connect(desk.db)
    try:
        con.execute("DROP TABLE pushbacks")
        _before_signing(con)
        con.execute("PRAGMA user_version = 3")
        con.commit()
    finally:
        con.close()
    assert "bbcs migrate" in desk.fails("verify")

    assert "from schema 3 to" in desk.ok("migrate")
    assert rows(desk.db, "SELECT * FROM pushbacks ORDER BY seq") == projected
    desk.ok("verify")


def test_verify_names_a_changed_pushback(desk):
    case = desk.open("违章搭建", "--reporter", "李四", "--dept", "ZJJ")
    desk.ok("pushback", case, "--from", "ZJJ", "--reason", "不属本局")
    con = sqlite3.connect(desk.db)
    try:
        con.execute("UPDATE pushbacks SET charged = 0")
        con.commit()
    finally:
        con.close()
    assert "pushbacks" in desk("verify").stderr


def test_a_schema_4_ledger_migrates_to_holds_with_signing_that_verify(desk):
    """Schema 5 adds each hold's accept due date and signing day, filled in from the events."""
    signed = desk.open("路灯不亮", "--reporter", "王五", "--dept", "ZJJ", "--co", "GTJ")
    desk.ok("accept", signed, "--dept", "GTJ", now="2026-11-03T10:00:00+08:00")
    desk.ok("reply", signed, "--result", "resolved", "--resolution", "已修复")
    projected = rows(desk.db, "SELECT dept, accept_due, accepted, replied FROM holds ORDER BY n")
    assert [tuple(r) for r in projected] == [
        ("ZJJ", "2026-11-03", "2026-11-03", "2026-11-03"),
        ("GTJ", "2026-11-03", "2026-11-03", None),
    ]
    con = sqlite3.connect(desk.db)
    try:
        _before_signing(con)
        con.execute("PRAGMA user_version = 4")
        con.commit()
    finally:
        con.close()
    assert "bbcs migrate" in desk.fails("verify")

    assert f"from schema 4 to {store.SCHEMA_VERSION}" in desk.ok("migrate")
    migrated = rows(desk.db, "SELECT dept, accept_due, accepted, replied FROM holds ORDER BY n")
    assert [tuple(r) for r in migrated] == [tuple(r) for r in projected]
    desk.ok("verify")


def test_verify_names_a_changed_signing(desk):
    case = desk.open("路灯不亮", "--reporter", "王五", "--dept", "ZJJ")
    con = sqlite3.connect(desk.db)
    try:
        con.execute("UPDATE holds SET accepted = '2026-11-02'")
        con.commit()
    finally:
        con.close()
    assert case in desk("verify").stderr
