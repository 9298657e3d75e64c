"""``bbcs report nightly``: the lock, the files in every format, and a safe re-run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock
from openpyxl import load_workbook

from bbcs.files import write_atomically
from conftest import Run

LOCK = ".bbcs-nightly.lock"


@pytest.fixture
def ledger(desk: Run) -> str:
    overdue = desk.open(
        "噪音扰民", "--reporter", "王五", "--complexity", "simple", "--dept", "GTJ",
        "--at", "2026-10-26T10:00",
    )  # fmt: skip
    done = desk.open(
        "不动产登记", "--reporter", "李四", "--dept", "ZJJ", "--at", "2026-11-02T08:00"
    )
    desk.ok(
        "close", done, "--result", "resolved", "--resolution", "已办", "--at", "2026-11-02T08:30"
    )
    return overdue


def test_the_lock_refuses_a_second_run(desk: Run, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    with FileLock(str(out / LOCK)).acquire(timeout=0):
        message = desk.fails("report", "nightly", "--out", str(out))
    assert "already running" in message
    assert not [p for p in out.iterdir() if p.name != LOCK]


def test_the_lock_refuses_a_run_while_another_process_holds_it(
    desk: Run, tmp_path: Path, world: Path
) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from filelock import FileLock; "
            f"lock = FileLock({str(out / LOCK)!r}); lock.acquire(); "
            "print('held', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        second = subprocess.run(
            [sys.executable, "-m", "bbcs", "report", "nightly", "--out", str(out)],
            capture_output=True,
            text=True,
            env={**os.environ, "BBCS_DB": str(world)},
        )
    finally:
        holder.communicate("")
    assert second.returncode == 1
    assert second.stderr.count("\n") == 1 and "already running" in second.stderr
    assert "Traceback" not in second.stderr


def test_write_atomically_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "2026-11-02.json"
    write_atomically(target, b"{}")
    write_atomically(target, b'{"again": true}')
    assert json.loads(target.read_text()) == {"again": True}
    assert [p.name for p in tmp_path.iterdir()] == ["2026-11-02.json"]


def test_nightly_writes_every_format_and_a_rerun_changes_nothing(
    desk: Run,
    ledger: str,
    tmp_path: Path,
    snapshot: Callable[[], list[tuple[Any, ...]]],
) -> None:
    out = tmp_path / "reports"
    first = desk.ok("report", "nightly", "--out", str(out))
    names = sorted(p.name for p in out.iterdir() if p.name != LOCK)
    assert names == [f"2026-11-02.{s}" for s in ("csv", "html", "json", "md", "txt", "xlsx")]
    report = json.loads((out / "2026-11-02.json").read_text(encoding="utf-8"))
    assert report["kind"] == "daily" and report["from"] == "2026-11-02"
    assert report["head"] in first and report["head"] in (out / "2026-11-02.txt").read_text("utf-8")
    assert report["totals"]["closed"] == 1
    assert report["totals"]["overdue_open"] == 1  # the sweep ran first
    assert (out / "2026-11-02.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert "<svg" in (out / "2026-11-02.html").read_text("utf-8")
    assert load_workbook(out / "2026-11-02.xlsx").worksheets[0].freeze_panes == "A2"

    ledger_before = snapshot()
    files_before = {
        p.name: p.read_bytes() for p in out.iterdir() if p.suffix not in (".xlsx", ".lock")
    }
    cells_before = [list(r) for r in load_workbook(out / "2026-11-02.xlsx").worksheets[0].values]
    desk.ok("report", "nightly", "--out", str(out))
    assert snapshot() == ledger_before
    assert {
        p.name: p.read_bytes() for p in out.iterdir() if p.suffix not in (".xlsx", ".lock")
    } == files_before
    assert [list(r) for r in load_workbook(out / "2026-11-02.xlsx").worksheets[0].values] == (
        cells_before
    )


def test_nightly_for_a_late_date(desk: Run, ledger: str, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    desk.ok("report", "nightly", "--out", str(out), "--date", "2026-10-26")
    report = json.loads((out / "2026-10-26.json").read_text(encoding="utf-8"))
    assert report["totals"]["opened"] == 1
