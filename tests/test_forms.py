"""bbcs print: the forms an office hands to a department, read back as Word files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from bbcs.resources import data_file
from conftest import Run


def texts(path: Path) -> list[str]:
    """Every paragraph and table cell of a .docx, in order, as a person reads it."""
    document = Document(str(path))
    found = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            found.extend(cell.text for cell in row.cells)
    return found


def pages(path: Path) -> int:
    """How many pages the form has: each starts with a paragraph that breaks the page."""
    document = Document(str(path))
    return sum(bool(p.paragraph_format.page_break_before) for p in document.paragraphs)


@pytest.fixture
def window(desk: Run) -> dict[str, str]:
    desk.ok("policy", "set", "site.name", "某某县“办不成事”反映窗口", user="admin")
    return {
        # registered on a Monday before the National Day holiday: 7 working days → 10-13
        "lamp": desk.open(
            "小区路灯不亮", "--reporter", "张三", "--phone", "13812345678", "--dept", "ZJJ",
            "--co", "GTJ", "--detail", "三个月了", "--at", "2026-09-28T09:00",
        ),
        "licence": desk.open(
            "营业执照变更", "--reporter", "李四", "--dept", "ZJJ", "--at", "2026-10-20T09:00"
        ),
        "fresh": desk.open("噪音扰民", "--reporter", "王五", "--dept", "SCJ"),
    }  # fmt: skip


def test_assign_form_carries_the_window_the_event_and_dates_in_chinese(desk, window, tmp_path):
    out = tmp_path / "交办单.docx"
    said = desk.ok("print", window["lamp"], "--form", "assign", "-o", str(out))
    assert "1 page" in said
    lines = texts(out)
    assert "某某县“办不成事”反映窗口" in lines and "交办单" in lines
    # the event it prints: the assign that made ZJJ lead, the case's second event
    assert "编号：HX-2026-000001 第 2 号事件（2026年9月28日）" in lines
    assert "住建局：" in lines
    facts = dict(zip(lines[-22::2], lines[-21::2], strict=True))
    assert facts["反映人"] == "张三" and facts["联系电话"] == "13812345678"
    assert facts["牵头单位"] == "住建局（ZJJ）"
    assert facts["协办单位"] == "自然资源局（GTJ）"
    assert facts["办结期限"] == "2026年10月13日"
    assert any("请于2026年10月13日前办结" in line for line in lines)
    assert any(line.startswith("签收人") for line in lines) and "（盖章）" in lines
    assert pages(out) == 1


def test_one_page_per_case_and_a_departments_overdue_batch(desk, window, tmp_path):
    out = tmp_path / "all.docx"
    desk.ok("print", window["lamp"], window["licence"], "--form", "assign", "-o", str(out))
    assert pages(out) == 2
    batch = tmp_path / "batch.docx"
    said = desk.ok("print", "--form", "assign", "--dept", "ZJJ", "--overdue", "-o", str(batch))
    assert "2 page" in said
    lines = texts(batch)
    # ZJJ's two cases are past due on 2026-11-02; SCJ's fresh one is not printed
    assert "HX-2026-000001" in lines and "HX-2026-000002" in lines
    assert "HX-2026-000003" not in lines
    message = desk.fails("print", "--form", "assign", "--dept", "SCJ", "--overdue")
    assert "SCJ holds no open case past its due date" in message


def test_supervise_form_prints_the_latest_escalation_to_supervise(desk, window, tmp_path):
    desk.ok("escalate", window["lamp"], "supervise", "--reason", "群众多次反映", user="sup")
    out = tmp_path / "督办.docx"
    desk.ok("print", window["lamp"], "--form", "supervise", "-o", str(out))
    lines = texts(out)
    assert "督办通知书" in lines and "督办理由：群众多次反映" in lines
    assert any("第 3 号事件" in line for line in lines)


def test_a_form_with_nothing_to_print_is_refused_and_nothing_is_written(
    desk, window, tmp_path, snapshot
):
    before = snapshot()
    out = tmp_path / "x.docx"
    message = desk.fails("print", window["lamp"], "--form", "urge", "-o", str(out))
    assert "no written urge" in message and "--how written" in message
    assert "never raised to 督办" in desk.fails("print", window["lamp"], "--form", "supervise")
    assert "not a form" in desk.fails("print", window["lamp"], "--form", "letter")
    assert "name the cases" in desk.fails("print", "--form", "assign")
    assert not out.exists() and not list(Path.cwd().glob("*.docx.*.tmp"))
    assert snapshot() == before  # printing reads the ledger and never writes it


def test_an_office_prints_on_its_own_letterhead(desk, window, tmp_path):
    own = tmp_path / "letterhead"
    own.mkdir()
    shutil.copy(data_file("forms/assign.docx"), own / "assign.docx")
    document = Document(str(own / "assign.docx"))
    document.paragraphs[0].insert_paragraph_before("某某县人民政府办公室（信笺）")
    document.save(str(own / "assign.docx"))
    desk.ok("policy", "set", "forms.dir", str(own), user="admin")
    out = tmp_path / "own.docx"
    desk.ok("print", window["lamp"], "--form", "assign", "-o", str(out))
    lines = texts(out)
    assert lines[0] == "某某县人民政府办公室（信笺）" and "交办单" in lines
    message = desk.fails("print", window["lamp"], "--form", "supervise")
    assert "supervise.docx does not exist" in message or "never raised" in message


def test_a_department_user_cannot_print(desk, window):
    desk.ok("user", "add", "admin", "--role", "admin", user="admin")
    desk.ok("user", "add", "zjj1", "--role", "dept", "--dept", "ZJJ", user="admin")
    assert "may not run bbcs print" in desk.fails("print", window["lamp"], user="zjj1")


def test_urge_and_reply_forms_go_to_the_department_the_event_names(desk, window, tmp_path):
    lamp = window["lamp"]
    desk.ok("urge", lamp, "--dept", "GTJ", "--how", "written", "--note", "请三日内答复")
    urge = tmp_path / "催办.docx"
    desk.ok("print", lamp, "--form", "urge", "-o", str(urge))
    lines = texts(urge)
    assert "催办通知书" in lines and "自然资源局：" in lines  # the urged co-department
    assert "催办说明：请三日内答复" in lines
    desk.ok("reply", lamp, "--dept", "ZJJ", "--result", "resolved", "--resolution", "已修复路灯")
    reply = tmp_path / "反馈.docx"
    desk.ok("print", lamp, "--form", "reply", "-o", str(reply))
    lines = texts(reply)
    assert "办理情况反馈单" in lines and "住建局：" in lines and "办理情况：已修复路灯" in lines


def test_a_departments_unsigned_batch_prints_the_cases_it_has_not_signed_for(
    desk, window, tmp_path, snapshot
):
    lamp, licence, fresh = window["lamp"], window["licence"], window["fresh"]
    desk.ok("accept", lamp, "--dept", "GTJ")  # ZJJ, its lead, has not signed
    desk.ok("accept", licence, "--dept", "ZJJ")
    # ZJJ signed, its co-department SCJ not: in list --unaccepted --dept ZJJ, not ZJJ's batch
    shared = desk.open("墙体开裂", "--reporter", "赵六", "--dept", "ZJJ", "--co", "SCJ")
    desk.ok("accept", shared, "--dept", "ZJJ")
    assert shared in [c["id"] for c in desk.json("list", "--unaccepted", "--dept", "ZJJ")]
    desk.ok("urge", lamp, "--dept", "ZJJ", "--how", "written", "--note", "请即签收")
    urge = tmp_path / "催签.docx"
    said = desk.ok("print", "--form", "urge", "--dept", "ZJJ", "--unaccepted", "-o", str(urge))
    assert "1 page" in said
    lines = texts(urge)
    assert pages(urge) == 1 and "催办通知书" in lines and "住建局：" in lines
    assert lamp in lines and "催办说明：请即签收" in lines
    assert not {licence, shared, fresh} & set(lines)
    # a case of the batch without a written urge is named, and nothing is written
    road = desk.open("道路破损", "--reporter", "钱七", "--dept", "ZJJ")
    before = snapshot()
    again = tmp_path / "again.docx"
    refused = desk.fails(
        "print", "--form", "urge", "--dept", "ZJJ", "--unaccepted", "-o", str(again)
    )
    assert road in refused and "--how written" in refused and not again.exists()
    assign = tmp_path / "交办.docx"
    desk.ok("print", "--form", "assign", "--dept", "ZJJ", "--unaccepted", "-o", str(assign))
    assert pages(assign) == 2 and {lamp, road} <= set(texts(assign))
    assert "GTJ has signed for every case" in desk.fails(
        "print", "--form", "assign", "--dept", "GTJ", "--unaccepted"
    )
    assert "not both" in desk.fails(
        "print", "--form", "assign", "--dept", "ZJJ", "--unaccepted", "--overdue"
    )
    assert "not both" in desk.fails("print", lamp, "--form", "assign", "--unaccepted")
    assert "name the cases" in desk.fails("print", "--form", "assign", "--unaccepted")
    assert snapshot() == before
