"""Long work says what it is doing: the report by its kind, the sweep as it goes."""

from __future__ import annotations

from bbcs.commands.report import _Working
from bbcs.edge import ledger
from bbcs.i18n import t


def test_a_report_in_the_making_is_named_by_its_kind(monkeypatch) -> None:
    monkeypatch.setenv("BBCS_LANG", "zh_CN.UTF-8")
    assert t("report.working", kind="monthly") == "正在生成月报"
    assert "夜间" not in _Working(t("report.working", kind="monthly")).title


def test_sweep_tells_its_progress(desk) -> None:
    for n in range(3):
        desk.open(f"事项{n}", "--reporter", "张三", "--dept", "ZJJ")
    monkeypatch_now = "2026-12-30T09:00:00+08:00"
    desk.monkeypatch.setenv("BBCS_NOW", monkeypatch_now)
    heard: list[tuple[int, int]] = []
    swept = ledger(write=True).sweep(lambda done, total: heard.append((done, total)))
    assert swept.overdue == 3 and len(swept.cases) == 3
    assert heard[-1] == (3, 3)
