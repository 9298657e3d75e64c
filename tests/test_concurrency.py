"""Many clerks at once on one ledger file: real processes, nothing lost, never "database is
locked" (SPEC §8); and ``bbcs backup`` taken while they write."""

from __future__ import annotations

import os
import stat
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from processes import BBCS, TIMEOUT, environment, ok, run

WORKERS = 8
EACH = 25


def open_cases(db: Path, worker: int, count: int) -> list[subprocess.CompletedProcess[str]]:
    """One clerk opening ``count`` cases, one ``bbcs open`` process after another."""
    return [
        subprocess.run(
            [
                *BBCS,
                "open",
                f"第{worker}号窗口 第{n}件",
                "--reporter",
                f"clerk{worker}",
                "--dept",
                "ZJJ",
                "--quiet",
            ],
            env=environment(db, user=f"clerk{worker}"),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=TIMEOUT,
        )
        for n in range(count)
    ]


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    db = tmp_path / "ledger.db"
    ok(db, "init", "--site", "HX")
    ok(db, "dept", "add", "ZJJ", "住建局")
    return db


def test_eight_clerks_opening_25_cases_each_at_once_lose_nothing(ledger: Path) -> None:
    with ThreadPoolExecutor(WORKERS) as pool:
        runs = [
            r
            for batch in pool.map(lambda w: open_cases(ledger, w, EACH), range(WORKERS))
            for r in batch
        ]
    assert len(runs) == WORKERS * EACH
    for done in runs:
        assert "database is locked" not in done.stderr
        assert done.returncode == 0, done.stderr
    printed = [done.stdout.strip() for done in runs]
    expected = [f"HX-2026-{n:06d}" for n in range(1, WORKERS * EACH + 1)]
    assert sorted(printed) == expected  # each process got its own id, gap-free
    listed = [case["id"] for case in __import__("json").loads(ok(ledger, "list", "--json"))]
    assert sorted(listed) == expected
    assert all(case_lead == "ZJJ" for case_lead in _leads(ledger))
    verified = run(ledger, "verify")
    assert verified.returncode == 0, verified.stderr
    assert f"Verified {2 * WORKERS * EACH} event(s) and {WORKERS * EACH} case(s)" in verified.stdout


def _leads(db: Path) -> list[str]:
    import sqlite3

    con = sqlite3.connect(db)
    try:
        return [row[0] for row in con.execute("SELECT lead_dept FROM cases")]
    finally:
        con.close()


def test_a_ledger_created_by_many_processes_at_once_is_created_once(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    with ThreadPoolExecutor(6) as pool:
        runs = list(
            pool.map(
                lambda n: subprocess.run(
                    [*BBCS, "open", f"第{n}件", "--reporter", "张三", "--quiet"],
                    env=environment(db),
                    capture_output=True,
                    text=True,
                    encoding="utf-8",
                    timeout=TIMEOUT,
                ),
                range(6),
            )
        )
    for done in runs:
        assert done.returncode == 0, done.stderr
    assert sorted(done.stdout.strip() for done in runs) == [f"BB-2026-{n:06d}" for n in range(1, 7)]
    assert run(db, "verify").returncode == 0


def test_backups_taken_while_clerks_write_are_whole_and_private(
    ledger: Path, tmp_path: Path
) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    with ThreadPoolExecutor(4) as pool:
        writers = [pool.submit(open_cases, ledger, w, 12) for w in range(3)]
        taken = []
        for n in range(4):
            dest = backups / f"copy-{n}.db"
            done = run(ledger, "backup", str(dest))
            assert done.returncode == 0, done.stderr
            taken.append(dest)
            # verify reads one snapshot, so the clerks' writes never look like damage
            live = run(ledger, "verify")
            assert live.returncode == 0, live.stderr
        results = [r for w in writers for r in w.result()]
    for done in results:
        assert done.returncode == 0, done.stderr
        assert "database is locked" not in done.stderr
    for dest in taken:
        verified = run(dest, "verify")
        assert verified.returncode == 0, verified.stderr
        if os.name != "nt":
            assert stat.S_IMODE(dest.stat().st_mode) == 0o660
    final = run(ledger, "verify")
    assert final.returncode == 0
    assert "36 case(s)" in final.stdout


def test_backup_into_a_folder_makes_a_dated_copy_and_never_overwrites(
    ledger: Path, tmp_path: Path
) -> None:
    ok(ledger, "open", "路灯不亮", "--reporter", "张三")
    folder = tmp_path / "nightly"
    folder.mkdir()
    out = ok(ledger, "backup", str(folder))
    made = list(folder.iterdir())
    assert [p.name for p in made] == ["ledger-20261102-090000.db"]
    assert str(made[0]) in out
    again = run(ledger, "backup", str(folder))
    assert again.returncode == 1
    assert "already exists" in again.stderr
    assert ok(made[0], "list", "--json").count("HX-2026-000001") == 1


def test_clerks_running_many_commands_in_one_process_each_lose_nothing(ledger: Path) -> None:
    """Commands run one after another in one process (a script, a service) let go of the
    ledger when each ends: a connection left behind lost its locks when the next command
    read the file's header, and 16 such clerks at once damaged the ledger."""
    import sys

    script = Path(__file__).with_name("desk_writer.py")

    def clerk(n: int) -> subprocess.CompletedProcess[str]:
        env = environment(ledger, user=f"clerk{n}", PGUSER=f"clerk{n}")
        return subprocess.run(
            [sys.executable, str(script), "20"], env=env, capture_output=True, text=True,
            encoding="utf-8", timeout=TIMEOUT,
        )  # fmt: skip

    with ThreadPoolExecutor(WORKERS) as pool:
        runs = list(pool.map(clerk, range(WORKERS)))
    for done in runs:
        assert done.returncode == 0, done.stderr
    verified = ok(ledger, "verify")
    assert f"Verified {WORKERS * 20 * 2} event(s) and {WORKERS * 20} case(s)" in verified
