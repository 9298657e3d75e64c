"""A case's events told as sentences of the interface language, for ``show``, and what a
write led to, for the line after it.

``SENTENCES`` is the one table: each event kind, the message key of its sentence
and the optional clauses that follow it when their data is there. A kind missing
from it (one added later) is told by its name and its data as ``field: value``
pairs, never dropped. ``--json`` keeps the raw events; nothing here is stored.
Pure: no rich, no database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from bbcs.i18n import label, t

if TYPE_CHECKING:
    from bbcs.projection import CaseState

# the enumerations an event's data names by value, and the enum that labels them
ENUMS = {
    "channel": "Channel",
    "complexity": "Complexity",
    "result": "Result",
    "rating": "Rating",
    "verdict": "Verdict",
    "from_level": "Escalation",
    "to_level": "Escalation",
    "how": "Urging",
    "solved": "Solved",
}

# kind: (the sentence's key, the optional clauses after it, each shown when its field is there)
SENTENCES: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "open": ("told.open", (("company", "told.company"), ("provisional", "told.provisional"))),
    "assign": ("told.assign", (("co", "told.co"), ("dept_due_date", "told.dept_due"))),
    "transfer": ("told.transfer", (("dept_due_date", "told.dept_due"),)),
    "pushback": ("told.pushback", (("basis", "told.basis"),)),
    "ruling": ("told.ruling", (("reason", "told.reason"),)),
    "escalate": ("told.escalate", (("reason", "told.reason"),)),
    "extend": ("told.extend", (("reason", "told.reason"),)),
    "suspend": ("told.suspend", (("reason", "told.reason"),)),
    "resume": ("told.resume", ()),
    "note": ("told.note", ()),
    "close": ("told.close", (("resolution", "told.resolution"),)),
    "review": ("told.review", (("solved", "told.solved"), ("comment", "told.comment"))),
    "reopen": ("told.reopen", (("reason", "told.reason"),)),
    "uphold": ("told.uphold", (("reason", "told.reason"),)),
    "overdue": ("told.overdue", ()),
    "redate": ("told.redate", ()),
    "amend": ("told.amend", (("reason", "told.reason"),)),
    "void": ("told.void", (("reason", "told.reason"),)),
    "accept": ("told.accept", (("on_time", "told.on_time"),)),
    "urge": ("told.urge", (("note", "told.urge_note"), ("breach_day", "told.breach_day"))),
    "reply": ("told.reply", (("resolution", "told.resolution"),)),
    "redo": ("told.redo", (("dept_due_date", "told.dept_due"), ("reason", "told.reason"))),
    "extend_request": ("told.extend_request", (("reason", "told.reason"),)),
    "link": (
        "told.link",
        (("repeat", "told.repeat"), ("late_dept", "told.late_dept"), ("reason", "told.reason")),
    ),
    "unlink": ("told.unlink", (("reason", "told.reason"),)),
    "refer": ("told.refer", (("reason", "told.reason"),)),
}

# why the system escalated a case by itself (escalate's ``rule``), or reopened it
RULES = {
    "pingpong": "told.rule_pingpong",
    "overdue": "told.rule_overdue",
    "unsatisfied_review": "told.rule_unsatisfied",
}


def actor(name: str) -> str:
    """Who acted: a person's name as recorded, the system in the interface language."""
    from bbcs.models import SYSTEM_ACTOR

    return t("told.system") if name == SYSTEM_ACTOR else name


def when(at: str) -> str:
    """An event's time as people read it, in ``BBCS_TZ``: ``2026-09-28 09:00``."""
    from bbcs import clock

    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return at
    if moment.tzinfo is not None:
        moment = moment.astimezone(clock.zone())
    return moment.strftime("%Y-%m-%d %H:%M")


def pushbacks_by_seq(events: Sequence[Mapping[str, Any]]) -> dict[int, tuple[int, str]]:
    """Each pushback event's seq: which pushback of the case it was (from 1) and by whom."""
    found: dict[int, tuple[int, str]] = {}
    for event in events:
        if event["kind"] == "pushback":
            found[int(event["seq"])] = (len(found) + 1, str((event.get("data") or {}).get("by")))
    return found


def told(event: Mapping[str, Any], pushed: Mapping[int, tuple[int, str]] | None = None) -> str:
    """The event as one sentence (or, for a kind this table does not know, its data).

    ``pushed`` (``pushbacks_by_seq`` of the case's events) lets a ruling say which
    pushback it ruled on.
    """
    kind, data = str(event["kind"]), dict(event.get("data") or {})
    if kind not in SENTENCES:
        pairs = [f"{label(k)}: {_value(k, v)}" for k, v in sorted(data.items()) if _there(v)]
        return "; ".join(pairs)
    key, clauses = SENTENCES[kind]
    if kind == "escalate" and data.get("from") in (None, "none"):
        key = "told.escalate_first"
    params = _params(kind, data)
    if kind == "ruling" and pushed and int(data.get("pushback_seq", 0)) in pushed:
        params["pushback_seq"], params["by"] = map(str, pushed[int(data["pushback_seq"])])
        key = "told.ruling_by"
    try:
        text = t(key, **params)
    except (KeyError, IndexError, ValueError):  # an older event lacking a field
        text = t(f"event.{kind}")
    if kind == "reply" and isinstance(data.get("on_time"), bool):
        timing = "told.reply_on_time" if data["on_time"] else "told.reply_late"
        text += t(timing, due=params.get("dept_due_date", ""))
    for field, clause in clauses:
        value = data.get(field)
        if _there(value) or (not isinstance(value, bool) and _there(params.get(field))):
            text += t(clause, **params)
    return text


def _there(value: Any) -> bool:
    return value not in (None, "", [], False)


def _value(name: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return t("word.yes") if value else t("word.no")
    if isinstance(value, list):
        return "、".join(_value(name, v) for v in value)
    if name in ENUMS and isinstance(value, str):
        from bbcs import models

        try:
            return label(getattr(models, ENUMS[name])(value))
        except ValueError:
            return value
    return str(value)


def _params(kind: str, data: dict[str, Any]) -> dict[str, str]:
    """The event's data as the words its sentence takes."""
    params = {name: _value(name, value) for name, value in data.items()}
    if str(data.get("reason")) in RULES:
        params["reason"] = t(RULES[str(data["reason"])])
    if kind == "reply":
        params["role"] = t(f"role.{data.get('role') or 'lead'}")
    if kind == "urge":
        params["how"] = t(f"told.how.{data.get('how') or 'phone'}")
    if kind == "pushback":
        params["role"] = t(f"role.{data.get('role') or 'lead'}")
        params["to"] = data.get("to") or t("report.window")
    if kind == "link" and isinstance(data.get("repeat"), dict):
        params["closed"] = str(data["repeat"].get("master_closed"))
    if kind == "escalate":
        params["from"] = _value("from_level", data.get("from"))
        params["to"] = _value("to_level", data.get("to"))
        rule = RULES.get(str(data.get("rule")))
        if rule:
            params["reason"] = t(rule)
            params["to"] += t("told.automatic")
        elif data.get("correction"):
            params["reason"] = f"{params.get('reason', '')}{t('told.correction')}"
    if kind == "amend":
        params["changes"] = "；".join(
            f"{label(name)} {_value(name, old)} → {_value(name, new)}"
            for name, (old, new) in (data.get("changes") or {}).items()
        )
    return params


# ---------------------------------------------------------------- what a write led to


def aftermath(state: CaseState, written: Sequence[Mapping[str, Any]]) -> list[str]:
    """What follows from a write, a sentence each: an automatic escalation it set off, the
    pushback a ruling applied to, whether a close was on time for the window and for the
    department, a disputed review waiting for a supervisor."""
    from bbcs.models import SYSTEM_ACTOR, Escalation, Verdict
    from bbcs.rules import deadlines, pushbacks

    lines: list[str] = []
    for event in written:
        kind, data = event["kind"], event.get("data") or {}
        if kind == "escalate" and event.get("actor") == SYSTEM_ACTOR:
            why = t(RULES[data["rule"]]) if data.get("rule") in RULES else ""
            lines.append(t("after.escalated", level=label(Escalation(data["to"])), why=why))
        elif kind == "ruling":
            seq = int(data["pushback_seq"])
            log = [p.seq for p in state.pushback_log]
            pushed = next((p for p in state.pushback_log if p.seq == seq), None)
            if pushed is not None:
                key = "after.charged" if pushbacks.charged(data["verdict"]) else "after.not_charged"
                lines.append(
                    t(
                        key,
                        seq=log.index(seq) + 1,
                        dept=pushed.dept,
                        day=pushed.day,
                        verdict=label(Verdict(data["verdict"])),
                    )
                )
        elif kind == "close" and state.closed_at:
            lines.extend(_on_time(state, deadlines.on_time))
        elif kind == "review" and state.review == "disputed":
            lines.append(t("after.disputed", case=state.id))
    return lines


def _on_time(state: CaseState, on_time: Any) -> list[str]:
    from bbcs import clock
    from bbcs.models import Result

    closed = clock.local_day(datetime.fromisoformat(str(state.closed_at)))
    result = Result(state.result) if state.result else None
    lines = []
    window = on_time(result, closed, date.fromisoformat(state.due_date) if state.due_date else None)
    if window is not None:
        key = "after.window_on_time" if window else "after.window_late"
        lines.append(t(key, due=state.due_date))
    hold = state.lead_hold()
    if hold is not None and hold.dept_due:
        dept = on_time(result, closed, date.fromisoformat(hold.dept_due))
        if dept is not None:
            key = "after.dept_on_time" if dept else "after.dept_late"
            lines.append(t(key, dept=hold.dept, due=hold.dept_due))
    return lines
