"""bbcs export: what a clerk opening the file in Excel sees, and what the ledger records."""

from __future__ import annotations

import json
import os
import stat
import sys

import pytest

from bbcs.i18n import FIELDS
from bbcs.projection import CASE_FIELDS
from conftest import rows
from csv_world import fresh, read_csv, varied


def test_cases_file_has_the_section_3_fields_and_masks_phones(desk, tmp_path):
    cases = varied(desk)
    out = tmp_path / "cases.csv"
    assert desk.ok("export", str(out)).strip() == f"Exported {len(cases)} cases to {out}"
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads the BOM as UTF-8
    table = read_csv(out)
    assert table[0] == list(CASE_FIELDS)
    by_id = {r[0]: dict(zip(CASE_FIELDS, r, strict=True)) for r in table[1:]}
    formula = by_id[cases["formula"]]
    assert formula["phone"] == "138****5678"
    assert formula["summary"] == '\'=HYPERLINK("http://x")'
    assert formula["due_provisional"] == "false"
    assert formula["lead_dept"] == formula["closed_at"] == formula["rating"] == ""
    assert formula["opened_at"] == "2026-10-09T10:00:00+08:00"
    reopened = by_id[cases["reopened"]]
    assert reopened["phone"] == "861******5678"
    assert reopened["reporter"] == "'-李四"
    assert reopened["company"] == "'@公司"
    assert reopened["detail"] == "第一行\n\t第二行"
    assert (reopened["status"], reopened["reopened"], reopened["rating"]) == (
        "in_progress",
        "1",
        "unsatisfied",
    )
    assert by_id[cases["pingpong"]]["escalation"] == "coordinate"
    assert by_id[cases["pingpong"]]["pushbacks"] == "2"
    co = by_id[cases["reopened"]]["co_depts"]
    assert co == "GTJ"
    # masked: nothing about it goes to the audit log
    assert rows(desk.db, "SELECT * FROM audit") == []


def test_unmask_writes_whole_numbers_and_is_audited(desk, tmp_path):
    case = desk.open("a", "--reporter", "x", "--phone", "13812345678")
    out = tmp_path / "cases.csv"
    desk.ok("export", str(out), "--unmask", user="supervisor1")
    assert read_csv(out)[1][CASE_FIELDS.index("phone")] == "13812345678"
    (entry,) = rows(desk.db, "SELECT * FROM audit")
    assert (entry["actor"], entry["action"], entry["at"]) == (
        "supervisor1",
        "export.unmask",
        "2026-11-02T09:00:00+08:00",
    )
    assert entry["os_user"]
    assert json.loads(entry["detail"])["file"] == str(out)
    assert case in out.read_text(encoding="utf-8-sig")


def test_chinese_headers(desk, tmp_path):
    desk.open("a", "--reporter", "x")
    out = tmp_path / "台账.csv"
    desk.ok("export", str(out), "--headers", "zh")
    header = read_csv(out)[0]
    assert header == [FIELDS[name][1] for name in CASE_FIELDS]
    assert header[:6] == ["编号", "状态", "事项摘要", "详情", "反映人", "联系电话"]


def test_chinese_headers_import_back(desk, tmp_path):
    varied(desk)
    zh = tmp_path / "台账.csv"
    desk.ok("export", str(zh), "--headers", "zh", "--unmask")
    other = fresh(desk, tmp_path / "other.db")
    desk.ok(*other, "import", str(zh))
    mine, theirs = tmp_path / "mine.csv", tmp_path / "theirs.csv"
    desk.ok("export", str(mine), "--unmask")
    desk.ok(*other, "export", str(theirs), "--unmask")
    assert theirs.read_bytes() == mine.read_bytes()


def test_bad_headers_value_is_one_sentence(desk, tmp_path):
    message = desk.fails("export", str(tmp_path / "x.csv"), "--headers", "fr")
    assert "en or zh" in message
    assert not (tmp_path / "x.csv").exists()


def test_events_file_is_the_whole_log_with_canonical_data_and_hashes(desk, tmp_path):
    case = desk.open("路灯", "--reporter", "x", "--phone", "13812345678", "--dept", "ZJJ")
    out = tmp_path / "events.csv"
    assert desk.ok("export", str(out), "--events").strip() == f"Exported 2 events to {out}"
    table = read_csv(out)
    assert table[0] == ["case_id", "seq", "kind", "at", "actor", "os_user", "data", "hash"]
    stored = rows(desk.db, "SELECT * FROM events ORDER BY id")
    assert [r[:3] for r in table[1:]] == [[case, "1", "open"], [case, "2", "assign"]]
    for line, event in zip(table[1:], stored, strict=True):
        assert line[6] == json.dumps(
            json.loads(event["data"]), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        assert line[7] == event["hash"]
    assert '"phone":"13812345678"' in table[1][6]  # the true ledger: nothing masked
    (entry,) = rows(desk.db, "SELECT action FROM audit")
    assert entry["action"] == "export.events"


def test_period_picks_cases_by_opening_date_with_whole_histories(desk, tmp_path):
    early = desk.open("九月", "--reporter", "x", "--dept", "ZJJ", "--at", "2026-09-29 09:30")
    inside = desk.open("十月", "--reporter", "x", "--dept", "ZJJ", "--at", "2026-10-09 09:30")
    late = desk.open("十一月", "--reporter", "x", "--at", "2026-11-02 08:00")
    desk.ok("close", inside, "--result", "resolved", "--resolution", "ok", "--at", "2026-11-01")
    cases = tmp_path / "october.csv"
    desk.ok("export", str(cases), "--from", "2026-10-01", "--to", "2026/10/31")
    assert [r[0] for r in read_csv(cases)[1:]] == [inside]
    events = tmp_path / "october-events.csv"
    desk.ok("export", str(events), "--events", "--from", "2026-10-01", "--to", "2026-10-31")
    # the close of 11-01 belongs to the October case's history
    assert [(r[0], r[2]) for r in read_csv(events)[1:]] == [
        (inside, "open"),
        (inside, "assign"),
        (inside, "close"),
    ]
    desk.ok("export", str(cases), "--to", "2026-09-30")
    assert [r[0] for r in read_csv(cases)[1:]] == [early]
    desk.ok("export", str(cases), "--from", "2026-11-02")
    assert [r[0] for r in read_csv(cases)[1:]] == [late]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_files_are_for_owner_and_group_only_and_replace_the_old_one(desk, tmp_path):
    desk.open("a", "--reporter", "x")
    out = tmp_path / "cases.csv"
    out.write_text("old content\n")
    os.chmod(out, 0o644)
    old_umask = os.umask(0o077)  # a tight umask must not take the group's access away
    try:
        desk.ok("export", str(out))
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o660
    assert "old content" not in out.read_text(encoding="utf-8-sig")
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".tmp") == []


def test_export_into_a_missing_folder_is_one_sentence(desk, tmp_path):
    desk.open("a", "--reporter", "x")
    message = desk.fails("export", str(tmp_path / "nowhere" / "cases.csv"))
    assert "nowhere" in message


def test_chinese_headers_write_enumerations_in_chinese(desk, tmp_path):
    varied(desk)
    out = tmp_path / "台账.csv"
    desk.ok("export", str(out), "--headers", "zh")
    table = read_csv(out)
    column = {name: i for i, name in enumerate(CASE_FIELDS)}
    cells = {name: {row[i] for row in table[1:]} for name, i in column.items()}
    assert cells["status"] <= {"待交办", "办理中", "已办结", "挂起"}, cells["status"]
    assert cells["channel"] <= {"窗口", "电话", "网上", "来信"}
    assert "无" in cells["escalation"] and "none" not in cells["escalation"]
    assert cells["due_provisional"] <= {"是", "否"}
    english = {"closed", "window", "normal", "none", "true", "false", "resolved", "satisfied"}
    assert not english & set().union(*cells.values())
