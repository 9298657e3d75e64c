"""Schema versions: an older ledger is refused until ``bbcs migrate`` backs it up and upgrades it."""

from __future__ import annotations

import sqlite3

from bbcs import store
from conftest import rows


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
