"""The demo ledger and the installed command, as a newcomer meets them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from bbcs.projection import project
from bbcs.store import Store
from conftest import rows


def test_demo_builds_a_lively_ledger_whose_rows_are_their_events(bbcs, tmp_path):
    path = tmp_path / "demo.db"
    out = bbcs.ok("--db", str(path), "demo")
    assert "48 cases" in out and "DEMO-2026-" in out
    kinds = {r[0] for r in rows(path, "SELECT DISTINCT kind FROM events")}
    assert {"open", "assign", "pushback", "close", "review", "overdue", "escalate"} <= kinds
    # SPEC §11 and §12's scenes: two repeats merged (one a repeat of a case closed in
    # October), and a case the village window referred up to the county
    assert {"link", "refer"} <= kinds
    week = bbcs.json("--db", str(path), "report", "weekly", "--week", "2026-W46",
                     now="2026-11-20T17:30", user="窗口-刘敏")  # fmt: skip
    assert (week["site"], week["totals"]["merged"], week["totals"]["repeats"]) == ("DEMO", 2, 1)
    assert week["totals"]["referred_in"] == 1
    village = bbcs.json("--db", str(path), "report", "weekly", "--week", "2026-W46",
                        now="2026-11-20T17:30", user="村-王芳")  # fmt: skip
    assert (village["site"], village["totals"]["referred_out"]) == ("LSC", 1)
    # 常态建设: October's three deeds for one cause are a 类案
    causes = bbcs.json("--db", str(path), "report", "causes", now="2026-11-20T17:30",
                       user="窗口-刘敏")  # fmt: skip
    (pattern,) = causes["patterns"]
    assert (pattern["cause"], pattern["category"], pattern["count"]) == (
        "unclear_remit",
        "不动产登记",
        3,
    )
    store = Store.open(path)
    for (case_id,) in store.db.execute("SELECT id FROM cases"):
        stored = store.case_row(case_id)
        rebuilt = project(case_id, store.case_events(case_id)).row()
        assert {k: stored[k] for k in rebuilt} == rebuilt
    store.close()
    assert "--replace" in bbcs.fails("--db", str(path), "demo")


def test_the_demo_shows_the_departments_in_the_loop(bbcs, tmp_path):
    """Signed on time and late, replies approved and sent back, urges by phone and in
    writing, one written urge ignored, an extension request approved, 解决率."""
    path = tmp_path / "demo.db"
    out = bbcs.ok("--db", str(path), "demo")
    assert "BBCS_USER=窗口-刘敏" in out
    kinds = {r[0] for r in rows(path, "SELECT DISTINCT kind FROM events")}
    assert {"accept", "reply", "redo", "urge", "extend_request"} <= kinds
    hows = {
        r[0]
        for r in rows(path, "SELECT json_extract(data, '$.how') FROM events WHERE kind = 'urge'")
    }
    assert {"phone", "written"} <= hows
    approved = rows(
        path,
        "SELECT count(*) FROM events WHERE kind = 'extend' "
        "AND json_extract(data, '$.request_seq') IS NOT NULL",
    )
    assert approved[0][0] >= 1
    report = bbcs.json(
        "--db", str(path), "report", "weekly", now="2026-11-20T17:30", user="窗口-刘敏"
    )
    assert (report["from"], report["to"]) == ("2026-11-09", "2026-11-15")
    totals = report["totals"]
    assert totals["accept_rate"] is not None and totals["accept_rate"] < 1
    assert totals["redone"] >= 1 and totals["urged"] >= 1
    assert totals["solved_rate"] is not None
    ignored = [e for e in report["black_list_detail"] if e["rule"] == "ignored_urge"]
    assert len(ignored) == 1 and ignored[0]["dept"] in report["black_list"]
    assert ignored[0]["cases"]
    assert "unanswered 5 working days after a written urge" in out  # the demo's own report


def _bbcs(*args, env):
    return subprocess.run(
        [sys.executable, "-m", "bbcs", *args], capture_output=True, text=True, env=env, timeout=60
    )


def test_installed_command_runs_a_case_in_real_processes(tmp_path):
    env = {
        **os.environ,
        "BBCS_DB": str(tmp_path / "real.db"),
        "BBCS_NOW": "2026-09-30T10:00",
        "BBCS_USER": "clerk",
        "BBCS_LANG": "en",
    }
    assert _bbcs("--version", env=env).stdout.startswith("bbcs ")
    assert _bbcs("dept", "add", "ZJJ", "住建局", env=env).returncode == 0
    opened = _bbcs(
        "open",
        "路灯不亮",
        "--reporter",
        "张三",
        "--complexity",
        "simple",
        "--dept",
        "ZJJ",
        "--quiet",
        env=env,
    )
    assert opened.returncode == 0 and opened.stdout.strip() == "BB-2026-000001"
    shown = json.loads(_bbcs("show", "1", "--json", env=env).stdout)
    assert shown["due_date"] == "2026-10-10"
    refused = _bbcs("close", "1", "--result", "nope", "--resolution", "x", env=env)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.strip().startswith("nope is not a valid result")
    chinese = _bbcs(
        "close", "1", "--result", "nope", "--resolution", "x", env={**env, "BBCS_LANG": "zh"}
    )
    assert "不是有效的办理结果" in chinese.stderr
