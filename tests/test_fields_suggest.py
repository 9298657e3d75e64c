"""'Did you mean' ranks by edit distance on the code, then on the name (SPEC §13)."""

from __future__ import annotations

from bbcs.fields import closest, edit_distance

COUNTY = [("ZRJ", "自然资源局"), ("ZJJ", "住房和城乡建设局"), ("SCJ", "市场监督管理局")]


def test_edit_distance() -> None:
    assert edit_distance("ZJI", "ZJJ") == 1
    assert edit_distance("ZJI", "ZRJ") == 2
    assert edit_distance("", "ABC") == 3
    assert edit_distance("住建局", "住建局") == 0


def test_one_keystroke_away_wins() -> None:
    assert closest("ZJI", COUNTY) == ("ZJJ", "住房和城乡建设局")
    assert closest("zji", COUNTY) == ("ZJJ", "住房和城乡建设局")


def test_a_name_close_to_a_registered_name() -> None:
    assert closest("市场监管理局", COUNTY) == ("SCJ", "市场监督管理局")


def test_nothing_near() -> None:
    assert closest("GAJXYZ", COUNTY) is None


def test_open_suggests_the_nearest_code(desk) -> None:
    desk.ok("dept", "add", "ZRJ", "自然资源和规划局")
    message = desk.fails("open", "x", "--reporter", "张三", "--dept", "ZJI")
    assert "did you mean ZJJ" in message
