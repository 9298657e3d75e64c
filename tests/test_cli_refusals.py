"""Every refusal: exit 1, one sentence naming what is wrong, and the ledger untouched."""

from __future__ import annotations

import pytest

from conftest import execute


@pytest.fixture
def case(desk):
    return desk.open("路灯不亮", "--reporter", "李四", "--dept", "ZJJ", "--co", "GTJ")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["assign", "{case}", "GTJ"], "already in progress"),
        (["transfer", "{case}", "ZJJ", "--reason", "r"], "already leads"),
        (["transfer", "{case}", "ZJ", "--reason", "r"], "did you mean ZJJ"),
        (["pushback", "{case}", "--reason", "r"], "--from"),
        (["pushback", "{case}", "--from", "SCJ", "--reason", "r"], "SCJ does not hold"),
        (["pushback", "{case}", "--from", "GTJ", "--to", "ZJJ", "--reason", "r"], "already holds"),
        (["pushback", "{case}", "--from", "ZJJ", "--to", "ZJJ", "--reason", "r"], "already holds"),
        (["pushback", "{case}", "--from", "ZJJ", "--reason", "  "], "reason must not be empty"),
        (["ruling", "{case}", "invalid"], "no pushback awaiting"),
        (["ruling", "{case}", "maybe"], "not a valid ruling"),
        (["review", "{case}", "satisfied"], "in progress"),
        (["reopen", "{case}", "--reason", "r"], "in progress"),
        (["uphold", "{case}", "--reason", "r"], "in progress"),
        (["close", "{case}", "--result", "fixed", "--resolution", "r"], "not a valid result"),
        (["note", "{case}", "x", "--at", "2026-11-03T09:00"], "future"),
        (["note", "{case}", "x", "--at", "2026-11-01T09:00"], "cannot come before"),
        (["note", "{case}", "x", "--at", "yesterday"], "not a date"),
        (["note", "HX-2026-000099", "x"], "does not exist"),
        (["note", "nonsense", "x"], "not a case id"),
        (["note", "{case}", "a\x07b"], "control character"),
        (["amend", "{case}", "--reason", "r"], "say what to correct"),
        (["amend", "{case}", "--phone", "call me", "--reason", "r"], "not a phone number"),
        (["amend", "{case}", "--summary", "路灯不亮", "--reason", "r"], "already says"),
        (["open", "x" * 201, "--reporter", "r"], "at most 200"),
        (["open", "x", "--reporter", "r", "--complexity", "easy"], "not a valid complexity"),
        (["open", "x", "--reporter", "r", "--channel", "fax"], "not a valid channel"),
        (["open", "x", "--reporter", "r", "--dept", "XYZ"], "not registered"),
        (["open", "x", "--reporter", "r", "--co", "GTJ"], "need a lead"),
        (["dept", "add", "ZJJ", "另一个"], "already registered"),
        (["dept", "add", "window", "窗口"], "not a department code"),
        (["init", "--site", "hx-1"], "not a site code"),
        (["policy", "set", "limits.simple", "400"], "between 0 and 366"),
        (["policy", "set", "limits.nonsense", "3"], "not a policy key"),
        (["list", "--warning", "purple"], "not a valid warning"),
        (["list", "--limit", "0"], "--limit"),
        (["list", "--due-within", "100000000"], "between 0 and 1000"),
        (["calendar", "due", "2026-01-01", "99999999"], "between 0 and 1000"),
        (["calendar", "due", "9999-12-31", "5"], "outside the years 1900 to 2199"),
        (["calendar", "show", "9999-12"], "outside the years"),
        (["report", "weekly", "--week", "9999-W52"], "outside the years"),
        (["report", "monthly", "--month", "9999-12"], "outside the years"),
        (["report", "daily", "--date", "9999-12-31"], "outside the years"),
        (["open", "x", "--reporter", "r", "--at", "0026-11-02"], "outside the years"),
    ],
)
def test_refused_with_one_sentence_and_nothing_written(desk, case, snapshot, args, says):
    before = snapshot()
    message = desk.fails(*[a.replace("{case}", case) for a in args])
    assert says in message
    assert snapshot() == before


def test_closed_case_says_reopen_it_first(desk, case, snapshot):
    desk.ok("close", case, "--result", "resolved", "--resolution", "ok")
    before = snapshot()
    assert desk.fails("transfer", case, "SCJ", "--reason", "r") == (
        f"case {case} is closed; reopen it first"
    )
    assert "already been reviewed" not in desk.fails(
        "close", case, "--result", "resolved", "--resolution", "x"
    )
    assert snapshot() == before
    desk.ok("review", case, "satisfied")
    assert "already been reviewed" in desk.fails("review", case, "basic")


def test_pending_normal_case_cannot_close_at_the_window(desk, snapshot):
    case = desk.open("x", "--reporter", "r")
    before = snapshot()
    assert "only an immediate" in desk.fails(
        "close", case, "--result", "resolved", "--resolution", "ok"
    )
    assert snapshot() == before


def test_site_code_cannot_change_once_there_are_cases(desk, case):
    assert "cannot change" in desk.fails("init", "--site", "QX")
    desk.ok("init", "--site", "HX")


def test_system_is_a_reserved_user(desk, snapshot):
    before = snapshot()
    assert "reserved" in desk.fails("open", "x", "--reporter", "r", user="system")
    assert snapshot() == before


@pytest.mark.sqlite_only  # about the file
def test_reading_commands_never_create_a_ledger(bbcs):
    assert "no ledger" in bbcs.fails("list")
    assert "no ledger" in bbcs.fails("show", "1")
    assert not bbcs.db.exists()


@pytest.mark.sqlite_only  # about the file
def test_a_file_that_is_not_a_ledger_is_refused(bbcs):
    bbcs.db.write_text("hello")
    assert "not a bbcs ledger" in bbcs.fails("list")
    assert bbcs.db.read_text() == "hello"


def test_usage_errors_exit_two(desk):
    result = desk("open", "x")
    assert result.exit_code == 2
    assert desk("frobnicate").exit_code == 2


def test_bad_bbcs_now_is_one_sentence(desk):
    assert "BBCS_NOW" in desk.fails("list", now="not a time")


def test_suspend_resume_refusals(desk, case, snapshot):
    before = snapshot()
    assert "in progress" in desk.fails("resume", case)
    desk.ok("suspend", case, "--reason", "r")
    assert "suspended; resume it first" in desk.fails("suspend", case, "--reason", "r")
    assert "suspended; resume it first" in desk.fails(
        "close", case, "--result", "resolved", "--resolution", "x"
    )
    assert "suspended; resume it first" in desk.fails("transfer", case, "SCJ", "--reason", "r")
    desk.ok("resume", case)
    assert snapshot() != before


def test_debug_lets_the_traceback_through(desk, case):
    result = desk("--debug", "note", "HX-2026-000099", "x")
    assert result.exit_code == 1
    assert type(result.exception).__name__ == "NotFound"


def test_a_year_has_at_most_999999_case_numbers(desk, snapshot):
    desk.open("first", "--reporter", "x")
    execute(desk.db, "UPDATE counters SET last = 999999")
    before = snapshot()
    assert "no case numbers left for 2026" in desk.fails("open", "x", "--reporter", "y")
    assert snapshot() == before


def test_a_calendar_file_in_no_known_encoding_is_one_sentence(desk, tmp_path, snapshot):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"date,kind,name\n2027-01-01,holiday,\xff\xfe\x80\n")
    before = snapshot()
    assert "neither UTF-8 nor GB18030" in desk.fails("calendar", "import", str(bad))
    assert snapshot() == before


def test_tab_and_newline_are_kept_in_long_fields_only(desk):
    case = desk.open("x", "--reporter", "r", "--detail", "第一行\n第二行\t备注")
    assert desk.json("show", case)["detail"] == "第一行\n第二行\t备注"
    assert "control character" in desk.fails("open", "a\tb", "--reporter", "r")
