"""Cases as a reader sees them: the stored row plus what depends on today (SPEC §4).

``warning``, ``working_days_left``, ``working_days_taken`` and ``on_time`` are
computed here from the row, the calendar and today, never stored.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from bbcs.fields import mask_phone
from bbcs.models import Result, Status
from bbcs.projection import CASE_FIELDS
from bbcs.rules.calendar import Calendar
from bbcs.rules.deadlines import (
    on_time,
    warning_level,
    working_days_left,
    working_days_taken,
)


def case_view(
    row: dict[str, Any], calendar: Calendar, today: date, *, yellow_within: int, mask: bool
) -> dict[str, Any]:
    case = {name: row[name] for name in CASE_FIELDS}
    if mask:
        case["phone"] = mask_phone(case["phone"])
    due = date.fromisoformat(row["due_date"]) if row["due_date"] else None
    open_ = row["status"] in (Status.PENDING, Status.IN_PROGRESS, Status.REPLIED)
    if open_ and due is not None:
        case["warning"] = warning_level(calendar, today, due, yellow_within=yellow_within).value
        case["working_days_left"] = working_days_left(calendar, today, due)
    else:
        case["warning"] = None
        case["working_days_left"] = None
    closed_on = date.fromisoformat(row["closed_on"]) if row["closed_on"] else None
    end = closed_on or today
    case["working_days_taken"] = working_days_taken(
        calendar, date.fromisoformat(row["round_start"]), end
    )
    case["on_time"] = (
        on_time(Result(row["result"]), closed_on, due)
        if closed_on is not None and row["result"]
        else None
    )
    case["review"] = row["review"]
    case["merged_into"] = row["merged_into"]
    case["site"], case["site_due"] = row["site"], row["site_due"]
    return case


def hold_views(
    holds: list[dict[str, Any]], calendar: Calendar, today: date
) -> list[dict[str, Any]]:
    """Each department that held the case: from, to, working days, and how it ended."""
    views = []
    for hold in holds:
        start = date.fromisoformat(hold["received"])
        end = date.fromisoformat(hold["ended"]) if hold["ended"] else today
        views.append(
            {
                "dept": hold["dept"],
                "role": hold["role"],
                "from": hold["received"],
                "to": hold["ended"],
                "working_days": working_days_taken(calendar, start, end),
                "dept_due_date": hold["dept_due"],
                "ended": hold["how"],
                "accept_due": hold["accept_due"],
                "accepted": hold["accepted"],
                "replied": hold["replied"],
            }
        )
    return views


def callback_entry(case: dict[str, Any], merged: list[dict[str, Any]]) -> dict[str, Any]:
    """A case on the call-back worklist (回访清单, SPEC §13): its result, whether its review
    is disputed, and every reporter to call: its own, then those of the cases merged into it
    (并单, SPEC §11), each with the id of the case they opened."""
    return {
        "id": case["id"],
        "result": case["result"],
        "disputed": case["review"] == "disputed",
        "reporters": [
            {"name": case["reporter"], "phone": case["phone"], "case": case["id"]},
            *({"name": m["reporter"], "phone": m["phone"], "case": m["id"]} for m in merged),
        ],
    }
