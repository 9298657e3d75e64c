"""The Chinese interface says typer's and click's own words in Chinese, within 80 columns."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from tests.processes import BBCS, environment

from bbcs.display import width_of, wrap_line
from bbcs.usage_zh import sentence

ENGLISH = re.compile(
    r"Usage|Options|Arguments|required|default:|Missing|No such|Try |Show this|Error"
    r"|OPTIONS|COMMAND|ARGS"
)


def zh(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = environment(db, BBCS_LANG="zh_CN.UTF-8", COLUMNS="80")
    return subprocess.run([*BBCS, *args], capture_output=True, text=True, env=env, timeout=120)


def test_help_is_chinese_and_fits_80_columns(tmp_path: Path) -> None:
    done = zh(tmp_path / "l.db", "open", "-h")
    assert done.returncode == 0, done.stderr
    assert "用法：bbcs open" in done.stdout and "选项：" in done.stdout
    assert "[必填]" in done.stdout and "[默认：window]" in done.stdout
    assert "显示本帮助并退出。" in done.stdout
    assert not ENGLISH.search(done.stdout), done.stdout
    for line in done.stdout.splitlines():
        assert width_of(line) <= 80, line


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("open", "营业执照"), "错误：缺少选项 --reporter。"),
        (("open", "x", "--reporter", "张三", "--summary", "y"), "错误：没有 --summary 这个选项"),
        (("frob",), "错误：没有 'frob' 这个命令。"),
        (("list", "--limit", "abc"), "错误：--limit 的值无效："),
    ],
)
def test_usage_errors_are_chinese(tmp_path: Path, args: tuple[str, ...], said: str) -> None:
    done = zh(tmp_path / "l.db", *args)
    assert done.returncode == 2
    assert said in done.stderr
    assert "用法：" in done.stderr and "查看帮助" in done.stderr
    assert not ENGLISH.search(done.stderr), done.stderr


def test_click_sentences_in_chinese() -> None:
    assert sentence("Missing option '--reporter'.") == "缺少选项 --reporter。"
    assert sentence("No such option: --as (Possible options: --at)") == (
        "没有 --as 这个选项（可用的选项：--at）"
    )
    assert sentence("Invalid value for '--limit': 'abc' is not a valid integer.") == (
        "--limit 的值无效：“abc”不是整数。"
    )
    assert sentence("something new") == "something new"


def test_wide_characters_wrap_by_their_width() -> None:
    text = "复杂程度，决定办理时限：immediate（即办）、simple（简单）、normal（一般）、complex（复杂）、hard（疑难）。"
    lines = wrap_line(text, 60, "  ", "  ")
    assert len(lines) > 1
    assert all(width_of(line) <= 60 for line in lines)
    assert "".join(line.strip() for line in lines) == text.replace(" ", "")
    assert not any(line.strip()[0] in "，。、）" for line in lines)


def test_policy_show_describes_every_key(bbcs, monkeypatch) -> None:
    bbcs.ok("init", "--site", "HX")
    monkeypatch.setenv("BBCS_LANG", "zh_CN.UTF-8")
    out = bbcs.ok("policy", "show")
    assert "每轮办理最多延期次数" in out and "True" not in out
    assert re.search(r"reopen_on_unsatisfied.*是", out)


def test_policy_set_takes_a_negative_value_to_refuse_it_in_words(bbcs) -> None:
    bbcs.ok("init", "--site", "HX")
    message = bbcs.fails("policy", "set", "rules.max_extensions", "-1")
    assert "-1" in message and "No such option" not in message


def test_refusals_name_commands_and_reports_in_chinese(desk, monkeypatch) -> None:
    case = desk.open("营业执照", "--reporter", "张三", "--dept", "ZJJ")
    monkeypatch.setenv("BBCS_LANG", "zh_CN.UTF-8")
    message = desk.fails("review", case, "satisfied")
    assert "不能回访" in message and "review" not in message
    message = desk.fails("report", "weekly", "--week", "2026-W43", "--published")
    assert "的周报" in message and "weekly" not in message
