"""Roles once users are registered (SPEC §8): who may run what, on which cases."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from bbcs.errors import Forbidden
from bbcs.models import Role
from bbcs.rules.roles import User, refusal
from conftest import Run, rows

Snapshot = Callable[[], list[tuple[Any, ...]]]


@pytest.fixture
def staffed(desk: Run) -> Run:
    """Users of every role, and cases held by ZJJ now, by ZJJ before, and never by ZJJ."""
    desk.ok("user", "add", "admin1", "--role", "admin", user="admin1")
    desk.ok("user", "add", "clerk1", "--role", "clerk", user="admin1")
    desk.ok("user", "add", "sup1", "--role", "supervisor", user="admin1")
    desk.ok("user", "add", "zj", "--role", "dept", "--dept", "ZJJ", user="admin1")
    desk.ok("user", "add", "gt", "--role", "dept", "--dept", "自然资源局", user="admin1")
    desk.open("墙体开裂", "--reporter", "张三", "--phone", "13812345678", "--dept", "ZJJ")
    desk.open("宅基地纠纷", "--reporter", "李四", "--dept", "GTJ")
    desk.open("违章搭建", "--reporter", "王五", "--dept", "ZJJ")
    desk.ok("pushback", "3", "--from", "ZJJ", "--to", "SCJ", "--reason", "属市场监管")
    return desk


# ---------------------------------------------------------------- the pure rule

CLERK = User("c", Role.CLERK)
SUPERVISOR = User("s", Role.SUPERVISOR)
ADMIN = User("a", Role.ADMIN)
DEPT = User("d", Role.DEPT, "ZJJ")


@pytest.mark.parametrize("command", ["report", "sweep", "verify", "backup"])
def test_anyone_registered_or_not_may_run_what_cron_runs(command: str) -> None:
    for user in (None, CLERK, SUPERVISOR, ADMIN, DEPT):
        assert refusal(user, "x", command) is None


@pytest.mark.parametrize("command", ["show", "list", "open", "note", "dept list", "import"])
def test_an_unregistered_actor_may_do_nothing_else(command: str) -> None:
    error = refusal(None, "stranger", command)
    assert isinstance(error, Forbidden)
    assert "stranger is not a registered user" in str(error)


@pytest.mark.parametrize(
    ("command", "clerk", "supervisor"),
    [
        ("open", True, True),
        ("assign", True, True),
        ("transfer", True, True),
        ("amend", True, True),
        ("note", True, True),
        ("suspend", True, True),
        ("resume", True, True),
        ("close", True, True),
        ("review", True, True),
        ("pushback", True, True),
        ("import", True, True),
        ("show", True, True),
        ("escalate", False, True),
        ("extend", False, True),
        ("ruling", False, True),
        ("reopen", False, True),
        ("uphold", False, True),
        ("unmask", False, True),
        ("export events", False, True),
        ("import events", False, True),
        ("init", False, False),
        ("migrate", False, False),
        ("dept add", False, False),
        ("user add", False, False),
        ("calendar add", False, False),
        ("policy set", False, False),
    ],
)
def test_the_spec_table_for_clerks_supervisors_and_admins(
    command: str, clerk: bool, supervisor: bool
) -> None:
    assert (refusal(CLERK, "c", command) is None) is clerk
    assert (refusal(SUPERVISOR, "s", command) is None) is supervisor
    assert refusal(ADMIN, "a", command) is None


def test_a_department_user_reads_notes_and_pushes_back_only_its_own_cases() -> None:
    for command in ("show", "note", "pushback"):
        assert refusal(DEPT, "d", command, case="X", held={"ZJJ", "GTJ"}) is None
        assert refusal(DEPT, "d", command, case="X", held={"GTJ"}) is not None
    for command in ("escalate", "open", "close", "assign", "ruling", "import", "unmask"):
        assert refusal(DEPT, "d", command, case="X", held={"ZJJ"}) is not None
    other = refusal(DEPT, "d", "pushback", case="X", held={"ZJJ"}, acting_for="GTJ")
    assert other is not None
    assert "may push back only for it, not for GTJ" in str(other)


# ---------------------------------------------------------------- registering users


def test_the_first_user_must_be_an_admin(desk: Run, snapshot: Snapshot) -> None:
    before = snapshot()
    message = desk.fails("user", "add", "wang", "--role", "clerk")
    assert "the first user must be an admin" in message
    assert snapshot() == before
    desk.ok("user", "add", "boss", "--role", "admin")
    assert [r["role"] for r in rows(desk.db, "SELECT role FROM users")] == ["admin"]


def test_with_no_users_everyone_may_do_everything(desk: Run) -> None:
    case = desk.open("路灯不亮", "--reporter", "张三", "--dept", "ZJJ", user="anybody")
    desk.ok("pushback", case, "--from", "ZJJ", "--reason", "不属本局", user="anybody")
    desk.ok("ruling", case, "invalid", user="someone")
    desk.ok("dept", "add", "JTJ", "交通局", user="someone")


def test_users_are_listed_with_role_and_department(staffed: Run) -> None:
    listed = staffed.json("user", "list")
    assert [(u["name"], u["role"], u["dept"]) for u in listed] == [
        ("admin1", "admin", None),
        ("clerk1", "clerk", None),
        ("gt", "dept", "GTJ"),
        ("sup1", "supervisor", None),
        ("zj", "dept", "ZJJ"),
    ]
    assert "department staff" in staffed.ok("user", "list")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["li", "--role", "dept"], "needs --dept"),
        (["li", "--role", "clerk", "--dept", "ZJJ"], "--dept is only for department users"),
        (["li", "--role", "dept", "--dept", "ZJK"], "did you mean"),
        (["li", "--role", "boss"], "role"),
        (["clerk1", "--role", "clerk"], "user clerk1 is already registered"),
        (["system", "--role", "clerk"], "reserved"),
    ],
)
def test_bad_user_registrations_are_refused(
    staffed: Run, snapshot: Snapshot, args: list[str], said: str
) -> None:
    before = snapshot()
    assert said in staffed.fails("user", "add", *args, user="admin1")
    assert snapshot() == before


def test_only_an_admin_adds_users(staffed: Run) -> None:
    assert "sup1 (supervisor) may not run bbcs user add" in staffed.fails(
        "user", "add", "li", "--role", "clerk", user="sup1"
    )


# ---------------------------------------------------------------- the roles at work


def test_an_unregistered_actor_is_refused_once_users_exist(
    staffed: Run, snapshot: Snapshot
) -> None:
    before = snapshot()
    for command in (
        ["open", "x", "--reporter", "y"],
        ["show", "1"],
        ["list"],
        ["search", "墙体"],
        ["note", "1", "x"],
        ["dept", "list"],
        ["policy", "show"],
        ["user", "list"],
    ):
        assert "stranger is not a registered user" in staffed.fails(*command, user="stranger")
    assert snapshot() == before
    if staffed.engine == "sqlite":  # anyone who can read the file may check it
        assert "Verified" in staffed.ok("verify", user="stranger")
    else:  # on a server the database gives a login that is no user nothing to read
        assert "stranger is not a registered user" in staffed.fails("verify", user="stranger")


def test_a_department_user_cannot_touch_another_departments_case(
    staffed: Run, snapshot: Snapshot
) -> None:
    before = snapshot()
    said = "zj works for ZJJ, which has never held case HX-2026-000002"
    assert said in staffed.fails("show", "2", user="zj")
    assert said in staffed.fails("note", "2", "看看", user="zj")
    assert said in staffed.fails("pushback", "2", "--reason", "不归我们", user="zj")
    assert snapshot() == before


def test_a_department_user_sees_the_cases_it_holds_or_held(staffed: Run) -> None:
    listed = [c["id"] for c in staffed.json("list", user="zj")]
    assert listed == ["HX-2026-000001", "HX-2026-000003"]  # 3 was pushed on to SCJ
    assert [c["id"] for c in staffed.json("list", user="gt")] == ["HX-2026-000002"]
    assert staffed.json("search", "违章", user="gt") == []
    assert staffed.json("show", "3", user="zj")["lead_dept"] == "SCJ"
    assert staffed.json("show", "1", user="zj")["phone"] == "13812345678"
    staffed.ok("note", "3", "已移交市场监管局", user="zj")


def test_a_department_user_cannot_escalate_rule_or_close(staffed: Run, snapshot: Snapshot) -> None:
    before = snapshot()
    assert "zj (department staff) may not run bbcs ruling" in staffed.fails(
        "ruling", "3", "valid", user="zj"
    )
    assert "may not run bbcs close" in staffed.fails(
        "close", "1", "--result", "resolved", "--resolution", "已办", user="zj"
    )
    assert "may not run bbcs open" in staffed.fails("open", "x", "--reporter", "y", user="zj")
    assert snapshot() == before


def test_a_department_pushes_back_for_itself_without_from(staffed: Run) -> None:
    staffed.ok("pushback", "1", "--reason", "不属本局职责", user="zj")
    data = rows(
        staffed.db,
        "SELECT json_extract(data, '$.by') FROM events WHERE case_id = 'HX-2026-000001' "
        "AND kind = 'pushback'",
    )
    assert [r[0] for r in data] == ["ZJJ"]
    assert staffed.json("show", "1")["status"] == "pending"


def test_a_department_cannot_push_back_in_anothers_name(staffed: Run, snapshot: Snapshot) -> None:
    before = snapshot()
    assert "may push back only for it, not for GTJ" in staffed.fails(
        "pushback", "1", "--from", "GTJ", "--reason", "x", user="zj"
    )
    assert snapshot() == before


def test_a_clerk_records_a_pushback_from_its_paper_form_but_may_not_rule(
    staffed: Run,
) -> None:
    assert "--from" in staffed.fails("pushback", "1", "--reason", "x", user="clerk1")
    staffed.ok("pushback", "1", "--from", "ZJJ", "--reason", "纸质退单", user="clerk1")
    assert "clerk1 (clerk) may not run bbcs ruling" in staffed.fails(
        "ruling", "1", "invalid", user="clerk1"
    )
    staffed.ok("ruling", "1", "invalid", "--reason", "属法定职责", user="sup1")


def test_a_supervisor_reopens_and_a_clerk_may_not(staffed: Run) -> None:
    staffed.ok("close", "1", "--result", "resolved", "--resolution", "已修复", user="clerk1")
    assert "may not run bbcs reopen" in staffed.fails(
        "reopen", "1", "--reason", "复查", user="clerk1"
    )
    staffed.ok("reopen", "1", "--reason", "复查未修好", user="sup1")


def test_only_an_admin_changes_departments_policy_and_site(staffed: Run) -> None:
    for user in ("clerk1", "sup1", "zj"):
        staffed.fails("dept", "add", "JTJ", "交通局", user=user)
        staffed.fails("policy", "set", "limits.simple", "5", user=user)
        staffed.fails("init", "--site", "HX", user=user)
    staffed.ok("dept", "add", "JTJ", "交通局", user="admin1")
    staffed.ok("policy", "set", "limits.simple", "5", user="admin1")


def test_refusals_speak_chinese_when_the_interface_does(
    staffed: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BBCS_LANG", "zh")
    assert "zj 所在的 ZJJ 从未承办事项 HX-2026-000002" in staffed.fails("show", "2", user="zj")
    assert "不是本台账的登记用户" in staffed.fails("list", user="stranger")


def test_csv_exchange_follows_the_roles(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from bbcs.cli import app

    runner = CliRunner()
    monkeypatch.setenv("BBCS_DB", str(tmp_path / "roles.db"))
    monkeypatch.setenv("BBCS_NOW", "2026-11-02T09:00")
    monkeypatch.setenv("BBCS_LANG", "en")

    def as_user(user, *args):
        monkeypatch.setenv("BBCS_USER", user)
        return runner.invoke(app, list(args))

    assert as_user("boss", "user", "add", "boss", "--role", "admin").exit_code == 0
    assert as_user("boss", "user", "add", "lin", "--role", "clerk").exit_code == 0
    assert as_user("boss", "user", "add", "sun", "--role", "supervisor").exit_code == 0
    assert as_user("lin", "open", "x", "--reporter", "y", "--phone", "13812345678").exit_code == 0
    out = tmp_path / "cases.csv"
    assert as_user("lin", "export", str(out)).exit_code == 0
    assert "138****5678" in out.read_text(encoding="utf-8-sig")
    refused = as_user("lin", "export", str(out), "--unmask")
    assert refused.exit_code == 1
    refused = as_user("lin", "export", str(tmp_path / "events.csv"), "--events")
    assert refused.exit_code == 1 and not (tmp_path / "events.csv").exists()
    assert as_user("sun", "export", str(tmp_path / "events.csv"), "--events").exit_code == 0
    assert as_user("sun", "export", str(out), "--unmask").exit_code == 0
    assert "13812345678" in out.read_text(encoding="utf-8-sig")
