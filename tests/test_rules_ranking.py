"""Pure tests of rules.ranking: rates, the ranking key, the red and black lists (SPEC §6)."""

from __future__ import annotations

from typing import Any

from bbcs.rules.ranking import Thresholds, black_list, rank, rate, red_list

SPEC = Thresholds()


def dept(code: str, **figures: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "dept": code,
        "rank": None,
        "closed": 3,
        "overdue_open": 0,
        "on_time_rate": 1.0,
        "pushbacks_charged": 0,
        "satisfaction_rate": 1.0,
        "avg_working_days": 2.0,
    }
    return {**base, **figures}


def test_rate_to_four_places_and_none_without_a_denominator():
    assert rate(2, 3) == 0.6667
    assert rate(0, 0) is None
    assert rate(None, 4) == 0.0


def test_ranking_key_order_and_shared_ranks():
    ranked = rank(
        [
            dept("A", on_time_rate=0.9),
            dept("B", pushbacks_charged=1),
            dept("C"),
            dept("D"),
            dept("E", closed=0, on_time_rate=None),
        ]
    )
    assert [(d["dept"], d["rank"]) for d in ranked] == [
        ("C", 1),
        ("D", 1),
        ("B", 3),
        ("A", 4),
        ("E", None),
    ]


def test_satisfaction_then_average_days_break_ties():
    ranked = rank(
        [
            dept("A", satisfaction_rate=None),
            dept("B", satisfaction_rate=0.5),
            dept("C", avg_working_days=1.0),
        ]
    )
    assert [d["dept"] for d in ranked] == ["C", "B", "A"]


def test_spec_black_list_thresholds():
    departments = [
        dept("LATE", on_time_rate=0.79),
        dept("EDGE", on_time_rate=0.8, pushbacks_charged=2),
        dept("PUSH", pushbacks_charged=3),
        dept("SLOW"),
    ]
    detail = black_list(
        departments,
        SPEC,
        late={"LATE": ["BB-2026-000002", "BB-2026-000001"]},
        overdue={"SLOW": [("BB-2026-000003", 6), ("BB-2026-000004", 5)]},
        charged={"PUSH": ["BB-2026-000005"]},
    )
    assert detail == [
        {"dept": "LATE", "rule": "on_time_rate", "cases": ["BB-2026-000001", "BB-2026-000002"]},
        {"dept": "PUSH", "rule": "pushbacks", "cases": ["BB-2026-000005"]},
        {"dept": "SLOW", "rule": "overdue", "cases": ["BB-2026-000003"]},
    ]


def test_one_ignored_written_urge_is_enough_for_the_black_list():
    detail = black_list(
        [dept("ZJJ"), dept("GTJ")],
        SPEC,
        late={},
        overdue={},
        charged={},
        ignored={"ZJJ": ["BB-2026-000007", "BB-2026-000003", "BB-2026-000007"]},
    )
    assert detail == [
        {"dept": "ZJJ", "rule": "ignored_urge", "cases": ["BB-2026-000003", "BB-2026-000007"]}
    ]


def test_spec_red_list_top_three_perfect_no_pushbacks_three_closes():
    ranked = rank(
        [
            dept("A", avg_working_days=1.0),
            dept("B", avg_working_days=2.0),
            dept("C", avg_working_days=3.0),
            dept("D", avg_working_days=4.0),
            dept("FEW", closed=2, avg_working_days=0.5),
            dept("PUSHED", pushbacks_charged=1),
            dept("LATE", on_time_rate=0.95),
        ]
    )
    assert red_list(ranked, [], SPEC) == ["A", "B", "C"]
    assert red_list(ranked, ["A"], SPEC) == ["B", "C", "D"]


def test_thresholds_as_a_report_shows_them():
    assert SPEC.black() == {
        "on_time_rate": 0.8,
        "pushbacks": 3,
        "overdue": 5,
        "redone": 3,
        "ignored_urge": 5,
    }


def test_the_spec_thresholds_are_the_policy_defaults():
    from bbcs.ledger import policy_defaults
    from bbcs.rules.policy import Policy

    assert Thresholds.of(Policy(policy_defaults())) == SPEC


def test_the_pushback_report_ranks_by_charged_pushbacks_then_code() -> None:
    from bbcs.rules.ranking import rank_by_pushbacks

    depts = [
        {"dept": code, "pushbacks_charged": charged, "rank": None}
        for code, charged in (("ZJJ", 1), ("GTJ", 0), ("SCJ", 1), ("AAA", 3))
    ]
    ordered = rank_by_pushbacks(depts)
    assert [(d["rank"], d["dept"]) for d in ordered] == [
        (1, "AAA"),
        (2, "SCJ"),
        (3, "ZJJ"),
        (4, "GTJ"),
    ]


def test_max_redone_redos_black_list_the_lead():
    # SPEC §10: rules.max_redone (3) redos in a period, one case id per redo
    record = {"dept": "GTJ", "on_time_rate": None, "pushbacks_charged": 0, "redone": 3}
    cases = {"GTJ": ["HX-2026-000004", "HX-2026-000004", "HX-2026-000007"]}
    found = black_list([record], SPEC, late={}, overdue={}, charged={}, redone=cases)
    assert found == [{"dept": "GTJ", "rule": "redone", "cases": cases["GTJ"]}]
    assert black_list([{**record, "redone": 2}], SPEC, late={}, overdue={}, charged={}) == []
