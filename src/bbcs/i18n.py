"""The message catalogue: every sentence bbcs says, in English and in Chinese.

The interface language is Chinese when ``BBCS_LANG`` (or else ``LANG``) starts
with ``zh``, English otherwise. JSON keys and CSV machine columns stay English.
"""

from __future__ import annotations

import os
from typing import Any


def language() -> str:
    chosen = os.environ.get("BBCS_LANG") or os.environ.get("LANG") or ""
    return "zh" if chosen.lower().startswith("zh") else "en"


def t(key: str, /, **params: Any) -> str:
    """The sentence ``key`` in the interface language, with ``params`` filled in."""
    zh = language() == "zh"
    en_text, zh_text = MESSAGES.get(key, (key, key))
    shown = {name: _shown(value, zh) for name, value in params.items()}
    return (zh_text if zh else en_text).format(**shown)


def label(value: Any) -> str:
    """The label of an enum member, or a field's name, in the interface language."""
    return _shown(value, language() == "zh")


def _shown(value: Any, zh: bool) -> str:
    if hasattr(value, "zh") and hasattr(value, "en"):
        return str(value.zh if zh else value.en)
    if isinstance(value, str) and value in FIELDS:
        return FIELDS[value][1] if zh else FIELDS[value][0]
    return str(value)


# field names as a clerk knows them (also the Chinese CSV headers)
FIELDS: dict[str, tuple[str, str]] = {
    "id": ("id", "编号"),
    "status": ("status", "状态"),
    "summary": ("summary", "事项摘要"),
    "detail": ("detail", "详情"),
    "reporter": ("reporter", "反映人"),
    "phone": ("phone", "联系电话"),
    "company": ("company", "企业名称"),
    "category": ("category", "类别"),
    "channel": ("channel", "渠道"),
    "complexity": ("complexity", "复杂程度"),
    "opened_at": ("opened_at", "受理时间"),
    "lead_dept": ("lead_dept", "牵头单位"),
    "co_depts": ("co_depts", "协办单位"),
    "escalation": ("escalation", "升级级别"),
    "due_date": ("due_date", "办结期限"),
    "due_provisional": ("due_provisional", "期限待定"),
    "dept_due_date": ("dept_due_date", "部门期限"),
    "extensions": ("extensions", "延期次数"),
    "pushbacks": ("pushbacks", "退回次数"),
    "reopened": ("reopened", "重办次数"),
    "closed_at": ("closed_at", "办结时间"),
    "result": ("result", "办理结果"),
    "resolution": ("resolution", "办理情况"),
    "rating": ("rating", "满意度"),
    "warning": ("warning", "预警"),
    "working_days_left": ("working days left", "剩余工作日"),
    "working_days_taken": ("working days taken", "已用工作日"),
    "on_time": ("on time", "按时办结"),
    "reason": ("reason", "理由"),
    "basis": ("basis", "依据"),
    "comment": ("comment", "评价意见"),
    "note": ("note", "备注"),
    "name": ("name", "名称"),
    "ruling": ("ruling", "审定"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    # ledger file
    "ledger.missing": (
        "there is no ledger at {path}; run 'bbcs init' or a command that writes to create it",
        "{path} 处没有台账；请先运行 'bbcs init' 或任一登记命令创建台账",
    ),
    "ledger.not_sqlite": (
        "{path} is not a bbcs ledger (not an SQLite database)",
        "{path} 不是 bbcs 台账（不是 SQLite 数据库）",
    ),
    "ledger.not_bbcs": (
        "{path} is an SQLite database but not a bbcs ledger",
        "{path} 是 SQLite 数据库，但不是 bbcs 台账",
    ),
    "ledger.newer": (
        "the ledger {path} was made by a newer bbcs (schema {version}); upgrade bbcs",
        "台账 {path} 由更新版本的 bbcs 创建（结构版本 {version}），请升级 bbcs",
    ),
    "ledger.older": (
        "the ledger {path} was made by an older bbcs (schema {version}); run 'bbcs migrate'",
        "台账 {path} 由旧版 bbcs 创建（结构版本 {version}），请先运行 'bbcs migrate'",
    ),
    "ledger.cannot_create": (
        "cannot create the ledger {path}: {reason}",
        "无法创建台账 {path}：{reason}",
    ),
    # time
    "time.bad_zone": ("unknown time zone {zone} in BBCS_TZ", "BBCS_TZ 中的时区 {zone} 无法识别"),
    "time.bad_now": (
        "BBCS_NOW is not a date-time: {value}",
        "BBCS_NOW 不是有效的日期时间：{value}",
    ),
    "time.bad_datetime": (
        "{value} is not a date or date-time (try 2026-09-30 or 2026-09-30 14:30)",
        "{value} 不是有效的日期或时间（例如 2026-09-30 或 2026-09-30 14:30）",
    ),
    "time.future": (
        "the time {at} lies in the future (now is {now})",
        "时间 {at} 晚于当前时间 {now}",
    ),
    "time.before_last": (
        "case {case} already has an entry at {last}; an entry at {at} cannot come before it",
        "事项 {case} 已有 {last} 的记录，不能补录更早的 {at}",
    ),
    # fields
    "field.empty": ("{field} must not be empty", "{field}不能为空"),
    "field.too_long": (
        "{field} is {length} characters long; at most {limit} are allowed",
        "{field}长 {length} 个字符，最多允许 {limit} 个",
    ),
    "field.control": (
        "{field} contains a control character",
        "{field}含有控制字符",
    ),
    "field.phone": (
        "{value} is not a phone number (digits, spaces, + and - only)",
        "{value} 不是有效的电话号码（只能包含数字、空格、+ 和 -）",
    ),
    "field.choice": (
        "{value} is not a valid {field}; choose one of: {choices}",
        "“{value}”不是有效的{field}；可选：{choices}",
    ),
    "site.bad_code": (
        "{code} is not a site code (a capital letter, then up to 9 capitals or digits)",
        "{code} 不是有效的站点代码（大写字母开头，其后最多 9 个大写字母或数字）",
    ),
    "site.has_cases": (
        "the site code {site} cannot change: the ledger already has cases",
        "台账已有事项，站点代码 {site} 不能再更改",
    ),
    # departments
    "dept.bad_code": (
        "{code} is not a department code (letters, digits, - and _, up to 20; not WINDOW)",
        "{code} 不是有效的单位代码（字母、数字、- 和 _，最多 20 个；不能为 WINDOW）",
    ),
    "dept.exists": (
        "department {code} or the name {name} is already registered",
        "单位代码 {code} 或名称“{name}”已登记",
    ),
    "dept.unknown": (
        "department {dept} is not registered (see 'bbcs dept list')",
        "单位 {dept} 未登记（见 'bbcs dept list'）",
    ),
    "dept.unknown_suggest": (
        "department {dept} is not registered; did you mean {suggestion}?",
        "单位 {dept} 未登记；您是否要找 {suggestion}？",
    ),
    # cases
    "case.bad_id": (
        "{case} is not a case id (like BB-2026-000042, or 42 for this year's)",
        "{case} 不是有效的事项编号（如 BB-2026-000042，或本年度的 42）",
    ),
    "case.not_found": ("case {case} does not exist", "事项 {case} 不存在"),
    "status.hint_closed": (
        "case {case} is closed; reopen it first",
        "事项 {case} 已办结；请先重办",
    ),
    "status.hint_suspended": (
        "case {case} is suspended; resume it first",
        "事项 {case} 已挂起；请先恢复",
    ),
    "status.hint_pending": (
        "case {case} is pending; assign it to a department first",
        "事项 {case} 待交办；请先交办给单位",
    ),
    "status.hint_in_progress": (
        "case {case} is in progress; {command} does not apply to it",
        "事项 {case} 正在办理中，不能执行 {command}",
    ),
    "status.hint_assigned": (
        "case {case} is already in progress with a lead department; use transfer to change it",
        "事项 {case} 已交办并在办理中；如需更换牵头单位请用 transfer 改派",
    ),
    "close.pending_not_immediate": (
        "case {case} is pending; only an immediate (即办) case closes at the window without a department",
        "事项 {case} 待交办；只有即办事项可以不交办直接在窗口办结",
    ),
    "review.withdrawn": (
        "case {case} was withdrawn; a withdrawn case is not reviewed",
        "事项 {case} 已撤回，撤回的事项不回访",
    ),
    "review.done": (
        "case {case} has already been reviewed since it was closed",
        "事项 {case} 本次办结后已回访",
    ),
    "reopen.withdrawn": (
        "case {case} was withdrawn by the reporter; open a new case instead",
        "事项 {case} 已由反映人撤回；请重新登记新事项",
    ),
    "uphold.not_disputed": (
        "case {case} has no disputed review to uphold",
        "事项 {case} 没有待裁定的不满意回访",
    ),
    "assign.co_without_lead": (
        "co-departments need a lead department (--dept)",
        "指定协办单位前须先指定牵头单位（--dept）",
    ),
    "transfer.same_lead": (
        "department {dept} already leads case {case}",
        "单位 {dept} 已是事项 {case} 的牵头单位",
    ),
    "pushback.need_from": (
        "name the department that pushes case {case} back with --from",
        "请用 --from 指明退回事项 {case} 的单位",
    ),
    "pushback.not_holder": (
        "department {dept} does not hold case {case}, so it cannot push it back",
        "单位 {dept} 未承办事项 {case}，不能退回",
    ),
    "pushback.already_holds": (
        "department {dept} already holds case {case}",
        "单位 {dept} 已在承办事项 {case}",
    ),
    "ruling.none": (
        "case {case} has no pushback awaiting a ruling",
        "事项 {case} 没有待审定的退回",
    ),
    "amend.nothing": (
        "say what to correct in case {case} (--phone, --reporter, --summary, …)",
        "请指明事项 {case} 要更正的内容（--phone、--reporter、--summary 等）",
    ),
    "amend.unchanged": (
        "the corrections to case {case} are what it already says",
        "事项 {case} 的更正内容与现有内容相同",
    ),
    "amend.field": ("{field} cannot be amended", "{field} 不能更正"),
    # policy
    "policy.unknown_key": (
        "{key} is not a policy key; known keys: {keys}",
        "{key} 不是政策参数；可用参数：{keys}",
    ),
    "policy.bad_bool": (
        "{key} takes true or false, not {value}",
        "{key} 只能为 true 或 false，不能为 {value}",
    ),
    "policy.bad_int": ("{key} takes a whole number, not {value}", "{key} 须为整数，不能为 {value}"),
    "policy.bad_number": ("{key} takes a number, not {value}", "{key} 须为数字，不能为 {value}"),
    "policy.out_of_range": (
        "{key} must lie between {low} and {high}, not {value}",
        "{key} 须在 {low} 到 {high} 之间，不能为 {value}",
    ),
    # identity
    "actor.system": (
        "the user name 'system' is reserved for automatic entries; set BBCS_USER to your own name",
        "用户名 system 保留给系统自动记录；请将 BBCS_USER 设为您自己的名字",
    ),
    "ledger.sqlite_error": ("the ledger could not be used: {reason}", "台账无法使用：{reason}"),
    "list.bad_limit": (
        "--limit must be 1 or more, not {limit}",
        "--limit 须不小于 1，不能为 {limit}",
    ),
    "list.bad_due_within": (
        "--due-within must be 0 or more, not {days}",
        "--due-within 须不小于 0，不能为 {days}",
    ),
    # output
    "out.opened": ("Opened {case}, due {due}", "已登记 {case}，办结期限 {due}"),
    "out.provisional": (
        "the due date is provisional: the holiday schedule of {year} is not loaded yet",
        "办结期限为暂定：{year} 年的节假日安排尚未导入",
    ),
    "out.dept_due": ("{dept} due {due}", "{dept} 部门期限 {due}"),
    "out.done": ("{case}: {status}", "{case}：{status}"),
    "out.reopened": (
        "{case} was reopened after an unsatisfied review; due {due}",
        "{case} 因回访不满意已重办，新期限 {due}",
    ),
    "out.escalated": ("{case} is now {level}", "{case} 已升级为 {level}"),
    "out.site": ("Site code: {site}; ledger {path}", "站点代码：{site}；台账 {path}"),
    "out.dept_added": ("Registered department {code} {name}", "已登记单位 {code} {name}"),
    "out.no_cases": ("No cases.", "没有符合条件的事项。"),
    "out.more": (
        "… {shown} of {total} shown; use --limit",
        "… 共 {total} 件，显示 {shown} 件；可用 --limit",
    ),
    "out.policy_set": ("{key} = {value}", "{key} = {value}"),
    "col.case": ("Case", "编号"),
    "col.warning": ("Warning", "预警"),
    "col.due": ("Due", "期限"),
    "col.left": ("Days left", "剩余"),
    "col.lead": ("Lead", "牵头"),
    "col.summary": ("Summary", "事项摘要"),
    "col.status": ("Status", "状态"),
    "col.escalation": ("Level", "级别"),
    "col.code": ("Code", "代码"),
    "col.name": ("Name", "名称"),
    "col.parent": ("Parent", "上级"),
    "col.dept": ("Department", "单位"),
    "col.role": ("Role", "角色"),
    "col.from": ("From", "起"),
    "col.to": ("To", "止"),
    "col.days": ("Working days", "工作日"),
    "col.ended": ("Ended", "结果"),
    "col.when": ("When", "时间"),
    "col.who": ("Who", "经办人"),
    "col.event": ("Event", "事件"),
    "col.details": ("Details", "内容"),
    "col.key": ("Key", "参数"),
    "col.value": ("Value", "值"),
    "role.lead": ("lead", "牵头"),
    "role.co": ("co", "协办"),
    "show.timeline": ("Who held it", "承办经过"),
    "show.events": ("Events", "办理记录"),
    "show.superseded": ("superseded", "已失效"),
    "show.disputed": ("disputed review", "回访不满意待裁定"),
    "title.cases": ("Cases", "事项"),
    "title.depts": ("Departments", "单位"),
    "title.policy": ("Policy", "政策参数"),
    # --- rules: escalation, extension, suspension, calendar, sweep (issue 3)
    # --- reports (issue 4)
    "report.kind.daily": ("Daily report", "日报"),
    "report.kind.weekly": ("Weekly report", "周报"),
    "report.kind.monthly": ("Monthly report", "月报"),
    "report.kind.pushback": ("Pushback report", "推诿退单统计"),
    "report.kind.overdue": ("Overdue cases", "超期事项"),
    "report.kind.casebook": ("Casebook", "案例汇总"),
    "report.period": ("{first} to {last}", "{first} 至 {last}"),
    "report.as_of": ("as of the end of {day}", "截至 {day} 日终"),
    "report.compared": (
        "changes against {first} to {last} in brackets",
        "括号内为与 {first} 至 {last} 相比的变化（环比）",
    ),
    "report.departments": ("Departments", "各单位情况"),
    "report.totals": ("Window totals", "窗口合计"),
    "report.red_list": ("Red list", "红榜"),
    "report.black_list": ("Black list", "黑榜"),
    "report.none": ("none", "无"),
    "report.head": ("Ledger chain head: {head}", "台账链头：{head}"),
    "report.matrix": ("Who pushed cases onto whom", "退回去向"),
    "report.window": ("window", "窗口"),
    "report.by_day": ("Cases opened and closed per day", "每日受理与办结"),
    "report.chart_on_time": ("On-time rate by department", "各单位按时办结率"),
    "report.chart_pushbacks": ("Pushbacks charged by department", "各单位计入推诿次数"),
    "report.chart_overdue": ("Overdue cases by lead department", "各牵头单位超期事项"),
    "report.no_category": ("(no category)", "（未分类）"),
    "report.no_overdue": ("No case is overdue.", "没有超期事项。"),
    "report.no_cases": ("No case was closed in the period.", "本期没有办结事项。"),
    "report.figure": ("Figure", "指标"),
    "report.value": ("Value", "数值"),
    "report.change": ("Change", "环比"),
    "report.rule": ("Rule", "依据"),
    "report.cases": ("Cases", "事项"),
    "report.legend_opened": ("opened", "受理"),
    "report.legend_closed": ("closed", "办结"),
    "report.rule.on_time_rate": ("on-time rate below {limit}", "按时办结率低于 {limit}"),
    "report.rule.pushbacks": ("{limit} or more pushbacks", "推诿 {limit} 次及以上"),
    "report.rule.overdue": (
        "a case overdue by more than {limit} working days",
        "有事项超期超过 {limit} 个工作日",
    ),
    "report.written": ("Wrote {files} to {dir}", "已写入 {dir}：{files}"),
    "report.wrote": ("Wrote {path}", "已写入 {path}"),
    "report.swept": (
        "Sweep: {overdue} newly overdue, {escalated} escalated",
        "巡检：新增超期 {overdue} 件，升级 {escalated} 件",
    ),
    "report.progress": ("Writing the nightly report", "正在生成夜间报表"),
    "report.bad_week": (
        "{value} is not an ISO week (try 2026-W47)",
        "{value} 不是有效的周（例如 2026-W47）",
    ),
    "report.bad_month": (
        "{value} is not a month (try 2026-11)",
        "{value} 不是有效的月份（例如 2026-11）",
    ),
    "report.options_clash": (
        "give only one of {options} to choose the period",
        "选择期间时只能使用 {options} 中的一个",
    ),
    "report.to_without_from": (
        "--to needs --from (the period's first day)",
        "--to 需要与 --from（期间第一天）一起使用",
    ),
    "report.bad_span": (
        "the period cannot end ({last}) before it starts ({first})",
        "期间的结束日 {last} 早于开始日 {first}",
    ),
    "report.bad_format": (
        "unknown format {value}; use table, json, csv, md, html or xlsx",
        "未知格式 {value}；可用 table、json、csv、md、html 或 xlsx",
    ),
    "report.xlsx_needs_output": (
        "the xlsx format needs --output FILE",
        "xlsx 格式需要用 --output 指定文件",
    ),
    "report.publish_clash": (
        "--publish and --published cannot be used together",
        "--publish 与 --published 不能同时使用",
    ),
    "report.not_published": (
        "no {kind} report for {first} to {last} has been published",
        "尚未发布 {first} 至 {last} 的 {kind} 报表",
    ),
    "report.nightly_locked": (
        "another nightly report is already running in {dir}; it was not run again",
        "{dir} 中已有夜间报表正在生成，本次未运行",
    ),
    "report.fig.assigned": ("Assigned", "交办"),
    "report.fig.closed": ("Closed", "办结"),
    "report.fig.resolved": ("Resolved", "已解决"),
    "report.fig.explained": ("Explained", "已解释说明"),
    "report.fig.withdrawn": ("Withdrawn", "撤回"),
    "report.fig.on_time": ("On time", "按时办结"),
    "report.fig.overdue_open": ("Overdue open", "超期未结"),
    "report.fig.on_time_rate": ("On-time rate", "按时办结率"),
    "report.fig.avg_working_days": ("Avg working days", "平均用时（工作日）"),
    "report.fig.pushbacks": ("Pushbacks", "退回"),
    "report.fig.pushbacks_charged": ("Pushbacks charged", "计入推诿"),
    "report.fig.pushbacks_invalid": ("Ruled invalid", "审定推诿"),
    "report.fig.pushbacks_valid": ("Ruled valid", "审定误派"),
    "report.fig.pushback_cases": ("Cases pushed back", "退回事项"),
    "report.fig.pushback_rate": ("Pushback rate", "退回率"),
    "report.fig.escalations": ("Escalations", "升级"),
    "report.fig.reviewed": ("Reviewed", "回访"),
    "report.fig.satisfied": ("Satisfied", "满意"),
    "report.fig.satisfaction_rate": ("Satisfaction rate", "满意率"),
    "report.fig.reopened": ("Reopened", "重办"),
    "report.fig.opened": ("Opened", "受理"),
    "report.fig.resolution_rate": ("Resolution rate", "办成率"),
    "report.fig.avg_dispatch_days": ("Avg dispatch days", "平均交办用时（工作日）"),
    "report.fig.review_rate": ("Review rate", "回访率"),
    "report.fig.rank": ("Rank", "排名"),
    "report.fig.dept": ("Code", "代码"),
    "report.fig.name": ("Department", "单位"),
    "report.fig.category": ("Category", "类别"),
    "report.fig.departments": ("Departments", "承办单位"),
    "report.fig.overdue_days": ("Working days overdue", "超期工作日"),
    # --- CSV ledgers (issue 5)
    # --- reliability and security (issue 6)
}
