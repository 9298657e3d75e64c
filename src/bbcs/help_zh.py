"""All of bbcs's help in Chinese, in this one catalogue.

The English help of a command is its docstring (or its group's ``help=``); when the
interface language is Chinese, ``bbcs.cli`` calls ``apply`` once, before typer
builds the commands. The examples stay as they are. The English help of an option
or argument is written beside it as ``help=option("...")``, which looks its Chinese
up in ``OPTIONS``. A command or option missing here keeps its English help, and
tests/test_cli_help.py says so.
"""

import typer

from bbcs.i18n import language
from bbcs.models import Labelled

# the whole ledger, and each group of commands
GROUPS = {
    "": "“办不成事”反映窗口事项台账。",
    "calendar": "工作日历：查看、计算、导入节假日安排。",
    "dept": "登记、查看、更名和停用承办单位。",
    "site": "登记和查看本台账的窗口（县、镇、村）。",
    "policy": "查看和设置政策参数。",
    "user": "登记和查看用户，更改角色，停用用户。",
    "report": "报表：日报、周报、月报、推诿统计、超期、案例汇总、办不成原因分析、夜间报表。",
}

# each command, by its full name under ``bbcs``
COMMANDS = {
    "init": "创建台账或设置站点代码。\n\n示例：bbcs init --site HX",
    "migrate": "升级旧版 bbcs 创建的台账（先在原位置备份）；或用 --to 将其复制到多台电脑共用的"
    " PostgreSQL 数据库。\n\n示例：bbcs migrate --to postgresql://dbhost/bbcs",
    "open": "受理登记新事项，输出编号和办结期限。\n\n"
    '示例：bbcs open "营业执照变更办不下来" --reporter 张三 --phone 13812345678 --dept SCJ',
    "assign": "将待交办事项交给牵头单位（可加协办单位）。\n\n示例：bbcs assign 42 ZJJ --co GTJ",
    "transfer": "窗口改派牵头单位（不计入任何单位的退回）。\n\n"
    '示例：bbcs transfer 42 GTJ --reason "属国土职责"',
    "pushback": "登记单位退回事项（计入该单位的退回次数）。\n\n"
    '示例：bbcs pushback 42 --from ZJJ --reason "不属本局职责" --to GTJ',
    "ruling": "审定最近一次退回：valid（交办有误）或 invalid（推诿）。\n\n"
    '示例：bbcs ruling 42 invalid --reason "属该局法定职责"',
    "accept": "签收：承办单位确认收到事项（部门人员默认本单位）。\n\n示例：bbcs accept 42 --dept ZJJ",
    "urge": "催办：登记窗口对承办单位的催办（电话、书面或上门）。\n\n"
    "示例：bbcs urge 42 --dept ZJJ --how written",
    "reply": "答复：牵头单位提交办理答复（待窗口审核），或协办单位提交协办意见。\n\n"
    '示例：bbcs reply 42 --result resolved --resolution "已修复"',
    "refer": "转办：将事项转交本台账的另一窗口（上级或下级），编号和对反映人的期限不变，"
    "原承办单位的办理结束（不计入任何单位），在接收窗口待交办。\n\n"
    '示例：bbcs refer 42 --to-site HX --reason "需县级部门协调"',
    "site add": "登记本台账的窗口：县级窗口下的镇、村窗口。\n\n"
    "示例：bbcs site add HXZ 花溪镇便民服务中心 --parent HX",
    "site list": "列出本台账的窗口，首个窗口在前。\n\n示例：bbcs site list",
    "report causes": "办不成原因分析（常态建设）：本期办结事项按原因、类别和牵头单位统计，"
    "同一原因、同一类别达 rules.pattern_threshold 件即标为类案，需从制度上解决（默认上月）。\n\n"
    "示例：bbcs report causes --month 2026-11",
    "link": "并单：将重复反映的事项并入原件，立即以“并单”办结，反映人随原件一并回访；"
    "督查人员可用 --undo 撤销错误的并单。\n\n"
    '示例：bbcs link 43 --to 41 --reason "同一事项再次反映"',
    "redo": '发回重办：窗口将已答复的事项退回牵头单位重新办理。\n\n示例：bbcs redo 42 --reason "答复不实"',
    "note": '为事项添加备注。\n\n示例：bbcs note 42 "已电话催办"',
    "close": "办结（销号）。\n\n示例：bbcs close 42 --result resolved --resolution 已办理",
    "review": "登记回访结果；已解决事项回访不满意将自动重办。\n\n示例：bbcs review 42 satisfied --solved yes",
    "reopen": '将已办结事项退回重办。\n\n示例：bbcs reopen 42 --reason "复核未解决"',
    "uphold": '对回访不满意的事项维持原结果。\n\n示例：bbcs uphold 42 --reason "依法答复"',
    "void": "作废：误登记或重复登记的事项，在任何单位办理之前作废（不计入任何统计，只计入“作废”数）。\n\n"
    '示例：bbcs void 42 --reason "重复登记，同 41"',
    "amend": '更正事项信息，原内容保留在记录中。\n\n示例：bbcs amend 42 --phone 13900001111 --reason "登记错误"',
    "escalate": '升级：加急办 < 协调办 < 特事特办 < 督办。\n\n示例：bbcs escalate 42 supervise --reason "群众多次反映"',
    "extend": "延期：两个期限同时顺延若干工作日（须在期限届满前）；部门人员提交延期申请，"
    '督查人员用 --approve 批准或 --deny 驳回。\n\n示例：bbcs extend 42 2 --reason "需现场勘验"',
    "suspend": '挂起：计时暂停。\n\n示例：bbcs suspend 42 --reason "等待鉴定"',
    "resume": "恢复：期限按挂起的工作日数顺延。\n\n示例：bbcs resume 42",
    "sweep": "巡检：记录新超期事项并自动升级（每晚运行，可重复运行）。\n\n示例：bbcs sweep",
    "show": "查看单个事项：各项信息、各单位承办时长和办理记录。\n\n示例：bbcs show 42",
    "list": "列出事项（按受理时间先后）。\n\n示例：bbcs list --dept ZJJ --warning red",
    "search": "按摘要、详情、办理情况、备注、反映人、企业名称或电话号码查找；"
    "以空格分隔的几个词须全部出现，电话号码输入后四位即可（结果中电话仍打码）。\n\n"
    "示例：bbcs search '营业 执照'（反映人：bbcs search 张伟；电话：bbcs search 5678）",
    "callback": "回访清单：列出待回访和有争议的已办结事项及反映人的完整电话（记入审计日志）。\n\n"
    "示例：bbcs callback",
    "demo": "生成演示台账（某县窗口两个月的事项）并显示；不会写入正式台账。\n\n示例：bbcs demo",
    "export": "将事项（加 --events 则为全部办理记录）写入 Excel 可打开的 CSV 文件。\n\n"
    "示例：bbcs export cases.csv --from 2026-01-01 --headers zh",
    "import": "导入事项表或办理记录 CSV 文件：全部校验通过才写入，否则不写入任何内容。\n\n"
    "示例：bbcs import cases.csv --dry-run",
    "verify": "校验每条记录、两条哈希链、每件事项、各登记表和文件本身，并指出第一处问题。\n\n"
    "示例：bbcs verify --head 1200:3f5a...",
    "audit": "查看审计日志：谁在何时显示完整电话号码、导出办理记录或登记用户。\n\n"
    "示例：bbcs audit --json",
    "print": "打印交办单、催办通知书、督办通知书或办理情况反馈单（一个 .docx 文件，每件一页）。\n\n"
    "示例：bbcs print 42 --form assign",
    "schema": "输出 --json 所写文档（事项、办理记录、报表）的 JSON Schema，供其他系统校验。\n\n"
    "示例：bbcs schema case > case.schema.json",
    "backup": "在他人写入时安全地复制台账（SQLite 在线备份）。\n\n示例：bbcs backup /srv/backup/bbcs/",
    "user add": "登记用户及其角色；第一个用户必须是管理员。\n\n"
    "示例：bbcs user add wang --role dept --dept ZJJ",
    "user list": "列出已登记的用户及其角色。\n\n示例：bbcs user list",
    "dept add": "登记承办单位。\n\n示例：bbcs dept add ZJJ 住建局",
    "dept rename": "单位更名：代码、事项和统计数据不变。\n\n示例：bbcs dept rename ZJJ 住房和城乡建设局",
    "dept retire": "停用单位（如登记错误或已撤并）：不再接收新事项，历史记录和报表中保留。\n\n"
    "示例：bbcs dept retire ZRJ",
    "user role": "更改用户角色（记入审计日志）。\n\n示例：bbcs user role wang supervisor",
    "user retire": "停用已离岗的用户：不能再修改台账，其办理记录保留（记入审计日志）。\n\n"
    "示例：bbcs user retire wang",
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


# each option's and argument's help, by its English text
OPTIONS = {
    "Cases to print, one page each.": "要打印的事项编号，每件一页。",
    "assign (交办单), urge (催办通知书), supervise (督办通知书) or reply (反馈单).": (
        "单据：assign（交办单）、urge（催办通知书）、supervise（督办通知书）或 reply（办理情况反馈单）。"
    ),
    "With --overdue or --unaccepted: a department's batch.": (
        "与 --overdue 或 --unaccepted 一起用：批量打印该单位的单据。"
    ),
    "Every open case of --dept past its due date.": "--dept 所指单位的全部超期未结事项。",
    "Every case --dept holds and has not signed for.": "--dept 所指单位承办但尚未签收的全部事项。",
    "How it came in.": "受理渠道。",
    "How hard it is; sets the time limit.": "复杂程度，决定办理时限。",
    "The ruling.": "审定结论。",
    "How it ended.": "办结结果。",
    "What the reporter said when called back.": "回访结果。",
    "The level to raise it to.": "升级到的级别。",
    "Only cases in this status.": "只列出该状态的事项。",
    "Only cases at this level.": "只列出该升级级别的事项。",
    "Only cases at this warning level.": "只列出该预警级别的事项。",
    "The user's role.": "用户角色。",
    "New phone number.": "新的联系电话。",
    "New reporter.": "新的反映人。",
    "New company.": "新的企业名称。",
    "New category.": "新的类别。",
    "New summary.": "新的事项摘要。",
    "New detail.": "新的详情。",
    "New complexity; re-dates the case.": "新的复杂程度；期限随之重算。",
    "Opened on or after this day.": "受理日期不早于该日。",
    "Opened on or before this day.": "受理日期不晚于该日。",
    "At most this many cases.": "最多列出的事项数。",
    "A month (YYYY-MM) or a year (YYYY); default this month.": "月份（YYYY-MM）或年份（YYYY），默认本月。",
    "First day.": "起始日期。",
    "Last day.": "结束日期。",
    "table, json, csv, md, html or xlsx.": "输出格式：table（终端表格）、json、csv、md（Markdown）、html 或 xlsx。",
    "A cases or events CSV file.": "事项表或办理记录 CSV 文件。",
    "A chain head N:HASH from an old report; the chain must still pass through it.": "旧报表上的链头 N:HASH；哈希链须仍经过它。",
    "A day off.": "设为休息日。",
    "A dept user's department.": "部门人员所在单位。",
    "A pushback awaits a ruling.": "有待审定的退回。",
    "A record chain head N:HASH from an earlier verify; the chain must still pass through it.": "此前校验输出的登记链头 N:HASH；登记链须仍经过它。",
    "A working day.": "设为工作日。",
    "Any text, one character or more.": "任意文字，一个字即可。",
    "As of the end of this day (default today).": "截至该日（默认今天）。",
    "At most this many (default 50 on a terminal).": "最多显示条数（终端默认 50）。",
    "CSV file: date,kind,name.": "CSV 文件：date,kind,name。",
    "Case id, e.g. BB-2026-000042 or 42.": "事项编号，如 BB-2026-000042 或 42。",
    "Cases opened on or after this day.": "受理日期不早于该日。",
    "Cases opened on or before this day.": "受理日期不晚于该日。",
    "Category.": "类别。",
    "Check the file and say what would be added.": "只检查文件，报告将导入的内容。",
    "Co-department (repeat).": "协办单位（可重复）。",
    "Site code, e.g. HXZ.": "窗口代码，如 HXZ。",
    "Only the cases held at this window.": "只列出该窗口的事项。",
    "The window a level up.": "上一级窗口。",
    "The window it goes to (code or name).": "接收窗口（代码或名称）。",
    "The window the user works at (default: the ledger's first site).": "用户所在窗口（默认：台账的首个窗口）。",
    "Only the cases of this window (default: your own on a ledger of several).": "只统计该窗口的事项（多窗口台账默认：本人所在窗口）。",
    "The case it repeats (the master).": "重复反映的原件（并入的事项）。",
    "Undo a wrong link (supervisor).": "撤销错误的并单（督查人员）。",
    "Column names: en or zh.": "表头语言：en 或 zh。",
    "Company name.": "企业名称。",
    "Dotted key, e.g. limits.simple.": "参数名，如 limits.simple。",
    "File to write, or a folder to put a dated copy in.": "备份文件，或存放带日期备份的文件夹。",
    "First day of the period (to today if --to is absent).": "期间第一天（无 --to 时到今天）。",
    "Folder for the report files.": "报表文件目录。",
    "Full account.": "详细情况。",
    "Full name.": "单位全称。",
    "Hand it onward to this department.": "转给该单位。",
    "ISO week, e.g. 2026-W47.": "ISO 周，如 2026-W47。",
    "Last day of the period.": "期间最后一天。",
    "Lead department.": "牵头单位。",
    "Lead department: assign at once.": "牵头单位（登记即交办）。",
    "Lead or co-department.": "牵头或协办单位。",
    "Copy this SQLite ledger into an empty PostgreSQL database (postgresql://…).": (
        "将此 SQLite 台账复制到空的 PostgreSQL 数据库（postgresql://…）。"
    ),
    "Ledger file or postgresql:// URL (else $BBCS_DB, else the data folder).": (
        "台账文件或 postgresql:// 地址（默认 $BBCS_DB 或数据目录）。"
    ),
    "Login or chosen name.": "用户名。",
    "Lower a mistaken level.": "更正错误的级别（降级）。",
    "Month, e.g. 2026-11.": "月份，如 2026-11。",
    "New lead department.": "新牵头单位。",
    "New value.": "新值。",
    "Open cases past due.": "已超期的在办事项。",
    "Open, not overdue, N or fewer working days left.": "未超期且剩余不超过 N 个工作日。",
    "Overwrite an existing demo ledger.": "覆盖已有的演示台账。",
    "Parent department.": "上级单位。",
    "Phone number.": "联系电话。",
    "Print one JSON document.": "输出 JSON。",
    "Print the id alone.": "只输出编号。",
    "Print the version.": "显示版本号。",
    "Registration date.": "受理日期。",
    "Reprint the report as it was published.": "原样重印已发布的报表。",
    "Add to each department the cases behind each figure that counts cases.": "为每个单位附上各计数指标对应的事项。",
    "With --figure: the department whose cases to list.": "与 --figure 同用：要列出事项的单位。",
    "List the cases behind this figure of --dept, e.g. accept_late.": "列出 --dept 该项指标对应的事项，如 accept_late。",
    "Short code, e.g. ZJJ.": "单位代码，如 ZJJ。",
    "Show tracebacks.": "显示错误的完整调用栈。",
    "Site code handed out by the county (default BB).": "县里分配的站点代码（默认 BB）。",
    "Store the report as issued, with the ledger's chain head.": "发布：保存本报表及台账链头，供日后原样重印。",
    "The CSV file to write.": "要写入的 CSV 文件。",
    "The call-back worklist.": "待回访清单。",
    "The date.": "日期。",
    "The day (default today).": "日期（默认今天）。",
    "The day, for a late run (default today).": "日期（补跑时用，默认今天）。",
    "The department pushing back.": "退回单位。",
    "Approve the open extension request.": "批准待答复的延期申请。",
    "Deny the open extension request (with --reason).": "不批准待答复的延期申请（须 --reason）。",
    "An extension request awaits a supervisor.": "有待审批的延期申请。",
    "The department replying (default: your own, else the lead).": "答复单位（默认本单位，否则牵头单位）。",
    "How it ended (default: the reply's).": "办理结果（默认沿用答复）。",
    "What was done (default: the reply's).": "办理情况（默认沿用答复）。",
    "Why it could not get done through the normal channel (常态建设): a code or label "
    "of the policy list causes (policy show), e.g. no_policy or 政策空白; a close "
    "takes the reply's by default.": "办不成原因（常态建设）：政策参数 causes 中的代码或名称"
    "（见 policy show），如 no_policy 或 政策空白；办结时默认沿用答复的原因。",
    "Urged (催办) and not yet closed.": "已催办且尚未办结。",
    "The department chased (default: the lead).": "催办单位（默认牵头单位）。",
    "How the window chased it.": "催办方式。",
    "What was said or sent.": "催办内容。",
    "Whether the matter was solved.": "问题是否解决。",
    "A department has not signed for it (催签).": "有单位尚未签收（催签清单）。",
    "The department signing (default: your own).": "签收单位（默认本单位）。",
    "The note.": "备注内容。",
    "The remit or rule cited.": "所依据的职责或规定。",
    "What the matter is, in a line.": "事项摘要。",
    "What the reporter said.": "反映人意见。",
    "What was done.": "办理情况。",
    "When it happened, for a paper form entered late.": "实际发生时间（补录纸质单据时用）。",
    "Who reported it.": "反映人。",
    "Why, e.g. 台风停工.": "名称，如“台风停工”。",
    "Why.": "理由。",
    "Working days to add.": "延长的工作日数。",
    "Working days, or a complexity.": "工作日数或复杂程度。",
    "Write the full event log (the true ledger) instead of one row per case.": "导出完整的办理记录（真正的台账），而不是每件事项一行。",
    "Write to this file.": "写入该文件。",
    "Write whole phone numbers (recorded in the audit log).": "导出完整电话号码（记入审计日志）。",
    "case (list, search and show), event, or report.": "case（list、search、show 的事项）、event（办理记录）或 report（报表）。",
    # ---- at the clerk's desk, the ledger half (issue 13)
    "Publish a period already published again, keeping every version (needs --reason).": "重新发布已发布期间的报表，各版本均保留（须加 --reason）。",
    "Why the report is published again.": "重新发布的理由。",
    "The new full name.": "新的单位全称。",
    "With --published: this version (from 1) instead of the latest.": "与 --published 同用：重印第 N 版（从 1 起），而非最新版。",
}


def option(en: str) -> str:
    """An option's or argument's help in the interface language (its English text names it)."""
    return OPTIONS.get(en, en) if language() == "zh" else en


def choices(en: str, values: type[Labelled], *, but: tuple[Labelled, ...] = ()) -> str:
    """An option's help followed by the values it takes (all of ``values`` but ``but``),
    each with its Chinese label."""
    taken = [v for v in values if v not in but]
    if language() == "zh":
        listed = "、".join(f"{v.value}（{v.zh}）" for v in taken)
        return f"{OPTIONS.get(en, en).rstrip('。')}：{listed}。"
    return f"{en.rstrip('.')}: {', '.join(v.value for v in taken)}."


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
