"""Pure tests of rules.pushbacks: holder, onward target, charged or not, ping-pong count."""

from __future__ import annotations

import pytest

from bbcs.errors import Conflict
from bbcs.rules import pushbacks

ID = "BB-2026-000001"


def test_the_pusher_holds_the_case_as_lead_or_co():
    assert pushbacks.pusher_role(ID, "ZJJ", "ZJJ", ["GTJ"]) == "lead"
    assert pushbacks.pusher_role(ID, "GTJ", "ZJJ", ["GTJ"]) == "co"
    with pytest.raises(Conflict):
        pushbacks.pusher_role(ID, "SWJ", "ZJJ", ["GTJ"])


def test_the_lead_may_pass_to_its_co_but_nobody_to_a_lead_or_itself():
    pushbacks.check_onward(ID, "lead", "ZJJ", "GTJ", "ZJJ", ["GTJ"])
    pushbacks.check_onward(ID, "lead", "ZJJ", None, "ZJJ", ["GTJ"])
    pushbacks.check_onward(ID, "co", "GTJ", "SWJ", "ZJJ", ["GTJ"])
    for role, pusher, onward in (
        ("lead", "ZJJ", "ZJJ"),
        ("co", "GTJ", "ZJJ"),
        ("co", "GTJ", "GTJ"),
    ):
        with pytest.raises(Conflict):
            pushbacks.check_onward(ID, role, pusher, onward, "ZJJ", ["GTJ"])


def test_only_a_lead_pushing_onward_starts_a_new_department_clock():
    assert pushbacks.moves_lead("lead", "GTJ")
    assert not pushbacks.moves_lead("lead", None)
    assert not pushbacks.moves_lead("co", "GTJ")


def test_charged_unless_ruled_valid():
    assert pushbacks.charged(None)
    assert pushbacks.charged("invalid")
    assert not pushbacks.charged("valid")


def test_pingpong_counts_the_leads_pushbacks():
    assert pushbacks.pingpong_count(["lead", "co", "lead"]) == 2
