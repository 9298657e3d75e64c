"""Mending the registers at the clerk's desk (SPEC §13): departments renamed and retired,
users given another role or retired; each a record chained like the rest (``verify``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from conftest import Run, rows

Snapshot = Callable[[], list[tuple[Any, ...]]]


def test_a_renamed_department_keeps_its_code_and_cases(desk: Run) -> None:
    case = desk.open("路灯", "--reporter", "张伟", "--dept", "ZJJ")
    desk.ok("dept", "rename", "ZJJ", "住房和城乡建设局")
    depts = {d["code"]: d for d in desk.json("dept", "list")}
    assert (depts["ZJJ"]["name"], depts["ZJJ"]["retired"]) == ("住房和城乡建设局", False)
    assert desk.json("show", case)["lead_dept"] == "ZJJ"
    report = desk.json("report", "daily")
    assert {d["dept"]: d["name"] for d in report["departments"]}["ZJJ"] == "住房和城乡建设局"
    desk.ok("assign", desk.open("b", "--reporter", "x"), "住房和城乡建设局")
    desk.ok("verify")


def test_a_retired_department_takes_no_new_cases_and_leaves_empty_reports(
    desk: Run, snapshot: Snapshot
) -> None:
    held = desk.open("路灯", "--reporter", "张伟", "--dept", "GTJ", "--at", "2026-10-28T09:00")
    desk.ok("dept", "add", "ZRJ", "自然局")  # a mistyped one
    desk.ok("dept", "retire", "ZRJ")
    desk.ok("dept", "retire", "GTJ")
    before = snapshot()
    assert "retired" in desk.fails("open", "a", "--reporter", "x", "--dept", "GTJ")
    assert "retired" in desk.fails("open", "a", "--reporter", "x", "--dept", "ZJJ", "--co", "ZRJ")
    assert "retired" in desk.fails("transfer", held, "ZRJ", "--reason", "x")
    assert "already retired" in desk.fails("dept", "retire", "ZRJ")
    assert snapshot() == before
    # within its pushback window (limits.pushback) of receiving the case
    desk.ok(
        "pushback", held, "--from", "GTJ", "--to", "ZJJ", "--reason", "不属本局",
        "--at", "2026-10-29T09:00",
    )  # fmt: skip
    weekly = desk.json("report", "weekly", "--week", "2026-W44")
    codes = [d["dept"] for d in weekly["departments"]]
    assert "GTJ" in codes and "ZRJ" not in codes  # GTJ had a case that week
    assert desk.json("dept", "list")[-1]["retired"] is True
    desk.ok("verify")


def test_a_users_role_changes_and_a_retired_user_may_no_longer_write(
    desk: Run, snapshot: Snapshot
) -> None:
    desk.ok("user", "add", "admin1", "--role", "admin", user="admin1")
    desk.ok("user", "add", "wang", "--role", "clerk", user="admin1")
    case = desk.open("事项", "--reporter", "x", user="wang")
    assert "may not run bbcs escalate" in desk.fails(
        "escalate", case, "urgent", "--reason", "x", user="wang"
    )
    desk.ok("user", "role", "wang", "supervisor", user="admin1")
    desk.ok("escalate", case, "urgent", "--reason", "群众急", user="wang")
    desk.ok("user", "role", "wang", "dept", "--dept", "ZJJ", user="admin1")
    (wang,) = [u for u in desk.json("user", "list", user="admin1") if u["name"] == "wang"]
    assert (wang["role"], wang["dept"]) == ("dept", "ZJJ")
    desk.ok("user", "retire", "wang", user="admin1")
    before = snapshot()
    assert "not a registered user" in desk.fails("note", case, "x", user="wang")
    assert "last admin" in desk.fails("user", "retire", "admin1", user="admin1")
    assert "last admin" in desk.fails("user", "role", "admin1", "clerk", user="admin1")
    assert "retired" in desk.fails("user", "role", "wang", "clerk", user="admin1")
    assert "not a registered user" in desk.fails("user", "role", "wang", "admin", user="wang")
    assert snapshot() == before
    actions = [r[0] for r in rows(desk.db, "SELECT action FROM audit ORDER BY id")]
    assert actions[-3:] == ["user role", "user role", "user retire"]
    desk.ok("verify", user="admin1")


@pytest.mark.sqlite_only  # SQLite's own older schema
def test_a_schema_5_ledger_migrates_its_registers_and_verifies(desk: Run) -> None:
    import sqlite3

    from older_schema import before_levels

    desk.ok("user", "add", "admin1", "--role", "admin", user="admin1")
    # as schema 5 left it: no retired_at columns, and the registers never updated
    con = sqlite3.connect(desk.db)
    try:
        con.execute("PRAGMA user_version = 5")
        before_levels(con)
        for table in ("departments", "users"):
            con.execute(f"ALTER TABLE {table} DROP COLUMN retired_at")
            con.execute(
                f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} rows are never changed'); END"
            )
        con.commit()
    finally:
        con.close()
    desk.ok("migrate", user="admin1")
    desk.ok("verify", user="admin1")
    desk.ok("dept", "rename", "ZJJ", "住房和城乡建设局", user="admin1")
    desk.ok("verify", user="admin1")
