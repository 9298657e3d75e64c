"""Every command's and group's help in Chinese, in one catalogue applied in one place.

The English help is each command's docstring (or its group's ``help=``); when the
interface language is Chinese, ``bbcs.cli`` calls ``apply`` once, before typer
builds the commands. The examples stay as they are. A command missing here keeps
its English help, and tests/test_cli_help.py says so.
"""

import typer

# the whole ledger, and each group of commands
GROUPS = {
    "": "“办不成事”反映窗口事项台账。",
    "calendar": "工作日历：查看、计算、导入节假日安排。",
    "dept": "登记和查看承办单位。",
    "policy": "查看和设置政策参数。",
    "user": "登记和查看用户及角色。",
    "report": "报表：日报、周报、月报、推诿统计、超期、案例汇总、夜间报表。",
}

# each command, by its full name under ``bbcs``
COMMANDS = {
    "init": "创建台账或设置站点代码。\n\n示例：bbcs init --site HX",
    "migrate": "升级旧版 bbcs 创建的台账（先在原位置备份）。\n\n示例：bbcs migrate",
    "open": "受理登记新事项，输出编号和办结期限。\n\n"
    '示例：bbcs open "营业执照变更办不下来" --reporter 张三 --phone 13812345678 --dept SCJ',
    "assign": "将待交办事项交给牵头单位（可加协办单位）。\n\n示例：bbcs assign 42 ZJJ --co GTJ",
    "transfer": "窗口改派牵头单位（不计入任何单位的退回）。\n\n"
    '示例：bbcs transfer 42 GTJ --reason "属国土职责"',
    "pushback": "登记单位退回事项（计入该单位的退回次数）。\n\n"
    '示例：bbcs pushback 42 --from ZJJ --reason "不属本局职责" --to GTJ',
    "ruling": "审定最近一次退回：valid（交办有误）或 invalid（推诿）。\n\n"
    '示例：bbcs ruling 42 invalid --reason "属该局法定职责"',
    "note": '为事项添加备注。\n\n示例：bbcs note 42 "已电话催办"',
    "close": "办结（销号）。\n\n示例：bbcs close 42 --result resolved --resolution 已办理",
    "review": "登记回访结果；已解决事项回访不满意将自动重办。\n\n示例：bbcs review 42 satisfied",
    "reopen": '将已办结事项退回重办。\n\n示例：bbcs reopen 42 --reason "复核未解决"',
    "uphold": '对回访不满意的事项维持原结果。\n\n示例：bbcs uphold 42 --reason "依法答复"',
    "amend": '更正事项信息，原内容保留在记录中。\n\n示例：bbcs amend 42 --phone 13900001111 --reason "登记错误"',
    "escalate": '升级：加急办 < 协调办 < 特事特办 < 督办。\n\n示例：bbcs escalate 42 supervise --reason "群众多次反映"',
    "extend": '延期：两个期限同时顺延若干工作日（须在期限届满前）。\n\n示例：bbcs extend 42 2 --reason "需现场勘验"',
    "suspend": '挂起：计时暂停。\n\n示例：bbcs suspend 42 --reason "等待鉴定"',
    "resume": "恢复：期限按挂起的工作日数顺延。\n\n示例：bbcs resume 42",
    "sweep": "巡检：记录新超期事项并自动升级（每晚运行，可重复运行）。\n\n示例：bbcs sweep",
    "show": "查看单个事项：各项信息、各单位承办时长和办理记录。\n\n示例：bbcs show 42",
    "list": "列出事项（按受理时间先后）。\n\n示例：bbcs list --dept ZJJ --warning red",
    "search": "按摘要、详情、办理情况和备注全文查找。\n\n示例：bbcs search 营业执照",
    "demo": "生成演示台账（某县窗口两个月的事项）并显示；不会写入正式台账。\n\n示例：bbcs demo",
    "export": "将事项（加 --events 则为全部办理记录）写入 Excel 可打开的 CSV 文件。\n\n"
    "示例：bbcs export cases.csv --from 2026-01-01 --headers zh",
    "import": "导入事项表或办理记录 CSV 文件：全部校验通过才写入，否则不写入任何内容。\n\n"
    "示例：bbcs import cases.csv --dry-run",
    "verify": "校验每条记录、两条哈希链、每件事项、各登记表和文件本身，并指出第一处问题。\n\n"
    "示例：bbcs verify --head 1200:3f5a...",
    "audit": "查看审计日志：谁在何时显示完整电话号码、导出办理记录或登记用户。\n\n"
    "示例：bbcs audit --json",
    "schema": "输出 --json 所写文档（事项、办理记录、报表）的 JSON Schema，供其他系统校验。\n\n"
    "示例：bbcs schema case > case.schema.json",
    "backup": "在他人写入时安全地复制台账（SQLite 在线备份）。\n\n示例：bbcs backup /srv/backup/bbcs/",
    "user add": "登记用户及其角色；第一个用户必须是管理员。\n\n"
    "示例：bbcs user add wang --role dept --dept ZJJ",
    "user list": "列出已登记的用户及其角色。\n\n示例：bbcs user list",
    "dept add": "登记承办单位。\n\n示例：bbcs dept add ZJJ 住建局",
    "dept list": "列出已登记的承办单位。\n\n示例：bbcs dept list",
    "policy show": "查看现行政策参数。\n\n示例：bbcs policy show",
    "policy set": "设置政策参数（自即日起生效，不改变已有事项的期限）。\n\n"
    "示例：bbcs policy set limits.simple 5",
    "calendar show": "查看某月（或某年）日历，标出节假日和调休上班日。\n\n示例：bbcs calendar show 2026-10",
    "calendar due": "计算某日之后若干工作日（或某复杂程度）的期限。\n\n"
    "示例：bbcs calendar due 2026-09-30 simple",
    "calendar workdays": "计算两日之间的工作日数（不含起日，含止日）。\n\n"
    "示例：bbcs calendar workdays 2026-09-30 2026-10-12",
    "calendar add": "将某日设为休息日或工作日，相关事项的期限随之重算。\n\n"
    "示例：bbcs calendar add 2026-09-15 台风停工 --holiday",
    "calendar import": "导入节假日安排（CSV：date,kind,name），暂定期限随之重算。\n\n"
    "示例：bbcs calendar import 2027.csv",
    "calendar check": "如在办事项期限所涉年份缺少节假日安排，则以状态 1 退出（供定时任务检查）。\n\n"
    "示例：bbcs calendar check",
    "report daily": "按单位统计一天的办理情况（日报）。\n\n示例：bbcs report daily --date 2026-11-20",
    "report weekly": "周排名：按单位统计一周（默认上一个完整周），含环比。\n\n示例：bbcs report weekly --week 2026-W47 --publish",
    "report monthly": "月排名：按单位统计一个月（默认上一个完整月），含环比。\n\n示例：bbcs report monthly --month 2026-11 --format html -o 2026-11.html",
    "report pushback": "推诿统计：哪个单位把多少事项退给了谁（默认上一个完整周）。\n\n示例：bbcs report pushback --from 2026-11-01 --to 2026-11-30",
    "report overdue": "列出已超期的待交办和办理中事项，超期最久的在前。\n\n示例：bbcs report overdue --format csv -o overdue.csv",
    "report casebook": "案例汇总：按类别列出期间内办结的事项（默认上一个完整月）。\n\n示例：bbcs report casebook --month 2026-10 --format md",
    "report nightly": "夜间报表：先巡检，再把当天日报以各种格式写入 DIR/YYYY-MM-DD.*。\n\n示例（crontab）：50 23 * * * bbcs report nightly --out /srv/bbcs/reports",
}


def apply(app: typer.Typer, prefix: str = "") -> None:
    """Put the Chinese help on ``app``, its commands and, recursively, its groups."""
    if GROUPS.get(prefix.strip()):
        app.info.help = GROUPS[prefix.strip()]
    for info in app.registered_commands:
        name = info.name or (info.callback.__name__.rstrip("_") if info.callback else "")
        if COMMANDS.get(prefix + name):
            info.help = COMMANDS[prefix + name]
    for group in app.registered_groups:
        if group.typer_instance is not None:
            apply(group.typer_instance, f"{prefix}{group.name} ")
