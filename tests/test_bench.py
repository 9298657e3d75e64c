"""The benchmark itself works end to end at a small size (CI checks it runs, never its timings)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("BBCS_DB", "BBCS_NOW", "BBCS_USER"):
        monkeypatch.delenv(name, raising=False)


def test_generator_is_seeded_and_realistic(tmp_path):
    sys.path.insert(0, str(ROOT))
    from bench.generate import write

    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    write(first, 500)
    write(second, 500)
    assert first.read_bytes() == second.read_bytes()
    text = first.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    assert len(lines) == 501 and lines[0].startswith("id,status,summary")
    assert "closed" in text and "in_progress" in text and "满意" not in lines[0]


def test_whole_bench_runs_at_a_small_size(tmp_path, clean_env):
    sys.path.insert(0, str(ROOT))
    from bench.run import main

    results = tmp_path / "RESULTS.md"
    main(
        [
            "--sizes",
            "300,1000",
            "--repeat",
            "1",
            "--work",
            str(tmp_path / "work"),
            "--results",
            str(results),
        ]
    )
    table = results.read_text(encoding="utf-8")
    for figure in (
        "import",
        "open: 1,000 cases vs empty",
        "show vs python",
        "export",
        "report weekly",
        "report nightly",
        "sweep",
        "verify",
        "list vs python",
        "report monthly",
    ):
        assert figure in table, figure
    assert os.path.exists(tmp_path / "work" / "1000" / "big.db")
    # every figure at both sizes, side by side, and the growth plotted
    assert "| figure | 300 | 1,000 |" in table
    growth = table[table.index("## Growth") :]
    assert "| import (vs executemany) | " in growth
    svg = (tmp_path / "growth.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and svg.count("<polyline") == 3
