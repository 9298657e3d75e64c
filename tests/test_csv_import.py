"""bbcs import: files as people make them, all or nothing, histories merged by hash."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time

import pytest

from bbcs.projection import CASE_FIELDS
from bbcs.store import canonical_json, content_hash
from conftest import rows
from csv_world import fresh, read_csv, varied, write_csv

ZH_HEADER = [
    "状态",
    "事项摘要",
    "详情",
    "反映人",
    "联系电话",
    "企业名称",
    "类别",
    "渠道",
    "复杂程度",
    "受理时间",
    "牵头单位",
    "协办单位",
    "办结时间",
    "办理结果",
    "办理情况",
    "满意度",
]


def _case(db, case_id):
    (row,) = rows(db, "SELECT * FROM cases WHERE id = ?", case_id)
    return dict(row)


def test_gb18030_file_with_chinese_headers_imports(desk, tmp_path):
    typed = write_csv(
        tmp_path / "wps.csv",
        ZH_HEADER,
        [
            ["办理中", "小区路灯不亮", "三个月了", "张三", "13812345678", "", "市政", "电话",
             "一般", "2026/9/29", "住建局", "自然资源局；SCJ", "", "", "", ""],
            ["已办结", "营业执照变更", "", "李四", "", "某公司", "证照", "窗口", "即办",
             "2026-09-29 09:30", "", "", "2026-09-29 11:00", "已解决", "当场办结", "满意"],
            ["", "待交办的事", "", "王五", "", "", "", "", "", "2026年10月8日", "", "", "", "",
             "", ""],
        ],
        encoding="gb18030",
    )  # fmt: skip
    assert desk.ok("import", str(typed)).strip() == "Imported 3 cases (0 already in the ledger)"
    first = _case(desk.db, "HX-2026-000001")
    assert (first["status"], first["summary"], first["lead_dept"]) == (
        "in_progress",
        "小区路灯不亮",
        "ZJJ",
    )
    assert json.loads(first["co_depts"]) == ["GTJ", "SCJ"]
    assert (first["channel"], first["category"]) == ("phone", "市政")
    assert first["opened_at"] == "2026-09-29T00:00:00+08:00"
    # seven working days, National Day skipped and its make-up Saturday 10-10 counted
    assert first["due_date"] == "2026-10-14"
    assert first["dept_due_date"] == "2026-10-14"
    second = _case(desk.db, "HX-2026-000002")
    assert (second["status"], second["result"], second["rating"], second["review"]) == (
        "closed",
        "resolved",
        "satisfied",
        "done",
    )
    assert second["closed_at"] == "2026-09-29T11:00:00+08:00"
    third = _case(desk.db, "HX-2026-000003")
    assert (third["status"], third["opened_at"]) == ("pending", "2026-10-08T00:00:00+08:00")
    kinds = rows(desk.db, "SELECT case_id, kind, at FROM events ORDER BY id")
    assert [(r["case_id"][-1], r["kind"]) for r in kinds] == [
        ("1", "open"),
        ("1", "assign"),
        ("2", "open"),
        ("2", "close"),
        ("2", "review"),
        ("3", "open"),
    ]
    # the holds tell who has it since when
    holds = rows(desk.db, "SELECT dept, role, received FROM holds WHERE case_id = ?", first["id"])
    assert [tuple(h) for h in holds] == [
        ("ZJJ", "lead", "2026-09-29"),
        ("GTJ", "co", "2026-09-29"),
        ("SCJ", "co", "2026-09-29"),
    ]
    assert desk.json("search", "路灯")[0]["id"] == first["id"]


def test_one_bad_date_on_line_3_refuses_the_file_and_writes_nothing(desk, tmp_path, snapshot):
    desk.open("已有", "--reporter", "x")
    typed = write_csv(
        tmp_path / "bad.csv",
        ["summary", "reporter", "opened_at"],
        [
            ["好的", "张三", "2026-09-29 09:30"],
            ["坏的", "李四", "2026-13-45"],
            ["好的", "王五", ""],
        ],
    )
    before = snapshot()
    result = desk("import", str(typed))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0] == (
        "line 3, column opened_at: 2026-13-45 is not a date or date-time "
        "(try 2026-09-30 or 2026-09-30 14:30)"
    )
    assert lines[1] == "line 4, column opened_at: opened_at must not be empty"
    assert lines[-1] == "2 bad rows; nothing was imported"
    assert "Traceback" not in result.output
    assert snapshot() == before


def test_a_row_with_several_bad_cells_names_each_of_them(desk, tmp_path, snapshot):
    typed = write_csv(
        tmp_path / "bad.csv",
        ["summary", "reporter", "phone", "complexity", "opened_at", "closed_at", "extensions"],
        [
            ["", "张三", "电话", "hard-ish", "2026-09-29 09:30", "2026-09-28", "two"],
            ["好的", "李四", "13812345678", "normal", "2026-09-29 09:30", "", ""],
        ],
    )  # fmt: skip
    before = snapshot()
    result = desk("import", str(typed))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    columns = [line.split(":")[0] for line in lines[:-1]]
    assert columns == [
        "line 2, column summary",
        "line 2, column phone",
        "line 2, column complexity",
        "line 2, column closed_at",
        "line 2, column extensions",
    ]
    assert "2026-09-28T00:00:00+08:00 is before the case was opened" in lines[3]
    assert lines[-1] == "1 bad rows; nothing was imported"
    assert snapshot() == before


def test_line_numbers_count_the_lines_of_multiline_cells(desk, tmp_path, snapshot):
    typed = write_csv(
        tmp_path / "bad.csv",
        ["事项摘要", "详情", "反映人", "受理时间", "复杂程度"],
        [
            ["a", "第一行\n第二行\n第三行", "张三", "2026-09-29", "一般"],
            ["b", "", "李四", "2026-09-29", "很难"],
        ],
    )
    before = snapshot()
    result = desk("import", str(typed))
    assert result.exit_code == 1
    assert result.stderr.startswith("line 5, column 复杂程度: 很难 is not a valid complexity")
    assert snapshot() == before


def test_at_most_twenty_bad_rows_are_listed_then_the_count(desk, tmp_path, snapshot):
    typed = write_csv(
        tmp_path / "bad.csv",
        ["summary", "reporter", "opened_at", "pushbacks"],
        [["s", "r", "2026-09-29", "-1"] for _ in range(25)],
    )
    before = snapshot()
    result = desk("import", str(typed))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 21
    assert lines[0] == "line 2, column pushbacks: -1 is not a whole number of 0 or more"
    assert lines[19].startswith("line 21, ")
    assert lines[20] == "25 bad rows; nothing was imported"
    assert snapshot() == before


def test_formula_summary_goes_out_guarded_and_comes_back_unguarded(desk, tmp_path):
    case = desk.open("=1+1", "--reporter", "@张三", "--phone", "13812345678")
    out = tmp_path / "cases.csv"
    desk.ok("export", str(out), "--unmask")
    cells = dict(zip(CASE_FIELDS, read_csv(out)[1], strict=True))
    assert (cells["summary"], cells["reporter"]) == ("'=1+1", "'@张三")
    other = fresh(desk, tmp_path / "other.db")
    desk.ok(*other, "import", str(out))
    back = _case(tmp_path / "other.db", case)
    assert (back["summary"], back["reporter"]) == ("=1+1", "@张三")


def test_a_quote_before_ordinary_text_is_kept(desk, tmp_path):
    typed = write_csv(
        tmp_path / "typed.csv",
        ["summary", "reporter", "opened_at"],
        [["'引号开头", "'=张三", "2026-09-29"]],
    )
    desk.ok("import", str(typed))
    row = _case(desk.db, "HX-2026-000001")
    assert (row["summary"], row["reporter"]) == ("'引号开头", "=张三")


def test_masked_phones_are_refused_with_the_way_out(desk, tmp_path, snapshot):
    desk.open("a", "--reporter", "x", "--phone", "13812345678")
    out = tmp_path / "masked.csv"
    desk.ok("export", str(out))
    other = fresh(desk, tmp_path / "other.db")
    result = desk(*other, "import", str(out))
    assert result.exit_code == 1
    assert "138****5678 is a masked phone number; export with --unmask" in result.stderr
    assert rows(tmp_path / "other.db", "SELECT count(*) FROM events")[0][0] == 0


def test_missing_departments_are_all_listed_and_nothing_written(desk, tmp_path, snapshot):
    typed = write_csv(
        tmp_path / "depts.csv",
        ["反映人", "事项摘要", "受理时间", "牵头单位", "协办单位"],
        [
            ["张三", "a", "2026-09-29", "教育局", "ZJJ;JYJ"],
            ["李四", "b", "2026-09-29", "住建局", "教育局"],
        ],
    )
    before = snapshot()
    message = desk.fails("import", str(typed))
    assert message == (
        "the file names departments that are not registered; register them first "
        "(bbcs dept add): 教育局, JYJ"
    )
    assert snapshot() == before
    desk.ok("dept", "add", "JYJ", "教育局")
    assert desk.ok("import", str(typed)).strip() == "Imported 2 cases (0 already in the ledger)"


def test_dry_run_reports_and_writes_nothing(desk, tmp_path, snapshot):
    varied(desk)
    out = tmp_path / "cases.csv"
    desk.ok("export", str(out), "--unmask")
    other = fresh(desk, tmp_path / "other.db")
    before = rows(tmp_path / "other.db", "SELECT count(*) FROM cases")[0][0]
    said = desk.ok(*other, "import", str(out), "--dry-run").strip()
    assert said == "Would import 7 cases (0 already in the ledger); nothing was written"
    assert rows(tmp_path / "other.db", "SELECT count(*) FROM cases")[0][0] == before == 0
    assert rows(tmp_path / "other.db", "SELECT count(*) FROM counters")[0][0] == 0


def test_existing_case_is_skipped_when_equal_and_refused_when_different(desk, tmp_path, snapshot):
    case = desk.open("路灯", "--reporter", "张三", "--phone", "13812345678", "--dept", "ZJJ")
    out = tmp_path / "cases.csv"
    desk.ok("export", str(out), "--unmask")
    before = snapshot()
    assert desk.ok("import", str(out)).strip() == "Imported 0 cases (1 already in the ledger)"
    assert snapshot() == before

    table = read_csv(out)
    table[1][CASE_FIELDS.index("summary")] = "路灯不亮了"
    changed = write_csv(tmp_path / "changed.csv", table[0], table[1:])
    result = desk("import", str(changed))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"line 2, column id: case {case} is already in the ledger and says something else"
    )
    assert snapshot() == before


def test_same_id_twice_in_one_file(desk, tmp_path, snapshot):
    header = ["id", "summary", "reporter", "opened_at"]
    row = ["XQ-2026-000001", "a", "张三", "2026-09-29 09:30"]
    same = write_csv(tmp_path / "same.csv", header, [row, row])
    assert desk.ok("import", str(same)).strip() == "Imported 1 cases (1 already in the ledger)"
    before = snapshot()
    other = write_csv(tmp_path / "other.csv", header, [[row[0], "b", *row[2:]], row])
    result = desk("import", str(other))
    assert result.exit_code == 1
    assert result.stderr.startswith("line 2, column id: case XQ-2026-000001 is already")
    assert snapshot() == before


def test_local_ids_move_the_counter_on(desk, tmp_path):
    typed = write_csv(
        tmp_path / "ids.csv",
        ["编号", "事项摘要", "反映人", "受理时间"],
        [["hx-2026-000041", "a", "张三", "2026-09-29"], ["", "b", "李四", "2026-09-30"]],
    )
    desk.ok("import", str(typed))
    ids = [r[0] for r in rows(desk.db, "SELECT id FROM cases ORDER BY n")]
    assert ids == ["HX-2026-000041", "HX-2026-000042"]
    assert desk.open("c", "--reporter", "x") == "HX-2026-000043"


def test_inconsistent_rows_name_their_column(desk, tmp_path, snapshot):
    typed = write_csv(
        tmp_path / "odd.csv",
        ["status", "summary", "reporter", "opened_at", "lead_dept", "closed_at", "result"],
        [
            ["pending", "a", "x", "2026-09-29", "ZJJ", "", ""],
            ["in_progress", "b", "x", "2026-09-29", "", "", ""],
            ["closed", "c", "x", "2026-09-29", "ZJJ", "", "resolved"],
            ["closed", "d", "x", "2026-09-29", "ZJJ", "2026-09-28", "resolved"],
            ["in_progress", "e", "x", "2026-09-29", "ZJJ", "2026-10-28", ""],
            ["pending", "f", "x", "2026-11-03", "", "", ""],
        ],
    )
    before = snapshot()
    result = desk("import", str(typed))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "line 2, column lead_dept: a pending case has no lead department "
        "(is it in_progress, 办理中?)",
        "line 3, column lead_dept: a case in progress needs a lead department",
        "line 4, column closed_at: a closed case needs closed_at",
        "line 5, column closed_at: 2026-09-28T00:00:00+08:00 is before the case was opened "
        "(2026-09-29T00:00:00+08:00)",
        "line 6, column closed_at: only a closed case has closed_at",
        "line 7, column opened_at: the time 2026-11-03T00:00:00+08:00 lies in the future "
        "(now is 2026-11-02T09:00:00+08:00)",
        "6 bad rows; nothing was imported",
    ]
    assert snapshot() == before


def test_files_that_are_not_case_files_are_one_sentence(desk, tmp_path, snapshot):
    before = snapshot()
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert "has no header row" in desk.fails("import", str(empty))
    odd = write_csv(tmp_path / "odd.csv", ["summary", "reporter", "opened_at", "colour"], [])
    assert desk.fails("import", str(odd)).endswith("columns that are not case fields: colour")
    lacking = write_csv(tmp_path / "lacking.csv", ["summary"], [["a"]])
    assert desk.fails("import", str(lacking)).endswith("lacks the columns reporter, opened_at")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"summary,reporter,opened_at\n\xff\xff\xff,x,2026-09-29\n")
    assert "neither UTF-8 nor GB18030" in desk.fails("import", str(binary))
    assert snapshot() == before


def test_chinese_interface_reports_in_chinese(desk, tmp_path, monkeypatch):
    typed = write_csv(
        tmp_path / "bad.csv", ["事项摘要", "反映人", "受理时间"], [["a", "b", "昨天"]]
    )
    monkeypatch.setenv("BBCS_LANG", "zh")
    result = desk("import", str(typed))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("第 2 行，受理时间 列：昨天 不是有效的日期或时间")
    assert lines[1] == "共 1 行有误；未导入任何内容"


# ------------------------------------------------------------ events files


def _events_of_site_xq(desk, tmp_path):
    """An events file from another window (site XQ), made by that window's own commands."""
    xq = fresh(desk, tmp_path / "xq.db", site="XQ")
    case = desk.ok(*xq, "open", "路灯", "--reporter", "张三", "--dept", "ZJJ", "--quiet").strip()
    desk.ok(*xq, "close", case, "--result", "resolved", "--resolution", "修好了")
    out = tmp_path / "xq-events.csv"
    desk.ok(*xq, "export", str(out), "--events")
    return xq, case, out


def test_events_file_imported_twice_changes_nothing_the_second_time(desk, tmp_path, snapshot):
    _, case, events = _events_of_site_xq(desk, tmp_path)
    first = desk.ok("import", str(events)).strip()
    assert first == "Imported 3 events of 1 cases (0 already in the ledger)"
    assert _case(desk.db, case)["status"] == "closed"
    before = snapshot()
    second = desk.ok("import", str(events)).strip()
    assert second == "Imported 0 events of 0 cases (3 already in the ledger)"
    assert snapshot() == before


def test_later_events_of_a_known_history_are_appended(desk, tmp_path):
    xq, case, events = _events_of_site_xq(desk, tmp_path)
    desk.ok("import", str(events))
    desk.ok(*xq, "review", case, "满意")
    later = tmp_path / "later.csv"
    desk.ok(*xq, "export", str(later), "--events")
    assert desk.ok("import", str(later)).strip() == (
        "Imported 1 events of 1 cases (3 already in the ledger)"
    )
    assert _case(desk.db, case)["rating"] == "satisfied"
    head = desk.json(*xq, "show", case)
    assert desk.json("show", case)["events"] == head["events"]


def test_conflicting_history_is_refused_naming_the_case(desk, tmp_path, snapshot):
    _, case, events = _events_of_site_xq(desk, tmp_path)
    desk.ok("import", str(events))
    table = read_csv(events)
    # the same event number with other content, hashed properly: another history
    close = table[3]
    data = json.loads(close[6])
    data["resolution"] = "没修"
    close[6] = canonical_json(data)
    close[7] = content_hash(close[0], int(close[1]), close[2], close[3], close[4], close[5], data)
    forged = write_csv(tmp_path / "forged.csv", table[0], table[1:])
    before = snapshot()
    message = desk.fails("import", str(forged))
    assert message == (
        f"case {case} has another history in this ledger (event 3 differs); nothing was imported"
    )
    assert snapshot() == before


def test_edited_event_fails_its_hash(desk, tmp_path, snapshot):
    _, _case_id, events = _events_of_site_xq(desk, tmp_path)
    table = read_csv(events)
    table[1][6] = table[1][6].replace("张三", "李四")
    edited = write_csv(tmp_path / "edited.csv", table[0], table[1:])
    before = snapshot()
    result = desk("import", str(edited))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "line 2, column hash: the hash does not match the event's content"
    )
    assert snapshot() == before


def test_own_sites_events_are_refused(desk, tmp_path, snapshot):
    case = desk.open("a", "--reporter", "x")
    events = tmp_path / "events.csv"
    desk.ok("export", str(events), "--events")
    before = snapshot()
    message = desk.fails("import", str(events))
    assert message == (
        f"the file holds case {case} of site HX, this ledger's own site; "
        "a ledger does not import its own events"
    )
    assert snapshot() == before


def test_events_naming_unregistered_departments_are_refused(bbcs, tmp_path, snapshot):
    bbcs.ok("init", "--site", "HX")
    bbcs.ok("dept", "add", "SCJ", "市场监管局")
    _, _, events = _events_of_site_xq(bbcs, tmp_path)
    before = snapshot()
    assert bbcs.fails("import", str(events)).endswith("(bbcs dept add): ZJJ")
    assert snapshot() == before


def test_history_with_a_gap_is_refused(desk, tmp_path, snapshot):
    _, case, events = _events_of_site_xq(desk, tmp_path)
    table = read_csv(events)
    gap = write_csv(tmp_path / "gap.csv", table[0], [table[1], table[3]])
    before = snapshot()
    assert desk.fails("import", str(gap)) == (
        f"the history of case {case} would lack event 2; nothing was imported"
    )
    assert snapshot() == before


def test_events_file_in_gb18030_without_bom(desk, tmp_path):
    _, case, events = _events_of_site_xq(desk, tmp_path)
    with events.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    converted = write_csv(tmp_path / "gbk.csv", table[0], table[1:], encoding="gb18030")
    desk.ok("import", str(converted))
    assert _case(desk.db, case)["resolution"] == "修好了"


@pytest.mark.sqlite_only  # the file and the crash harness
def test_a_killed_import_leaves_the_ledger_as_it_was(desk, tmp_path, snapshot):
    desk.open("已有", "--reporter", "x")
    big = write_csv(
        tmp_path / "big.csv",
        ["summary", "detail", "reporter", "opened_at", "lead_dept"],
        [[f"事项 {i}", "很长的详情" * 20, "张三", "2026-09-29 09:30", "ZJJ"] for i in range(60000)],
    )
    before = snapshot()
    wal = desk.db.with_name(desk.db.name + "-wal")
    start = wal.stat().st_size if wal.exists() else 0
    env = {**os.environ, "BBCS_DB": str(desk.db)}
    process = subprocess.Popen([sys.executable, "-m", "bbcs", "import", str(big)], env=env)
    try:
        # kill it once it is writing inside its transaction
        while process.poll() is None and (not wal.exists() or wal.stat().st_size <= start):
            time.sleep(0.01)
    finally:
        process.kill()
        process.wait()
    assert process.returncode != 0, "the import finished before it could be killed"
    assert snapshot() == before
    assert desk.open("新件", "--reporter", "x") == "HX-2026-000002"


def test_a_missing_file_is_one_sentence(desk, tmp_path):
    assert "No such file" in desk.fails("import", str(tmp_path / "nowhere.csv"))


def test_a_row_longer_than_the_header_is_named(desk, tmp_path, snapshot):
    typed = write_csv(
        tmp_path / "long.csv",
        ["summary", "reporter", "opened_at"],
        [["a", "b", "2026-09-29"], ["a", "b", "2026-09-29", "extra"]],
    )
    before = snapshot()
    result = desk("import", str(typed))
    assert result.exit_code == 1
    assert result.stderr.startswith("line 3: the row has 4 cells but the header only 3\n")
    assert snapshot() == before


def test_case_numbers_never_run_past_six_digits(desk, tmp_path, snapshot):
    typed = write_csv(
        tmp_path / "ids.csv",
        ["id", "summary", "reporter", "opened_at"],
        [["HX-2026-999999", "a", "张三", "2026-09-29"], ["", "b", "李四", "2026-09-30"]],
    )
    before = snapshot()
    assert desk.fails("import", str(typed)) == (
        "site HX has no case numbers left for 2026 (six digits: at most 999999 cases a year)"
    )
    assert snapshot() == before


def test_empty_trailing_columns_as_spreadsheets_save_them(desk, tmp_path):
    typed = tmp_path / "excel.csv"
    typed.write_text(
        "事项摘要,反映人,受理时间,,\r\n路灯,张三,2026-09-29,,\r\n井盖,李四,2026-09-30,,,\r\n",
        encoding="utf-8-sig",
    )
    assert desk.ok("import", str(typed)).strip() == "Imported 2 cases (0 already in the ledger)"


def test_every_problem_and_every_unregistered_department_of_a_bad_file(desk, tmp_path, snapshot):
    typed = write_csv(
        tmp_path / "bad.csv",
        ["status", "summary", "reporter", "opened_at", "lead_dept", "co_depts", "result"],
        [
            ["pending", "a", "x", "2026-09-29", "ZJJ", "", "resolved"],
            ["closed", "b", "x", "不是日期", "教育局", "WSJ", ""],
        ],
    )
    before = snapshot()
    result = desk("import", str(typed))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "line 2, column lead_dept: a pending case has no lead department "
        "(is it in_progress, 办理中?)",
        "line 2, column result: only a closed case has result",
        *[line for line in result.stderr.strip().splitlines() if line.startswith("line 3, ")],
        "2 bad rows; nothing was imported",
        "the file names departments that are not registered; register them first "
        "(bbcs dept add): 教育局, WSJ",
    ]
    assert any(line.startswith("line 3, column opened_at") for line in result.stderr.splitlines())
    assert snapshot() == before


def test_twenty_bad_rows_are_listed_whole(desk, tmp_path):
    typed = write_csv(
        tmp_path / "bad.csv",
        ["summary", "reporter", "opened_at", "pushbacks", "extensions"],
        [["s", "r", "2026-09-29", "-1", "-1"] for _ in range(25)],
    )
    result = desk("import", str(typed))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 41  # two problems for each of 20 rows, then the count
    assert lines[39].startswith("line 21, ")
    assert lines[40] == "25 bad rows; nothing was imported"
