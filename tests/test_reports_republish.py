"""A published report is never replaced (SPEC §13): a second ``--publish`` is refused
unless ``--republish --reason``, and every version can be reprinted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conftest import Run

WEEK = ("report", "weekly", "--week", "2026-W43")


def test_a_second_publish_is_refused_and_the_first_is_kept(
    desk: Run, snapshot: Callable[[], list[tuple[Any, ...]]]
) -> None:
    first = desk.json(*WEEK, "--publish")
    assert (first["version"], first["versions"]) == (1, 1)
    desk.open("事项", "--reporter", "张三", "--at", "2026-10-20T09:00")
    before = snapshot()
    message = desk.fails(*WEEK, "--publish")
    assert "--republish" in message
    desk.fails(*WEEK, "--republish")  # no reason
    assert snapshot() == before
    assert desk.json(*WEEK, "--published") == first


def test_a_republish_keeps_both_versions(desk: Run) -> None:
    first = desk.json(*WEEK, "--publish")
    desk.open("事项", "--reporter", "张三", "--at", "2026-10-20T09:00")
    second = desk.json(*WEEK, "--republish", "--reason", "补录一件")
    assert (second["version"], second["versions"], second["reason"]) == (2, 2, "补录一件")
    assert second["totals"]["opened"] == first["totals"]["opened"] + 1
    latest = desk.json(*WEEK, "--published")
    assert latest == second
    old = desk.json(*WEEK, "--published", "--version", "1")
    assert (old["version"], old["versions"]) == (1, 2)
    assert old["totals"] == first["totals"]
    shown = desk(*WEEK, "--published")
    assert shown.exit_code == 0
    assert "version 2 of 2" in shown.stderr and "--version" in shown.stderr
    desk.fails(*WEEK, "--published", "--version", "3")
    desk.fails(*WEEK, "--version", "1")
