"""Control characters of all Unicode (C0, DEL, C1) are refused in every text field (SPEC §3).

One-line fields also refuse the line and paragraph separators and the bidi
controls; long fields keep tab and newline. Each refusal is one sentence and
leaves the ledger as it was, whichever way the text arrives: typed, in a case
file, in an events file, in a calendar file.
"""

from __future__ import annotations

import csv
import json

import pytest

from bbcs.ledger_csv import event_hash
from bbcs.store import canonical_json
from csv_world import fresh, write_csv

C1 = ["\u0085", "\u009b", "\u0080", "\u009f"]
LAYOUT = ["\u2028", "\u2029", "\u202a", "\u202e", "\u2066", "\u2069"]


@pytest.fixture
def case(desk):
    return desk.open("路灯不亮", "--reporter", "李四", "--dept", "ZJJ")


def _refused(desk, snapshot, *args):
    before = snapshot()
    message = desk.fails(*args)
    assert snapshot() == before
    return message


def _import_refused(desk, snapshot, path):
    """An import names each bad row on a line of its own, then says nothing was imported."""
    before = snapshot()
    result = desk("import", str(path))
    assert result.exit_code == 1, (result.output, result.exception)
    assert "Traceback" not in result.stderr
    assert snapshot() == before
    return result.stderr


@pytest.mark.parametrize("char", C1)
def test_c1_characters_are_refused_in_the_summary_and_names(desk, snapshot, char):
    said = _refused(desk, snapshot, "open", f"事项{char}尾", "--reporter", "x")
    assert said == "summary contains a control character"
    said = _refused(desk, snapshot, "open", "事项", "--reporter", f"甲{char}31m")
    assert said == "reporter contains a control character"


def test_the_csi_at_either_end_is_refused_not_trimmed(desk, snapshot):
    # str.strip() treats U+0085 as a space; it must not slip through as one
    assert "control character" in _refused(desk, snapshot, "open", "事项\u0085", "--reporter", "x")
    assert "control character" in _refused(desk, snapshot, "open", "x", "--reporter", "\u0085甲")


@pytest.mark.parametrize("char", C1)
def test_c1_characters_are_refused_in_long_fields(desk, case, snapshot, char):
    assert "control character" in _refused(desk, snapshot, "note", case, f"a{char}b")
    assert "control character" in _refused(
        desk, snapshot, "open", "x", "--reporter", "r", "--detail", f"第一行\n{char}"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["amend", "{case}", "--company", "甲\u009b公司", "--reason", "r"],
        ["amend", "{case}", "--summary", "ok", "--reason", "r\u0085"],
        ["transfer", "{case}", "GTJ", "--reason", "因为\u009b"],
        ["close", "{case}", "--result", "resolved", "--resolution", "修好\u0080了"],
        ["dept", "add", "JTJ", "交通\u009b局"],
        ["user", "add", "王\u0085五", "--role", "clerk"],
        ["calendar", "add", "2026-12-01", "停工\u009b", "--holiday"],
    ],
)
def test_c1_characters_are_refused_by_every_command(desk, case, snapshot, args):
    said = _refused(desk, snapshot, *[a.replace("{case}", case) for a in args])
    assert said.endswith("contains a control character")


def test_a_user_name_with_a_control_character_is_refused(desk, snapshot):
    before = snapshot()
    said = desk.fails("open", "x", "--reporter", "r", user="甲\u009b31m")
    assert said == "BBCS_USER contains a control character"
    assert snapshot() == before


@pytest.mark.parametrize("char", LAYOUT)
def test_one_line_fields_refuse_line_separators_and_bidi_controls(desk, case, snapshot, char):
    said = _refused(desk, snapshot, "open", f"a{char}b", "--reporter", "r")
    assert said.startswith("summary contains a line separator or a bidirectional control")
    assert "bidirectional" in _refused(desk, snapshot, "dept", "add", "JTJ", f"交通{char}局")


def test_long_fields_keep_bidi_text_tab_and_newline(desk, case):
    text = "第一行\n\t\u202bعربي\u202c 第二行"
    desk.ok("note", case, text)
    assert desk.json("show", case)["events"][-1]["data"]["text"] == text


def test_a_case_file_with_a_c1_character_is_refused_naming_the_cell(desk, tmp_path, snapshot):
    path = write_csv(
        tmp_path / "cases.csv",
        ["summary", "reporter", "opened_at"],
        [["好的", "张三", "2026-09-29"], ["事项\u009b31m", "李四", "2026-09-29"]],
    )
    said = _import_refused(desk, snapshot, path)
    assert "line 3" in said and "summary contains a control character" in said


def test_a_calendar_file_with_a_c1_character_is_refused(desk, tmp_path, snapshot):
    path = tmp_path / "holidays.csv"
    path.write_text("date,kind,name\n2026-12-01,holiday,停工\u0085\n", encoding="utf-8")
    said = _refused(desk, snapshot, "calendar", "import", str(path))
    assert said == "2026-12-01: name contains a control character"


def test_an_events_file_with_a_c1_character_is_refused(desk, tmp_path, snapshot):
    xq = fresh(desk, tmp_path / "xq.db", site="XQ")
    case = desk.ok(*xq, "open", "路灯", "--reporter", "张三", "--quiet").strip()
    desk.ok(*xq, "note", case, "正常的记录")
    out = tmp_path / "events.csv"
    desk.ok(*xq, "export", str(out), "--events")
    with out.open(encoding="utf-8-sig", newline="") as file:
        records = list(csv.reader(file))
    header, body = records[0], records[1:]
    at = {name: i for i, name in enumerate(header)}
    note = next(r for r in body if r[at["kind"]] == "note")
    data = json.loads(note[at["data"]])
    data["text"] = "记录\u009b2J"
    note[at["data"]] = canonical_json(data)
    note[at["hash"]] = event_hash(
        note[at["case_id"]],
        int(note[at["seq"]]),
        note[at["kind"]],
        note[at["at"]],
        note[at["actor"]],
        note[at["os_user"]],
        note[at["data"]],
    )
    with out.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(records)
    said = _import_refused(desk, snapshot, out)
    assert "data.text contains a control character" in said
