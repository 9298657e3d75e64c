"""A case's events told as sentences of the interface language, for ``show``.

``SENTENCES`` is the one table: each event kind, the message key of its sentence
and the optional clauses that follow it when their data is there. A kind missing
from it (one added later) is told by its name and its data as ``field: value``
pairs, never dropped. ``--json`` keeps the raw events; nothing here is stored.
Pure: no rich, no database.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bbcs.i18n import label, t

# the enumerations an event's data names by value, and the enum that labels them
ENUMS = {
    "channel": "Channel",
    "complexity": "Complexity",
    "result": "Result",
    "rating": "Rating",
    "verdict": "Verdict",
    "from_level": "Escalation",
    "to_level": "Escalation",
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
    "review": ("told.review", (("comment", "told.comment"),)),
    "reopen": ("told.reopen", (("reason", "told.reason"),)),
    "uphold": ("told.uphold", (("reason", "told.reason"),)),
    "overdue": ("told.overdue", ()),
    "redate": ("told.redate", ()),
    "amend": ("told.amend", (("reason", "told.reason"),)),
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


def told(event: Mapping[str, Any]) -> str:
    """The event as one sentence (or, for a kind this table does not know, its data)."""
    kind, data = str(event["kind"]), dict(event.get("data") or {})
    if kind not in SENTENCES:
        pairs = [f"{label(k)}: {_value(k, v)}" for k, v in sorted(data.items()) if _there(v)]
        return "; ".join(pairs)
    key, clauses = SENTENCES[kind]
    if kind == "escalate" and data.get("from") in (None, "none"):
        key = "told.escalate_first"
    params = _params(kind, data)
    try:
        text = t(key, **params)
    except (KeyError, IndexError, ValueError):  # an older event lacking a field
        text = t(f"event.{kind}")
    for field, clause in clauses:
        value = data.get(field)
        if _there(value) or (not isinstance(value, bool) and _there(params.get(field))):
            text += t(clause, **params)
    return text


def _there(value: Any) -> bool:
    return value not in (None, "", [], False)


def _value(name: str, value: Any) -> str:
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
    if kind == "pushback":
        params["role"] = t(f"role.{data.get('role') or 'lead'}")
        params["to"] = data.get("to") or t("report.window")
    if kind == "escalate":
        params["from"] = _value("from_level", data.get("from"))
        params["to"] = _value("to_level", data.get("to"))
        rule = RULES.get(str(data.get("rule")))
        if rule:
            params["reason"] = t(rule)
        elif data.get("correction"):
            params["reason"] = f"{params.get('reason', '')}{t('told.correction')}"
    if kind == "amend":
        params["changes"] = "；".join(
            f"{label(name)} {_value(name, old)} → {_value(name, new)}"
            for name, (old, new) in (data.get("changes") or {}).items()
        )
    return params
