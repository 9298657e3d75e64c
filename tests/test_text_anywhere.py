"""Any text in any field: refused in one sentence, or kept and shown exactly as typed.

Hypothesis throws markup-like strings, brackets, control characters, very long
strings, emoji and CJK into every text field through the CLI, then runs every
read command over the ledger: list, show, search, dept list, user list, policy
show, calendar show, and every report kind in every format. A refusal is exit 1
with one line on stderr; an accepted text never costs a read command a
traceback, comes back equal from JSON, and shows in the terminal's tables as
typed (when it is short and one piece that rich has no reason to wrap).
"""

from __future__ import annotations

import html
import json
import sqlite3
import uuid
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import Run

PERIOD = ["--from", "2026-09-01", "--to", "2026-11-02"]
KINDS = ("daily", "weekly", "monthly", "pushback", "casebook", "overdue")
FILE_FORMATS = ("csv", "md", "html", "xlsx")

markup = st.sampled_from(
    [
        "[/]",
        "[/][red]测试[/red]",
        "[red]x[/red]",
        "[link=http://x]点我[/link]",
        "[bold]",
        "[",
        "]",
        "\\[x]",
        ":smile:",
        "<script>alert(1)</script>",
        "&amp;",
        "a|b",
        "=1+1",
        "-x",
        "@SUM(A1)",
        "*强调*",
        "`code`",
        "\x1b[31m",
        "\u009b31m",
        "\u0085",
        "\u202e反转",
        "\u2028",
        "第一行\n第二行\t末",
        "😀👍🏽",
        "住建局",
    ]
)
texts = st.one_of(
    markup,
    st.lists(markup, min_size=2, max_size=4).map("".join),
    st.text(max_size=40),
    st.text(st.characters(codec="utf-8", categories=["Lo", "So", "Ps", "Pe", "Po"]), max_size=20),
    st.text(st.characters(min_codepoint=0x80, max_codepoint=0x9F), min_size=1, max_size=3),
    st.text(min_size=90, max_size=120),
    st.text(alphabet="[]/测试 ", min_size=3000, max_size=4200),
)


def _run(bbcs: Run, *args: str) -> Any:
    result = bbcs(*args)
    assert result.exit_code in (0, 1), (args, result.output, result.exception)
    assert "Traceback" not in result.output, (args, result.output)
    if result.exit_code == 1:
        message = result.stderr.strip()
        assert message and "\n" not in message, (args, message)
    return result


def _read(bbcs: Run, *args: str) -> str:
    result = bbcs(*args)
    assert result.exit_code == 0, (args, result.output, result.exception)
    assert "Traceback" not in result.output, (args, result.output)
    return str(result.stdout)


def _shows_whole(text: str) -> bool:
    """Short, and drawn one character a code point with no place to wrap."""
    return 0 < len(text) <= 40 and text.isprintable() and not any(c.isspace() for c in text)


def _open(bbcs: Run, *options: str, summary: str) -> str:
    return bbcs.ok("open", "--quiet", "--reporter", "r", *options, "--", summary).strip()


def _fresh_ledger(bbcs: Run, tmp_path: Path) -> None:
    """A new ledger for each example: a copy of one with an admin and two departments."""
    template = tmp_path / "template.db"
    if not template.exists():
        bbcs.monkeypatch.setenv("BBCS_DB", str(template))
        bbcs.ok("init", "--site", "HX")
        bbcs.ok("user", "add", "clerk1", "--role", "admin")
        bbcs.ok("dept", "add", "ZJJ", "住建局")
        bbcs.ok("dept", "add", "GTJ", "自然资源局")
    ledger = tmp_path / f"{uuid.uuid4().hex}.db"
    source, target = sqlite3.connect(template), sqlite3.connect(ledger)
    try:
        source.backup(target)  # the ledger keeps a write-ahead log: copy the database, not the file
    finally:
        source.close()
        target.close()
    bbcs.monkeypatch.setenv("BBCS_DB", str(ledger))


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=texts, turn=st.integers(0, len(FILE_FORMATS) - 1))
# every report kind meets every file format across these four
@example(text="[/]", turn=0)
@example(text="[/][red]测试[/red]", turn=1)
@example(text="[link=http://x]点我[/link]", turn=2)
@example(text="事项\u009b31m", turn=3)
def test_any_text_in_any_field(bbcs: Run, tmp_path: Path, text: str, turn: int) -> None:
    _fresh_ledger(bbcs, tmp_path)
    kept = text.strip()
    accepted: set[str] = set()

    def write(field: str, *args: str) -> None:
        if _run(bbcs, *args).exit_code == 0:
            accepted.add(field)

    old = ["--at", "2026-09-01T09:00"]  # overdue by today, so in the overdue report
    write("summary", "open", "--reporter", "r", "--dept", "ZJJ", *old, "--", text)
    for field in ("reporter", "company", "category", "detail"):
        write(
            field, "open", "--reporter", "r", f"--{field}", text, "--dept", "ZJJ", *old, "--", "x"
        )
    case = _open(bbcs, "--dept", "ZJJ", "--co", "GTJ", *old, summary="路灯")
    write("note", "note", case, "--", text)
    write("reason", "transfer", case, "GTJ", "--reason", text)
    write("basis", "pushback", case, "--from", "GTJ", "--reason", "不属本部门", "--basis", text)
    closed = _open(bbcs, "--dept", "ZJJ", summary="井盖")
    write("resolution", "close", closed, "--result", "resolved", "--resolution", text)
    write("comment", "review", closed, "satisfied", "--comment", text)
    write("dept", "dept", "add", "TXT", "--", text)
    write("user", "user", "add", "--role", "clerk", "--", text)
    write("calendar", "calendar", "add", "2026-12-01", "--holiday", "--", text)
    if any("\x80" <= c <= "\x9f" for c in text):
        assert not accepted, "a C1 control character is refused in every field"

    cases = json.loads(_read(bbcs, "list", "--json"))
    for field in accepted & {"summary", "reporter", "company", "category", "detail"}:
        assert (kept or None) in [c[field] for c in cases], field
    shown = _read(bbcs, "list") + "".join(_read(bbcs, "show", c["id"]) for c in cases)
    events = json.loads(_read(bbcs, "show", case, "--json"))["events"]
    events += json.loads(_read(bbcs, "show", closed, "--json"))["events"]
    for field in accepted & {"note", "reason", "basis", "resolution", "comment"}:
        key = "text" if field == "note" else field
        assert (kept or None) in [e["data"].get(key) for e in events], field
    if "summary" in accepted and kept:
        found = json.loads(_read(bbcs, "search", "--json", "--", kept[:50]))
        assert kept in [c["summary"] for c in found]
        shown += _read(bbcs, "search", "--", kept[:50])
    depts = json.loads(_read(bbcs, "dept", "list", "--json"))
    shown += _read(bbcs, "dept", "list")
    users = json.loads(_read(bbcs, "user", "list", "--json"))
    shown += _read(bbcs, "user", "list")
    if "dept" in accepted:
        assert kept in [d["name"] for d in depts]
    if "user" in accepted:
        assert kept in [u["name"] for u in users]
    _read(bbcs, "policy", "show")
    _read(bbcs, "policy", "show", "--json")
    days = json.loads(_read(bbcs, "calendar", "show", "2026-12", "--json"))
    _read(bbcs, "calendar", "show", "2026-12")
    if "calendar" in accepted:
        assert days[0]["name"] == kept

    reports: dict[str, Any] = {}
    for i, kind in enumerate(KINDS):
        span = ["--to", "2026-11-02"] if kind == "overdue" else PERIOD
        reports[kind] = json.loads(_read(bbcs, "report", kind, *span, "--format", "json"))
        shown += _read(bbcs, "report", kind, *span, "--format", "table")
        fmt = FILE_FORMATS[(turn + i) % len(FILE_FORMATS)]
        out = tmp_path / f"report.{fmt}"
        _read(bbcs, "report", kind, *span, "--format", fmt, "--output", str(out))
        if fmt == "html":
            # the overdue cases by summary; the others' departments, and the casebook's closes
            shows = {"summary"} if kind == "overdue" else {"dept"}
            shows |= {"resolution"} if kind == "casebook" else set()
            if kept and accepted & shows:
                assert html.escape(kept) in out.read_text(encoding="utf-8"), kind
    if "summary" in accepted:
        assert kept in [c["summary"] for c in reports["overdue"]["cases"]]
    if "resolution" in accepted:
        closes = [c for group in reports["casebook"]["categories"] for c in group["cases"]]
        assert kept in [c["resolution"] for c in closes]
    if "dept" in accepted:
        assert kept in [d["name"] for d in reports["daily"]["departments"]]

    if _shows_whole(kept):
        # the fields the tables show: the rest are in show's event details, or nowhere
        for field in accepted - {"basis", "reason", "comment", "calendar"}:
            assert kept in shown, field
