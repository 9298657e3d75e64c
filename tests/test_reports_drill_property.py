"""A property of every report (SPEC §10): each list of ``--cases`` is as long as its figure.

Random small ledgers are built through the real CLI, one command at a time with the clock
moving on (late September to November 2026, across the National Day holiday): opens with
and without a lead and co-departments, assigns, transfers, pushbacks and rulings, signing,
replies of leads and co-departments, redos, urges, closes, call-backs (an unsatisfied one
reopens), reopenings and sweeps. Most random commands are refused, as they would be at the
desk; what is recorded is a ledger the rules allowed. Then for every report kind, every
department and every counting figure the list behind the figure must have its length, and
the lists must agree with each other where the figures do (closed = resolved + explained,
on time among the closes, ...).
"""

from __future__ import annotations

import gc
import json
import shutil
import sqlite3
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bbcs.reports import DRILL_FIGURES
from conftest import Run

DEPTS = ("ZJJ", "GTJ", "SCJ")
START = datetime(2026, 9, 28, 9, 0)
NOW = "2026-11-20T09:00:00+08:00"
REPORTS = (
    ("daily", "--date", "2026-10-09"),
    ("weekly", "--week", "2026-W41"),
    ("monthly", "--month", "2026-10"),
    ("pushback", "--from", "2026-09-28", "--to", "2026-10-18"),
    ("casebook", "--month", "2026-10"),
)

ACTIONS = (
    "open",
    "assign",
    "transfer",
    "pushback",
    "ruling",
    "accept",
    "reply",
    "reply",
    "redo",
    "urge",
    "close",
    "close",
    "review",
    "reopen",
    "escalate",
    "sweep",
)
LEVELS = ("urgent", "coordinate", "special", "supervise")
step = st.tuples(
    st.sampled_from(ACTIONS),
    st.integers(0, 5),  # which case
    st.integers(0, 2),  # a department
    st.integers(0, 3),  # another department, or none (3)
    st.sampled_from((1, 4, 20, 26, 50)),  # hours since the step before
    st.sampled_from(("resolved", "explained", "withdrawn", "satisfied", "unsatisfied", "basic")),
)


class Desk:
    """What the test knows of its ledger to aim its commands: each case's lead and
    co-departments as the commands that succeeded left them, and the cases pushed back."""

    def __init__(self) -> None:
        self.cases: list[str] = []
        self.lead: dict[str, str | None] = {}
        self.co: dict[str, list[str]] = {}
        self.pushed: list[str] = []

    def holder(self, case: str, d: int) -> str:
        """The lead, or with d = 2 a co-department, if the case has them; else any."""
        held = [x for x in (self.lead.get(case), *self.co.get(case, [])) if x]
        if not held:
            return DEPTS[d]
        return held[-1] if d == 2 else held[0]

    def recorded(self, command: tuple[str, ...]) -> None:
        action, *rest = command
        if action in ("assign", "transfer"):
            self.lead[rest[0]] = rest[1]
            if action == "assign":
                self.co[rest[0]] = rest[3:]
        elif action == "pushback":
            self.lead[rest[0]] = rest[-1] if "--to" in rest else None
            self.pushed.append(rest[0])
        elif action == "reply" and rest[2] != self.lead.get(rest[0]):
            self.co[rest[0]] = [c for c in self.co.get(rest[0], []) if c != rest[2]]


def _command(desk: Desk, action: str, n: int, d: int, other: int, word: str) -> tuple[str, ...]:
    dept = DEPTS[d]
    onward = () if other == 3 else (DEPTS[other],)
    case = desk.cases[n % len(desk.cases)]
    if action == "ruling" and desk.pushed and n % 2:
        case = desk.pushed[-1]
    said = ("--resolution", "已处理")
    result = word if word in ("resolved", "explained", "withdrawn") else "resolved"
    rating = word if word in ("satisfied", "unsatisfied", "basic") else "satisfied"
    return {
        "assign": ("assign", case, dept, *(("--co", *onward) if onward else ())),
        "transfer": ("transfer", case, dept, "--reason", "改派"),
        "pushback": ("pushback", case, "--from", desk.holder(case, 0), "--reason", "不属本局", *(
            ("--to", *onward) if onward else ()
        )),
        "ruling": ("ruling", case, "valid" if other % 2 else "invalid", "--reason", "审定"),
        "accept": ("accept", case, "--dept", desk.holder(case, d)),
        "reply": ("reply", case, "--dept", desk.holder(case, d), "--result", result, *said),
        "redo": ("redo", case, "--reason", "答复不实"),
        "urge": ("urge", case, *(("--dept", *onward) if onward else ())),
        "close": ("close", case, "--result", result, *said),
        "review": ("review", case, rating),
        "reopen": ("reopen", case, "--reason", "群众再次反映"),
        "escalate": ("escalate", case, LEVELS[other], "--reason", "久拖不决"),
        "sweep": ("sweep",),
    }[action]  # fmt: skip


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ledger with site HX and the three departments, copied for each example."""
    db = tmp_path_factory.mktemp("blank") / "ledger.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BBCS_DB", str(db))
        desk = Run(db, patch)
        desk.ok("init", "--site", "HX", now=NOW)
        for code, name in zip(DEPTS, ("住建局", "自然资源局", "市场监管局"), strict=True):
            desk.ok("dept", "add", code, name, now=NOW)
    # everything into the file itself before it is copied (a connection not yet collected
    # may hold the last writes in the write-ahead log beside it)
    gc.collect()
    con = sqlite3.connect(db)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    return db


def _check(report: dict[str, Any], known: set[str]) -> None:
    for dept in report["departments"]:
        lists: dict[str, list[str]] = dept["cases"]
        where = (report["kind"], dept["dept"])
        assert set(lists) == set(DRILL_FIGURES), where
        for figure in DRILL_FIGURES:
            assert len(lists[figure]) == dept[figure], (*where, figure, lists[figure])
            assert set(lists[figure]) <= known, (*where, figure)
        count = {figure: Counter(ids) for figure, ids in lists.items()}
        assert count["closed"] == count["resolved"] + count["explained"], where
        assert count["on_time"] <= count["closed"], where
        assert count["pushbacks_charged"] <= count["pushbacks"], where
        assert count["satisfied"] <= count["reviewed"], where
        assert set(lists["pushback_cases"]) == set(lists["pushbacks"]), where
        for distinct in ("assigned", "pushback_cases", "first_time"):
            assert len(set(lists[distinct])) == len(lists[distinct]), (*where, distinct)
        assert set(lists["first_time"]) <= set(lists["closed"]), where
        assert dept["accept_due"] == dept["accepted_on_time"] + dept["accept_late"], where


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(step, min_size=15, max_size=45))
def test_every_list_of_cases_is_as_long_as_its_figure(
    steps: list[tuple[str, int, int, int, int, str]],
    blank: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    db = tmp_path_factory.mktemp("ledger") / "ledger.db"
    shutil.copy2(blank, db)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BBCS_DB", str(db))
        desk = Run(db, patch)
        moment, known = START, Desk()
        for action, n, d, other, hours, word in [("open", 0, 0, 1, 1, ""), *steps]:
            moment += timedelta(hours=hours)
            now = moment.isoformat() + ":00+08:00"
            if action == "open":
                lead = () if d == 2 and other == 3 else ("--dept", DEPTS[d])
                co = ("--co", DEPTS[other]) if lead and other not in (3, d) else ()
                case = desk.open("墙体开裂", "--reporter", "甲", *lead, *co, now=now)
                known.cases.append(case)
                known.lead[case] = lead[1] if lead else None
                known.co[case] = [co[1]] if co else []
                continue
            command = _command(known, action, n, d, other, word)
            if desk(*command, now=now).exit_code == 0:  # most are refused, as at the desk
                known.recorded(command)
        cases = known.cases
        busiest: tuple[int, str, str, str, tuple[str, ...]] = (0, "", "", "", ())
        for kind, *span in REPORTS:
            report = json.loads(desk.ok("report", kind, *span, "--cases", "--json", now=NOW))
            _check(report, set(cases))
            for dept in report["departments"]:
                for figure in DRILL_FIGURES:
                    size = len(dept["cases"][figure])
                    if size > busiest[0]:
                        busiest = (size, kind, dept["dept"], figure, tuple(span))
        if busiest[0]:
            # --figure lists the same cases as --cases, one per case or event counted
            size, kind, code, figure, span = busiest
            listed = json.loads(
                desk.ok(
                    "report", kind, *span, "--dept", code, "--figure", figure, "--json", now=NOW
                )
            )
            report = json.loads(desk.ok("report", kind, *span, "--cases", "--json", now=NOW))
            line = next(d for d in report["departments"] if d["dept"] == code)
            assert [c["id"] for c in listed] == line["cases"][figure]
