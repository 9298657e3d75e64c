"""Ranking (SPEC §6): the rates, the ranking key, and the red and black lists.

Rates are ``part / whole`` to four places, None with nothing to divide by.
Departments rank by on-time rate high to low, charged pushbacks low to high,
satisfaction high to low, average working days low to high; equal keys share a
rank, and a department with nothing to judge (no close, no overdue case) has no
rank. The pushback report ranks by charged pushbacks alone, most first, ties by code. The black list (黑榜) names each rule a department broke and the cases
behind it: on-time rate below the threshold, too many charged pushbacks, a case
overdue by more than the threshold's working days, too many replies sent back, a
written urge left unanswered (``rules.urges``). The red list (红榜) is the
top of the ranking with a perfect on-time rate, no charged pushback, enough
closes, and not on the black list. Thresholds are the policy's ``report.*``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bbcs.rules.policy import Policy

BLACK_RULES = ("on_time_rate", "pushbacks", "overdue", "redone", "ignored_urge")


def rate(part: float | None, whole: float | None) -> float | None:
    """``part / whole`` to four places; None when there is nothing to divide by."""
    if not whole:
        return None
    return round((part or 0) / whole, 4)


def average(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def rank_key(dept: Mapping[str, Any]) -> tuple[float, int, float, float]:
    """On-time rate high to low, charged pushbacks low to high, satisfaction high to low,
    average working days low to high; a missing satisfaction or average sorts last."""
    satisfaction = dept["satisfaction_rate"]
    days = dept["avg_working_days"]
    return (
        -float(dept["on_time_rate"]),
        int(dept["pushbacks_charged"]),
        -float(satisfaction) if satisfaction is not None else 1.0,
        float(days) if days is not None else float("inf"),
    )


def rank(departments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Set ``rank`` (equal keys share a rank) and return the departments in ranking order.

    A department with nothing to judge (no close, no overdue case) has rank None and comes last.
    """
    judged = sorted(
        (d for d in departments if d["closed"] + d["overdue_open"] > 0),
        key=lambda d: (rank_key(d), d["dept"]),
    )
    for i, dept in enumerate(judged):
        if i and rank_key(judged[i - 1]) == rank_key(dept):
            dept["rank"] = judged[i - 1]["rank"]
        else:
            dept["rank"] = i + 1
    rest = sorted((d for d in departments if d["rank"] is None), key=lambda d: d["dept"])
    return judged + rest


def rank_by_pushbacks(departments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The pushback report's order (SPEC §13): charged pushbacks most first, ties by code;
    ``rank`` is the place in that order."""
    ordered = sorted(departments, key=lambda d: (-int(d["pushbacks_charged"]), d["dept"]))
    for place, dept in enumerate(ordered, start=1):
        dept["rank"] = place
    return ordered


@dataclass(frozen=True)
class Thresholds:
    """The lists' thresholds: black below this on-time rate, at this many charged pushbacks
    or more, or with a case overdue by more than this many working days; red sizes."""

    on_time_below: float = 0.8
    pushbacks: int = 3
    overdue_days: int = 5
    red_min_closed: int = 3
    red_size: int = 3
    redone: int = 3  # 发回重办 in a period that black-list the lead (SPEC §10)
    ignored_urge: int = 5  # working days a written urge may go unanswered (SPEC §10)

    @classmethod
    def of(cls, policy: Policy) -> Thresholds:
        return cls(
            float(policy["report.black_on_time_below"]),
            policy.whole("report.black_pushbacks"),
            policy.whole("report.black_overdue_days"),
            policy.whole("report.red_min_closed"),
            policy.whole("report.red_size"),
            policy.whole("rules.max_redone"),
            policy.whole("rules.urge_report_after"),
        )

    def black(self) -> dict[str, float | int]:
        """The black list's thresholds by the rule they belong to, as a report shows them."""
        return {
            "on_time_rate": self.on_time_below,
            "pushbacks": self.pushbacks,
            "overdue": self.overdue_days,
            "redone": self.redone,
            "ignored_urge": self.ignored_urge,
        }


def black_list(
    departments: Sequence[Mapping[str, Any]],
    thresholds: Thresholds,
    *,
    late: Mapping[str, list[str]],
    overdue: Mapping[str, list[tuple[str, int]]],
    charged: Mapping[str, list[str]],
    redone: Mapping[str, list[str]] | None = None,
    ignored: Mapping[str, list[str]] | None = None,
) -> list[dict[str, Any]]:
    """Each rule each department broke, with the cases behind it (点名通报).

    ``late`` are the cases a department closed late, ``overdue`` its overdue
    holds with the working days overdue, ``charged`` its charged pushbacks' cases,
    ``redone`` the cases of its replies the window sent back (one id per redo),
    ``ignored`` the cases of its written urges ignored (``rules.urges``) with the
    breach day in the period: one is enough for the rule ``ignored_urge``.
    """
    detail: list[dict[str, Any]] = []
    for record in departments:
        code = record["dept"]
        if record["on_time_rate"] is not None and record["on_time_rate"] < thresholds.on_time_below:
            cases = list(late.get(code, [])) + [c for c, _ in overdue.get(code, [])]
            detail.append({"dept": code, "rule": "on_time_rate", "cases": sorted(set(cases))})
        if record["pushbacks_charged"] >= thresholds.pushbacks:
            detail.append({"dept": code, "rule": "pushbacks", "cases": charged.get(code, [])})
        long_overdue = [c for c, days in overdue.get(code, []) if days > thresholds.overdue_days]
        if long_overdue:
            detail.append({"dept": code, "rule": "overdue", "cases": long_overdue})
        if record.get("redone", 0) >= thresholds.redone:
            cases = (redone or {}).get(code, [])
            detail.append({"dept": code, "rule": "redone", "cases": cases})
        ignored_cases = (ignored or {}).get(code, [])
        if ignored_cases:
            detail.append(
                {"dept": code, "rule": "ignored_urge", "cases": sorted(set(ignored_cases))}
            )
    return detail


def red_list(
    ranked: Sequence[Mapping[str, Any]], black: Sequence[str], thresholds: Thresholds
) -> list[str]:
    """The top departments (in ranking order) with on-time rate 1.0, no charged pushback,
    enough closes, and not on the black list."""
    return [
        d["dept"]
        for d in ranked
        if d["rank"] is not None
        and d["on_time_rate"] == 1.0
        and d["pushbacks_charged"] == 0
        and d["closed"] >= thresholds.red_min_closed
        and d["dept"] not in black
    ][: thresholds.red_size]
