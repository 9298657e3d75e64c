"""A seeded generator of realistic case ledgers, as a cases CSV that ``bbcs import`` reads.

Departments, complexities, channels, pushbacks, escalations, reviews and closes
are spread over 2026 with Chinese text; due dates are computed on the real
working-day calendar. The same seed and size give the same file, byte for byte.

    python -m bench.generate 20000 cases.csv depts.txt
"""

from __future__ import annotations

import csv
import random
import sys
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from bbcs.projection import CASE_FIELDS
from bbcs.rules.calendar import Calendar

SITE = "GEN"
TZ = timezone(timedelta(hours=8))
FIRST_DAY = date(2025, 1, 2)  # two years: a site numbers at most 999,999 cases a year
LAST_DAY = date(2026, 11, 20)

DEPARTMENTS = [
    ("ZJJ", "住房和城乡建设局"),
    ("ZRJ", "自然资源局"),
    ("SCJ", "市场监督管理局"),
    ("RSJ", "人力资源和社会保障局"),
    ("SWJ", "税务局"),
    ("GAJ", "公安局"),
    ("SPJ", "行政审批服务局"),
    ("CGJ", "城市管理局"),
    ("JYJ", "教育局"),
    ("WJW", "卫生健康委员会"),
    ("MZJ", "民政局"),
    ("NYJ", "农业农村局"),
    ("SLJ", "水利局"),
    ("JTJ", "交通运输局"),
    ("HBJ", "生态环境局"),
    ("YJJ", "应急管理局"),
    ("TJJ", "统计局"),
    ("SFJ", "司法局"),
    ("CZJ", "财政局"),
    ("FGW", "发展和改革局"),
    ("GXJ", "工业和信息化局"),
    ("SWUJ", "商务局"),
    ("WLJ", "文化广电和旅游局"),
    ("TYJ", "退役军人事务局"),
    ("YBJ", "医疗保障局"),
    ("LYJ", "林业局"),
    ("XFJ", "信访局"),
    ("ZJXZ", "城关镇人民政府"),
    ("DHXZ", "东湖镇人民政府"),
    ("XSXZ", "西山乡人民政府"),
]
MATTERS = [
    "营业执照变更",
    "不动产登记",
    "施工许可审批",
    "社保关系转移",
    "户口迁移",
    "食品经营许可",
    "加装电梯审批",
    "宅基地确权",
    "农民工工资拖欠",
    "发票申领",
    "居住证办理",
    "失业保险金申领",
    "医保异地备案",
    "学位申请",
    "低保认定",
    "占道施工",
    "噪音扰民",
    "路灯维修",
    "消防验收",
    "规划核实",
    "排污许可",
    "道路运输证",
    "林木采伐许可",
    "退役军人优待证",
]
PROBLEMS = [
    "多次被退回补正",
    "超期未办结",
    "部门之间互相推诿",
    "线上系统无法提交",
    "要求提供无法开具的证明",
    "无单位牵头",
    "材料反复提交",
    "窗口答复不一致",
]
PLACES = ["城关镇", "东湖镇", "西山乡", "南塘村", "北岭社区", "开发区", "滨江街道", "青石村"]
SURNAMES = "张王李刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜洋杰静磊敏涛霞刚丽超红斌燕军平辉强"
COMPLEXITY = (
    ("immediate", 0, 5),
    ("simple", 3, 30),
    ("normal", 7, 40),
    ("complex", 15, 20),
    ("hard", 30, 5),
)
CHANNELS = (("window", 50), ("phone", 30), ("online", 15), ("letter", 5))
RATINGS = (("satisfied", 70), ("basic", 18), ("unsatisfied", 7), ("", 5))


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([v for v, _ in table], weights=[w for _, w in table])[0]


def rows(count: int, seed: int = 2026) -> Iterator[dict[str, str]]:
    """``count`` case rows in opening order, as the cases CSV shape of SPEC §7."""
    rng = random.Random(seed)
    cal = Calendar()
    days = [FIRST_DAY + timedelta(days=i) for i in range((LAST_DAY - FIRST_DAY).days + 1)]
    workdays = [d for d in days if cal.is_workday(d)]
    limits = {name: limit for name, limit, _ in COMPLEXITY}
    due_cache: dict[tuple[date, int], date] = {}

    def due(start: date, limit: int) -> date:
        key = (start, limit)
        if key not in due_cache:
            due_cache[key] = cal.add_working_days(start, limit)[0]
        return due_cache[key]

    codes = [code for code, _ in DEPARTMENTS]
    numbers: dict[int, int] = {}
    for n in range(1, count + 1):
        opened_day = workdays[(n - 1) * len(workdays) // count]
        opened = datetime.combine(opened_day, time(8 + rng.randrange(9), rng.randrange(60)), TZ)
        complexity = rng.choices([c for c, _, _ in COMPLEXITY], [w for _, _, w in COMPLEXITY])[0]
        limit = limits[complexity]
        case_due = due(opened_day, limit)
        lead = rng.choice(codes)
        co = rng.sample([c for c in codes if c != lead], rng.choice((0, 0, 0, 1, 2)))
        pushbacks = rng.choices((0, 1, 2, 3), (80, 13, 5, 2))[0]
        age = (LAST_DAY - opened_day).days
        roll = rng.random()
        status = (
            "closed"
            if age > 45 or roll < 0.8
            else rng.choice(("in_progress",) * 6 + ("pending", "suspended"))
        )
        if status == "pending":
            lead, co = "", []
        escalation = "none"
        if pushbacks >= 2:
            escalation = "coordinate"
        elif rng.random() < 0.05:
            escalation = rng.choice(("urgent", "special", "supervise"))
        row = {name: "" for name in CASE_FIELDS}
        numbers[opened_day.year] = numbers.get(opened_day.year, 0) + 1
        row.update(
            id=f"{SITE}-{opened_day.year}-{numbers[opened_day.year]:06d}",
            status=status,
            summary=f"{rng.choice(PLACES)}{rng.choice(MATTERS)}{rng.choice(PROBLEMS)}",
            detail=f"反映人称{rng.choice(MATTERS)}事项已跑{rng.randrange(2, 9)}次，仍未办成。",
            reporter=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(("", GIVEN[n % 20])),
            phone=f"1{rng.choice('3456789')}{rng.randrange(10**8, 10**9)}",
            company=f"{rng.choice(PLACES)}{rng.choice(('农业', '建材', '物流', '餐饮'))}有限公司"
            if rng.random() < 0.3
            else "",
            category=rng.choice(MATTERS)[:2],
            channel=_weighted(rng, CHANNELS),
            complexity=complexity,
            opened_at=opened.isoformat(),
            lead_dept=lead,
            co_depts=";".join(co),
            escalation=escalation,
            due_date=case_due.isoformat(),
            due_provisional="false",
            dept_due_date=case_due.isoformat() if lead else "",
            extensions="0",
            pushbacks=str(pushbacks),
            reopened="0",
        )
        if status == "closed":
            taken = max(0, limit + rng.choice((-3, -2, -1, -1, 0, 0, 0, 1, 2, 5)))
            closed_day = min(due(opened_day, taken), LAST_DAY)
            closed = max(
                datetime.combine(closed_day, time(9 + rng.randrange(8), rng.randrange(60)), TZ),
                opened + timedelta(minutes=30),
            )
            result = rng.choices(("resolved", "explained", "withdrawn"), (78, 18, 4))[0]
            row.update(
                closed_at=closed.isoformat(),
                result=result,
                resolution="经协调相关部门，已办理完毕并告知反映人。",
                rating="" if result == "withdrawn" else _weighted(rng, RATINGS),
            )
        yield row


def write(path: Path, count: int, seed: int = 2026) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(CASE_FIELDS), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows(count, seed))


def main() -> None:
    count = int(sys.argv[1])
    write(Path(sys.argv[2]), count)


if __name__ == "__main__":
    main()
