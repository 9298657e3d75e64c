"""SPEC §5 rules through the CLI: escalation, extension, suspension, calendar upkeep, sweep, policy."""

from __future__ import annotations

from conftest import rows


def test_spec_example_suspend_and_extend(desk):
    case = desk.open("a", "--reporter", "x", "--dept", "ZJJ")  # 2026-11-02, normal
    assert desk.json("show", case)["due_date"] == "2026-11-11"
    desk.ok("suspend", case, "--reason", "等待鉴定", now="2026-11-04T09:00")
    view = desk.json("show", case, now="2026-11-05T09:00")
    assert view["status"] == "suspended" and view["warning"] is None
    assert view["working_days_left"] is None
    desk.ok("resume", case, now="2026-11-06T09:00")
    view = desk.json("show", case)
    assert (view["status"], view["due_date"], view["dept_due_date"]) == (
        "in_progress",
        "2026-11-13",
        "2026-11-13",
    )
    desk.ok("extend", case, "2", "--reason", "需现场勘验", now="2026-11-09T09:00")
    view = desk.json("show", case)
    assert (view["due_date"], view["dept_due_date"], view["extensions"]) == (
        "2026-11-17",
        "2026-11-17",
        1,
    )


def test_extension_limits(desk, snapshot):
    case = desk.open("a", "--reporter", "x", "--dept", "ZJJ")
    desk.ok("extend", case, "1", "--reason", "r")
    before = snapshot()
    assert "used its 1 extension" in desk.fails("extend", case, "1", "--reason", "r")
    assert "1 to 60" in desk.fails("extend", case, "0", "--reason", "r")
    assert snapshot() == before
    late = desk.open("b", "--reporter", "x", "--dept", "ZJJ")
    before = snapshot()
    message = desk.fails("extend", late, "3", "--reason", "r", now="2026-11-12T09:00")
    assert "was due 2026-11-11" in message
    assert snapshot() == before


def test_extension_allowed_again_after_reopen(desk):
    case = desk.open("a", "--reporter", "x", "--dept", "ZJJ")
    desk.ok("extend", case, "1", "--reason", "r")
    desk.ok("close", case, "--result", "resolved", "--resolution", "ok")
    desk.ok("review", case, "unsatisfied", now="2026-11-03T09:00")
    desk.ok("extend", case, "1", "--reason", "r")
    assert desk.json("show", case)["extensions"] == 1


def test_escalation_only_goes_up_unless_corrected(desk, snapshot):
    case = desk.open("a", "--reporter", "x", "--dept", "ZJJ")
    desk.ok("escalate", case, "special", "--reason", "r")
    before = snapshot()
    assert "only goes up" in desk.fails("escalate", case, "urgent", "--reason", "r")
    assert "only goes up" in desk.fails("escalate", case, "special", "--reason", "r")
    assert "lowers" in desk.fails("escalate", case, "supervise", "--reason", "r", "--correction")
    assert snapshot() == before
    desk.ok("escalate", case, "urgent", "--reason", "录入错误", "--correction")
    view = desk.json("show", case)
    assert view["escalation"] == "urgent"
    assert view["events"][-1]["data"]["correction"] is True


def test_sweep_records_overdue_once_and_supervises_after_three_days(desk):
    case = desk.open(
        "a",
        "--reporter",
        "x",
        "--complexity",
        "simple",
        "--dept",
        "ZJJ",
        "--at",
        "2026-09-30T09:00",
        now="2026-09-30T10:00",
    )
    assert "0 case(s) newly overdue" in desk.ok("sweep", now="2026-10-10T20:00")
    assert "1 case(s) newly overdue, 0 escalated" in desk.ok("sweep", now="2026-10-12T20:00")
    assert "0 case(s) newly overdue, 0 escalated" in desk.ok("sweep")
    # due 2026-10-10; on 10-14 it is overdue by 3
    assert "0 case(s) newly overdue, 0 escalated" in desk.ok("sweep", now="2026-10-13T20:00")
    assert "0 case(s) newly overdue, 1 escalated" in desk.ok("sweep", now="2026-10-14T20:00")
    before = rows(desk.db, "SELECT count(*) FROM events")[0][0]
    assert "0 case(s) newly overdue, 0 escalated" in desk.ok("sweep")
    assert rows(desk.db, "SELECT count(*) FROM events")[0][0] == before
    view = desk.json("show", case)
    assert view["escalation"] == "supervise" and view["warning"] == "overdue"
    assert view["working_days_left"] == -3
    kinds = [(e["kind"], e["actor"]) for e in view["events"]]
    assert kinds[-2:] == [("overdue", "system"), ("escalate", "system")]


def test_suspended_case_is_never_swept_overdue(desk):
    case = desk.open("a", "--reporter", "x", "--dept", "ZJJ")
    desk.ok("suspend", case, "--reason", "r", now="2026-11-03T09:00")
    desk.ok("sweep", now="2026-11-30T20:00")
    view = desk.json("show", case)
    assert [e["kind"] for e in view["events"]][-1] == "suspend"
    assert desk.json("list", "--overdue") == []


def test_late_close_supersedes_the_overdue_system_events(desk):
    case = desk.open(
        "a",
        "--reporter",
        "x",
        "--complexity",
        "simple",
        "--dept",
        "ZJJ",
        "--at",
        "2026-09-30T09:00",
        now="2026-09-30T10:00",
    )
    desk.ok("sweep", now="2026-10-14T20:00")
    assert desk.json("show", case)["escalation"] == "supervise"
    # the paper form says it was closed on 10-09, before it went overdue
    desk.ok(
        "close",
        case,
        "--result",
        "resolved",
        "--resolution",
        "ok",
        "--at",
        "2026-10-09T16:00",
        now="2026-10-15T09:00",
    )
    view = desk.json("show", case)
    assert view["on_time"] is True and view["escalation"] == "none"
    superseded = [e["kind"] for e in view["events"] if e["superseded"]]
    assert superseded == ["overdue", "escalate"]


def test_typhoon_day_redates_open_and_recently_closed_cases(desk):
    open_case = desk.open("a", "--reporter", "x", "--dept", "ZJJ")  # due 11-11
    closed = desk.open("b", "--reporter", "x", "--complexity", "simple", "--dept", "ZJJ")  # 11-05
    desk.ok("close", closed, "--result", "resolved", "--resolution", "ok", now="2026-11-06T09:00")
    assert desk.json("show", closed)["on_time"] is False
    out = desk.ok("calendar", "add", "2026-11-04", "台风停工", "--holiday", now="2026-11-06T10:00")
    assert "2 case(s) re-dated" in out
    assert desk.json("show", open_case)["due_date"] == "2026-11-12"
    view = desk.json("show", closed)
    assert view["due_date"] == "2026-11-06" and view["on_time"] is True
    assert (view["events"][-1]["kind"], view["events"][-1]["actor"]) == ("redate", "system")


def test_provisional_due_date_until_next_years_schedule_is_loaded(desk, tmp_path):
    case = desk.open(
        "a", "--reporter", "x", "--complexity", "hard", "--dept", "ZJJ", now="2026-12-10T09:00"
    )
    view = desk.json("show", case)
    assert view["due_provisional"] is True
    assert view["due_date"] == "2027-01-21"  # weekends alone
    assert desk("calendar", "check").exit_code == 1
    schedule = tmp_path / "2027.csv"
    schedule.write_text(
        "date,kind,name\n2027-01-01,holiday,元旦\n2027-01-04,holiday,元旦\n2027-01-09,workday,元旦\n",
        encoding="utf-8",
    )
    assert "1 case(s) re-dated" in desk.ok("calendar", "import", str(schedule))
    view = desk.json("show", case)
    assert view["due_provisional"] is False and view["due_date"] == "2027-01-22"
    desk.ok("calendar", "check")


def test_calendar_commands(desk):
    assert desk.json("calendar", "due", "2026-09-30", "3")["due"] == "2026-10-10"
    assert desk.json("calendar", "due", "2026-09-30", "simple")["due"] == "2026-10-10"
    assert desk.json("calendar", "workdays", "2026-10-10", "2026-10-14")["workdays"] == 3
    october = desk.json("calendar", "show", "2026-10")
    assert len(october) == 31
    assert [d["date"] for d in october if d["weekend"] and d["workday"]] == ["2026-10-10"]
    assert not any(d["workday"] for d in october[:7])
    table = desk.ok("calendar", "show", "2026-02")
    assert "2026-02" in table and "28" in table
    assert "not a month" in desk.fails("calendar", "show", "October")
    assert "--holiday" in desk.fails("calendar", "add", "2026-11-04", "x")


def test_calendar_file_errors_name_the_line(desk, tmp_path, snapshot):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "date,kind,name\n2027-01-01,holiday,元旦\n2027-13-01,holiday,x\n", encoding="utf-8"
    )
    before = snapshot()
    assert "line 3" in desk.fails("calendar", "import", str(bad))
    assert snapshot() == before


def test_policy_change_applies_from_then_on(desk):
    old = desk.open("a", "--reporter", "x", "--complexity", "simple", "--dept", "ZJJ")
    desk.ok("policy", "set", "limits.simple", "5")
    new = desk.open("b", "--reporter", "x", "--complexity", "simple", "--dept", "ZJJ")
    assert desk.json("show", old)["due_date"] == "2026-11-05"
    assert desk.json("show", new)["due_date"] == "2026-11-09"
    assert desk.json("policy", "show")["limits.simple"] == 5
    (entry,) = rows(desk.db, "SELECT key, value, set_by FROM policy")
    assert tuple(entry) == ("limits.simple", "5", "clerk1")


def test_warning_filters(desk):
    red = desk.open("red", "--reporter", "x", "--complexity", "immediate", "--dept", "ZJJ")
    yellow = desk.open(
        "yellow",
        "--reporter",
        "x",
        "--complexity",
        "simple",
        "--dept",
        "ZJJ",
        now="2026-10-30T09:00",
    )  # due 11-04: 2 working days after 11-02
    green = desk.open("green", "--reporter", "x", "--dept", "ZJJ", now="2026-11-02T09:00")
    over = desk.open(
        "over",
        "--reporter",
        "x",
        "--complexity",
        "immediate",
        "--dept",
        "ZJJ",
        now="2026-10-30T10:00",
    )
    desk.monkeypatch.setenv("BBCS_NOW", "2026-11-02T12:00")

    def ids(*args):
        return [c["id"] for c in desk.json("list", *args)]

    assert ids("--warning", "red") == [red]
    assert ids("--warning", "yellow") == [yellow]
    assert ids("--warning", "green") == [green]
    assert ids("--warning", "overdue") == ids("--overdue") == [over]
    assert ids("--due-within", "2") == [yellow, red]
    assert ids("--due-within", "0") == [red]
    assert {c["id"]: c["warning"] for c in desk.json("list")} == {
        red: "red",
        yellow: "yellow",
        green: "green",
        over: "overdue",
    }


def test_a_calendar_row_without_its_name_cell_says_so(desk, tmp_path, snapshot) -> None:
    path = tmp_path / "2027.csv"
    path.write_text("date,kind,name\n2027-01-01,holiday\n", encoding="utf-8")
    before = snapshot()
    message = desk.fails("calendar", "import", str(path))
    assert message.startswith("line 2 has no name cell")
    path.write_text("date,kind,name\n2027-01-01\n", encoding="utf-8")
    assert desk.fails("calendar", "import", str(path)).startswith("line 2 has no kind, name cell")
    assert snapshot() == before
