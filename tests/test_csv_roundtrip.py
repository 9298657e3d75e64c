"""Export → import → export gives the same bytes, for cases files and events files."""

from __future__ import annotations

import re
import string
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bbcs.ledger_csv import event_hash
from bbcs.projection import CASE_FIELDS
from bbcs.store import canonical_json, content_hash
from conftest import rows
from csv_world import fresh, read_csv, varied, write_csv


def test_cases_exported_unmasked_come_back_byte_identical(desk, tmp_path):
    cases = varied(desk)
    first = tmp_path / "first.csv"
    desk.ok("export", str(first), "--unmask")
    other = fresh(desk, tmp_path / "other.db")
    assert desk.ok(*other, "import", str(first)).strip() == (
        f"Imported {len(cases)} cases (0 already in the ledger)"
    )
    second = tmp_path / "second.csv"
    desk.ok(*other, "export", str(second), "--unmask")
    assert second.read_bytes() == first.read_bytes()

    # the imported ledger says the same about each case, phone numbers and all
    for case in cases.values():
        mine = desk.json("show", case)
        theirs = desk.json(*other, "show", case)
        assert {k: theirs[k] for k in CASE_FIELDS} == {k: mine[k] for k in CASE_FIELDS}
        assert theirs["review"] == mine["review"]
    # and its own ids continue after the imported ones
    assert desk.ok(*other, "open", "新件", "--reporter", "x", "--quiet").strip() == "HX-2026-000008"


def test_events_exported_come_back_byte_identical_and_rebuild_the_cases(desk, tmp_path):
    cases = varied(desk)
    events = tmp_path / "events.csv"
    desk.ok("export", str(events), "--events")
    other = fresh(desk, tmp_path / "county.db", site="XQ")
    out = desk.ok(*other, "import", str(events))
    total = rows(desk.db, "SELECT count(*) FROM events")[0][0]
    assert out.strip() == f"Imported {total} events of {len(cases)} cases (0 already in the ledger)"
    again = tmp_path / "again.csv"
    desk.ok(*other, "export", str(again), "--events")
    assert again.read_bytes() == events.read_bytes()

    mine, theirs = tmp_path / "mine.csv", tmp_path / "theirs.csv"
    desk.ok("export", str(mine), "--unmask")
    desk.ok(*other, "export", str(theirs), "--unmask")
    assert theirs.read_bytes() == mine.read_bytes()
    held = rows(tmp_path / "county.db", "SELECT case_id, seq, hash FROM events ORDER BY id")
    source = rows(desk.db, "SELECT case_id, seq, hash FROM events ORDER BY id")
    assert [tuple(r) for r in held] == [tuple(r) for r in source]


# ------------------------------------------------------------ the property

_TEXT = st.text(alphabet="ab =+-@'\",;中文", min_size=1, max_size=12).map(str.strip).filter(bool)
_DETAIL = st.text(alphabet="ab =-@'\"\n\t,中", max_size=12).map(str.strip)
_PHONE = st.text(alphabet=string.digits + " +-", max_size=14).map(str.strip)
_CASE = st.fixed_dictionaries(
    {
        "status": st.sampled_from(["pending", "in_progress", "suspended", "closed"]),
        "summary": _TEXT,
        "detail": _DETAIL,
        "reporter": _TEXT,
        "phone": _PHONE,
        "company": st.one_of(st.just(""), _TEXT),
        "complexity": st.sampled_from(["简单", "一般", "normal", "复杂", "hard"]),
        "channel": st.sampled_from(["窗口", "phone", "online", "来信"]),
        "day": st.integers(min_value=1, max_value=28),
        "escalation": st.sampled_from(["none", "加急办", "督办"]),
        "pushbacks": st.integers(min_value=0, max_value=3),
        "extensions": st.integers(min_value=0, max_value=2),
        "reopened": st.integers(min_value=0, max_value=2),
        "lead": st.sampled_from(["ZJJ", "住建局", "GTJ"]),
        "co": st.sampled_from(["", "SCJ", "自然资源局;SCJ"]),
        "result": st.sampled_from(["resolved", "已解释说明", "withdrawn"]),
        "rating": st.sampled_from(["", "满意", "unsatisfied"]),
        "resolution": _DETAIL,
    }
)


def _row(case: dict[str, object]) -> list[str]:
    status = str(case["status"])
    lead = "" if status == "pending" else str(case["lead"])
    closed = status == "closed"
    return [
        status,
        str(case["summary"]),
        str(case["detail"]),
        str(case["reporter"]),
        str(case["phone"]) if any(c.isdigit() for c in str(case["phone"])) else "",
        str(case["company"]),
        str(case["complexity"]),
        str(case["channel"]),
        f"2026-09-{case['day']:02d} 09:30",
        lead,
        str(case["co"]) if lead else "",
        str(case["escalation"]),
        str(case["pushbacks"]),
        str(case["extensions"]),
        str(case["reopened"]),
        f"2026-10-{case['day']:02d} 16:00" if closed else "",
        str(case["result"]) if closed else "",
        str(case["resolution"]) if closed else "",
        str(case["rating"]),
    ]


_HEADER = [
    "状态",
    "事项摘要",
    "详情",
    "反映人",
    "联系电话",
    "企业名称",
    "复杂程度",
    "渠道",
    "受理时间",
    "牵头单位",
    "协办单位",
    "escalation",
    "pushbacks",
    "extensions",
    "reopened",
    "办结时间",
    "办理结果",
    "办理情况",
    "满意度",
]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_CASE, min_size=1, max_size=6))
def test_any_cases_file_survives_export_import_export(bbcs, cases):
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        typed = write_csv(here / "typed.csv", _HEADER, [_row(c) for c in cases])
        first_ledger = fresh(bbcs, here / "first.db")
        bbcs.ok(*first_ledger, "import", str(typed))
        first = here / "first.csv"
        bbcs.ok(*first_ledger, "export", str(first), "--unmask")
        second_ledger = fresh(bbcs, here / "second.db", site="XQ")
        bbcs.ok(*second_ledger, "import", str(first))
        second = here / "second.csv"
        bbcs.ok(*second_ledger, "export", str(second), "--unmask")
        assert second.read_bytes() == first.read_bytes()

        # in opening order, each summary as typed, guarded where a spreadsheet would run it
        typed_order = sorted(cases, key=lambda c: int(str(c["day"])))
        exported = read_csv(first)[1:]
        assert [r[CASE_FIELDS.index("summary")] for r in exported] == [
            _guarded(str(c["summary"])) for c in typed_order
        ]
        assert [r[CASE_FIELDS.index("status")] for r in exported] == [
            c["status"] for c in typed_order
        ]


def _guarded(typed: str) -> str:
    """A typed cell as the ledger holds it (a guarding quote taken off), then exported."""
    held = typed[1:] if re.match(r"'+[=+\-@]", typed) else typed
    return "'" + held if re.match(r"'*[=+\-@]", held) else held


@settings(max_examples=200, deadline=None)
@given(
    st.text(max_size=12),
    st.integers(min_value=1, max_value=10**6),
    st.text(max_size=8),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
        max_leaves=8,
    ),
)
def test_fast_event_hash_is_the_content_hash(text, seq, kind, value):
    data = {"value": value, "text": text}
    expected = content_hash(f"XQ-2026-{seq:06d}", seq, kind, text, text + "x", "os", data)
    fast = event_hash(f"XQ-2026-{seq:06d}", seq, kind, text, text + "x", "os", canonical_json(data))
    assert fast == expected


def test_imported_events_rebuild_the_same_rows_holds_and_search(desk, tmp_path):
    varied(desk)
    events = tmp_path / "events.csv"
    desk.ok("export", str(events), "--events")
    other = fresh(desk, tmp_path / "county.db", site="XQ")
    desk.ok(*other, "import", str(events))
    # every column but the row number the ledger gave each case
    cases = "SELECT * FROM cases ORDER BY id"
    mine = [{k: v for k, v in dict(r).items() if k != "n"} for r in rows(desk.db, cases)]
    theirs = [{k: v for k, v in dict(r).items() if k != "n"} for r in rows(other[1], cases)]
    assert theirs == mine
    holds = "SELECT * FROM holds ORDER BY case_id, n"
    assert [tuple(r) for r in rows(other[1], holds)] == [tuple(r) for r in rows(desk.db, holds)]
    for word in ("第二行", "已答复", "即办"):
        assert [c["id"] for c in desk.json(*other, "search", word)] == [
            c["id"] for c in desk.json("search", word)
        ]


def test_a_replied_case_comes_back_replied_with_its_reply(desk, tmp_path, snapshot):
    case = desk.open("墙体开裂", "--reporter", "张三", "--dept", "ZJJ", "--co", "GTJ")
    now = "2026-11-05T10:00:00+08:00"
    desk.ok("reply", case, "--result", "explained", "--resolution", "=已依法解释", now=now)
    first = tmp_path / "first.csv"
    desk.ok("export", str(first), "--unmask", now=now)
    header, row = read_csv(first)
    cells = dict(zip(header, row, strict=True))
    assert (cells["status"], cells["result"], cells["resolution"]) == (
        "replied",
        "explained",
        "'=已依法解释",
    )
    other = fresh(desk, tmp_path / "other.db")
    desk.ok(*other, "import", str(first), now=now)
    theirs = desk.json(*other, "show", case, now=now)
    assert theirs["status"] == "replied"
    reply = next(e["data"] for e in theirs["events"] if e["kind"] == "reply")
    assert (reply["dept"], reply["role"], reply["result"], reply["resolution"]) == (
        "ZJJ",
        "lead",
        "explained",
        "=已依法解释",
    )
    co = next(h for h in theirs["holds"] if h["role"] == "co")
    assert (co["dept"], co["dept_due_date"]) == ("GTJ", "2026-11-05")  # limits.co from opening
    second = tmp_path / "second.csv"
    desk.ok(*other, "export", str(second), "--unmask", now=now)
    assert second.read_bytes() == first.read_bytes()
    # the window reviews it there as here: close takes the reply by default
    desk.ok(*other, "close", case, now=now)
    closed = desk.json(*other, "show", case, now=now)
    assert (closed["status"], closed["result"], closed["resolution"]) == (
        "closed",
        "explained",
        "=已依法解释",
    )
    desk.ok(*other, "verify", now=now)


def test_a_replied_row_without_its_reply_is_refused(desk, tmp_path):
    header = ["id", "status", "summary", "reporter", "opened_at", "lead_dept", "result"]
    bad = write_csv(
        tmp_path / "bad.csv",
        header,
        [
            [
                "HX-2026-000009",
                "待审核",
                "墙体开裂",
                "张三",
                "2026-11-02T09:00:00+08:00",
                "ZJJ",
                "resolved",
            ]
        ],
    )
    refused = desk("import", str(bad))
    assert refused.exit_code == 1
    assert "line 2, column resolution: a replied case" in refused.stderr
    assert rows(desk.db, "SELECT count(*) FROM cases")[0][0] == 0
