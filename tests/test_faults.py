"""Faults a clerk can cause by hand: outputs onto ledgers, refusals after writes, a
closed or full standard output, SQLite's words, and the modes of what bbcs creates."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from processes import BBCS, environment, ok, run

# Faults of the file and the disk under it: SQLite alone.
pytestmark = pytest.mark.sqlite_only

# ------------------------------------------------------------- no output replaces a ledger


@pytest.fixture
def live(desk, tmp_path):
    """A ledger in use: an admin, a case, a backup beside it."""
    desk.ok("user", "add", "admin1", "--role", "admin", user="admin1")
    desk.ok("user", "add", "clerk1", "--role", "clerk", user="admin1")
    desk.open("电梯坏了", "--reporter", "张三", "--dept", "ZJJ")
    desk.ok("backup", str(tmp_path / "copy.db"))
    return desk


@pytest.mark.parametrize(
    "args",
    [
        ("report", "weekly", "--json", "-o", "{db}"),
        ("report", "daily", "--format", "xlsx", "-o", "{db}"),
        ("report", "monthly", "--format", "html", "--output", "{db}-wal"),
        ("report", "weekly", "--json", "-o", "{db}-shm"),
        ("report", "weekly", "--format", "csv", "-o", "{copy}"),
        ("export", "{db}"),
        ("export", "{copy}"),
        ("export", "{db}-journal", "--events"),
        ("backup", "{db}-wal"),
        ("print", "1", "--form", "assign", "-o", "{db}"),
        ("print", "1", "--form", "assign", "-o", "{copy}"),
    ],
)
def test_no_output_path_replaces_a_ledger_or_its_backup(live, snapshot, world, tmp_path, args):
    copy = tmp_path / "copy.db"
    copy_bytes = copy.read_bytes()
    before = snapshot()
    shown = [a.format(db=world, copy=copy) for a in args]
    message = live.fails(*shown, user="admin1")
    assert "ledger" in message
    assert snapshot() == before
    assert copy.read_bytes() == copy_bytes
    assert live.ok("verify").startswith("Verified")


def test_report_by_an_unregistered_actor_cannot_replace_the_ledger(live, snapshot, world):
    before = snapshot()
    live.fails("report", "weekly", "--json", "-o", str(world), user="nobody")
    assert snapshot() == before


def test_demo_replaces_only_a_ledger_the_demo_made(live, snapshot, world, tmp_path):
    before = snapshot()
    message = live.fails("--db", str(world), "demo", "--replace", user="nobody")
    assert "demo" in message
    assert snapshot() == before
    notes = tmp_path / "notes.txt"
    notes.write_text("not a ledger", encoding="utf-8")
    live.fails("--db", str(notes), "demo", "--replace")
    assert notes.read_text(encoding="utf-8") == "not a ledger"
    demo = tmp_path / "demo.db"
    live.ok("--db", str(demo), "demo")
    live.ok("--db", str(demo), "demo", "--replace", user="nobody")


# ------------------------------------------------------------- every refusal before any write


def _missing(tmp_path: Path) -> str:
    return str(tmp_path / "no" / "such" / "folder" / "out.file")


REFUSED_WRITES = [
    ("open", "事项", "--reporter", "甲", "--dept", "ZJJ", "--at", "2026-02-30"),
    ("open", "事项", "--reporter", "甲", "--dept", "ZJJ", "--co", "NOPE"),
    ("assign", "1", "ZJJ", "--co", "NOPE"),
    ("transfer", "2", "GTJ", "--reason", "x", "--at", "tomorrow"),
    ("pushback", "2", "--reason", "x", "--to", "NOPE"),
    ("ruling", "2", "maybe"),
    ("note", "2", "文字", "--at", "2026-13-01"),
    ("close", "2", "--result", "fixed", "--resolution", "x"),
    ("review", "2", "great"),
    ("escalate", "2", "urgent", "--reason", "x", "--at", "not a time"),
    ("extend", "2", "0", "--reason", "x"),
    ("suspend", "2", "--reason", "x", "--at", "2026-02-30"),
    ("resume", "2"),
    ("amend", "2", "--complexity", "huge", "--reason", "x"),
    ("reopen", "2", "--reason", "x"),
    ("uphold", "2", "--reason", "x"),
    ("accept", "2", "--dept", "GTJ"),
    ("accept", "2"),
    ("urge", "1"),
    ("reply", "1", "--result", "resolved", "--resolution", "x"),
    ("reply", "2", "--result", "withdrawn", "--resolution", "x"),
    ("redo", "2", "--reason", "x"),
    ("close", "2"),
    ("extend", "2", "--approve"),
    ("extend", "2", "--deny"),
    ("urge", "2", "--how", "fax"),
    ("review", "2", "satisfied", "--solved", "maybe"),
    ("pushback", "2", "--from", "SCJ", "--reason", "past the window"),
    ("dept", "add", "NEW", "新单位", "--parent", "NOPE"),
    ("policy", "set", "limits.simple", "many"),
    ("calendar", "add", "2026-02-30", "台风", "--holiday"),
    ("user", "add", "li", "--role", "chief"),
    ("init", "--site", "bad site"),
    ("report", "nightly", "--out", "{out}", "--date", "2026-02-30"),
    ("report", "weekly", "--publish", "--output", "{missing}"),
    ("report", "monthly", "--publish", "--format", "xlsx", "--output", "{missing}"),
    ("export", "{missing}", "--unmask"),
    ("export", "{missing}", "--events"),
    ("import", "{missing}"),
    # at the clerk's desk (issue 13)
    ("void", "2", "--reason", "x", "--at", "2026-02-30"),
    ("void", "2", "--reason", " "),
    ("report", "weekly", "--republish", "--output", "{missing}"),
    ("report", "weekly", "--republish"),
    ("dept", "rename", "NOPE", "新名称"),
    ("dept", "rename", "ZJJ", "市场监管局"),
    ("dept", "retire", "NOPE"),
    ("user", "role", "nobody", "clerk"),
    ("user", "role", "nobody", "chief"),
    ("user", "retire", "nobody"),
]


@pytest.mark.parametrize("args", REFUSED_WRITES, ids=lambda a: " ".join(a[:3]))
def test_a_refused_write_leaves_every_table_as_it_was(desk, snapshot, tmp_path, args):
    desk.open("待交办", "--reporter", "甲")
    desk.open("在办", "--reporter", "乙", "--dept", "SCJ")
    desk.ok("sweep", now="2026-12-01T09:00:00+08:00")  # the nightly would have work to do
    before = snapshot()
    shown = [a.format(missing=_missing(tmp_path), out=tmp_path / "nightly") for a in args]
    desk.fails(*shown, now="2026-12-20T09:00:00+08:00")
    assert snapshot() == before


def test_a_publish_whose_file_cannot_be_written_is_not_published(desk, tmp_path):
    missing = _missing(tmp_path)
    desk.fails("report", "weekly", "--week", "2026-W44", "--publish", "--output", missing)
    desk.fails("report", "weekly", "--week", "2026-W44", "--published")
    target = tmp_path / "w44.json"
    desk.ok("report", "weekly", "--week", "2026-W44", "--publish", "--json", "-o", str(target))
    assert desk.ok("report", "weekly", "--week", "2026-W44", "--published", "--json") == (
        target.read_text(encoding="utf-8")
    )


# ------------------------------------------------------------- standard output closed or full


def _stdout_to(db: Path, stdout: int | None, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*BBCS, *args],
        env=environment(db),
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def _closed_stdout(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command with file descriptor 1 closed, as `bbcs … >&-` runs it."""
    return subprocess.run(
        [*BBCS, *args],
        env=environment(db),
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        timeout=120,
        close_fds=True,
        preexec_fn=lambda: os.close(1),
    )


@pytest.fixture
def small(tmp_path):
    db = tmp_path / "small.db"
    ok(db, "init", "--site", "HX")
    ok(db, "dept", "add", "ZJJ", "住建局")
    ok(db, "open", "电梯坏了", "--reporter", "张三", "--dept", "ZJJ")
    return db


needs_dev_full = pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX file descriptors")


@posix_only
@pytest.mark.parametrize(
    "args", [("search", "电梯"), ("calendar", "show", "2026-10"), ("report", "weekly"), ("list",)]
)
def test_a_read_with_stdout_closed_says_so(small, args):
    done = _closed_stdout(small, *args)
    assert done.returncode == 1
    assert done.stderr.strip() == "could not print the output: standard output is closed"


@needs_dev_full
@pytest.mark.parametrize("args", [("policy", "show", "--json"), ("report", "weekly", "--json")])
def test_a_full_disk_while_printing_is_one_sentence(small, args):
    with open("/dev/full", "w") as full:
        done = _stdout_to(small, full.fileno(), *args)
    assert done.returncode == 1
    assert done.stderr.strip() == "could not print the output: No space left on device"


@needs_dev_full
def test_a_write_whose_confirmation_cannot_be_printed_says_it_was_done(small):
    with open("/dev/full", "w") as full:
        done = _stdout_to(small, full.fileno(), "open", "路灯不亮", "--reporter", "李四")
    assert done.returncode == 3
    assert "the change was made and saved" in done.stderr
    assert "路灯不亮" in ok(small, "search", "路灯")


@posix_only
def test_a_write_with_stdout_closed_says_it_was_done(small):
    done = _closed_stdout(small, "note", "1", "已电话联系")
    assert done.returncode == 3
    assert done.stderr.strip().startswith("the change was made and saved")
    assert "已电话联系" in ok(small, "show", "1")


@posix_only
def test_a_pipe_closed_by_its_reader_ends_quietly(small):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before bbcs writes a byte
    try:
        done = subprocess.run(
            [*BBCS, "list", "--json"],
            env=environment(small),
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert done.stderr == ""
    assert done.returncode == 141


# ------------------------------------------------------------- the ledger's words, not SQLite's


def test_a_huge_limit_is_refused_where_it_is_parsed(desk):
    desk.open("事项", "--reporter", "甲")
    message = desk.fails("list", "--limit", "99999999999999999999")
    assert "--limit" in message and "datatype" not in message
    assert "--limit" in desk.fails("search", "事项", "--limit", "0")


@pytest.mark.parametrize("command", [("list",), ("open", "事项", "--reporter", "甲")])
def test_a_file_that_is_not_a_ledger_is_named_as_such(bbcs, tmp_path, command):
    other = tmp_path / "some.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    message = bbcs.fails("--db", str(other), *command)
    assert message == f"{other} is not a bbcs ledger"
    assert other.read_text(encoding="utf-8") == "a,b\n1,2\n"


def test_no_sqlite_wording_for_a_damaged_ledger(desk, world):
    desk.open("事项", "--reporter", "甲")
    db = sqlite3.connect(world)
    db.execute("PRAGMA writable_schema = ON")
    db.execute("UPDATE sqlite_master SET sql = 'CREATE TABLE cases (x)' WHERE name = 'cases'")
    db.commit()
    db.close()
    message = desk.fails("list").replace(str(world), "LEDGER")
    assert "sqlite" not in message.lower() and "malformed" not in message


# ------------------------------------------------------------- what bbcs creates is private


@posix_only
def test_folders_and_the_nightly_lock_are_owner_and_group_only_under_any_umask(tmp_path):
    db = tmp_path / "a" / "b" / "ledger.db"
    out = tmp_path / "reports" / "daily"
    for args in (("init",), ("report", "nightly", "--out", str(out))):
        done = subprocess.run(
            [*BBCS, *args],
            env=environment(db),
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=lambda: os.umask(0),
        )
        assert done.returncode == 0, done.stderr
    for folder in (tmp_path / "a", db.parent, out.parent, out):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o770, folder
    for path in (db, out / ".bbcs-nightly.lock", *out.glob("*.json")):
        assert stat.S_IMODE(path.stat().st_mode) == 0o660, path
    assert run(db, "verify").returncode == 0
