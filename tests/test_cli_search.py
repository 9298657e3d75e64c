"""Full-text search over summary, detail, resolution and notes; any query of one character or more."""

from __future__ import annotations


def test_chinese_search_of_every_length(desk):
    lamp = desk.open(
        "小区路灯不亮", "--reporter", "x", "--detail", "北岭社区三栋门口", "--dept", "GTJ"
    )
    licence = desk.open("营业执照变更被退回", "--reporter", "x", "--dept", "SCJ")
    desk.ok("note", licence, "已联系市场监管局窗口")
    desk.ok("close", lamp, "--result", "resolved", "--resolution", "更换灯泡后恢复照明")

    def found(query):
        return [c["id"] for c in desk.json("search", query)]

    assert found("灯") == [lamp]  # one character
    assert found("执照") == [licence]  # two
    assert found("北岭社区") == [lamp]  # detail
    assert found("灯泡") == [lamp]  # resolution
    assert found("市场监管") == [licence]  # a note
    assert found("局") == [licence]
    assert found("区") == [lamp]
    assert found("不存在的词") == []
    assert found('"引号') == []
    assert found("100%") == []


def test_search_masks_phones_and_show_does_not(desk):
    case = desk.open("噪音扰民", "--reporter", "x", "--phone", "13812345678")
    assert desk.json("search", "噪音")[0]["phone"] == "138****5678"
    assert desk.json("list")[0]["phone"] == "138****5678"
    assert desk.json("show", case)["phone"] == "13812345678"
    assert "must not be empty" in desk.fails("search", "  ")
