"""``bbcs verify`` against a ledger tampered with behind bbcs's back, with plain sqlite3.

A tamperer first drops the append-only triggers, as anyone who can write the file
can; each test then checks that verify exits 1 and names the first bad event or case.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest

from bbcs.store import ZERO_LINK, content_hash, next_link
from conftest import Run, rows

# They change the ledger file behind bbcs's back with sqlite3: about the file, SQLite alone
# (on a server no login may change an event at all: test_postgres_ledger).
pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def book(desk: Run) -> Run:
    """Three cases: one assigned and noted, one closed, one pending."""
    desk.open("墙体开裂无人处理", "--reporter", "张三", "--phone", "13812345678", "--dept", "ZJJ")
    desk.ok("note", "1", "已电话催办")
    desk.open("土地证办不下来", "--reporter", "李四", "--dept", "GTJ")
    desk.ok("close", "2", "--result", "resolved", "--resolution", "已办结")
    desk.open("营业执照变更", "--reporter", "王五")
    return desk


def tamper(db: Path, *statements: str, params: tuple[Any, ...] = ()) -> None:
    con = sqlite3.connect(db)
    try:
        con.execute("DROP TRIGGER IF EXISTS events_no_update")
        con.execute("DROP TRIGGER IF EXISTS events_no_delete")
        for sql in statements:
            con.execute(sql, params if "?" in sql else ())
        con.commit()
    finally:
        con.close()


def recompute_chain(db: Path) -> None:
    """What a careful tamperer does after an edit: every hash and link made consistent again."""
    con = sqlite3.connect(db)
    try:
        link = ZERO_LINK
        for row in con.execute(
            "SELECT id, case_id, seq, kind, at, actor, os_user, data FROM events ORDER BY id"
        ).fetchall():
            event_id, case_id, seq, kind, at, actor, os_user, data = row
            event_hash = content_hash(case_id, seq, kind, at, actor, os_user, json.loads(data))
            link = next_link(link, event_hash)
            con.execute(
                "UPDATE events SET hash = ?, link = ? WHERE id = ?", (event_hash, link, event_id)
            )
        con.commit()
    finally:
        con.close()


def restore_guards(db: Path) -> None:
    """A careful tamperer puts the append-only triggers back afterwards."""
    con = sqlite3.connect(db)
    try:
        for name, action in (("events_no_update", "UPDATE"), ("events_no_delete", "DELETE")):
            con.execute(
                f"CREATE TRIGGER {name} BEFORE {action} ON events "
                "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
            )
        con.commit()
    finally:
        con.close()


def findings(bbcs: Run, *args: str) -> str:
    result = bbcs("verify", *args)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    return str(result.stderr)


def event_id(db: Path, case: str, kind: str) -> int:
    return int(rows(db, "SELECT id FROM events WHERE case_id = ? AND kind = ?", case, kind)[0][0])


def test_a_sound_ledger_verifies_and_prints_its_head(book: Run) -> None:
    out = book.ok("verify")
    count = rows(book.db, "SELECT count(*) FROM events")[0][0]
    last = rows(book.db, "SELECT link FROM events ORDER BY id DESC LIMIT 1")[0][0]
    assert f"Verified {count} event(s) and 3 case(s)" in out
    assert f"head {count}:{last}" in out


def test_verify_writes_nothing(book: Run, snapshot: Any) -> None:
    before = snapshot()
    book.ok("verify")
    assert snapshot() == before


def test_an_edited_event_is_named(book: Run) -> None:
    note = event_id(book.db, "HX-2026-000001", "note")
    tamper(
        book.db,
        "UPDATE events SET data = json_set(data, '$.text', '从未催办') WHERE id = ?",
        params=(note,),
    )
    err = findings(book)
    assert f"event {note} (case HX-2026-000001 #3) was changed after it was written" in err


def test_an_edited_event_with_its_hash_recomputed_breaks_the_chain_there(book: Run) -> None:
    opened = event_id(book.db, "HX-2026-000002", "open")
    data = json.loads(rows(book.db, "SELECT data FROM events WHERE id = ?", opened)[0][0])
    data["reporter"] = "赵六"
    row = rows(book.db, "SELECT * FROM events WHERE id = ?", opened)[0]
    forged = content_hash(
        row["case_id"], row["seq"], row["kind"], row["at"], row["actor"], row["os_user"], data
    )
    tamper(
        book.db,
        "UPDATE events SET data = ?, hash = ? WHERE id = ?",
        params=(json.dumps(data, ensure_ascii=False), forged, opened),
    )
    err = findings(book)
    assert f"the chain breaks at event {opened} (case HX-2026-000002 #1)" in err
    assert "case HX-2026-000002 does not match its events: its reporter" in err


def test_a_deleted_event_is_named(book: Run) -> None:
    note = event_id(book.db, "HX-2026-000001", "note")
    tamper(book.db, "DELETE FROM events WHERE id = ?", params=(note,))
    err = findings(book)
    assert f"the chain breaks at event {note + 1}" in err


def test_a_deleted_event_inside_a_case_is_a_gap_in_its_numbers(book: Run) -> None:
    assign = event_id(book.db, "HX-2026-000001", "assign")
    tamper(book.db, "DELETE FROM events WHERE id = ?", params=(assign,))
    recompute_chain(book.db)
    err = findings(book)
    assert "case HX-2026-000001 lacks its event #2: an event was deleted" in err


def test_an_inserted_event_is_named(book: Run) -> None:
    tamper(
        book.db,
        "INSERT INTO events (case_id, seq, kind, at, actor, os_user, data, hash, link) "
        "VALUES ('HX-2026-000003', 2, 'note', '2026-11-02T09:00:00+08:00', 'clerk1', 'x', "
        '\'{"text":"插入"}\', ?, ?)',
        params=("a" * 64, "b" * 64),
    )
    inserted = int(rows(book.db, "SELECT max(id) FROM events")[0][0])
    err = findings(book)
    assert f"event {inserted} (case HX-2026-000003 #2) was changed" in err
    assert f"the chain breaks at event {inserted} (case HX-2026-000003 #2)" in err


def test_an_inserted_event_with_a_good_link_still_disagrees_with_its_case(book: Run) -> None:
    tamper(
        book.db,
        "INSERT INTO events (case_id, seq, kind, at, actor, os_user, data, hash, link) "
        "VALUES ('HX-2026-000003', 2, 'close', '2026-11-02T09:00:00+08:00', 'clerk1', 'x', "
        '\'{"result":"resolved","resolution":"伪造"}\', \'\', \'\')',
    )
    recompute_chain(book.db)
    err = findings(book)
    assert 'case HX-2026-000003 does not match its events: its status is "pending"' in err


def test_a_deleted_case_row_is_named(book: Run) -> None:
    tamper(book.db, "DELETE FROM cases WHERE id = 'HX-2026-000002'")
    err = findings(book)
    assert "case HX-2026-000002 has events but no case row" in err


def test_an_edited_case_row_is_named_with_its_field(book: Run) -> None:
    tamper(book.db, "UPDATE cases SET status = 'closed' WHERE id = 'HX-2026-000001'")
    err = findings(book)
    assert (
        'case HX-2026-000001 does not match its events: its status is "closed" '
        'where its events give "in_progress"'
    ) in err


def test_edited_holds_are_named(book: Run) -> None:
    tamper(book.db, "UPDATE holds SET dept = 'SCJ' WHERE case_id = 'HX-2026-000001'")
    err = findings(book)
    assert "case HX-2026-000001 does not match its events: the departments that held it" in err


def test_a_case_deleted_whole_and_the_chain_recomputed_leaves_a_gap(book: Run) -> None:
    tamper(
        book.db,
        "DELETE FROM events WHERE case_id = 'HX-2026-000002'",
        "DELETE FROM cases WHERE id = 'HX-2026-000002'",
        "DELETE FROM holds WHERE case_id = 'HX-2026-000002'",
    )
    recompute_chain(book.db)
    err = findings(book)
    assert "case HX-2026-000002 is missing: the site's numbering skips it" in err


def test_a_made_up_case_row_without_events_is_named(book: Run) -> None:
    tamper(
        book.db,
        "INSERT INTO cases SELECT NULL, 'HX-2026-000009', status, summary, detail, reporter, "
        "phone, company, category, channel, complexity, opened_at, opened_on, lead_dept, "
        "co_depts, escalation, due_date, due_provisional, dept_due_date, extensions, pushbacks, "
        "reopened, closed_at, closed_on, result, resolution, rating, round_start, review, "
        "unruled, lead_pushbacks, last_at, extension_request, merged_into, cause, site, "
        "site_due FROM cases WHERE id = 'HX-2026-000003'",
    )
    err = findings(book)
    assert "case HX-2026-000009 has a case row but no events" in err


def test_a_chain_recomputed_end_to_end_is_caught_against_an_old_head(book: Run) -> None:
    old_head = book.ok("verify").split("head ")[1].strip()
    book.ok("note", "3", "后来的正常记录")  # the ledger goes on after the head was published
    assert book("verify", "--head", old_head).exit_code == 0
    opened = event_id(book.db, "HX-2026-000001", "open")
    tamper(
        book.db,
        "UPDATE events SET data = json_set(data, '$.reporter', '赵六') WHERE id = ?",
        "UPDATE case_text SET body = replace(body, (SELECT reporter FROM cases WHERE id = "
        "'HX-2026-000001'), '赵六') WHERE rowid = (SELECT n FROM cases WHERE id = 'HX-2026-000001')",
        "UPDATE cases SET reporter = '赵六' WHERE id = 'HX-2026-000001'",
        params=(opened,),
    )
    recompute_chain(book.db)
    restore_guards(book.db)
    # without the published head the rewrite cannot be seen: that is why reports print it
    assert book("verify").exit_code == 0
    err = findings(book, "--head", old_head)
    count = old_head.split(":")[0]
    assert f"the chain no longer passes through head {old_head}" in err
    assert f"its first {count} events" in err


def test_events_deleted_at_the_end_are_caught_against_an_old_head(book: Run) -> None:
    old_head = book.ok("verify").split("head ")[1].strip()
    last = int(rows(book.db, "SELECT max(id) FROM events")[0][0])
    tamper(book.db, "DELETE FROM events WHERE id = ?", params=(last,))
    err = findings(book, "--head", old_head)
    assert f"fewer than the {last} of head {old_head}: events were deleted" in err


def test_dropped_guards_alone_are_a_finding(book: Run) -> None:
    tamper(book.db)
    err = findings(book)
    assert "has lost its append-only guard events_no_update" in err
    assert "(and 1 more like it)" in err


def test_one_sentence_per_kind_of_finding_with_a_count_of_the_rest(book: Run) -> None:
    tamper(book.db, "UPDATE cases SET summary = '改'")
    restore_guards(book.db)
    err = findings(book).strip().splitlines()
    assert err == [
        'case HX-2026-000001 does not match its events: its summary is "改" where its events '
        'give "墙体开裂无人处理" (and 2 more like it)'
    ]


def test_findings_are_in_chinese_when_the_interface_is(
    book: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    tamper(book.db, "DELETE FROM cases WHERE id = 'HX-2026-000002'")
    monkeypatch.setenv("BBCS_LANG", "zh")
    assert "事项 HX-2026-000002 有办理记录却没有事项行" in findings(book)


def test_a_malformed_head_is_one_sentence(book: Run) -> None:
    assert "--head takes COUNT:HASH" in book.fails("verify", "--head", "12:abc")
    assert "--records-head takes COUNT:HASH" in book.fails("verify", "--records-head", "x")


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_the_ledger_is_created_for_owner_and_group_and_verify_warns_when_others_can_read(
    book: Run,
) -> None:
    assert stat.S_IMODE(book.db.stat().st_mode) == 0o660
    book.db.chmod(0o664)
    result = book("verify")
    assert result.exit_code == 0
    assert "every user of this computer can read it" in result.stderr
    assert f"chmod o-rwx {book.db}" in result.stderr


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_ledger_and_backup_are_for_owner_and_group_whatever_the_umask(
    bbcs: Run, tmp_path: Path, umask: int
) -> None:
    old = os.umask(umask)
    try:
        bbcs.ok("init")
        bbcs.ok("backup", str(tmp_path / "copy.db"))
    finally:
        os.umask(old)
    assert stat.S_IMODE(bbcs.db.stat().st_mode) == 0o660
    assert stat.S_IMODE((tmp_path / "copy.db").stat().st_mode) == 0o660


def test_verify_refuses_a_file_that_is_not_a_ledger(bbcs: Run, tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    assert str(junk) in bbcs.fails("--db", str(junk), "verify")


def test_a_damaged_page_fails_sqlite_integrity_check(book: Run, tmp_path: Path) -> None:
    """Bytes overwritten inside the file (a bad disk): verify reports it, never a traceback."""
    con = sqlite3.connect(book.db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'cases_opened'").fetchone()
    con.close()
    with book.db.open("r+b") as handle:
        handle.seek((root[0] - 1) * page + 8)
        handle.write(b"\xff" * 64)
    err = findings(book).strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("SQLite's integrity check fails: ")


def test_verify_and_backup_refuse_a_missing_ledger(bbcs: Run) -> None:
    bbcs.fails("verify")
    bbcs.fails("backup", "copy.db")
    assert not bbcs.db.exists()


def test_verify_reports_progress_through_both_passes(book: Run) -> None:
    from bbcs.integrity import verify
    from bbcs.projection import project
    from bbcs.store import Store

    store = Store.open(book.db)
    try:
        with store.write():
            for n in range(3000):
                case_id = f"XX-2026-{n + 1:06d}"
                event = store.append_event(
                    case_id, 1, "note", "2026-11-02T09:00:00+08:00", "c", "c", {"text": str(n)}
                )
                store.save_case(project(case_id, [event]))
        heard: list[tuple[int, int]] = []
        result = verify(store, progress=lambda done, total: heard.append((done, total)))
    finally:
        store.close()
    total = 2 * result.events
    assert result.events > 3000
    assert [done for done, _ in heard] == sorted(done for done, _ in heard)
    assert heard[-1] == (total, total)
    assert {t for _, t in heard} == {total}


# ------------------------------------------------------- projections: row number, search index


def test_a_renumbered_case_row_is_named_and_its_text_found_missing(book: Run) -> None:
    assert "HX-2026-000001" in book.ok("search", "墙体开裂")
    tamper(book.db, "UPDATE cases SET n = 100 WHERE id = 'HX-2026-000001'")
    err = findings(book)
    assert "case HX-2026-000001 is row 100 of the cases table, where the rows run 1 to 3" in err
    assert "the search index holds no text for case HX-2026-000001 (row 100)" in err
    assert "the search index holds text under row 1, which is no case's" in err


def test_swapped_case_numbers_are_caught_by_the_text_they_point_to(book: Run) -> None:
    tamper(
        book.db,
        "UPDATE cases SET n = 99 WHERE n = 1",
        "UPDATE cases SET n = 1 WHERE n = 2",
        "UPDATE cases SET n = 2 WHERE n = 99",
    )
    err = findings(book)
    assert "the search index's text for case HX-2026-000001 (row 2) differs" in err


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("opened_on", "'2020-01-01'"),
        ("round_start", "'2020-01-01'"),
        ("unruled", "7"),
        ("lead_pushbacks", "7"),
        ("last_at", "NULL"),
        ("co_depts", "'[\"SCJ\"]'"),
    ],
)
def test_every_stored_column_of_a_case_row_is_compared(book: Run, column: str, value: str) -> None:
    tamper(book.db, f"UPDATE cases SET {column} = {value} WHERE id = 'HX-2026-000001'")
    err = findings(book)
    assert f"case HX-2026-000001 does not match its events: its {column} is" in err


def test_renumbered_holds_are_named(book: Run) -> None:
    tamper(book.db, "UPDATE holds SET n = n + 5 WHERE case_id = 'HX-2026-000001'")
    err = findings(book)
    assert "case HX-2026-000001 does not match its events: the departments that held it" in err


def test_a_deleted_search_entry_is_named(book: Run) -> None:
    tamper(book.db, "DELETE FROM case_text WHERE rowid = 2")
    err = findings(book)
    assert "the search index holds no text for case HX-2026-000002 (row 2)" in err


def test_an_edited_search_entry_is_named(book: Run) -> None:
    tamper(book.db, "UPDATE case_text SET body = '无关内容' WHERE rowid = 3")
    err = findings(book)
    assert "the search index's text for case HX-2026-000003 (row 3) differs" in err


# ----------------------------------------- record tables: who did what, what was issued


@pytest.fixture
def records(book: Run, tmp_path: Path) -> Run:
    """The book, with a policy set, a holiday, an unmasked export, a published report and users."""
    book.ok("policy", "set", "limits.simple", "5")
    book.ok("calendar", "add", "2026-12-01", "台风停工", "--holiday")
    book.ok("export", str(tmp_path / "cases.csv"), "--unmask")
    book.ok("report", "monthly", "--publish")
    book.ok("user", "add", "root", "--role", "admin")
    book.ok("user", "add", "clerk1", "--role", "clerk", user="root")
    return book


def tamper_records(db: Path, *statements: str) -> None:
    """An edit of a record table, its append-only triggers dropped first."""
    from bbcs.store import GUARDS

    con = sqlite3.connect(db)
    try:
        for _table, name in GUARDS:
            con.execute(f"DROP TRIGGER IF EXISTS {name}")
        for sql in statements:
            con.execute(sql)
        con.commit()
    finally:
        con.close()


def test_a_sound_ledger_prints_its_record_head_before_the_event_head(records: Run) -> None:
    out = records.ok("verify")
    count = rows(records.db, "SELECT count(*) FROM records")[0][0]
    last = rows(records.db, "SELECT link FROM records ORDER BY id DESC LIMIT 1")[0][0]
    assert f"record chain {count}:{last}\n" in out
    assert out.index("record chain") < out.index("; head ")
    tables = {r[0] for r in rows(records.db, "SELECT DISTINCT tbl FROM records")}
    assert tables == {
        "meta",
        "departments",
        "users",
        "calendar_days",
        "policy",
        "audit",
        "published",
    }


@pytest.mark.parametrize(
    ("statements", "named"),
    [
        (
            ["DELETE FROM audit WHERE action = 'export.unmask'"],
            "audit entry 1, which bbcs wrote, was deleted",
        ),
        (
            ["UPDATE published SET body = replace(body, '0', '9')"],
            "published report 1 was changed behind bbcs's back: its body is",
        ),
        (
            ["UPDATE departments SET name = '假住建局' WHERE code = 'ZJJ'"],
            'department ZJJ was changed behind bbcs\'s back: its name is "假住建局" '
            'where bbcs wrote "住建局"',
        ),
        (
            ["UPDATE users SET role = 'admin' WHERE name = 'clerk1'"],
            'user clerk1 was changed behind bbcs\'s back: its role is "admin" '
            'where bbcs wrote "clerk"',
        ),
        (
            [
                "INSERT INTO calendar_days VALUES "
                "('2026-11-03', 'holiday', '假期', '2026-11-02T09:00:00+08:00', 'root')"
            ],
            "calendar day 2026-11-03 was written behind bbcs's back",
        ),
        (
            ["DELETE FROM calendar_days WHERE day = '2026-12-01'"],
            "calendar day 2026-12-01, which bbcs wrote, was deleted",
        ),
        (
            ["INSERT INTO calendar_years VALUES (2027, 'import')"],
            "calendar year 2027 was written behind bbcs's back",
        ),
        (
            ["UPDATE policy SET value = '30' WHERE key = 'limits.simple'"],
            'policy entry 1 was changed behind bbcs\'s back: its value is "30" where bbcs wrote "5"',
        ),
        (
            ["UPDATE meta SET value = 'ZZ' WHERE key = 'site'"],
            "the setting site was changed behind bbcs's back",
        ),
    ],
)
def test_an_edited_record_table_is_named(records: Run, statements: list[str], named: str) -> None:
    tamper_records(records.db, *statements)
    assert named in findings(records)


def test_an_edited_record_breaks_the_record_chain(records: Run) -> None:
    tamper_records(
        records.db,
        'UPDATE records SET row = replace(row, \'"role":"clerk"\', \'"role":"admin"\') '
        "WHERE tbl = 'users' AND key = 'clerk1'",
    )
    err = findings(records)
    assert "(user clerk1) was changed after it was written" in err


def test_a_record_chain_rewritten_end_to_end_is_caught_against_an_old_record_head(
    records: Run,
) -> None:
    from bbcs.store import record_hash

    out = records.ok("verify")
    old = out.split("record chain ")[1].split()[0]
    tamper_records(records.db, "UPDATE users SET role = 'admin' WHERE name = 'clerk1'")
    con = sqlite3.connect(records.db)
    link = ZERO_LINK
    for record_id, table, row in con.execute("SELECT id, tbl, row FROM records ORDER BY id"):
        data = json.loads(row)
        if table == "users" and data["name"] == "clerk1":
            data["role"] = "admin"
        digest = record_hash(table, data)
        link = next_link(link, digest)
        con.execute(
            "UPDATE records SET row = ?, hash = ?, link = ? WHERE id = ?",
            (json.dumps(data, ensure_ascii=False), digest, link, record_id),
        )
    con.commit()
    con.close()
    assert "has lost its append-only guard" in findings(records)
    err = findings(records, "--records-head", old)
    assert f"the record chain no longer passes through head {old}" in err


def test_a_dropped_record_guard_is_named_with_its_table(records: Run) -> None:
    con = sqlite3.connect(records.db)
    try:
        con.execute("DROP TRIGGER audit_no_delete")
        con.commit()
    finally:
        con.close()
    err = findings(records).strip().splitlines()
    assert err == [
        "the audit table has lost its append-only guard audit_no_delete: "
        "the ledger was changed behind bbcs's back"
    ]


def test_record_tables_refuse_changes_while_their_guards_stand(records: Run) -> None:
    con = sqlite3.connect(records.db)
    try:
        for sql in (
            "UPDATE audit SET actor = 'x'",
            "DELETE FROM published",
            "DELETE FROM users",
            "DELETE FROM calendar_days",
            "DELETE FROM records",
        ):
            with pytest.raises(sqlite3.DatabaseError):
                con.execute(sql)
    finally:
        con.close()
    records.ok("verify")


def test_a_role_changed_behind_bbcss_back_is_named(records: Run) -> None:
    # users and departments are set again by ``user role`` and ``dept rename`` (SPEC §13),
    # so only the record chain stands between them and an edit
    con = sqlite3.connect(records.db)
    try:
        con.execute("UPDATE users SET role = 'admin' WHERE role != 'admin'")
        con.commit()
    finally:
        con.close()
    assert 'was changed behind bbcs\'s back: its role is "admin"' in findings(records)


# ------------------------------------------------------------------------------ bbcs audit


def test_audit_shows_the_unmasked_export_to_a_supervisor(book: Run, tmp_path: Path) -> None:
    out_file = tmp_path / "cases.csv"
    book.ok("export", str(out_file), "--unmask")
    table = book.ok("audit")
    assert "export.unmask" in table and "clerk1" in table
    book.ok("user", "add", "root", "--role", "admin")
    book.ok("user", "add", "chen", "--role", "supervisor", user="root")
    entries = book.json("audit", user="chen")
    assert [e["action"] for e in entries] == ["export.unmask", "user add", "user add"]
    assert entries[0]["actor"] == "clerk1"
    assert entries[0]["detail"]["file"] == str(out_file)
    assert entries[2]["detail"] == {"name": "chen", "role": "supervisor", "dept": None}


def test_audit_is_refused_to_a_clerk(book: Run) -> None:
    book.ok("user", "add", "root", "--role", "admin")
    book.ok("user", "add", "clerk1", "--role", "clerk", user="root")
    assert "clerk1 (clerk) may not run bbcs audit" in book.fails("audit", user="clerk1")
    assert book.json("audit", user="root")[-1]["detail"]["name"] == "clerk1"
