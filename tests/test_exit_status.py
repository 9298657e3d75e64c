"""Each exit status bbcs gives, from a real process, as a shell script sees it.

One scenario per ``ExitCode`` member; a new member without a scenario fails here.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from bbcs.errors import ExitCode
from processes import BBCS, environment, ok


def _run(db: Path, *args: str, stdout: int | None = subprocess.PIPE) -> int:
    done = subprocess.run(
        [*BBCS, *args], env=environment(db), stdout=stdout, stderr=subprocess.PIPE, timeout=120
    )
    return done.returncode


def _done(db: Path) -> int:
    return _run(db, "open", "路灯不亮", "--reporter", "李四")


def _refused(db: Path) -> int:
    return _run(db, "close", "1", "--result", "fixed", "--resolution", "x")


def _malformed(db: Path) -> int:
    return _run(db, "open", "--no-such-option")


def _unprinted(db: Path) -> int:
    # stdout full: the change is saved, only its confirmation is lost
    with open("/dev/full", "w") as full:
        return _run(db, "note", "1", "已电话联系", stdout=full.fileno())


def _pipe_closed(db: Path) -> int:
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return _run(db, "list", "--json", stdout=write_end)
    finally:
        os.close(write_end)


SCENARIOS: dict[ExitCode, Callable[[Path], int]] = {
    ExitCode.OK: _done,
    ExitCode.ERROR: _refused,
    ExitCode.USAGE: _malformed,
    ExitCode.UNPRINTED: _unprinted,
    ExitCode.PIPE_CLOSED: _pipe_closed,
}


def test_every_exit_code_has_a_scenario() -> None:
    assert set(SCENARIOS) == set(ExitCode)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="POSIX: /dev/full and SIGPIPE")
@pytest.mark.parametrize("code", list(ExitCode), ids=lambda code: code.name)
def test_exit_status(tmp_path: Path, code: ExitCode) -> None:
    db = tmp_path / "ledger.db"
    ok(db, "init", "--site", "HX")
    ok(db, "dept", "add", "ZJJ", "住建局")
    ok(db, "open", "电梯坏了", "--reporter", "张三", "--dept", "ZJJ")
    assert SCENARIOS[code](db) == code
