"""Real ``bbcs`` processes for concurrency and crash tests, and the crash harness.

No CliRunner here: each command is its own interpreter, as when many clerks or
cron work on one ledger file. ``crash_test(command, base, workdir, ...)`` is the
reusable harness: it SIGKILLs a command at chosen points on copies of a ledger
and checks that each copy is exactly as before or exactly as after a run to the
end, and that ``bbcs verify`` passes. Import and sweep kill tests pass their
command line to it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BBCS = [sys.executable, "-m", "bbcs"]
NOW = "2026-11-02T09:00:00+08:00"
TIMEOUT = 600  # seconds: a hung process fails the test instead of hanging the suite


def environment(db: Path, *, user: str = "clerk1", **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        BBCS_DB=str(db),
        BBCS_NOW=NOW,
        BBCS_TZ="Asia/Shanghai",
        BBCS_USER=user,
        BBCS_LANG="en",
        NO_COLOR="1",
        PYTHONIOENCODING="utf-8",
    )
    env.update(extra)
    return env


def run(db: Path, *args: str, user: str = "clerk1") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*BBCS, *args],
        env=environment(db, user=user),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
    )


def ok(db: Path, *args: str, user: str = "clerk1") -> str:
    done = run(db, *args, user=user)
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done.stdout


def copy_ledger(source: Path, dest: Path) -> None:
    """A consistent copy (WAL included) through SQLite's backup."""
    src, dst = sqlite3.connect(source), sqlite3.connect(dest)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def ledger_state(db: Path) -> list[tuple[Any, ...]]:
    """Every row of every table, the search text included, in a stable order."""
    con = sqlite3.connect(db)
    try:
        state: list[tuple[Any, ...]] = []
        tables = con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'case_text%' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()
        for (table,) in tables:
            state.extend((table, *row) for row in con.execute(f"SELECT * FROM {table} ORDER BY 1"))
        state.extend(
            ("case_text", *row) for row in con.execute("SELECT rowid, body FROM case_text")
        )
        return state
    finally:
        con.close()


@dataclass(frozen=True)
class KillPoint:
    """When to kill: after the command printed ``lines`` lines on stdout, or after ``seconds``."""

    lines: int | None = None
    seconds: float | None = None


@dataclass(frozen=True)
class Outcome:
    point: KillPoint
    killed: bool  # False when the command had finished before the point came
    state: str  # "before" or "done"


def crash_test(
    command: Sequence[str],
    base: Path,
    workdir: Path,
    points: Sequence[KillPoint],
    *,
    env: Mapping[str, str] | None = None,
) -> list[Outcome]:
    """SIGKILL ``command`` at each point on a fresh copy of ``base``; each copy must be as before
    or as after a complete run, and must verify.

    ``command`` finds its ledger in ``BBCS_DB`` (set here for each copy); it must be
    deterministic (``BBCS_NOW`` is frozen) so that a complete run is one known state.
    A kill test of another command is one call, e.g. for ``bbcs import``::

        points = [KillPoint(seconds=0.2 * n) for n in range(1, 8)]
        crash_test([*BBCS, "import", str(cases_csv)], base, tmp_path, points)
    """
    done_db = workdir / "complete.db"
    copy_ledger(base, done_db)
    finished = subprocess.run(
        command,
        env=environment(done_db, **(env or {})),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
    )
    assert finished.returncode == 0, (finished.stdout, finished.stderr)
    before, done = ledger_state(base), ledger_state(done_db)
    assert before != done, "the command changed nothing, so a kill test proves nothing"
    outcomes = []
    for number, point in enumerate(points):
        db = workdir / f"killed-{number}.db"
        copy_ledger(base, db)
        killed = _run_and_kill(command, environment(db, **(env or {})), point)
        state = ledger_state(db)
        assert state in (before, done), f"{point}: the ledger is neither as before nor complete"
        verified = run(db, "verify")
        assert verified.returncode == 0, (point, verified.stderr)
        outcomes.append(Outcome(point, killed, "before" if state == before else "done"))
    return outcomes


def _run_and_kill(command: Sequence[str], env: dict[str, str], point: KillPoint) -> bool:
    """Start the command, kill it (SIGKILL on POSIX) at ``point``; whether it was still running."""
    proc = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert proc.stdout is not None
    try:
        if point.lines is not None:
            for _ in range(point.lines):
                if not proc.stdout.readline():
                    break
        else:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=point.seconds)
        running = proc.poll() is None
        proc.kill()
        proc.wait(timeout=TIMEOUT)
        return running
    finally:
        proc.stdout.close()
