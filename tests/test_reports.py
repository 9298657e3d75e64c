"""The report figures (SPEC §6) against a small ledger worked out by hand.

October 2026 at a county window with three departments, entered late from paper
forms (``--at``); "now" is Monday 2 November, so the default monthly report is
October and its 环比 compares with September. Working days: 1–7 October are the
National Day holiday and Saturday 10 October is worked.

    A  ZJJ  simple, opened Wed 30 Sep (due Sat 10 Oct), closed Tue 13 Oct: late;
            5 working days (8, 9, 10, 12, 13 Oct) across the holiday
    B  ZJJ  opened Mon 12 Oct (due 15 Oct), closed explained 14 Oct: 2 days
    C  --   opened Fri 16 Oct (due 21 Oct), assigned to ZJJ Mon 19 Oct (dispatch 1
            day; ZJJ due 22 Oct); a note on 28 Oct raises it to 督办 (overdue 5);
            open at month end: 7 working days past the window's date, 6 past ZJJ's
    D-G SCJ opened Thu 8 Oct (due 12 Oct): D closed 9 Oct (1 day), E closed Sat
            10 Oct (2), F closed 12 Oct (3), G withdrawn 9 Oct; reviews on 15 Oct:
            D satisfied, E basic, F unsatisfied, which reopens F (due 20 Oct);
            F closed again 19 Oct (2 days from the reopening)
    H-K GTJ opened Tue 20 Oct (due 23 Oct), each pushed back by GTJ on 21 Oct:
            H onto ZJJ (ruled valid), ZJJ closes it 23 Oct (2 days);
            I back to the window (ruled invalid), pending and overdue at month end;
            J onto SCJ, which closes it explained 22 Oct (1 day);
            K onto ZJJ, which pushes it back onto GTJ 22 Oct (ping-pong: 协调办,
            held against nobody); GTJ closes it 26 Oct: on time on GTJ's own
            clock (due 27 Oct), late on the window's (due 23 Oct)
"""

from __future__ import annotations

import pytest

from conftest import Run, built

SIMPLE = ("--complexity", "simple", "--reporter", "张三")


@pytest.fixture
def october(desk: Run, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return built(desk, tmp_path_factory, _october)


def _october(desk: Run) -> dict[str, str]:
    ids: dict[str, str] = {}

    def open_(name: str, at: str, *extra: str) -> None:
        ids[name] = desk.open(f"事项{name}", *SIMPLE, *extra, "--at", at)

    def close(name: str, at: str, result: str = "resolved") -> None:
        desk.ok("close", ids[name], "--result", result, "--resolution", "办理完毕", "--at", at)

    open_("A", "2026-09-30T10:00", "--dept", "ZJJ", "--category", "住房")
    close("A", "2026-10-13T10:00")
    open_("B", "2026-10-12T09:00", "--dept", "ZJJ", "--category", "住房")
    close("B", "2026-10-14T10:00", "explained")
    open_("C", "2026-10-16T09:00")
    desk.ok("assign", ids["C"], "ZJJ", "--at", "2026-10-19T09:00")
    desk.ok("note", ids["C"], "已催办", "--at", "2026-10-28T10:00")
    for name in "DEFG":
        open_(name, "2026-10-08T09:00", "--dept", "SCJ", "--category", "市场")
    close("D", "2026-10-09T10:00")
    close("E", "2026-10-10T10:00")
    close("F", "2026-10-12T10:00")
    close("G", "2026-10-09T11:00", "withdrawn")
    desk.ok("review", ids["D"], "satisfied", "--at", "2026-10-15T10:00")
    desk.ok("review", ids["E"], "basic", "--at", "2026-10-15T10:00")
    desk.ok("review", ids["F"], "unsatisfied", "--at", "2026-10-15T10:00")
    close("F", "2026-10-19T10:00")
    for name in "HIJK":
        open_(name, "2026-10-20T09:00", "--dept", "GTJ")
    pushed = {"H": ("--to", "ZJJ"), "I": (), "J": ("--to", "SCJ"), "K": ("--to", "ZJJ")}
    for name, onward in pushed.items():
        desk.ok(
            "pushback", ids[name], "--from", "GTJ", "--reason", "不属本局职责", *onward,
            "--at", "2026-10-21T09:00",
        )  # fmt: skip
    desk.ok("ruling", ids["H"], "valid", "--at", "2026-10-22T09:00")
    desk.ok("ruling", ids["I"], "invalid", "--at", "2026-10-22T09:00")
    close("H", "2026-10-23T10:00")
    close("J", "2026-10-22T10:00", "explained")
    desk.ok(
        "pushback", ids["K"], "--from", "ZJJ", "--to", "GTJ", "--reason", "应由国土办理",
        "--at", "2026-10-22T10:00",
    )  # fmt: skip
    close("K", "2026-10-26T10:00")
    return ids


def by_dept(report: dict[str, object]) -> dict[str, dict[str, object]]:
    return {d["dept"]: d for d in report["departments"]}  # type: ignore[attr-defined,index]


def test_monthly_figures_per_department_on_their_own_clock(
    desk: Run, october: dict[str, str]
) -> None:
    report = desk.json("report", "monthly")
    assert (report["kind"], report["from"], report["to"]) == ("monthly", "2026-10-01", "2026-10-31")
    depts = by_dept(report)
    zjj = {k: v for k, v in depts["ZJJ"].items() if k != "change"}
    assert zjj == {
        "dept": "ZJJ",
        "name": "住建局",
        "rank": 3,
        "assigned": 4,  # B, C, and H and K pushed onto it
        "closed": 3,  # A, B, H
        "resolved": 2,
        "explained": 1,
        "withdrawn": 0,
        "on_time": 2,  # B, H; A was late across the holiday
        "overdue_open": 1,  # C
        "on_time_rate": 0.5,  # 2 / (3 + 1)
        "avg_working_days": 3.0,  # (5 + 2 + 2) / 3
        "pushbacks": 1,  # K back onto GTJ
        "pushbacks_charged": 1,
        "pushbacks_invalid": 0,
        "pushbacks_valid": 0,
        "pushback_cases": 1,
        "pushback_rate": 0.25,  # 1 case of the 4 it was given or pushed back
        "escalations": 1,  # C's overdue escalation; K's ping-pong counts against nobody
        "reviewed": 0,
        "satisfied": 0,
        "satisfaction_rate": None,
        "reopened": 0,
        # SPEC §10: nobody signed in October; C is still held unsigned at its end
        "accept_due": 4,
        "accepted_on_time": 0,
        "accept_late": 4,
        "accept_rate": 0.0,
        "unaccepted": 1,
        "urged": 0,
        "redone": 0,
        "solved_rate": None,
        # A, B and H closed once each, none redone or reopened; no co-department part
        "first_time": 3,
        "first_time_rate": 1.0,
        "reopen_rate": 0.0,
        "co_late": 0,
        "co_no_reply": 0,
        "merged": 0,
        "repeats": 0,
    }
    scj = depts["SCJ"]
    assert (scj["rank"], scj["assigned"], scj["closed"], scj["resolved"], scj["explained"]) == (
        1,
        5,  # D, E, F, G and J
        5,  # D, E, F twice, J: a case closed twice counts twice
        4,
        1,
    )
    assert (scj["withdrawn"], scj["on_time"], scj["overdue_open"], scj["on_time_rate"]) == (
        1,
        5,
        0,
        1.0,
    )
    assert scj["avg_working_days"] == 1.8  # (1 + 2 + 3 + 2 + 1) / 5
    assert (scj["reviewed"], scj["satisfied"], scj["satisfaction_rate"]) == (3, 2, 0.6667)
    assert scj["reopened"] == 1
    assert (scj["pushbacks"], scj["pushback_rate"]) == (0, 0.0)
    gtj = depts["GTJ"]
    assert (gtj["rank"], gtj["assigned"], gtj["closed"], gtj["on_time"]) == (2, 4, 1, 1)
    assert (gtj["on_time_rate"], gtj["avg_working_days"]) == (1.0, 2.0)
    assert (
        gtj["pushbacks"],
        gtj["pushbacks_charged"],
        gtj["pushbacks_invalid"],
        gtj["pushbacks_valid"],
        gtj["pushback_cases"],
        gtj["pushback_rate"],
    ) == (4, 3, 1, 1, 4, 1.0)
    assert gtj["escalations"] == 0


def test_monthly_totals_use_the_case_clock(desk: Run, october: dict[str, str]) -> None:
    totals = desk.json("report", "monthly", "--month", "2026-10")["totals"]
    assert totals == {
        "opened": 10,  # B, C, D-G, H-K (A was opened in September)
        "closed": 9,  # A, B, D, E, F twice, H, J, K; G withdrawn aside
        "resolved": 7,
        "explained": 2,
        "withdrawn": 1,
        "resolution_rate": 0.7778,  # 7 / 9
        "on_time_rate": 0.6364,  # 7 on time (not A, not K) / (9 closed + 2 overdue)
        "avg_dispatch_days": 0.1,  # C waited a working day; nine went out at once
        "review_rate": 0.3333,  # D, E and F's first close of the 9
        "satisfaction_rate": 0.6667,  # satisfied + basic of 3 ratings
        "overdue_open": 2,  # C and I (pending, no department)
        "pushbacks": 5,
        "voided": 0,
        "accept_rate": 0.0,  # SPEC §10: nothing signed in October
        "urged": 0,
        "redone": 0,
        "solved_rate": None,
        # of the 8 cases closed (F twice), F was reopened; nothing was replied to review
        "first_time_rate": 0.875,
        "reopen_rate": 0.125,
        "avg_review_days": None,
        "merged": 0,
        "repeats": 0,
        "referred_in": 0,
        "referred_out": 0,
    }


def test_ranking_red_and_black_lists(desk: Run, october: dict[str, str]) -> None:
    report = desk.json("report", "monthly")
    assert [d["dept"] for d in report["departments"]] == ["SCJ", "GTJ", "ZJJ"]
    assert report["red_list"] == ["SCJ"]
    assert report["black_list"] == ["GTJ", "ZJJ"]
    ids = october
    assert report["black_list_detail"] == [
        {"dept": "GTJ", "rule": "pushbacks", "cases": sorted([ids["I"], ids["J"], ids["K"]])},
        {"dept": "ZJJ", "rule": "on_time_rate", "cases": sorted([ids["A"], ids["C"]])},
        {"dept": "ZJJ", "rule": "overdue", "cases": [ids["C"]]},
    ]


def test_thresholds_come_from_the_policy(desk: Run, october: dict[str, str]) -> None:
    desk.ok("policy", "set", "report.black_pushbacks", "5")
    desk.ok("policy", "set", "report.red_min_closed", "6")
    report = desk.json("report", "monthly")
    assert report["black_list"] == ["ZJJ"]
    assert report["red_list"] == []


def test_monthly_change_against_the_previous_month(desk: Run, october: dict[str, str]) -> None:
    report = desk.json("report", "monthly")
    assert report["previous"]["from"] == "2026-09-01"
    assert report["previous"]["to"] == "2026-09-30"
    assert report["previous"]["totals"]["opened"] == 1  # A
    assert report["change"]["opened"] == 9
    assert report["change"]["resolution_rate"] is None  # nothing closed in September
    assert by_dept(report)["ZJJ"]["change"]["assigned"] == 3  # 4 against A alone


def test_trend_of_the_last_eight_periods(desk: Run, october: dict[str, str]) -> None:
    monthly = desk.json("report", "monthly")  # October 2026
    trend = monthly["trend"]
    assert [(p["from"], p["to"]) for p in trend][-3:] == [
        ("2026-08-01", "2026-08-31"),
        ("2026-09-01", "2026-09-30"),
        ("2026-10-01", "2026-10-31"),
    ]
    assert len(trend) == 8 and trend[0]["from"] == "2026-03-01"
    # each period's counts are the report's own: September opened A alone
    assert trend[-1]["opened"] == monthly["totals"]["opened"] == 10
    assert trend[-2]["opened"] == monthly["previous"]["totals"]["opened"] == 1
    assert trend[-1]["closed"] == sum(d["closed"] for d in monthly["days"])
    weekly = desk.json("report", "weekly", "--week", "2026-W42")
    assert [p["from"] for p in weekly["trend"]][-2:] == ["2026-10-05", "2026-10-12"]
    assert "trend" not in desk.json("report", "daily", "--date", "2026-10-12")
    html = desk.ok("report", "monthly", "--format", "html")
    assert "Opened and closed in the last eight periods" in html


def test_pushback_matrix(desk: Run, october: dict[str, str]) -> None:
    report = desk.json("report", "pushback", "--from", "2026-10-01", "--to", "2026-10-31")
    depts = by_dept(report)
    assert depts["GTJ"]["to"] == {"ZJJ": 2, "SCJ": 1, "window": 1}
    assert depts["ZJJ"]["to"] == {"GTJ": 1}
    assert depts["SCJ"]["to"] == {}


def test_daily_report_of_a_worked_saturday(desk: Run, october: dict[str, str]) -> None:
    report = desk.json("report", "daily", "--date", "2026-10-10")
    scj = by_dept(report)["SCJ"]
    assert (scj["closed"], scj["on_time"], scj["avg_working_days"]) == (1, 1, 2.0)  # E
    assert report["totals"]["opened"] == 0
    assert report["days"] == [{"day": "2026-10-10", "opened": 0, "closed": 1}]


def test_a_department_with_nothing_to_judge_has_no_rank(desk: Run) -> None:
    report = desk.json("report", "daily")
    assert [d["rank"] for d in report["departments"]] == [None, None, None]
    assert report["departments"][0]["on_time_rate"] is None
    assert report["totals"]["on_time_rate"] is None


def test_overdue_most_overdue_first(desk: Run, october: dict[str, str]) -> None:
    report = desk.json("report", "overdue", "--to", "2026-10-31")
    assert report["kind"] == "overdue" and report["to"] == "2026-10-31"
    assert [(c["id"], c["overdue_days"]) for c in report["cases"]] == [
        (october["C"], 7),
        (october["I"], 5),
    ]
    today = desk.json("report", "overdue")
    assert today["to"] == "2026-11-02"
    assert [c["overdue_days"] for c in today["cases"]] == [8, 6]


def test_casebook_groups_the_closed_cases_by_category(desk: Run, october: dict[str, str]) -> None:
    report = desk.json("report", "casebook")
    groups = {g["category"]: g["cases"] for g in report["categories"]}
    assert [c["id"] for c in groups["住房"]] == [october["A"], october["B"]]
    first = groups["住房"][0]
    assert (first["working_days_taken"], first["departments"], first["result"]) == (
        5,
        ["ZJJ"],
        "resolved",
    )
    market = {c["id"]: c for c in groups["市场"]}
    assert market[october["F"]]["working_days_taken"] == 2  # from the reopening
    k = {c["id"]: c for c in groups[None]}[october["K"]]
    assert (k["departments"], k["pushbacks"]) == (["GTJ", "ZJJ"], 2)


def test_published_report_reprints_what_was_issued(desk: Run, october: dict[str, str]) -> None:
    issued = desk.json("report", "monthly", "--publish")
    head = issued["head"]
    assert head.split(":")[0].isdigit()
    desk.ok("ruling", october["J"], "valid", "--at", "2026-11-02T08:00")
    now = desk.json("report", "monthly")
    assert by_dept(now)["GTJ"]["pushbacks_charged"] == 2
    again = desk.json("report", "monthly", "--published")
    assert again == issued
    assert by_dept(again)["GTJ"]["pushbacks_charged"] == 3
    table = desk.ok("report", "monthly", "--published")
    assert head in table


def test_published_report_that_was_never_issued(desk: Run) -> None:
    message = desk.fails("report", "weekly", "--published")
    assert "published" in message


@pytest.mark.parametrize(
    "args",
    [
        ("weekly", "--week", "2026-W60"),
        ("monthly", "--month", "2026-13"),
        ("daily", "--date", "2026-11-01", "--from", "2026-10-01"),
        ("daily", "--to", "2026-10-01"),
        ("daily", "--from", "2026-10-05", "--to", "2026-10-01"),
        ("daily", "--format", "pdf"),
        ("daily", "--format", "xlsx"),
        ("daily", "--publish", "--published"),
    ],
)
def test_bad_report_options_are_one_sentence(desk: Run, args: tuple[str, ...]) -> None:
    desk.fails("report", *args)


def test_periods_default_to_the_last_complete_week_and_month(desk: Run) -> None:
    weekly = desk.json("report", "weekly")
    assert (weekly["from"], weekly["to"]) == ("2026-10-26", "2026-11-01")
    assert (weekly["previous"]["from"], weekly["previous"]["to"]) == ("2026-10-19", "2026-10-25")
    assert desk.json("report", "weekly", "--week", "2026-W47")["from"] == "2026-11-16"
    assert desk.json("report", "pushback")["from"] == "2026-10-26"
    assert desk.json("report", "casebook")["from"] == "2026-10-01"
    span = desk.json("report", "daily", "--from", "2026-10-30")
    assert (span["from"], span["to"]) == ("2026-10-30", "2026-11-02")


@pytest.mark.sqlite_only  # about the file
def test_reports_never_create_a_ledger(bbcs: Run) -> None:
    bbcs.fails("report", "daily")
    assert not bbcs.db.exists()


def test_a_superseded_escalation_counts_in_no_figure(desk: Run) -> None:
    """The sweep escalates two overdue cases; a paper form then shows one was closed before."""
    closed = desk.open("甲", *SIMPLE, "--dept", "ZJJ", "--at", "2026-10-20T09:00")  # due 23 Oct
    desk.open("乙", *SIMPLE, "--dept", "ZJJ", "--at", "2026-10-20T09:00")
    desk.ok("sweep", now="2026-10-29T20:00:00+08:00")  # overdue by 4: both to 督办
    desk.ok(
        "close", closed, "--result", "resolved", "--resolution", "已办", "--at", "2026-10-29T10:00"
    )
    events = desk.json("show", closed)["events"]
    assert [e["superseded"] for e in events if e["kind"] == "escalate"] == [True]
    zjj = by_dept(desk.json("report", "daily", "--date", "2026-10-29"))["ZJJ"]
    assert zjj["escalations"] == 1  # only the case still open
    assert (zjj["closed"], zjj["on_time"]) == (1, 0)


def test_published_overdue_report(desk: Run, october: dict[str, str]) -> None:
    issued = desk.json("report", "overdue", "--to", "2026-10-31", "--publish")
    assert desk.json("report", "overdue", "--to", "2026-10-31", "--published") == issued
    assert issued["head"] in desk.ok("report", "overdue", "--to", "2026-10-31", "--published")


def test_pushback_report_ranks_the_most_charged_first(desk: Run, october: dict[str, str]) -> None:
    report = desk.json("report", "pushback", "--from", "2026-10-01", "--to", "2026-10-31")
    order = [(d["rank"], d["dept"], d["pushbacks_charged"]) for d in report["departments"]]
    assert order == [(1, "GTJ", 3), (2, "ZJJ", 1), (3, "SCJ", 0)]


def test_overdue_to_a_past_day_is_the_state_of_that_day(desk: Run, october: dict[str, str]) -> None:
    late = desk.open("事项X", *SIMPLE, "--dept", "ZJJ", "--at", "2026-10-12T09:00")  # due 15 Oct
    desk.ok(
        "close", late, "--result", "resolved", "--resolution", "办完", "--at", "2026-10-21T09:00"
    )
    desk.ok("review", late, "unsatisfied", "--at", "2026-10-22T09:00")  # reopened, due 27 Oct
    assert desk.json("show", late)["due_date"] == "2026-10-27"
    report = desk.json("report", "overdue", "--to", "2026-10-20")
    cases = {c["id"]: c for c in report["cases"]}
    assert (cases[late]["status"], cases[late]["overdue_days"]) == ("in_progress", 3)
    assert cases[late]["due_date"] == "2026-10-15"
    assert october["C"] not in cases  # due 21 Oct
    then = {c["id"]: c for c in desk.json("report", "overdue", "--to", "2026-10-27")["cases"]}
    assert (then[october["C"]]["overdue_days"], then[october["C"]]["escalation"]) == (4, "none")
    assert late not in then  # closed on the 21st, reopened with a new due date
