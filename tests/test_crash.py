"""Crash safety: a process SIGKILLed in the middle of a write leaves the ledger as before
or fully done, never half written, and ``bbcs verify`` passes (SPEC §8).

The harness is ``processes.crash_test``; ``bbcs import`` and ``bbcs sweep`` kill
tests call it with their own command line.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from processes import BBCS, TIMEOUT, KillPoint, crash_test, environment, ledger_state, ok, run

# One transaction that opens many cases through the store, printing a line every
# 100 cases so the harness can kill it at a known point inside the transaction.
LONG_TRANSACTION = """
import os, sys
from pathlib import Path
from bbcs.projection import project
from bbcs.store import Store

store = Store.open(Path(os.environ["BBCS_DB"]))
count = int(sys.argv[1])
with store.write():
    for i in range(count):
        case_id = f"HX-2026-{store.next_case_number('HX', 2026):06d}"
        data = {
            "summary": f"批量登记 {i}", "detail": None, "reporter": "张三", "phone": None,
            "company": None, "category": None, "channel": "window", "complexity": "normal",
            "limit": 20, "due_date": "2026-12-01", "provisional": False,
        }
        event = store.append_event(
            case_id, 1, "open", "2026-11-02T09:00:00+08:00", "clerk1", "clerk1", data
        )
        store.save_case(project(case_id, [event]))
        if i % 100 == 99:
            print(i + 1, flush=True)
print("committing", flush=True)
"""


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """A ledger with a little history: site HX, two departments, two cases."""
    db = tmp_path / "base.db"
    ok(db, "init", "--site", "HX")
    ok(db, "dept", "add", "ZJJ", "住建局")
    ok(db, "dept", "add", "GTJ", "自然资源局")
    ok(db, "open", "路灯不亮", "--reporter", "张三", "--dept", "ZJJ")
    ok(db, "open", "噪音扰民", "--reporter", "李四")
    return db


def test_a_long_transaction_killed_inside_leaves_the_ledger_as_before(
    base: Path, tmp_path: Path
) -> None:
    command = [sys.executable, "-c", LONG_TRANSACTION, "2000"]
    points = [KillPoint(lines=1), KillPoint(lines=7), KillPoint(lines=15), KillPoint(lines=20)]
    outcomes = crash_test(command, base, tmp_path, points)
    # the first three kills land inside the transaction, so nothing of it may remain
    assert [o.killed for o in outcomes[:3]] == [True, True, True]
    assert [o.state for o in outcomes[:3]] == ["before", "before", "before"]


def test_bbcs_open_killed_at_many_moments_is_all_or_nothing(base: Path, tmp_path: Path) -> None:
    command = [
        *BBCS,
        "open",
        "屋顶漏水",
        "--reporter",
        "王五",
        "--phone",
        "13812345678",
        "--dept",
        "ZJJ",
        "--co",
        "GTJ",
    ]
    # from before the ledger is opened, through the write, to after the commit
    points = [KillPoint(seconds=0.1 + step / 40) for step in range(16)]
    outcomes = crash_test(command, base, tmp_path, points)
    assert {o.state for o in outcomes} <= {"before", "done"}
    assert any(o.killed for o in outcomes)


def test_many_clerks_killed_at_random_moments_leave_whole_cases_only(
    base: Path, tmp_path: Path
) -> None:
    """Twenty ``bbcs open`` at once, each killed at a random moment: every case that
    exists is whole (open and assign events, case row, holds), the numbers run
    without a gap, and the ledger verifies."""
    chance = random.Random(20261102)
    procs = [
        subprocess.Popen(
            [*BBCS, "open", f"事项 {n}", "--reporter", "赵六", "--dept", "GTJ", "--quiet"],
            env=environment(base),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for n in range(20)
    ]
    for proc in procs:
        try:
            proc.wait(timeout=chance.uniform(0.0, 0.4))
        except subprocess.TimeoutExpired:
            proc.kill()
        proc.wait(timeout=TIMEOUT)
    assert run(base, "verify").returncode == 0
    cases = [row for row in ledger_state(base) if row[0] == "cases"]
    ids = sorted(row[2] for row in cases)
    assert ids == [f"HX-2026-{n:06d}" for n in range(1, len(ids) + 1)]
    events = [row for row in ledger_state(base) if row[0] == "events"]
    for case_id in ids[2:]:
        kinds = [row[4] for row in events if row[2] == case_id]
        assert kinds == ["open", "assign"], (case_id, kinds)
    counters = [row for row in ledger_state(base) if row[0] == "counters"]
    assert counters == [("counters", "HX", 2026, len(ids))]
