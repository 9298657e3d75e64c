"""Shared makings of the CSV tests: a ledger with cases in every state, files written by hand."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

DEPTS = (("ZJJ", "住建局"), ("GTJ", "自然资源局"), ("SCJ", "市场监管局"))


def fresh(run: Any, db: Path, site: str = "HX") -> list[str]:
    """A new ledger at ``db`` with the desk's departments; the arguments that address it."""
    at = ["--db", str(db)]
    run.ok(*at, "init", "--site", site)
    for code, name in DEPTS:
        run.ok(*at, "dept", "add", code, name)
    return at


def varied(desk: Any) -> dict[str, str]:
    """Cases in every state the commands can reach, with text a spreadsheet would mangle."""
    cases = {}
    cases["formula"] = desk.open(
        '=HYPERLINK("http://x")',
        "--reporter",
        "张三",
        "--phone",
        "13812345678",
        "--at",
        "2026-10-09 10:00",
    )
    cases["reopened"] = desk.open(
        '证照, "quoted"',
        "--detail",
        "第一行\n\t第二行",
        "--reporter",
        "-李四",
        "--phone",
        "+86 138 1234 5678",
        "--company",
        "@公司",
        "--category",
        "证照",
        "--channel",
        "phone",
        "--dept",
        "ZJJ",
        "--co",
        "GTJ",
        "--at",
        "2026-10-10 10:00",
    )
    cases["immediate"] = desk.open(
        "即办件", "--reporter", "王五", "--complexity", "immediate", "--at", "2026-10-11 10:00"
    )
    desk.ok(
        "close",
        cases["immediate"],
        "--result",
        "resolved",
        "--resolution",
        "当场办结",
        "--at",
        "2026-10-11 11:00",
    )
    cases["co_left"] = desk.open(
        "c4", "--reporter", "赵六", "--dept", "SCJ", "--co", "ZJJ", "--at", "2026-10-12 10:00"
    )
    desk.ok(
        "pushback",
        cases["co_left"],
        "--from",
        "SCJ",
        "--reason",
        "不属本局",
        "--at",
        "2026-10-13 10:00",
    )
    desk.ok(
        "close",
        cases["reopened"],
        "--result",
        "resolved",
        "--resolution",
        "+已答复",
        "--at",
        "2026-10-20 10:00",
    )
    desk.ok("review", cases["reopened"], "unsatisfied", "--at", "2026-10-21 10:00")
    desk.ok("review", cases["immediate"], "satisfied", "--at", "2026-10-21 10:00")
    cases["transferred"] = desk.open(
        "转办件",
        "--reporter",
        "钱七",
        "--complexity",
        "complex",
        "--dept",
        "GTJ",
        "--at",
        "2026-10-26 09:00",
    )
    desk.ok(
        "transfer", cases["transferred"], "SCJ", "--reason", "职责调整", "--at", "2026-10-27 09:00"
    )
    cases["pingpong"] = desk.open(
        "来回推", "--reporter", "孙八", "--dept", "ZJJ", "--at", "2026-10-28 09:00"
    )
    desk.ok(
        "pushback",
        cases["pingpong"],
        "--from",
        "ZJJ",
        "--to",
        "GTJ",
        "--reason",
        "a",
        "--at",
        "2026-10-28 10:00",
    )
    desk.ok(
        "pushback",
        cases["pingpong"],
        "--from",
        "GTJ",
        "--to",
        "SCJ",
        "--reason",
        "b",
        "--at",
        "2026-10-29 10:00",
    )
    cases["explained"] = desk.open(
        "解释件", "--reporter", "周九", "--dept", "ZJJ", "--at", "2026-10-30 09:00"
    )
    desk.ok(
        "close",
        cases["explained"],
        "--result",
        "explained",
        "--resolution",
        "已解释",
        "--at",
        "2026-10-30 15:00",
    )
    desk.ok("review", cases["explained"], "基本满意", "--at", "2026-10-31 09:00")
    return cases


def write_csv(
    path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8"
) -> Path:
    with path.open("w", encoding=encoding, newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))
