"""Bad input never reaches a user as a traceback, and a refusal writes nothing (SPEC §4, §8).

Hypothesis throws random strings (control characters and lone surrogates, as a
terminal with the wrong encoding hands them over, included), dates and numbers at
the commands that take them; each run must end 0, 1 or 2 with no traceback, and
any refusal must leave the ledger exactly as it was.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Run
from processes import BBCS, TIMEOUT, environment, ok

Snapshot = Callable[[], list[tuple[Any, ...]]]

junk = st.one_of(
    st.text(max_size=30),
    st.text(st.characters(min_codepoint=0, max_codepoint=0x1F), max_size=5),
    st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3),
    st.text(min_size=190, max_size=4100).map(lambda s: s * 2),
    st.sampled_from(["", " ", "-", "--", "-x", "\x00", "住建局", "ZJJ", "zjj", "None", "null"]),
)
numbers = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True).map(str),
    junk,
)
dates = st.one_of(
    st.dates().map(str),
    st.datetimes().map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.isoformat() + "+08:00"),
    st.sampled_from(
        [
            "2026-02-30",
            "2026-13-01",
            "2026-11-02T25:00",
            "2026-11-02T09:00:00+99:00",
            "9999-12-31T23:59:59-14:00",
            "0001-01-01",
            "2026-11-01",
            "2026-11-02T08:59:59+08:00",
            "today",
            "1e9",
        ]
    ),
    junk,
)
cases = st.one_of(
    st.sampled_from(
        ["1", "2", "HX-2026-000001", "hx-2026-000002", "BB-1999-000001", "0", "-1", "9999999"]
    ),
    junk,
)
choices = st.one_of(
    st.sampled_from(
        ["normal", "hard", "疑难", "resolved", "withdrawn", "closed", "red", "urgent", "phone"]
    ),
    junk,
)


def optional(name: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    return st.one_of(st.just([]), values.map(lambda v: [name, v]))


def command(head: list[str], *parts: st.SearchStrategy[list[str]]) -> st.SearchStrategy[list[str]]:
    return st.tuples(*parts).map(lambda ps: head + [a for p in ps for a in p])


def positional(values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    return values.map(lambda v: [v])


commands = st.one_of(
    command(
        ["open"],
        positional(junk),
        optional("--reporter", junk),
        optional("--phone", junk),
        optional("--company", junk),
        optional("--complexity", choices),
        optional("--channel", choices),
        optional("--detail", junk),
        optional("--dept", junk),
        optional("--at", dates),
    ),
    command(["note"], positional(cases), positional(junk), optional("--at", dates)),
    command(
        ["amend"],
        positional(cases),
        optional("--reason", junk),
        optional("--phone", junk),
        optional("--summary", junk),
        optional("--complexity", choices),
        optional("--reporter", junk),
        optional("--at", dates),
    ),
    command(
        ["close"],
        positional(cases),
        optional("--result", choices),
        optional("--resolution", junk),
        optional("--at", dates),
    ),
    command(
        ["list"],
        optional("--status", choices),
        optional("--dept", junk),
        optional("--escalation", choices),
        optional("--warning", choices),
        optional("--due-within", numbers),
        optional("--opened-from", dates),
        optional("--opened-to", dates),
        optional("--limit", numbers),
    ),
    command(["show"], positional(cases)),
    command(["search"], positional(junk)),
    command(["verify"], optional("--head", junk)),
)


@pytest.fixture
def lived_in(desk: Run) -> Run:
    desk.open("墙体开裂", "--reporter", "张三", "--phone", "13812345678", "--dept", "ZJJ")
    desk.open("宅基地纠纷", "--reporter", "李四")
    return desk


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(args=commands)
def test_random_input_gets_an_answer_never_a_traceback(
    lived_in: Run, snapshot: Snapshot, args: list[str]
) -> None:
    before = snapshot()
    result = lived_in(*args)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args,
        result.exception,
    )
    assert result.exit_code in (0, 1, 2), (args, result.exit_code)
    assert "Traceback" not in result.stderr
    if result.exit_code != 0:
        assert result.stderr.strip(), args
        assert snapshot() == before, args


def test_text_from_a_terminal_in_another_encoding_is_one_sentence(
    lived_in: Run, snapshot: Snapshot
) -> None:
    before = snapshot()
    message = lived_in.fails("note", "1", "催办\udcff")
    assert "is not valid text: set the terminal to UTF-8" in message
    assert snapshot() == before


@pytest.mark.skipif(os.name == "nt", reason="POSIX passes raw bytes in argv")
def test_undecodable_bytes_on_a_real_command_line_are_refused(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    ok(db, "init", "--site", "HX")
    done = subprocess.run(
        [*BBCS, "open", b"\xe5\xa2\x99\xff", "--reporter", "张三"],
        env=environment(db),
        capture_output=True,
        timeout=TIMEOUT,
    )
    assert done.returncode == 1
    err = done.stderr.decode("utf-8")
    assert "is not valid text" in err
    assert "Traceback" not in err
    assert ok(db, "list", "--json").strip() == "[]"
