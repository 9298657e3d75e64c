"""常态建设 (SPEC §11): why a matter could not get done through the normal channel.

The causes are a policy list: each ``causes.CODE`` key of the policy is one, its value
the Chinese label (``causes.no_policy = "政策空白"``). An office adds one with ``policy
set causes.CODE 名称`` and takes one off the list by setting its label empty; cases that
recorded it keep it. A clerk names a cause by its code or its label, in any case.

A (cause, category) with at least ``rules.pattern_threshold`` of a period's closed
cases is a 类案: a rule to fix rather than a case to solve (``patterns``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bbcs.errors import InvalidInput
from bbcs.rules.policy import Policy

PREFIX = "causes."


def listed(values: Mapping[str, Any]) -> dict[str, str]:
    """The causes on the list (code → Chinese label), in the policy's order."""
    return {
        key[len(PREFIX) :]: str(value)
        for key, value in values.items()
        if key.startswith(PREFIX) and str(value).strip()
    }


def cause_named(text: str, policy: Policy | Mapping[str, Any]) -> str:
    """The code of the cause ``text`` names (code or label, any case), or a refusal naming
    the causes on the list; ``policy`` is the policy or its values."""
    causes = listed(policy.values if isinstance(policy, Policy) else policy)
    wanted = text.strip()
    folded = wanted.lower().replace(" ", "_").replace("-", "_")
    for code, name in causes.items():
        if folded == code or wanted.lower() == name.strip().lower():
            return code
    choices = ", ".join(f"{code} ({name})" for code, name in causes.items())
    raise InvalidInput("field.choice", field="cause", value=text, choices=choices)


def patterns(rows: Iterable[Mapping[str, Any]], threshold: int) -> list[dict[str, Any]]:
    """Each (cause, category) with at least ``threshold`` cases among ``rows`` (one per
    cause, category and lead department, with its ``cases``): a 类案, naming its cases,
    the largest first. A threshold of 0 or 1 flags every pair."""
    grouped: dict[tuple[str, str | None], list[str]] = {}
    for row in rows:
        grouped.setdefault((row["cause"], row["category"]), []).extend(row["cases"])
    found = [
        {"cause": cause, "category": category, "count": len(cases), "cases": sorted(cases)}
        for (cause, category), cases in grouped.items()
        if len(cases) >= threshold
    ]
    return sorted(found, key=_largest_first)


def _largest_first(entry: Mapping[str, Any]) -> tuple[int, str, bool, str]:
    category = entry["category"]
    return (-entry["count"], entry["cause"], category is None, category or "")


def by_cause(rows: Sequence[tuple[str, str | None, str | None, str]]) -> list[dict[str, Any]]:
    """The closed cases (cause, category, lead department, id) counted by cause × category
    × lead department, the largest first."""
    grouped: dict[tuple[str, str | None, str | None], list[str]] = {}
    for cause, category, dept, case_id in rows:
        grouped.setdefault((cause, category, dept), []).append(case_id)
    found = [
        {"cause": c, "category": cat, "dept": d, "count": len(ids), "cases": ids}
        for (c, cat, d), ids in grouped.items()
    ]
    return sorted(
        found,
        key=lambda e: (*_largest_first(e), e["dept"] is None, e["dept"] or ""),
    )
