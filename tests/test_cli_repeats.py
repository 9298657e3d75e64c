"""The repeat warning at ``open`` (重复件, SPEC §11): the same phone number or company
as a case still open, or closed in the last ``rules.repeat_window`` days, is named on
stderr, and the case is opened all the same."""

from __future__ import annotations

from typing import Any

from conftest import Run


def _open(desk: Run, *args: str, now: str | None = None) -> tuple[str, str]:
    """The new case's id (stdout, alone with --quiet) and what stderr said."""
    result: Any = desk("open", *args, "--quiet", now=now)
    assert result.exit_code == 0, (result.output, result.stderr)
    return result.stdout.strip(), result.stderr


def test_a_second_call_from_the_same_phone_is_warned_of_and_still_opened(desk: Run) -> None:
    first, said = _open(desk, "路灯不亮", "--reporter", "张三", "--phone", "13812345678")
    assert said == ""
    second, said = _open(desk, "路灯还是不亮", "--reporter", "张三", "--phone", "13812345678")
    assert second != first
    assert first in said and "bbcs link" in said and len(said.strip().splitlines()) == 1
    assert [c["id"] for c in desk.json("list")] == [first, second]


def test_the_same_company_from_another_phone_is_a_repeat_too(desk: Run) -> None:
    first, _ = _open(desk, "营业执照", "--reporter", "张三", "--company", "华兴公司")
    _, said = _open(desk, "营业执照", "--reporter", "李四", "--company", "华兴公司",
                    "--phone", "13900001111")  # fmt: skip
    assert first in said
    _, said = _open(desk, "无关事项", "--reporter", "王五", "--company", "别的公司")
    assert said == ""


def test_a_case_closed_within_the_window_repeats_and_one_closed_before_it_does_not(
    desk: Run,
) -> None:
    case, _ = _open(desk, "井盖缺失", "--reporter", "张三", "--phone", "13812345678",
                    "--dept", "ZJJ", now="2026-09-01T09:00")  # fmt: skip
    desk.ok("close", case, "--result", "resolved", "--resolution", "已补装", now="2026-10-02T10:00")
    # 30 calendar days after the close (the default window): still a repeat
    _, said = _open(desk, "井盖又缺了", "--reporter", "张三", "--phone", "13812345678",
                    now="2026-11-01T09:00")  # fmt: skip
    assert case in said
    # the window is the ledger's policy: at 29 days that close is out of it
    desk.ok("policy", "set", "rules.repeat_window", "29")
    opened, said = _open(desk, "井盖又缺了", "--reporter", "张三", "--phone", "13812345678",
                         now="2026-11-01T10:00")  # fmt: skip
    assert case not in said
    assert opened in desk.ok("list")


def test_a_void_case_repeats_nothing_and_at_most_three_are_named_the_latest_first(
    desk: Run,
) -> None:
    mistaken, _ = _open(desk, "误登记", "--reporter", "张三", "--phone", "13812345678")
    desk.ok("void", mistaken, "--reason", "登记错误")
    earlier = [
        _open(desk, f"第{i}次反映", "--reporter", "张三", "--phone", "13812345678")[0]
        for i in range(1, 5)
    ]
    _, said = _open(desk, "第五次反映", "--reporter", "张三", "--phone", "13812345678")
    named = said.split(":", 1)[1].split(";")[0].strip().split(", ")
    assert named == earlier[::-1][:3]
    assert mistaken not in said


def test_the_warning_is_in_chinese_for_a_chinese_desk(desk: Run, monkeypatch: Any) -> None:
    first, _ = _open(desk, "路灯不亮", "--reporter", "张三", "--phone", "13812345678")
    monkeypatch.setenv("BBCS_LANG", "zh")
    _, said = _open(desk, "路灯不亮", "--reporter", "张三", "--phone", "13812345678")
    assert (
        said.strip()
        == f"同一电话或企业此前已反映：{first}；如为同一事项，请用 bbcs link 新件 --to 原件 --reason 理由 并单"
    )
