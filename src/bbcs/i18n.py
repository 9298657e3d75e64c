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
    # --- CSV ledgers (issue 5)
    "export.done": ("Exported {count} cases to {path}", "已导出 {count} 件事项到 {path}"),
    "export.done_events": (
        "Exported {count} events to {path}",
        "已导出 {count} 条办理记录到 {path}",
    ),
    "export.events_headers": (
        "--headers zh applies to the cases file; the events file keeps its English header",
        "--headers zh 只用于事项表；办理记录文件的表头保持英文",
    ),
    "export.bad_headers": (
        "--headers takes en or zh, not {value}",
        "--headers 只能为 en 或 zh，不能为 {value}",
    ),
    "import.done": (
        "Imported {added} cases ({skipped} already in the ledger)",
        "已导入 {added} 件事项（{skipped} 件台账中已有）",
    ),
    "import.dry": (
        "Would import {added} cases ({skipped} already in the ledger); nothing was written",
        "将导入 {added} 件事项（{skipped} 件台账中已有）；未写入任何内容",
    ),
    "import.done_events": (
        "Imported {added} events of {cases} cases ({skipped} already in the ledger)",
        "已导入 {cases} 件事项的 {added} 条办理记录（{skipped} 条台账中已有）",
    ),
    "import.dry_events": (
        "Would import {added} events of {cases} cases ({skipped} already in the ledger); "
        "nothing was written",
        "将导入 {cases} 件事项的 {added} 条办理记录（{skipped} 条台账中已有）；未写入任何内容",
    ),
    "import.problem": (
        "line {line}, column {column}: {problem}",
        "第 {line} 行，{column} 列：{problem}",
    ),
    "import.ids_exhausted": (
        "site {site} has no case numbers left for {year} (six digits: at most 999999 cases a year)",
        "站点 {site} {year} 年的事项编号已用尽（六位数字：每年最多 999999 件）",
    ),
    "import.problem_row": ("line {line}: {problem}", "第 {line} 行：{problem}"),
    "import.bad_count": (
        "{count} bad rows; nothing was imported",
        "共 {count} 行有误；未导入任何内容",
    ),
    "import.missing_depts": (
        "the file names departments that are not registered; register them first "
        "(bbcs dept add): {depts}",
        "文件中有未登记的单位，请先登记（bbcs dept add）：{depts}",
    ),
    "import.empty": ("{path} is empty: it has no header row", "{path} 是空文件，没有表头"),
    "import.encoding": (
        "{path} is neither UTF-8 nor GB18030 text",
        "{path} 既不是 UTF-8 也不是 GB18030 编码的文本",
    ),
    "import.bad_csv": (
        "{path} line {line} is not CSV: {reason}",
        "{path} 第 {line} 行不是有效的 CSV：{reason}",
    ),
    "import.unknown_columns": (
        "{path} has columns that are not case fields: {columns}",
        "{path} 中有无法识别的列：{columns}",
    ),
    "import.duplicate_column": (
        "{path} has the column {column} twice",
        "{path} 中 {column} 列重复",
    ),
    "import.missing_columns": (
        "{path} lacks the columns {columns}",
        "{path} 缺少以下列：{columns}",
    ),
    "import.too_many_cells": (
        "the row has {count} cells but the header only {expected}",
        "该行有 {count} 个单元格，而表头只有 {expected} 列",
    ),
    "import.bad_case_id": (
        "{value} is not a case id (like HX-2026-000042)",
        "{value} 不是有效的事项编号（如 HX-2026-000042）",
    ),
    "import.masked_phone": (
        "{value} is a masked phone number; export with --unmask to carry phone numbers",
        "{value} 是隐去部分数字的电话号码；导出时须加 --unmask 才能带上完整号码",
    ),
    "import.not_count": (
        "{value} is not a whole number of 0 or more",
        "{value} 不是大于等于 0 的整数",
    ),
    "import.not_bool": ("{value} is not true or false", "{value} 不是 true 或 false"),
    "import.before_opening": (
        "{at} is before the case was opened ({opened})",
        "{at} 早于受理时间 {opened}",
    ),
    "import.pending_with_lead": (
        "a pending case has no lead department (is it in_progress, 办理中?)",
        "待交办事项没有牵头单位（是否应为“办理中”？）",
    ),
    "import.needs_lead": (
        "a case in progress needs a lead department",
        "办理中的事项须有牵头单位",
    ),
    "import.closed_needs": ("a closed case needs {field}", "已办结事项须填写{field}"),
    "import.not_closed": ("only a closed case has {field}", "只有已办结事项才有{field}"),
    "import.exists_different": (
        "case {case} is already in the ledger and says something else; "
        "histories merge through events files (export --events)",
        "事项 {case} 台账中已有且内容不同；合并办理经过请用办理记录文件（export --events）",
    ),
    "import.bad_seq": (
        "{value} is not an event number (1 or more)",
        "{value} 不是有效的记录序号（须不小于 1）",
    ),
    "import.bad_kind": ("{value} is not a kind of event", "{value} 不是有效的记录类型"),
    "import.bad_at": (
        "{value} is not an ISO date-time with offset",
        "{value} 不是带时区的 ISO 日期时间",
    ),
    "import.bad_json": ("the data is not a JSON object", "data 不是 JSON 对象"),
    "import.bad_hash": (
        "the hash does not match the event's content (edited after export?)",
        "哈希值与记录内容不符（导出后被改动过？）",
    ),
    "import.local_site": (
        "the file holds case {case} of site {site}, this ledger's own site; "
        "a ledger does not import its own events",
        "文件中的事项 {case} 属于本台账站点 {site}；不能导入本站点自己的办理记录",
    ),
    "import.conflict": (
        "case {case} has another history in this ledger (event {seq} differs); nothing was imported",
        "事项 {case} 在本台账中的办理经过与文件不同（第 {seq} 条记录不一致）；未导入任何内容",
    ),
    "import.gap": (
        "the history of case {case} would lack event {seq}; nothing was imported",
        "事项 {case} 的办理经过将缺少第 {seq} 条记录；未导入任何内容",
    ),
    "import.bad_history": (
        "the history of case {case} cannot be replayed ({reason}); nothing was imported",
        "事项 {case} 的办理经过无法重放（{reason}）；未导入任何内容",
    ),
    # --- reliability and security (issue 6)
}
