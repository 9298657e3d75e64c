"""Closed sets of the domain, each value with its Chinese label kept beside it once.

``label(member)`` gives the text a clerk reads, in the interface language; the
value is what JSON, CSV machine columns and the ledger store.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class Labelled(StrEnum):
    """A string enum whose members carry an English and a Chinese label."""

    zh: str
    en: str

    def __new__(cls, value: str, en: str = "", zh: str = "") -> Labelled:
        member = str.__new__(cls, value)
        member._value_ = value
        member.en = en or value
        member.zh = zh or value
        return member

    @classmethod
    def parse(cls, text: str) -> Self | None:
        """The member named by its value or by either label (case-insensitive), or None."""
        wanted = text.strip().lower()
        for member in cls:
            if wanted in (member.value, member.en.lower(), member.zh):
                return member
        return None


class Status(Labelled):
    PENDING = "pending", "pending", "待交办"
    IN_PROGRESS = "in_progress", "in progress", "办理中"
    SUSPENDED = "suspended", "suspended", "挂起"
    REPLIED = "replied", "replied, awaiting review", "待审核"
    CLOSED = "closed", "closed", "已办结"


class Channel(Labelled):
    WINDOW = "window", "window", "窗口"
    PHONE = "phone", "phone", "电话"
    ONLINE = "online", "online", "网上"
    LETTER = "letter", "letter", "来信"


class Complexity(Labelled):
    IMMEDIATE = "immediate", "immediate", "即办"
    SIMPLE = "simple", "simple", "简单"
    NORMAL = "normal", "normal", "一般"
    COMPLEX = "complex", "complex", "复杂"
    HARD = "hard", "hard", "疑难"


class Escalation(Labelled):
    NONE = "none", "none", "无"
    URGENT = "urgent", "urgent", "加急办"
    COORDINATE = "coordinate", "coordinate", "协调办"
    SPECIAL = "special", "special", "特事特办"
    SUPERVISE = "supervise", "supervise", "督办"

    @property
    def rank(self) -> int:
        return list(Escalation).index(self)


class Result(Labelled):
    RESOLVED = "resolved", "resolved", "已解决"
    EXPLAINED = "explained", "explained", "已解释说明"
    WITHDRAWN = "withdrawn", "withdrawn", "撤回"
    VOID = "void", "void", "作废"  # a mistaken entry (SPEC §13): only ``void`` sets it
    MERGED = "merged", "merged", "并单"  # merged into its master (SPEC §11): only ``link`` sets it


class Rating(Labelled):
    """The reporter's verdict at the call-back: the five levels of 政务服务"好差评" (SPEC §10),
    or a failed attempt to get one."""

    VERY_SATISFIED = "very_satisfied", "very satisfied", "非常满意"
    SATISFIED = "satisfied", "satisfied", "满意"
    BASIC = "basic", "basically satisfied", "基本满意"
    UNSATISFIED = "unsatisfied", "unsatisfied", "不满意"
    VERY_UNSATISFIED = "very_unsatisfied", "very unsatisfied", "非常不满意"
    UNREACHABLE = "unreachable", "unreachable", "未联系上"
    REFUSED = "refused", "refused to rate", "拒绝评价"

    @property
    def is_rating(self) -> bool:
        """Whether this is a verdict of the reporter, not a failed attempt to get one."""
        return self not in (Rating.UNREACHABLE, Rating.REFUSED)

    @property
    def is_unsatisfied(self) -> bool:
        """Unsatisfied or very unsatisfied: it reopens or disputes the case the same way."""
        return self in (Rating.UNSATISFIED, Rating.VERY_UNSATISFIED)

    @property
    def is_satisfied(self) -> bool:
        """A rating that counts as satisfied in every figure."""
        return self.is_rating and not self.is_unsatisfied


class Solved(Labelled):
    """The call-back's second question: was the matter solved (解决率, SPEC §10)."""

    YES = "yes", "solved", "已解决"
    PARTLY = "partly", "partly solved", "部分解决"
    NO = "no", "not solved", "未解决"


class Urging(Labelled):
    """How the window chased a department (催办, SPEC §10)."""

    PHONE = "phone", "by phone", "电话催办"
    WRITTEN = "written", "in writing", "书面催办"
    VISIT = "visit", "in person", "上门催办"


class Warning(Labelled):
    OVERDUE = "overdue", "overdue", "已超期"
    RED = "red", "red", "红色预警"
    YELLOW = "yellow", "yellow", "黄色预警"
    GREEN = "green", "green", "正常"


class Verdict(Labelled):
    VALID = "valid", "valid (misrouted)", "有效（交办有误）"
    INVALID = "invalid", "invalid (推诿)", "无效（推诿）"


class HoldEnd(Labelled):
    CLOSED = "closed", "closed", "办结"
    PUSHED_BACK = "pushed_back", "pushed back", "退回"
    TRANSFERRED = "transferred", "transferred", "改派"
    REPLIED = "replied", "replied", "已答复"
    VOIDED = "voided", "voided", "作废"
    MERGED = "merged", "merged", "并单"
    REFERRED = "referred", "referred to another window", "转办"


class Role(Labelled):
    CLERK = "clerk", "clerk", "窗口人员"
    DEPT = "dept", "department staff", "部门人员"
    SUPERVISOR = "supervisor", "supervisor", "督查人员"
    ADMIN = "admin", "administrator", "管理员"


class EventKind(StrEnum):
    OPEN = "open"
    ASSIGN = "assign"
    TRANSFER = "transfer"
    PUSHBACK = "pushback"
    RULING = "ruling"
    ESCALATE = "escalate"
    EXTEND = "extend"
    SUSPEND = "suspend"
    RESUME = "resume"
    NOTE = "note"
    CLOSE = "close"
    REVIEW = "review"
    REOPEN = "reopen"
    UPHOLD = "uphold"
    OVERDUE = "overdue"
    REDATE = "redate"
    AMEND = "amend"
    ACCEPT = "accept"
    URGE = "urge"
    REPLY = "reply"
    REDO = "redo"
    EXTEND_REQUEST = "extend_request"
    VOID = "void"
    LINK = "link"
    UNLINK = "unlink"
    REFER = "refer"


SYSTEM_ACTOR = "system"
