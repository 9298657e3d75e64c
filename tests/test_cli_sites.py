"""Sites and referral (转办, SPEC §12): the windows of one ledger, each user at one, case ids
per site, and a case referred from a village window up to the county's, counted at the
receiving window on its own due date and at the sending one only as ``referred_out``."""

from __future__ import annotations

from typing import Any

from conftest import Run, rows
from csv_world import fresh

WEEK = ("--week", "2026-W45")  # 2026-11-02 to 2026-11-08
AFTER = "2026-11-09T09:00"


def _county(desk: Run) -> Run:
    """The desk's ledger (site HX) with a town and a village window, and a clerk at each."""
    desk.ok("site", "add", "HX", "花溪县政务服务中心")
    desk.ok("site", "add", "HXZ", "花溪镇便民服务中心", "--parent", "HX")
    desk.ok("site", "add", "LSC", "龙山村便民服务站", "--parent", "花溪镇便民服务中心")
    desk.ok("user", "add", "admin1", "--role", "admin", user="admin1")
    desk.ok("user", "add", "xian", "--role", "clerk", user="admin1")
    desk.ok("user", "add", "cun", "--role", "clerk", "--site", "LSC", user="admin1")
    return desk


def _totals(desk: Run, *extra: str, user: str) -> dict[str, Any]:
    doc = desk.json("report", "weekly", *WEEK, *extra, now=AFTER, user=user)
    return {"site": doc.get("site"), **doc["totals"]}


def test_sites_are_registered_and_listed_the_first_one_first(desk: Run) -> None:
    _county(desk)
    assert desk.json("site", "list") == [
        {"code": "HX", "name": "花溪县政务服务中心", "parent": None, "first": True},
        {"code": "HXZ", "name": "花溪镇便民服务中心", "parent": "HX", "first": False},
        {"code": "LSC", "name": "龙山村便民服务站", "parent": "HXZ", "first": False},
    ]
    assert "HXZ" in desk.fails("site", "add", "HXZ", "别的镇", user="admin1")
    assert "NOPE" in desk.fails("site", "add", "ABC", "某村", "--parent", "NOPE", user="admin1")
    assert "NOPE" in desk.fails("user", "add", "li", "--role", "clerk", "--site", "NOPE",
                                user="admin1")  # fmt: skip
    assert "may not run bbcs site add" in desk.fails("site", "add", "XYZ", "某镇", user="xian")


def test_each_user_opens_cases_under_their_own_sites_ids(desk: Run) -> None:
    _county(desk)
    village = desk.open("村道塌方", "--reporter", "王五", user="cun", now="2026-11-02T09:00")
    county = desk.open("证照办理", "--reporter", "赵六", user="xian", now="2026-11-02T09:30")
    assert (village, county) == ("LSC-2026-000001", "HX-2026-000001")
    # a clerk names a case of their own window by its number alone
    assert desk.json("show", "1", user="cun", now="2026-11-02T10:00")["id"] == village
    assert desk.json("show", "1", user="xian", now="2026-11-02T10:00")["id"] == county
    listed = desk.json("list", "--site", "LSC", user="xian")
    assert [c["id"] for c in listed] == [village] and listed[0]["site"] == "LSC"


def test_a_village_refers_a_case_to_the_county_and_the_countys_week_counts_it(
    desk: Run,
) -> None:
    _county(desk)
    case = desk.open("村道塌方", "--reporter", "王五", "--dept", "ZJJ", user="cun",
                     now="2026-11-02T09:00")  # fmt: skip
    before = desk.json("show", case, user="cun")
    said = desk.ok("refer", case, "--to-site", "HX", "--reason", "需县级部门协调", user="cun",
                   now="2026-11-03T09:00")  # fmt: skip
    assert "HX" in said
    after = desk.json("show", case, user="xian")
    # the id and the reporter's due date stay; pending at the county window, whose own
    # due date is seven working days (a normal case) after the referral
    assert (after["id"], after["due_date"]) == (case, before["due_date"])
    assert (after["status"], after["lead_dept"], after["site"]) == ("pending", None, "HX")
    assert after["site_due"] == "2026-11-12"
    # the department's hold ended as a transfer does: counted against nobody
    (hold,) = after["holds"]
    assert (hold["dept"], hold["ended"]) == ("ZJJ", "referred")
    county = _totals(desk, user="xian")
    village = _totals(desk, user="cun")
    assert (county["site"], county["referred_in"], county["referred_out"], county["opened"]) == (
        "HX",
        1,
        0,
        1,
    )
    assert (village["site"], village["referred_out"], village["opened"]) == ("LSC", 1, 0)
    assert _totals(desk, "--site", "LSC", user="xian")["referred_out"] == 1
    zjj = next(
        d
        for d in desk.json("report", "weekly", *WEEK, now=AFTER, user="xian")["departments"]
        if d["dept"] == "ZJJ"
    )
    assert (zjj["pushbacks"], zjj["closed"], zjj["overdue_open"]) == (0, 0, 0)
    # the county window's own due date moves with a suspension there, as both others do
    desk.ok("suspend", case, "--reason", "等待现场勘查", user="xian", now="2026-11-03T09:30")
    desk.ok("resume", case, user="xian", now="2026-11-05T09:00")  # two working days
    moved = desk.json("show", case, user="xian")
    assert (moved["site_due"], moved["due_date"]) == ("2026-11-16", "2026-11-13")
    # the county window goes on with it: it assigns the case again
    desk.ok("assign", case, "GTJ", user="xian", now="2026-11-05T10:00")
    assert [c["id"] for c in desk.json("list", "--site", "HX", user="xian")] == [case]


def test_what_cannot_be_referred_is_refused_and_the_ledger_untouched(desk: Run) -> None:
    _county(desk)
    case = desk.open("村道塌方", "--reporter", "王五", user="cun", now="2026-11-02T09:00")
    count = rows(desk.db, "SELECT count(*) AS n FROM events")[0]["n"]
    refer = ("refer", case, "--reason", "x")
    assert "NOPE" in desk.fails(*refer, "--to-site", "NOPE", user="cun", now="2026-11-02T10:00")
    assert "already at" in desk.fails(*refer, "--to-site", "LSC", user="cun",
                                      now="2026-11-02T10:00")  # fmt: skip
    assert rows(desk.db, "SELECT count(*) AS n FROM events")[0]["n"] == count


def test_a_one_site_ledger_reports_as_before(desk: Run) -> None:
    desk.open("证照办理", "--reporter", "赵六", now="2026-11-02T09:30")
    doc = desk.json("report", "weekly", *WEEK, now=AFTER)
    assert "site" not in doc
    assert (doc["totals"]["opened"], doc["totals"]["referred_in"]) == (1, 0)


def test_a_referral_travels_in_an_events_file_between_two_ledgers(desk: Run, tmp_path) -> None:
    if desk.engine != "sqlite":
        return  # separate SQLite ledgers exchange events files (SPEC §12)
    _county(desk)
    case = desk.open("村道塌方", "--reporter", "王五", user="cun", now="2026-11-02T09:00")
    desk.ok("refer", case, "--to-site", "HX", "--reason", "需县级部门协调", user="cun",
            now="2026-11-03T09:00")  # fmt: skip
    events = tmp_path / "events.csv"
    desk.ok("export", str(events), "--events", user="admin1")
    other = fresh(desk, tmp_path / "county.db", site="HX")
    desk.monkeypatch.delenv("BBCS_USER")
    desk.ok(*other, "import", str(events))
    theirs = desk.json(*other, "show", case)
    assert (theirs["site"], theirs["site_due"], theirs["status"]) == ("HX", "2026-11-12", "pending")
    # a ledger of one window counts what was referred to it
    assert desk.json(*other, "report", "weekly", *WEEK, now=AFTER)["totals"]["referred_in"] == 1
