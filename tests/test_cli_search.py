"""Full-text search over summary, detail, resolution and notes; any query of one character or more."""

from __future__ import annotations

import pytest


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


def test_search_finds_reporter_company_and_phone_digits(desk):
    zhang = desk.open(
        "营业执照变更办不下来", "--reporter", "张伟", "--phone", "138 1234-5678",
        "--company", "北岭建材有限公司",
    )  # fmt: skip
    other = desk.open("营业场所噪音", "--reporter", "李四", "--phone", "13900001111")
    desk.open("执照遗失补办", "--reporter", "王五")

    def found(query):
        return [c["id"] for c in desk.json("search", query)]

    assert found("张伟") == [zhang]
    assert found("北岭建材") == [zhang]
    assert found("5678") == [zhang]  # the last four digits
    assert found("138") == [zhang]
    assert found("138-1234 5678") == [zhang]
    assert found("1111") == [other]
    assert desk.json("search", "5678")[0]["phone"] == "138****5678"  # still masked
    assert "1234" not in desk.ok("search", "5678")
    assert found("营业 执照") == [zhang]  # both words
    assert found("营业") == [zhang, other]
    assert found("执照 补办") == [found("补办")[0]]


@pytest.mark.sqlite_only  # SQLite's own older schema
def test_a_migrated_ledger_finds_its_reporters_and_verifies(desk):
    import sqlite3

    from bbcs import store
    from older_schema import before_levels

    before = 5  # just before migration 6, which rebuilt the search index
    assert before < store.SCHEMA_VERSION

    case = desk.open("路灯不亮", "--reporter", "张伟", "--phone", "13812345678")
    desk.ok("note", case, "已联系")
    con = sqlite3.connect(desk.db)
    try:
        con.execute("UPDATE case_text SET body = '路灯不亮\n已联系'")
        con.execute(f"PRAGMA user_version = {before}")
        before_levels(con)
        con.commit()
    finally:
        con.close()
    assert f"from schema {before} to" in desk.ok("migrate")
    assert [c["id"] for c in desk.json("search", "张伟")] == [case]
    desk.ok("verify")
