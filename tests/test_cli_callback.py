"""The call-back worklist (回访清单, SPEC §13): ``callback`` and ``list --unreviewed``."""

from __future__ import annotations

import json

from conftest import Run, rows


def _closed(desk: Run) -> tuple[str, str, str]:
    calm = desk.open("路灯不亮", "--reporter", "张伟", "--phone", "13812345678", "--dept", "GTJ")
    angry = desk.open("噪音扰民", "--reporter", "李四", "--phone", "13900001111", "--dept", "ZJJ")
    still = desk.open("仍在办", "--reporter", "王五", "--dept", "ZJJ")
    for case in (calm, angry):
        desk.ok("close", case, "--result", "resolved", "--resolution", "已办理")
    desk.ok("policy", "set", "rules.reopen_on_unsatisfied", "false")
    desk.ok("review", angry, "unsatisfied")
    return calm, angry, still


def test_callback_lists_reporters_with_whole_phones_and_is_audited(desk: Run) -> None:
    calm, angry, _ = _closed(desk)
    worklist = desk.json("callback")
    assert worklist == [
        {
            "id": calm,
            "result": "resolved",
            "disputed": False,
            "reporters": [{"name": "张伟", "phone": "13812345678", "case": calm}],
        },
        {
            "id": angry,
            "result": "resolved",
            "disputed": True,
            "reporters": [{"name": "李四", "phone": "13900001111", "case": angry}],
        },
    ]
    (entry,) = rows(desk.db, "SELECT actor, action, detail FROM audit WHERE action = 'callback'")
    assert (entry["actor"], json.loads(entry["detail"])) == ("clerk1", {"cases": [calm, angry]})
    table = desk.ok("callback")
    assert "13812345678" in table and "李四" in table and "disputed" in table


def test_list_unreviewed_shows_reporter_masked_phone_and_disputed(desk: Run) -> None:
    calm, angry, _ = _closed(desk)
    table = desk.ok("list", "--unreviewed")
    assert "张伟" in table and "138****5678" in table and "13812345678" not in table
    (disputed,) = [line for line in table.splitlines() if angry in line]
    assert "disputed" in disputed and "李四" in disputed
    assert "disputed" not in next(line for line in table.splitlines() if calm in line)
    assert not rows(desk.db, "SELECT * FROM audit WHERE action = 'callback'")


def test_a_department_user_may_not_call_back(desk: Run, snapshot) -> None:
    desk.ok("user", "add", "admin1", "--role", "admin", user="admin1")
    desk.ok("user", "add", "wang", "--role", "dept", "--dept", "ZJJ", user="admin1")
    before = snapshot()
    assert "may not run bbcs callback" in desk.fails("callback", user="wang")
    assert snapshot() == before
