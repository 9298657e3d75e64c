"""The message catalogue: every sentence bbcs says, in English and in Chinese.

The interface language is Chinese when ``BBCS_LANG`` (or else ``LANG``) starts
with ``zh``, English otherwise. JSON keys and CSV machine columns stay English.
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any


def language() -> str:
    chosen = os.environ.get("BBCS_LANG") or os.environ.get("LANG") or ""
    return "zh" if chosen.lower().startswith("zh") else "en"


def t(key: str, /, **params: Any) -> str:
    """The sentence ``key`` in the interface language, with ``params`` filled in."""
    zh = language() == "zh"
    en_text, zh_text = MESSAGES.get(key, (key, key))
    shown = {name: _shown(value, zh) for name, value in params.items()}
    for name, prefix in WORDED.get(key, {}).items():
        if zh and f"{prefix}{params.get(name)}" in MESSAGES:
            shown[name] = MESSAGES[f"{prefix}{params[name]}"][1]
    return (zh_text if zh else en_text).format(**shown)


def label(value: Any) -> str:
    """The label of an enum member, or a field's name, in the interface language."""
    return _shown(value, language() == "zh")


def cause_label(code: str | None) -> str:
    """A cause (常态建设, SPEC §11) as a reader sees it: in Chinese its label from the shipped
    policy list, in English its code in words; a cause an office added shows its code."""
    if code is None:
        return ""
    if language() == "zh":
        return shipped_causes().get(code, code)
    return code.replace("_", " ")


@cache
def shipped_causes() -> dict[str, str]:
    import tomllib

    from bbcs.resources import data_file

    with data_file("policy.toml").open("rb") as handle:
        return {str(k): str(v) for k, v in tomllib.load(handle).get("causes", {}).items()}


def _shown(value: Any, zh: bool) -> str:
    if hasattr(value, "zh") and hasattr(value, "en"):
        return str(value.zh if zh else value.en)
    if isinstance(value, str) and value in FIELDS:
        return FIELDS[value][1] if zh else FIELDS[value][0]
    return str(value)


# a sentence whose parameter is a code word (a command, a report kind): in Chinese, its name
WORDED: dict[str, dict[str, str]] = {
    "status.hint_in_progress": {"command": "event."},
    "status.hint_replied": {"command": "event."},
    "report.not_published": {"kind": "report.kind."},
    "report.already_published": {"kind": "report.kind."},
    "report.no_version": {"kind": "report.kind."},
    "void.acted": {"kind": "event."},
    "report.working": {"kind": "report.kind."},
}

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
    "cause": ("cause", "办不成原因"),
    "rating": ("rating", "满意度"),
    "warning": ("warning", "预警"),
    "working_days_left": ("working days left", "剩余工作日"),
    "working_days_taken": ("working days taken", "已用工作日"),
    "on_time": ("on time", "按时办结"),
    "merged_into": ("merged into", "并入"),
    "site": ("site", "窗口"),
    "site_due": ("site due date", "本窗口期限"),
    "reason": ("reason", "理由"),
    "basis": ("basis", "依据"),
    "comment": ("comment", "评价意见"),
    "note": ("note", "备注"),
    "name": ("name", "名称"),
    "ruling": ("ruling", "审定"),
    "solved": ("solved", "是否解决"),
    "how": ("how", "催办方式"),
    "role": ("role", "角色"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    # ledger file
    "ledger.missing": (
        "there is no ledger at {path}; run 'bbcs init' or a command that writes to create it",
        "{path} 处没有台账；请先运行 'bbcs init' 或任一登记命令创建台账",
    ),
    "ledger.not_sqlite": (
        "{path} is not a bbcs ledger",
        "{path} 不是 bbcs 台账",
    ),
    "ledger.server_refused": (
        "the database {path} refused your login: {reason}; nothing was changed",
        "数据库 {path} 拒绝了您的登录名的操作：{reason}；台账未作任何改动",
    ),
    "ledger.server_lost": (
        "the connection to {path} was lost ({reason}); nothing of this command was kept, run it again",
        "与 {path} 的连接已中断（{reason}）；本次命令未留下任何改动，请重新运行",
    ),
    "ledger.no_server": (
        "cannot reach the ledger {path}: {reason}",
        "无法连接台账 {path}：{reason}",
    ),
    "ledger.empty_database": (
        "the database {path} holds no ledger yet; run `bbcs init` there first",
        "数据库 {path} 中还没有台账，请先在其上运行 `bbcs init`",
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
    "time.out_of_range": (
        "{value} lies outside the years {first} to {last} a ledger holds",
        "{value} 不在台账可登记的年份（{first}—{last}）之内",
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
    "field.invalid": ("{field} is not valid", "{field}无效"),
    "field.too_long": (
        "{field} is {length} characters long; at most {limit} are allowed",
        "{field}长 {length} 个字符，最多允许 {limit} 个",
    ),
    "field.control": (
        "{field} contains a control character",
        "{field}含有控制字符",
    ),
    "field.layout": (
        "{field} contains a line separator or a bidirectional control; it must be one plain line",
        "{field}含有分行符或文字方向控制符；须为一行普通文字",
    ),
    "field.working_days": (
        "{field} is {value} working days; it must lie between 0 and {most}",
        "{field} 为 {value} 个工作日，须在 0 到 {most} 之间",
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
        "事项 {case} 正在办理中，不能{command}",
    ),
    "status.hint_replied": (
        "case {case} awaits the window's review of its reply; {command} does not apply "
        "to it (close it, or redo it first)",
        "事项 {case} 已答复待审核，不能执行 {command}（请审核办结，或先发回重办）",
    ),
    "status.hint_assigned": (
        "case {case} is already in progress with a lead department; use transfer to change it",
        "事项 {case} 已交办并在办理中；如需更换牵头单位请用 transfer 改派",
    ),
    "close.pending_not_immediate": (
        "case {case} is pending; only an immediate (即办) case, or one the window explained itself (--result explained), closes at the window without a department",
        "事项 {case} 待交办；只有即办事项或窗口已当场解释说明的事项（--result explained）可以不交办直接办结",
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
    "pushback.window_closed": (
        "department {dept} may push case {case} back only within {limit} working days of "
        "receiving it (limits.pushback), by {last}; the window can transfer it instead",
        "单位 {dept} 只能在收到事项 {case} 后 {limit} 个工作日内（limits.pushback）退回，"
        "即 {last} 前；现可由窗口改派（transfer）",
    ),
    "review.solved_unrated": (
        "--solved goes with a rating the reporter gave, not with {rating}",
        "--solved 须与反映人的评价一同登记，不能与“{rating}”一同登记",
    ),
    "urge.need_dept": (
        "case {case} has no lead department; name the one to urge with --dept",
        "事项 {case} 没有牵头单位；请用 --dept 指明催办单位",
    ),
    "urge.not_holder": (
        "department {dept} does not hold case {case}, so it cannot be urged on it",
        "单位 {dept} 未承办事项 {case}，无从催办",
    ),
    "urge.status": (
        "case {case} is {status}; only a case a department holds can be urged",
        "事项 {case} {status}，只有单位承办中的事项才能催办",
    ),
    "out.urged": ("{case}: urged {dept} {how}", "{case}：已{how} {dept}"),
    "out.urged_again": (
        "{case}: urged {dept} {how} (already urged today: counts once)",
        "{case}：已{how} {dept}（今日已催办过，只计一次）",
    ),
    "out.urge_breach": (
        "unanswered by the end of {day}, {dept} goes on the black list (ignored_urge)",
        "如 {day} 结束时仍未答复，{dept} 列入黑榜（催办后仍超期）",
    ),
    "reply.need_dept": (
        "case {case} has no lead department; name the department replying with --dept",
        "事项 {case} 没有牵头单位；请用 --dept 指明答复单位",
    ),
    "reply.not_holder": (
        "department {dept} does not hold case {case}, so it cannot reply to it",
        "单位 {dept} 未承办事项 {case}，不能答复",
    ),
    "reply.already": (
        "department {dept} has replied to case {case} already; it awaits the window's review",
        "单位 {dept} 已答复事项 {case}，正待窗口审核",
    ),
    "reply.status": (
        "case {case} is {status}; the lead replies only while it is in progress",
        "事项 {case} {status}，牵头单位只能在办理中答复",
    ),
    "reply.result": (
        "a reply says resolved or explained, not {result}",
        "答复结果只能是已解决或已解释说明，不能是“{result}”",
    ),
    "close.need": (
        "case {case} has no reply to take it from; give {option}",
        "事项 {case} 没有可沿用的答复；请给出 {option}",
    ),
    "redo.status": (
        "case {case} is {status}; only a replied case can be sent back (redo)",
        "事项 {case} {status}，只有已答复待审核的事项才能发回重办",
    ),
    "out.replied": (
        "{case}: {dept} replied; it awaits the window's review (close or redo)",
        "{case}：{dept} 已答复，待窗口审核（办结或发回重办）",
    ),
    "out.co_replied": (
        "{case}: {dept} recorded its part (协办意见)",
        "{case}：{dept} 已提交协办意见",
    ),
    "out.redone": (
        "{case}: sent back to {dept}, now due {dept_due} (the case stays due {due})",
        "{case}：已发回 {dept} 重办，部门期限 {dept_due}（事项办结期限仍为 {due}）",
    ),
    "extend.need_days": (
        "give the working days to add and --reason, or --approve / --deny a request",
        "请给出延长的工作日数和 --reason，或用 --approve / --deny 答复延期申请",
    ),
    "extend.answer_alone": (
        "--approve and --deny answer the open request: use one, without DAYS",
        "--approve 与 --deny 用于答复延期申请：只用其一，且不带天数",
    ),
    "extend.request_not_lead": (
        "only the lead's department asks to extend case {case}, not {dept}",
        "只有牵头单位可申请延期事项 {case}，{dept} 不能",
    ),
    "extend.request_open": (
        "case {case} has an extension request ({days} working days) awaiting an answer",
        "事项 {case} 已有待答复的延期申请（{days} 个工作日）",
    ),
    "extend.no_request": (
        "case {case} has no extension request awaiting an answer",
        "事项 {case} 没有待答复的延期申请",
    ),
    "out.extension_requested": (
        "{case}: asked for {days} more working days; a supervisor answers (extend --approve)",
        "{case}：已申请延期 {days} 个工作日，待督查人员审批（extend --approve）",
    ),
    "out.extension_denied": ("{case}: extension request denied", "{case}：延期申请未获批准"),
    "accept.need_dept": (
        "name the department that signs for case {case} with --dept",
        "请用 --dept 指明签收事项 {case} 的单位",
    ),
    "accept.not_holder": (
        "department {dept} does not hold case {case}, so it has nothing to sign for",
        "单位 {dept} 未承办事项 {case}，无需签收",
    ),
    "accept.already": (
        "department {dept} signed for case {case} already, on {day}",
        "单位 {dept} 已于 {day} 签收事项 {case}",
    ),
    "accept.status": (
        "case {case} is {status}; only a case a department holds can be signed for",
        "事项 {case} {status}，只有单位承办中的事项才能签收",
    ),
    "out.accepted": (
        "{case}: {dept} signed on {day}, on time (due {due})",
        "{case}：{dept} 于 {day} 签收，按时（签收期限 {due}）",
    ),
    "out.accepted_late": (
        "{case}: {dept} signed on {day}, late (due {due})",
        "{case}：{dept} 于 {day} 签收，逾期（签收期限 {due}）",
    ),
    "out.accepted_undated": (
        "{case}: {dept} signed on {day}",
        "{case}：{dept} 于 {day} 签收",
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
    "actor.login_wins": (
        "BBCS_USER={claimed} is ignored: on a shared ledger you act as your database login {login}",
        "已忽略 BBCS_USER={claimed}：在共享台账上，操作人是您的数据库登录名 {login}",
    ),
    "actor.system": (
        "the user name 'system' is reserved for automatic entries; set BBCS_USER to your own name",
        "用户名 system 保留给系统自动记录；请将 BBCS_USER 设为您自己的名字",
    ),
    "ledger.unusable": (
        "the ledger {path} could not be used: {reason}",
        "台账 {path} 无法使用：{reason}",
    ),
    "ledger.busy": (
        "other clerks kept it busy too long; try again in a minute",
        "其他人长时间占用，请稍后再试",
    ),
    "ledger.damaged": (
        "the file is damaged or not a bbcs ledger; run bbcs verify",
        "文件已损坏或不是 bbcs 台账；请运行 bbcs verify",
    ),
    "ledger.read_only": (
        "the file or its folder may not be written by this login",
        "当前登录用户无权写入该文件或其所在文件夹",
    ),
    "ledger.cannot_open": (
        "the file or its folder cannot be opened",
        "无法打开该文件或其所在文件夹",
    ),
    "ledger.io": ("the disk could not be read or written", "磁盘读写出错"),
    "ledger.unexpected": (
        "an unexpected database problem; run bbcs verify, or add --debug for details",
        "数据库出现意外问题；请运行 bbcs verify，或加 --debug 查看详情",
    ),
    # files and standard output
    "output.is_ledger": (
        "{path} is a ledger; a report or export never replaces one: choose another file",
        "{path} 是台账文件，报表和导出不会覆盖台账，请另选文件名",
    ),
    "output.is_folder": (
        "{path} is a folder; give a file name",
        "{path} 是文件夹，请给出文件名",
    ),
    "output.not_folder": (
        "{path} is a file, not a folder",
        "{path} 是文件，不是文件夹",
    ),
    "output.no_folder": (
        "cannot write {path}: the folder {folder} does not exist",
        "无法写入 {path}：文件夹 {folder} 不存在",
    ),
    "output.failed": ("could not print the output: {reason}", "无法输出结果：{reason}"),
    "output.after_commit": (
        "the change was made and saved in the ledger, but its confirmation could not be printed: {reason}",
        "操作已完成并已保存到台账，但无法输出确认信息：{reason}",
    ),
    "os.failed": ("{where}{reason}", "{where}{reason}"),
    "os.no_such": ("no such file or folder", "文件或文件夹不存在"),
    "os.denied": ("permission denied", "没有权限"),
    "os.full": ("the disk is full", "磁盘已满"),
    "os.is_folder": ("it is a folder, not a file", "这是文件夹，不是文件"),
    "os.not_folder": (
        "a part of the path is a file, not a folder",
        "路径中有一段是文件而不是文件夹",
    ),
    "os.read_only": ("the disk is read-only", "磁盘为只读"),
    "os.exists": ("it already exists", "已存在"),
    "os.closed": ("standard output is closed", "标准输出已关闭"),
    "list.bad_limit": (
        "--limit must lie between 1 and {most}, not {limit}",
        "--limit 须在 1 到 {most} 之间，不能为 {limit}",
    ),
    # output
    "out.opened": ("Opened {case}, due {due}", "已登记 {case}，办结期限 {due}"),
    "out.repeat": (
        "the same phone number or company came before: {cases}; if it is the same matter, "
        "merge it with bbcs link NEW --to EARLIER --reason TEXT",
        "同一电话或企业此前已反映：{cases}；如为同一事项，请用 bbcs link 新件 --to 原件 --reason 理由 并单",
    ),
    "out.provisional": (
        "the due date is provisional: the holiday schedule of {year} is not loaded yet",
        "办结期限为暂定：{year} 年的节假日安排尚未导入",
    ),
    "out.due": ("{case}: due {due}", "{case}：办结期限 {due}"),
    "out.done": ("{case}: {status}", "{case}：{status}"),
    "out.done_lead": (
        "{case}: {status}; lead {lead} (its own due date {dept_due}), co-departments {co}; due {due}",
        "{case}：{status}；牵头 {lead}（部门期限 {dept_due}），协办 {co}；办结期限 {due}",
    ),
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
    "col.due": ("Due", "期限"),
    "col.left": ("Left", "剩余"),
    "col.lead": ("Lead", "牵头"),
    "col.summary": ("Summary", "事项摘要"),
    "col.status": ("Status", "状态"),
    "col.escalation": ("Level", "级别"),
    "col.code": ("Code", "代码"),
    "col.name": ("Name", "名称"),
    "col.parent": ("Parent", "上级"),
    "col.dept": ("Department", "单位"),
    "col.site": ("Site", "窗口"),
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
    "event.open": ("open", "受理登记"),
    "event.assign": ("assign", "交办"),
    "event.transfer": ("transfer", "改派"),
    "event.pushback": ("pushback", "退回"),
    "event.ruling": ("ruling", "审定"),
    "event.escalate": ("escalate", "升级"),
    "event.extend": ("extend", "延期"),
    "event.suspend": ("suspend", "挂起"),
    "event.resume": ("resume", "恢复"),
    "event.note": ("note", "备注"),
    "event.close": ("close", "办结"),
    "event.review": ("review", "回访"),
    "event.reopen": ("reopen", "重办"),
    "event.uphold": ("uphold", "维持原结果"),
    "event.overdue": ("overdue", "超期"),
    "event.redate": ("redate", "期限重算"),
    "event.amend": ("amend", "更正"),
    "event.accept": ("accept", "签收"),
    "event.urge": ("urge", "催办"),
    "event.reply": ("reply", "答复"),
    "event.redo": ("redo", "发回重办"),
    "event.extend_request": ("extension request", "延期申请"),
    "show.timeline": ("Who held it", "承办经过"),
    "show.events": ("Events", "办理记录"),
    "show.superseded": ("superseded", "已失效"),
    "show.disputed": ("disputed review", "回访不满意待裁定"),
    "title.cases": ("Cases", "事项"),
    "title.depts": ("Departments", "单位"),
    "title.policy": ("Policy", "政策参数"),
    "migrate.current": (
        "the ledger {path} is already at schema {version}; nothing to do",
        "台账 {path} 已是最新结构（版本 {version}），无需升级",
    ),
    "migrate.to_not_server": (
        "--to names the PostgreSQL database to copy the ledger into, as postgresql://…, not {target}",
        "--to 应为要复制到的 PostgreSQL 数据库（postgresql://…），而不是 {target}",
    ),
    "migrate.to_from_server": (
        "this ledger is already on a server; to copy it into a file use `bbcs backup FILE`",
        "此台账已在服务器上；如需复制为文件，请用 `bbcs backup 文件`",
    ),
    "migrate.to_needs_current": (
        "upgrade {path} first with `bbcs migrate`, then copy it",
        "请先用 `bbcs migrate` 升级 {path}，再复制",
    ),
    "migrate.target_not_empty": (
        "the database {path} already holds a ledger; copy into an empty database",
        "数据库 {path} 已有台账；请复制到空数据库",
    ),
    "migrate.copied": (
        "copied {path} into {target}: {events} event(s) and {cases} case(s) rebuilt and verified; head {head}",
        "已将 {path} 复制到 {target}：{events} 个事件、{cases} 件事项已重建并校验；链头 {head}",
    ),
    "migrate.copy_failed": (
        "the copy in {target} does not match {path}; it was left there for inspection",
        "{target} 中的副本与 {path} 不一致，已保留以便检查",
    ),
    "migrate.done_server": (
        "upgraded {path} from schema {old} to {new}",
        "已将 {path} 从结构版本 {old} 升级到 {new}",
    ),
    "migrate.done": (
        "upgraded {path} from schema {old} to {new}; the old file is kept as {backup}",
        "已将 {path} 从结构版本 {old} 升级到 {new}；原文件备份为 {backup}",
    ),
    "demo.not_demo": (
        "{path} is not a ledger bbcs demo made; the demo replaces no other file: give another --db",
        "{path} 不是演示命令生成的台账，演示不会覆盖其他文件；请用 --db 另选文件",
    ),
    "demo.exists": (
        "{path} already exists; use --replace to build the demo afresh",
        "{path} 已存在；如需重新生成演示台账请加 --replace",
    ),
    "demo.built": (
        "Demo ledger {path}: {count} cases, shown as of {as_of}. The cases still open:",
        "演示台账 {path}：共 {count} 件事项，以 {as_of} 为准。尚未办结的事项：",
    ),
    "demo.try": (
        "Explore it: BBCS_USER={user} BBCS_NOW={as_of} bbcs --db {path} "
        "list | show 1 | list --overdue",
        "继续查看：BBCS_USER={user} BBCS_NOW={as_of} bbcs --db {path} "
        "list | show 1 | list --overdue",
    ),
    # --- rules: escalation, extension, suspension, calendar, sweep (issue 3)
    "escalate.not_up": (
        "case {case} is already at {level}; escalation only goes up (a supervisor corrects with --correction)",
        "事项 {case} 已是{level}；升级只能向上（如需更正请由督查人员加 --correction）",
    ),
    "escalate.correction_not_down": (
        "a correction lowers the level; case {case} is at {level}",
        "更正只能降低级别；事项 {case} 当前为{level}",
    ),
    "extend.bad_days": (
        "an extension is 1 to {most} working days, not {days}",
        "延期须为 1 到 {most} 个工作日，不能为 {days}",
    ),
    "extend.too_many": (
        "case {case} has used its {allowed} extension(s) for this round of handling",
        "事项 {case} 本轮办理已延期 {allowed} 次，不能再延期",
    ),
    "extend.past_due": (
        "case {case} was due {due}; an extension must be asked for before the deadline passes",
        "事项 {case} 的期限 {due} 已过；延期须在期限届满前申请",
    ),
    "calendar.bad_kind": (
        "line {line}: kind must be holiday or workday, not {kind}",
        "第 {line} 行：类型须为 holiday 或 workday，不能为 {kind}",
    ),
    "calendar.bad_row": ("line {line}: {problem}", "第 {line} 行：{problem}"),
    "calendar.bad_day": ("{day}: {problem}", "{day}：{problem}"),
    "calendar.bad_header": (
        "{path} is not a calendar file: the first line must be date,kind,name",
        "{path} 不是日历文件：第一行须为 date,kind,name",
    ),
    "calendar.empty": ("{path} holds no dates", "{path} 中没有日期"),
    "calendar.bad_limit": (
        "{limit} is neither a number of working days nor a complexity",
        "{limit} 既不是工作日数，也不是复杂程度",
    ),
    "calendar.need_kind": (
        "say --holiday or --workday",
        "请指明 --holiday（休息日）或 --workday（工作日）",
    ),
    "calendar.bad_period": (
        "{period} is not a month (2026-10) or a year (2026)",
        "{period} 不是月份（2026-10）或年份（2026）",
    ),
    "calendar.uncovered": (
        "no holiday schedule for {years}: open cases' due dates there are provisional; load it with 'bbcs calendar import'",
        "{years} 年没有节假日安排：相关在办事项的期限为暂定；请用 'bbcs calendar import' 导入",
    ),
    "calendar.covered": (
        "every year that open cases' due dates reach has holiday data",
        "在办事项期限涉及的年份均已有节假日安排",
    ),
    "calendar.changed": (
        "{day} is now a {kind} ({name}); {count} case(s) re-dated",
        "{day} 已设为{kind}（{name}）；{count} 件事项期限已重新计算",
    ),
    "calendar.imported": (
        "loaded {days} day(s) for {years}; {count} case(s) re-dated",
        "已导入 {years} 年的 {days} 个日期；{count} 件事项期限已重新计算",
    ),
    "calendar.due": (
        "{due} ({limit} working days after {start})",
        "{due}（{start} 之后 {limit} 个工作日）",
    ),
    "calendar.workdays": (
        "{count} working day(s) after {start} up to and including {end}",
        "{start} 之后至 {end}（含）共 {count} 个工作日",
    ),
    "calendar.holiday": ("holiday", "休息日"),
    "calendar.workday": ("working day", "工作日"),
    "calendar.legend": (
        "休 (red): holiday on a weekday · 班 (yellow): adjusted working day (调休) · *: the ledger's own",
        "休（红色）：工作日放假 · 班（黄色）：调休上班 · *：本台账自定义",
    ),
    "weekdays": ("Mon Tue Wed Thu Fri Sat Sun", "一 二 三 四 五 六 日"),
    "sweep.done": (
        "sweep: {overdue} case(s) newly overdue, {escalated} escalated",
        "巡检：新增超期 {overdue} 件，自动升级 {escalated} 件",
    ),
    # --- reports (issue 4)
    "report.kind.daily": ("Daily report", "日报"),
    "report.kind.weekly": ("Weekly report", "周报"),
    "report.of_site": ("{kind} of site {site}", "窗口 {site} {kind}"),
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
    # 常态建设 (SPEC §11): the causes report and the casebook by cause
    "report.kind.causes": ("Causes report", "办不成原因分析"),
    "report.fig.cause": ("Cause", "办不成原因"),
    "report.fig.count": ("Cases", "件数"),
    "report.fig.cases": ("Case ids", "事项编号"),
    "report.by_cause": (
        "Closed cases by cause, category and lead department",
        "按原因、类别和牵头单位统计的办结事项",
    ),
    "report.patterns": (
        "类案: {threshold} or more cases of one cause and category — a rule to fix, not a case to solve",
        "类案：同一原因、同一类别达 {threshold} 件及以上，需从制度上解决而非逐件办理",
    ),
    "report.without_cause": (
        "{count} case(s) closed in the period have no cause recorded",
        "本期另有 {count} 件办结事项未记录办不成原因",
    ),
    "report.casebook_by_cause": ("The casebook by cause", "案例汇总（按原因）"),
    "report.no_cause": ("(no cause recorded)", "（未记录原因）"),
    "report.legend_opened": ("opened", "受理"),
    "report.legend_closed": ("closed", "办结"),
    "report.rule.on_time_rate": ("on-time rate below {limit}", "按时办结率低于 {limit}"),
    "report.rule.pushbacks": ("{limit} or more pushbacks", "推诿 {limit} 次及以上"),
    "report.rule.redone": ("{limit} or more replies sent back", "被发回重办 {limit} 次及以上"),
    "policy.key.rules.max_redone": (
        "redos (发回重办) in a period that put the lead on the black list",
        "同期被发回重办达此次数即列入黑榜",
    ),
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
        "尚未发布 {first} 至 {last} 的{kind}",
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
    "report.fig.accept_due": ("To sign", "应签收"),
    "report.fig.accepted_on_time": ("Signed on time", "按时签收"),
    "report.fig.accept_late": ("Signed late or not", "未按时签收"),
    "report.fig.accept_rate": ("Signing rate", "按时签收率"),
    "report.fig.unaccepted": ("Unsigned", "未签收"),
    "report.fig.urged": ("Urged", "被催办"),
    "report.fig.redone": ("Redone", "发回重办"),
    "report.fig.solved_rate": ("Solved rate", "解决率"),
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
    # drill-down and loop figures (SPEC §10)
    "report.fig.first_time": ("Closed first time", "一次办结"),
    "report.fig.first_time_rate": ("First-time rate", "一次办结率"),
    "report.fig.reopen_rate": ("Reopen rate", "重办率"),
    "report.fig.co_late": ("Co-parts late", "协办超期"),
    "report.fig.co_no_reply": ("Co-parts unanswered", "协办未复"),
    "report.fig.avg_review_days": ("Avg review days", "平均审核天数"),
    "report.bad_figure": (
        "unknown figure {figure}; use its label as the report prints it, or one of {figures}",
        "未知指标 {figure}；请用报表上的指标名称（如 未按时签收、被催办），或以下之一：{figures}",
    ),
    "report.figure_needs_dept": (
        "--dept and --figure go together: name the department and the figure whose cases to list",
        "--dept 与 --figure 须同时使用：请指明单位和要列出事项的指标",
    ),
    "report.figure_format": (
        "--figure lists cases as a table or, with --json, as case objects; "
        "it takes no --format {value}",
        "--figure 以表格（或加 --json 以事项对象）列出事项，不能使用 --format {value}",
    ),
    "report.figure_alone": (
        "--figure lists the cases behind a figure on screen and cannot be used with "
        "--output, --publish, --republish or --published",
        "--figure 只在屏幕上列出指标对应的事项，不能与 --output、--publish、--republish "
        "或 --published 同时使用",
    ),
    "report.figure_title": (
        "{dept} {name}, {figure} ({first} to {last}): {count}",
        "{dept} {name}，{figure}（{first} 至 {last}）：{count}",
    ),
    "report.cases_behind": ("Cases behind the figures", "各项指标对应事项"),
    "report.back_to_table": ("back to the table", "返回表格"),
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
    "verify.ok": (
        "Verified {events} event(s) and {cases} case(s); head {head}",
        "校验通过：{events} 条记录、{cases} 件事项；链头 {head}",
    ),
    "verify.progress": ("Verifying", "正在校验"),
    "verify.empty": ("empty", "空"),
    "verify.more": (" (and {count} more like it)", "（另有 {count} 处同类问题）"),
    "verify.bad_head": (
        "--head takes COUNT:HASH as a report prints it (a number, a colon, 64 hex digits), not {head}",
        "--head 须为报表上印的“条数:哈希值”（数字、冒号、64 位十六进制），不能为 {head}",
    ),
    "verify.bad_records_head": (
        "--records-head takes COUNT:HASH as verify prints it after 'record chain' (a number, a colon, 64 hex digits), not {head}",
        "--records-head 须为校验输出中“登记链”后的“条数:哈希值”（数字、冒号、64 位十六进制），不能为 {head}",
    ),
    "verify.event_changed": (
        "event {event} (case {case} #{seq}) was changed after it was written: its content no longer matches its hash",
        "第 {event} 条记录（事项 {case} 第 {seq} 条）写入后被改动：内容与其哈希值不符",
    ),
    "verify.event_unreadable": (
        "event {event} (case {case} #{seq}) is damaged: its data is not readable",
        "第 {event} 条记录（事项 {case} 第 {seq} 条）已损坏：数据无法读取",
    ),
    "verify.chain_broken": (
        "the chain breaks at event {event} (case {case} #{seq}): an event up to it was deleted, inserted or changed",
        "哈希链在第 {event} 条记录（事项 {case} 第 {seq} 条）处断开：此前有记录被删除、插入或改动",
    ),
    "verify.head_moved": (
        "the chain no longer passes through head {head}: its first {count} events are not the ones that head was taken from, so they were rewritten",
        "哈希链不再经过链头 {head}：前 {count} 条记录已不是取链头时的记录，已被改写",
    ),
    "verify.head_lost": (
        "the ledger has {events} events, fewer than the {count} of head {head}: events were deleted",
        "台账只有 {events} 条记录，少于链头 {head} 的 {count} 条：有记录被删除",
    ),
    "verify.case_missing": (
        "case {case} has events but no case row: its row was deleted",
        "事项 {case} 有办理记录却没有事项行：事项行已被删除",
    ),
    "verify.case_without_events": (
        "case {case} has a case row but no events: its events were deleted or the row was made up",
        "事项 {case} 有事项行却没有办理记录：记录已被删除或事项行系伪造",
    ),
    "verify.case_differs": (
        "case {case} does not match its events: its {field} is {stored} where its events give {expected}",
        "事项 {case} 与其办理记录不符：{field} 为 {stored}，按记录应为 {expected}",
    ),
    "verify.holds_differ": (
        "case {case} does not match its events: the departments that held it differ from what its events say",
        "事项 {case} 与其办理记录不符：承办经过与记录不一致",
    ),
    "verify.pushbacks_differ": (
        "case {case} does not match its events: its pushbacks or their rulings differ from what its events say",
        "事项 {case} 与其办理记录不符：退回记录或其认定与记录不一致",
    ),
    "verify.case_unreplayable": (
        "case {case} cannot be rebuilt from its events ({reason}): an event was changed",
        "事项 {case} 无法由其办理记录重建（{reason}）：有记录被改动",
    ),
    "verify.seq_gap": (
        "case {case} lacks its event #{seq}: an event was deleted",
        "事项 {case} 缺少第 {seq} 条记录：有记录被删除",
    ),
    "verify.case_gone": (
        "case {case} is missing: the site's numbering skips it, so it was deleted",
        "事项 {case} 不见了：本站编号跳过了它，事项已被删除",
    ),
    "verify.case_renumbered": (
        "case {case} is row {n} of the cases table, where the rows run 1 to {count}: it was renumbered",
        "事项 {case} 在事项表中的行号为 {n}，而行号应在 1 到 {count} 之间：行号已被改动",
    ),
    "verify.text_missing": (
        "the search index holds no text for case {case} (row {n}): search no longer finds it",
        "全文索引中没有事项 {case}（第 {n} 行）的内容：查找已找不到它",
    ),
    "verify.text_differs": (
        "the search index's text for case {case} (row {n}) differs from what its events give",
        "全文索引中事项 {case}（第 {n} 行）的内容与其办理记录不符",
    ),
    "verify.text_orphan": (
        "the search index holds text under row {n}, which is no case's: the index was changed behind bbcs's back",
        "全文索引第 {n} 行不属于任何事项：索引曾被绕过 bbcs 改动",
    ),
    "verify.orphan_holds": (
        "holds are recorded for case {case}, which has no events",
        "事项 {case} 没有办理记录，却有承办记录",
    ),
    "verify.orphan_pushbacks": (
        "pushbacks are recorded for case {case}, which has no events",
        "事项 {case} 没有办理记录，却有退回记录",
    ),
    "verify.guard_missing": (
        "the {table} table has lost its append-only guard {name}: the ledger was changed behind bbcs's back",
        "{table}表的只增保护 {name} 已被删除：台账曾被绕过 bbcs 改动",
    ),
    "verify.records_ok": (
        "Verified {records} record(s) of users, departments, calendar, policy, audit and published reports; record chain {head}",
        "校验通过：{records} 条登记记录（用户、单位、日历、政策参数、审计、已发布报表）；登记链 {head}",
    ),
    "verify.record_changed": (
        "record {record} ({what}) was changed after it was written",
        "登记记录 {record}（{what}）写入后被改动",
    ),
    "verify.record_chain_broken": (
        "the record chain breaks at record {record} ({what}): a record was inserted, deleted or rewritten",
        "登记链在登记记录 {record}（{what}）处断开：有记录被插入、删除或改写",
    ),
    "verify.records_head_moved": (
        "the record chain no longer passes through head {head}: its first {count} records were rewritten",
        "登记链不再经过链头 {head}：前 {count} 条登记记录已被改写",
    ),
    "verify.records_head_lost": (
        "the record chain has fewer than the {count} records of head {head} ({records}): records were deleted",
        "登记链不足链头 {head} 的 {count} 条登记记录（现有 {records} 条）：有记录被删除",
    ),
    "verify.row_unrecorded": (
        "{what} was written behind bbcs's back: the record chain does not hold it",
        "{what} 系绕过 bbcs 写入：登记链中没有它",
    ),
    "verify.row_differs": (
        "{what} was changed behind bbcs's back: its {field} is {stored} where bbcs wrote {expected}",
        "{what} 曾被绕过 bbcs 改动：{field} 为 {stored}，bbcs 写入的是 {expected}",
    ),
    "verify.row_deleted": (
        "{what}, which bbcs wrote, was deleted",
        "bbcs 写入的 {what} 已被删除",
    ),
    "table.events": ("events", "办理记录"),
    "table.records": ("records", "登记链"),
    "table.departments": ("departments", "单位"),
    "table.users": ("users", "用户"),
    "table.calendar_years": ("calendar_years", "日历年份"),
    "table.calendar_days": ("calendar_days", "日历"),
    "table.policy": ("policy", "政策参数"),
    "table.audit": ("audit", "审计日志"),
    "table.published": ("published", "已发布报表"),
    "table.meta": ("meta", "台账设置"),
    "table.sites": ("sites", "窗口"),
    "record.meta": ("the setting {key}", "台账设置 {key}"),
    "record.departments": ("department {key}", "单位 {key}"),
    "record.users": ("user {key}", "用户 {key}"),
    "record.calendar_years": ("calendar year {key}", "日历年份 {key}"),
    "record.calendar_days": ("calendar day {key}", "日历日 {key}"),
    "record.policy": ("policy entry {key}", "政策参数记录 {key}"),
    "record.audit": ("audit entry {key}", "审计记录 {key}"),
    "record.published": ("published report {key}", "已发布报表 {key}"),
    "record.sites": ("site {key}", "窗口 {key}"),
    "verify.unreadable": (
        "the ledger could not be read to the end ({reason}): the file is damaged; restore the latest backup that verifies",
        "台账无法完整读取（{reason}）：文件已损坏，请恢复最近一份校验通过的备份",
    ),
    "verify.sqlite": (
        "SQLite's integrity check fails: {problem}",
        "SQLite 完整性检查未通过：{problem}",
    ),
    "verify.world_readable": (
        "warning: the ledger {path} holds personal data and every user of this computer can read it; run: chmod o-rwx {path}",
        "警告：台账 {path} 含个人信息，本机所有用户都能读取；请执行：chmod o-rwx {path}",
    ),
    "backup.exists": (
        "{dest} already exists; give a new file name, or a folder to put a dated copy in",
        "{dest} 已存在；请换一个文件名，或给出文件夹以存放带日期的备份",
    ),
    "backup.done": ("Backed up {path} to {dest}", "已将 {path} 备份到 {dest}"),
    "user.exists": ("user {user} is already registered", "用户 {user} 已登记"),
    "user.added": ("Registered {user} as {role}", "已登记用户 {user}，角色：{role}"),
    "user.added_dept": (
        "Registered {user} as {role} of {dept}",
        "已登记用户 {user}，角色：{dept} {role}",
    ),
    "user.first_admin": (
        "the first user must be an admin, so that someone can manage the others: add one with --role admin first",
        "第一个用户必须是管理员，以便管理其他用户：请先用 --role admin 登记一名管理员",
    ),
    "user.dept_needed": (
        "{user} is a department user and needs --dept, the department they work for",
        "{user} 是部门人员，须用 --dept 指明所在单位",
    ),
    "user.dept_only": (
        "--dept is only for department users, not for a {role}",
        "--dept 仅用于部门人员，{role}不属于某个单位",
    ),
    "role.unregistered": (
        "{user} is not a registered user of this ledger, so may only run report, sweep, verify and backup; an admin adds users with bbcs user add",
        "{user} 不是本台账的登记用户，只能运行 report、sweep、verify 和 backup；请管理员用 bbcs user add 登记",
    ),
    "role.forbidden": (
        "{user} ({role}) may not run bbcs {command}",
        "{user}（{role}）无权执行 bbcs {command}",
    ),
    "role.not_held": (
        "{user} works for {dept}, which has never held case {case}",
        "{user} 所在的 {dept} 从未承办事项 {case}，无权操作",
    ),
    "role.other_figures": (
        "{user} works for {dept} and may open {dept}'s figures onto their cases, not {other}'s",
        "{user} 所在单位为 {dept}，只能查看本单位数字背后的事项，不能查看 {other} 的",
    ),
    "role.unregistered_login": (
        "{user} is not a registered user of this ledger, and on a shared ledger its login may "
        "read nothing; an admin adds users with bbcs user add",
        "{user} 不是本台账的登记用户，在共享台账上该登录名什么也读不到；请管理员用 bbcs user add 登记",
    ),
    "role.partial_view": (
        "{user} logs in for {dept}, and the shared ledger shows that login only {dept}'s cases, "
        "so `{command}` would read a part as the whole; a clerk of the window runs it",
        "{user} 以 {dept} 的身份登录，共享台账只向该登录名显示 {dept} 的事项，"
        "`{command}` 读到的将只是部分而非全部；请由窗口人员运行",
    ),
    "role.other_dept": (
        "{user} works for {dept} and may push back only for it, not for {other}",
        "{user} 所在单位为 {dept}，只能以本单位名义退回，不能代 {other} 退回",
    ),
    "input.not_utf8": (
        "{value} is not valid text: set the terminal to UTF-8 and type it again",
        "{value} 不是有效文字：请将终端设为 UTF-8 后重新输入",
    ),
    "title.audit": ("Audit log", "审计日志"),
    "col.login": ("OS login", "系统账号"),
    "col.action": ("Action", "操作"),
    "title.users": ("Users", "用户"),
    "col.user": ("User", "用户"),
    "col.added": ("Added", "登记时间"),
    # ---- at the clerk's desk, the ledger half (issue 13)
    "report.republish_needs_reason": (
        "--republish needs --reason TEXT: why the published report is issued again",
        "--republish 须用 --reason 说明重新发布的理由",
    ),
    "report.reason_needs_republish": (
        "--reason is for --republish only",
        "--reason 仅用于 --republish",
    ),
    "report.version_needs_published": (
        "--version is for --published only",
        "--version 仅用于 --published",
    ),
    "report.versions": (
        "This is version {version} of {versions}; an earlier version exists: --version N prints it",
        "此为第 {version} 版（共 {versions} 版），另有较早版本：用 --version N 查看",
    ),
    "calendar.missing_cells": (
        "line {line} has no {cells} cell: every row gives date,kind,name (leave the name empty to use the kind)",
        "第 {line} 行缺少 {cells} 一栏：每行须有 date,kind,name（日期、类型、名称；名称可留空）",
    ),
    "title.callback": ("Call-back worklist", "回访清单"),
    "col.result": ("Result", "办理结果"),
    "col.disputed": ("Disputed", "争议"),
    "col.reporter": ("Reporter", "反映人"),
    "col.phone": ("Phone", "联系电话"),
    "out.disputed": ("disputed", "有争议"),
    "close.void": (
        "case {case} cannot be closed as void: a mistaken entry is voided with bbcs void {case} --reason TEXT",
        "事项 {case} 不能以“作废”办结：误登记的事项请用 bbcs void {case} --reason 理由 作废",
    ),
    "void.acted": (
        "case {case} cannot be voided: it has a {kind} event, and only a case with nothing but its opening, notes and a first assignment can be",
        "事项 {case} 不能作废：已有{kind}记录；只有仅登记、备注和首次交办过的事项才能作废",
    ),
    "reopen.void": (
        "case {case} was voided as a mistaken entry and stays closed",
        "事项 {case} 已作废，不能重办",
    ),
    "review.void": (
        "case {case} was voided as a mistaken entry; there is no one to call back",
        "事项 {case} 已作废，无需回访",
    ),
    "close.merged": (
        "case {case} cannot be closed as merged: a repeat is merged with bbcs link {case} --to MASTER --reason TEXT",
        "事项 {case} 不能以“并单”办结：重复件请用 bbcs link {case} --to 原件 --reason 理由 并单",
    ),
    "reopen.merged": (
        "case {case} was merged into {master}; reopen {master}, or undo the link with bbcs link {case} --undo --reason TEXT",
        "事项 {case} 已并入 {master}：请重办 {master}，或用 bbcs link {case} --undo --reason 理由 撤销并单",
    ),
    "review.merged": (
        "case {case} was merged into {master}; its reporter is called back with {master}",
        "事项 {case} 已并入 {master}，其反映人随 {master} 一并回访",
    ),
    "import.merged": (
        "a merged case (并单) comes over in an events file, which carries its master: "
        "bbcs export FILE --events",
        "并单的事项须通过事件文件导入（含其原件）：bbcs export 文件 --events",
    ),
    "link.to_or_undo": (
        "say either --to MASTER (merge) or --undo (take a wrong link back)",
        "请指定 --to 原件（并单）或 --undo（撤销并单），二者取一",
    ),
    "link.self": ("case {case} cannot be merged into itself", "事项 {case} 不能并入自身"),
    "link.master_merged": (
        "case {master} was itself merged into {into}; merge {case} into {into}",
        "事项 {master} 本身已并入 {into}，请将 {case} 并入 {into}",
    ),
    "link.master_void": (
        "case {master} was voided as a mistaken entry; nothing can be merged into it",
        "事项 {master} 已作废，不能并入",
    ),
    "link.has_merged": (
        "other cases were merged into {case}; it stays their master (undo those links first)",
        "已有事项并入 {case}，它须保留为原件（请先撤销那些并单）",
    ),
    "unlink.not_merged": (
        "case {case} is not merged into another case; there is no link to undo",
        "事项 {case} 未并入其他事项，没有可撤销的并单",
    ),
    "case.linked": (
        "Merged {case} into {master} (并单); its reporter is called back with {master}",
        "已将 {case} 并入 {master}（并单），其反映人随 {master} 一并回访",
    ),
    "case.linked_repeat": (
        "{master} was closed on {closed}, within the repeat window: a repeat against {dept}",
        "{master} 已于 {closed} 办结，在重复件期限内又来反映：计入 {dept} 的重复件",
    ),
    "case.linked_late": (
        "merged after {dept}'s due date: a late close for {dept}",
        "并单时已过 {dept} 的办理期限：计为 {dept} 超期办结",
    ),
    "case.unlinked": (
        "Undid the link of {case}: it is {status} again, due {due}",
        "已撤销 {case} 的并单：恢复为{status}，期限 {due}",
    ),
    "show.merged": ("Merged into this case (并单)", "并入本件的事项（并单）"),
    "out.merged_reporter": ("{name} (merged {case})", "{name}（并单 {case}）"),
    "report.fig.merged": ("Merged", "并单"),
    "report.fig.repeats": ("Repeats", "重复件"),
    "event.link": ("merged (并单)", "并单"),
    "event.unlink": ("link undone", "撤销并单"),
    "told.link": ("merged into {master}", "并入 {master}"),
    "told.unlink": ("the link into {master} undone", "撤销并入 {master}"),
    "told.repeat": (
        "; a repeat: {master} was closed on {closed}",
        "；重复件：{master} 已于 {closed} 办结",
    ),
    "told.late_dept": ("; a late close for {late_dept}", "；计为 {late_dept} 超期办结"),
    "site.unknown": (
        "there is no site {site} in this ledger (sites: {sites}); register it with bbcs site add",
        "本台账没有窗口 {site}（现有：{sites}）；请先用 bbcs site add 登记",
    ),
    "site.exists": (
        "site {code} or a site named {name} is already registered",
        "窗口 {code} 或名为 {name} 的窗口已登记",
    ),
    "site.own_parent": ("site {site} cannot be its own parent", "窗口 {site} 不能作为自己的上级"),
    "site.has_sites": (
        "this ledger has sites registered under {site}; its site code stays {site}",
        "本台账已在 {site} 下登记了窗口，站点代码须保持为 {site}",
    ),
    "refer.same_site": (
        "case {case} is already at site {site}",
        "事项 {case} 已在窗口 {site}",
    ),
    "out.site_added": ("Registered site {code} {name}", "已登记窗口 {code} {name}"),
    "title.sites": ("Sites", "窗口"),
    "case.referred": (
        "Referred {case} to site {site}: pending there, due there {due}",
        "已将 {case} 转办至窗口 {site}：在该窗口待交办，该窗口期限 {due}",
    ),
    "event.refer": ("referred (转办)", "转办"),
    "told.refer": (
        "referred from site {from_site} to {to_site}, due there {site_due}",
        "由窗口 {from_site} 转办至 {to_site}，该窗口期限 {site_due}",
    ),
    "report.fig.referred_in": ("Referred in", "转入"),
    "report.fig.referred_out": ("Referred out", "转出"),
    "case.voided": ("Voided {case}: {reason}", "已作废事项 {case}：{reason}"),
    "report.fig.voided": ("Voided", "作废"),
    "event.void": ("void", "作废"),
    "told.void": ("voided as a mistaken entry", "作废（误登记）"),
    "dept.retired": (
        "department {dept} is retired and receives no new cases",
        "单位 {dept} 已停用，不再接收新事项",
    ),
    "dept.already_retired": ("department {dept} is already retired", "单位 {dept} 已停用"),
    "dept.name_taken": (
        "the name {name} is already department {dept}'s",
        "名称 {name} 已被单位 {dept} 使用",
    ),
    "col.retired": ("Retired", "已停用"),
    "dept.renamed": ("Renamed {code}: {name}", "已将 {code} 更名为 {name}"),
    "dept.retired_done": (
        "Retired {code}: it receives no new cases and stays in the history and reports",
        "已停用 {code}：不再接收新事项，历史记录和报表中保留",
    ),
    "user.unknown": ("{user} is not a registered user", "{user} 不是登记用户"),
    "user.retired": ("user {user} is retired", "用户 {user} 已停用"),
    "user.last_admin": (
        "{user} is the last admin; make another user an admin first, so that someone can manage the users",
        "{user} 是最后一名管理员；请先指定另一名管理员，以便有人管理用户",
    ),
    "user.role_set": ("{user} is now {role}", "用户 {user} 的角色改为{role}"),
    "user.role_set_dept": (
        "{user} is now {role} of {dept}",
        "用户 {user} 的角色改为 {dept} {role}",
    ),
    "user.retired_done": (
        "Retired {user}: they may no longer change the ledger; what they did stays in its history",
        "已停用用户 {user}：不能再修改台账，其办理记录保留",
    ),
    # ---------------------------------------------------------------- the clerk's desk (§13, screens)
    "col.meaning": ("Meaning", "含义"),
    "word.yes": ("yes", "是"),
    "word.no": ("no", "否"),
    "word.then": ("; ", "；"),
    "policy.key.limits.immediate": (
        "time limit of an immediate case (working days)",
        "即办事项时限（工作日）",
    ),
    "policy.key.limits.simple": (
        "time limit of a simple case (working days)",
        "简单事项时限（工作日）",
    ),
    "policy.key.limits.normal": (
        "time limit of a normal case (working days)",
        "一般事项时限（工作日）",
    ),
    "policy.key.limits.complex": (
        "time limit of a complex case (working days)",
        "复杂事项时限（工作日）",
    ),
    "policy.key.limits.hard": (
        "time limit of a hard case (working days)",
        "疑难事项时限（工作日）",
    ),
    "policy.key.limits.accept": (
        "working days after receipt by which a department signs for a case (签收)",
        "承办单位收到事项后签收的期限（工作日）",
    ),
    "policy.key.limits.pushback": (
        "working days after its first receipt within which a department may push a case back",
        "承办单位首次收到事项后可退回的期限（工作日）",
    ),
    "policy.key.limits.redo": (
        "working days a lead gets at least after a redo (发回重办)",
        "发回重办后牵头单位至少可用的工作日",
    ),
    "policy.key.warning.yellow_within": (
        "working days left at or below which a case turns yellow",
        "剩余工作日不超过此数即黄色预警",
    ),
    "policy.key.rules.max_extensions": ("extensions per round of handling", "每轮办理最多延期次数"),
    "policy.key.rules.pingpong_limit": (
        "pushbacks by the lead that raise a case to 协调办",
        "牵头单位退回达此次数即升级为协调办",
    ),
    "policy.key.rules.supervise_after": (
        "working days overdue that raise a case to 督办",
        "超期达此工作日数即升级为督办",
    ),
    "policy.key.rules.reopen_on_unsatisfied": (
        "an unsatisfied review of a resolved case reopens it",
        "已解决事项回访不满意即自动重办",
    ),
    "policy.key.rules.pattern_threshold": (
        "cases of one cause and category closed in a period that make a 类案 (a rule to fix)",
        "同期办结的同一原因、同一类别事项达此件数即为类案（需从制度上解决）",
    ),
    "policy.key.causes.no_policy": ("cause: no policy covers the matter", "办不成原因：政策空白"),
    "policy.key.causes.policy_conflict": ("cause: policies conflict", "办不成原因：政策冲突"),
    "policy.key.causes.unclear_remit": ("cause: whose remit is unclear", "办不成原因：职责不清"),
    "policy.key.causes.coordination": (
        "cause: departments do not coordinate",
        "办不成原因：协调不畅",
    ),
    "policy.key.causes.paperwork": (
        "cause: papers and proofs are hard to get",
        "办不成原因：材料证明难",
    ),
    "policy.key.causes.data_silos": ("cause: data is not shared", "办不成原因：数据不通"),
    "policy.key.causes.legacy": ("cause: a problem left from the past", "办不成原因：历史遗留"),
    "policy.key.causes.conduct": ("cause: how staff work (作风)", "办不成原因：作风问题"),
    "policy.key.causes.other": ("cause: other", "办不成原因：其他"),
    "policy.cause_added": ("cause: one this office added", "办不成原因：本单位增设"),
    "policy.bad_cause_code": (
        "{key} is not a cause code: after causes. come a lowercase letter, then up to 31 "
        "lowercase letters, digits or underscores",
        "{key} 不是有效的原因代码：causes. 之后须为小写字母开头、最多 32 位的小写字母、数字或下划线",
    ),
    "policy.key.rules.repeat_window": (
        "calendar days after a close in which a case with the same phone or company is a repeat",
        "办结后多少个自然日内，同一电话或企业再次反映即为重复件",
    ),
    "policy.key.rules.urge_report_after": (
        "working days after a written urge (or the due date, if later) an unanswered "
        "department goes on the black list",
        "书面催办（或期限，取较晚者）后仍未答复即列入黑榜的工作日数",
    ),
    "policy.key.report.black_on_time_below": (
        "black list: on-time rate below",
        "黑榜：按时办结率低于",
    ),
    "policy.key.report.black_pushbacks": (
        "black list: charged pushbacks at least",
        "黑榜：计入的退回次数达到",
    ),
    "policy.key.report.black_overdue_days": (
        "black list: a case overdue by more than (working days)",
        "黑榜：有事项超期超过（工作日）",
    ),
    "policy.key.report.red_min_closed": ("red list: closes at least", "红榜：办结件数至少"),
    "policy.key.report.red_size": ("red list: departments at most", "红榜：最多上榜单位数"),
    # ---------------------------------------------------------------- printed forms (§10)
    "policy.key.site.name": ("the window's name on printed forms", "打印单据上的窗口名称"),
    "policy.key.forms.dir": (
        "folder of the office's own form templates (empty: the shipped ones)",
        "本单位单据模板所在文件夹（留空则用自带模板）",
    ),
    # a case's events told as sentences (bbcs.history)
    "told.open": (
        "opened: {summary}; reporter {reporter}; {channel}, {complexity}, due {due_date}",
        "受理登记：{summary}；反映人 {reporter}；{channel}受理，{complexity}，期限 {due_date}",
    ),
    "told.company": ("; company {company}", "；企业 {company}"),
    "told.provisional": (" (provisional)", "（待定）"),
    "told.assign": ("assigned to {lead}", "交 {lead} 牵头办理"),
    "told.co": (", {co} assisting", "，{co} 协办"),
    "told.dept_due": ("; department due {dept_due_date}", "；部门期限 {dept_due_date}"),
    "told.transfer": (
        "transferred from {from} to {to}; reason: {reason}",
        "由 {from} 改派 {to}；理由：{reason}",
    ),
    "told.pushback": (
        "{by} ({role}) pushed it back, to {to}; reason: {reason}",
        "{by}（{role}）退回，转 {to}；理由：{reason}",
    ),
    "told.basis": ("; basis: {basis}", "；依据：{basis}"),
    "told.ruling": (
        "pushback {pushback_seq} ruled {verdict}",
        "审定第 {pushback_seq} 次退回为{verdict}",
    ),
    "told.reason": ("; reason: {reason}", "；理由：{reason}"),
    "told.escalate": ("raised from {from} to {to}", "由{from}升级为{to}"),
    "told.escalate_first": ("raised to {to}", "升级为{to}"),
    "told.system": ("system", "系统"),
    "told.correction": (" (a correction)", "（更正）"),
    "told.rule_pingpong": ("pushed back to and fro", "反复退回"),
    "told.rule_overdue": ("overdue", "超期"),
    "told.automatic": (" (automatically)", "（自动）"),
    "told.ruling_by": (
        "pushback {pushback_seq} (by {by}) ruled {verdict}",
        "审定第 {pushback_seq} 次退回（{by}）为{verdict}",
    ),
    "told.rule_unsatisfied": ("the review was unsatisfied", "回访不满意"),
    "told.extend": (
        "extended by {days} working days, due {due_date}",
        "延期 {days} 个工作日，期限顺延至 {due_date}",
    ),
    "told.suspend": ("suspended", "挂起"),
    "told.resume": (
        "resumed after {days} working days, due {due_date}",
        "恢复办理（挂起 {days} 个工作日），期限顺延至 {due_date}",
    ),
    "told.note": ("{text}", "{text}"),
    "told.close": ("closed: {result}", "办结：{result}"),
    "told.resolution": ("; {resolution}", "；{resolution}"),
    "told.review": ("reviewed: {rating}", "回访：{rating}"),
    "told.comment": ("; {comment}", "；{comment}"),
    "told.reopen": ("reopened, due {due_date}", "重办，期限 {due_date}"),
    "told.uphold": ("result upheld", "维持原结果"),
    "told.overdue": (
        "overdue (due {due_date}, counted against {dept})",
        "超期（期限 {due_date}，计 {dept}）",
    ),
    "told.redate": (
        "calendar changed: due {due_date}",
        "工作日历调整，期限改为 {due_date}",
    ),
    "told.amend": ("amended: {changes}", "更正：{changes}"),
    "told.accept": ("{dept} signed for it", "{dept} 签收"),
    "told.on_time": (", on time", "，按时"),
    "told.urge": ("{dept} urged by {how}", "{how}催办 {dept}"),
    "told.how.phone": ("phone", "电话"),
    "told.how.written": ("a written notice", "书面"),
    "told.how.visit": ("a visit", "上门"),
    "told.urge_note": ("; {note}", "；{note}"),
    "told.breach_day": (
        "; reported if still unanswered after {breach_day}",
        "；{breach_day} 后仍未答复的予以通报",
    ),
    "told.reply": ("{dept} ({role}) replied: {result}", "{dept}（{role}）答复：{result}"),
    "told.redo": ("sent back to {dept} to be redone", "发回 {dept} 重办"),
    "told.solved": ("; {solved}", "；{solved}"),
    "told.extend_request": (
        "{dept} asked for {days} more working days",
        "{dept} 申请延期 {days} 个工作日",
    ),
    "report.already_published": (
        "the {kind} report for {first} to {last} is already published; to issue it again, give --republish --reason TEXT (every version is kept)",
        "{first} 至 {last} 的{kind}已发布；如需重新发布，请加 --republish --reason 理由（各版本均保留）",
    ),
    "print.done": ("Wrote {path}: {form}, {pages} page(s)", "已写入 {path}：{form}，共 {pages} 页"),
    "print.bad_form": (
        "{form} is not a form; choose one of: {forms}",
        "没有“{form}”这种单据；可选：{forms}",
    ),
    "print.cases_or_batch": (
        "name the cases, or give --dept with --overdue or --unaccepted for a batch, not both",
        "请列出事项编号，或用 --dept 加 --overdue 或 --unaccepted 批量打印，二者不可同时使用",
    ),
    "print.nothing": (
        "name the cases to print, or give --dept D --overdue (or --unaccepted) "
        "for a department's batch",
        "请列出要打印的事项编号，或用 --dept 单位 --overdue（或 --unaccepted）"
        "批量打印该单位的超期（或未签收）事项",
    ),
    "print.none_overdue": (
        "{dept} holds no open case past its due date: nothing to print",
        "{dept} 没有超期未结事项，无需打印",
    ),
    "report.no_version": (
        "the {kind} report for {first} to {last} has no version {version}",
        "{first} 至 {last} 的{kind}没有第 {version} 版",
    ),
    "print.no_event.assign": (
        "{case} has no lead department yet: assign it before printing its 交办单",
        "{case} 尚未交办牵头单位，请先交办再打印交办单",
    ),
    "print.no_event.urge": (
        "{case} has no written urge: record one with bbcs urge {case} --how written first",
        "{case} 没有书面催办记录：请先用 bbcs urge {case} --how written 登记催办",
    ),
    "print.no_event.supervise": (
        "{case} was never raised to 督办: nothing to print on a 督办通知书",
        "{case} 未列为督办事项，无法打印督办通知书",
    ),
    "print.no_event.reply": (
        "{case} has no department reply to print",
        "{case} 没有单位答复，无法打印办理情况反馈单",
    ),
    "print.no_template": (
        "the form template {path} does not exist (policy forms.dir names its folder)",
        "单据模板 {path} 不存在（模板文件夹由 policy 的 forms.dir 指定）",
    ),
    # what a write led to (bbcs.history.aftermath)
    "after.escalated": ("raised automatically to {level}: {why}", "已自动升级为{level}（{why}）"),
    "after.charged": (
        "the ruling applies to pushback {seq} ({dept}, {day}): {verdict}; it counts against {dept}",
        "审定的是第 {seq} 次退回（{dept}，{day}）：{verdict}，计入 {dept} 的退回次数",
    ),
    "after.not_charged": (
        "the ruling applies to pushback {seq} ({dept}, {day}): {verdict}; it no longer counts against {dept}",
        "审定的是第 {seq} 次退回（{dept}，{day}）：{verdict}，不计入 {dept} 的退回次数",
    ),
    "after.window_on_time": (
        "closed on time for the window (due {due})",
        "窗口期限 {due} 内按时办结",
    ),
    "after.window_late": ("closed late for the window (due {due})", "超过窗口期限 {due} 办结"),
    "after.dept_on_time": (
        "on time for the lead {dept} (its due date {due})",
        "牵头单位 {dept} 在部门期限 {due} 内办结",
    ),
    "after.dept_late": (
        "late for the lead {dept} (its due date {due})",
        "牵头单位 {dept} 超过部门期限 {due}",
    ),
    "after.disputed": (
        "the review is disputed: a supervisor decides, with bbcs uphold {case} or bbcs reopen {case}",
        "回访结果有争议，待督查人员裁定：bbcs uphold {case} 或 bbcs reopen {case}",
    ),
    "out.corrected": ("{case}: level corrected to {level}", "{case}：级别已更正为{level}"),
    "sweep.case": ("{case}: {what}", "{case}：{what}"),
    "report.list": ("List", "榜单"),
    "report.all_figures": ("All figures", "全部指标"),
    "sweep.progress": ("Sweeping the overdue cases", "正在巡检超期事项"),
    "report.working": ("Building the report: {kind}", "正在生成{kind}"),
    "report.trend": (
        "Opened and closed in the last eight periods",
        "近八期受理与办结",
    ),
    # co-departments (SPEC §10)
    "policy.key.limits.co": (
        "working days a co-department has to answer after receipt (never after the lead's due date)",
        "协办单位答复时限（收到后工作日，不晚于牵头单位部门期限）",
    ),
    "import.replied_needs": (
        "a replied case (待审核) needs {field}, from its lead's reply",
        "待审核事项须填写{field}（牵头单位的答复）",
    ),
    "told.reply_on_time": (", on time (due {due})", "，按期答复（期限 {due}）"),
    "told.reply_late": (", late (due {due})", "，逾期答复（期限 {due}）"),
    # urges and ignored urges (SPEC §10)
    "report.rule.ignored_urge": (
        "unanswered {limit} working days after a written urge",
        "催办后仍超期：书面催办后 {limit} 个工作日仍未答复",
    ),
    "print.none_unaccepted": (
        "{dept} has signed for every case it holds: nothing to print",
        "{dept} 承办的事项均已签收，无需打印",
    ),
    "print.overdue_or_unaccepted": (
        "a batch is either --overdue or --unaccepted, not both",
        "批量打印只能选 --overdue 或 --unaccepted 其中之一",
    ),
}
