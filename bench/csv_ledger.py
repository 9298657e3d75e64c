"""How long import and export take on a big cases file, and how much memory they hold.

Run: python -m bench.csv_ledger [ROWS] (default 1,000,000). It makes a throwaway
ledger and files in a temporary folder and prints seconds and peak memory (MiB)
of each step, each in its own process so one step's memory does not hide another's.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = [
    "status", "summary", "detail", "reporter", "phone", "complexity", "opened_at",
    "lead_dept", "co_depts", "closed_at", "result", "resolution", "rating",
]  # fmt: skip
DEPTS = (("ZJJ", "住建局"), ("GTJ", "自然资源局"), ("SCJ", "市场监管局"))


def make_cases_file(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for i in range(count):
            day = 1 + i % 28
            year = 2025 + i % 2  # case ids have six digits: under a million a year
            kind = i % 3
            writer.writerow(
                [
                    ("pending", "in_progress", "closed")[kind],
                    f"营业执照变更办不下来 {i}",
                    "反映人称多次来窗口未办成" if i % 2 else "",
                    f"张{i % 100}",
                    f"138{i:08d}",
                    ("simple", "normal", "complex")[i % 3],
                    f"{year}-09-{day:02d} 09:30",
                    "" if kind == 0 else DEPTS[i % 3][0],
                    "GTJ;SCJ" if kind == 1 and i % 3 == 0 else "",
                    f"{year}-10-{day:02d} 16:00" if kind == 2 else "",
                    "resolved" if kind == 2 else "",
                    "已办结" if kind == 2 else "",
                    "满意" if kind == 2 and i % 2 else "",
                ]
            )


def timed(*args: str, env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident MiB of one bbcs command, in its own process."""
    probe = (
        "import resource, sys, runpy; sys.argv = ['bbcs', *sys.argv[1:]];\n"
        "try:\n    runpy.run_module('bbcs', run_name='__main__')\n"
        "except SystemExit as e:\n    code = e.code\nelse:\n    code = 0\n"
        "use = resource.getrusage(resource.RUSAGE_SELF)\n"
        "print(use.ru_utime + use.ru_stime, use.ru_maxrss, file=sys.stderr); sys.exit(code)"
    )
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", probe, *args], env=env, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    cpu, peak_kib = done.stderr.strip().splitlines()[-1].split()
    return seconds, float(cpu), int(peak_kib) / 1024


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        env = {
            **os.environ,
            "BBCS_DB": str(here / "bench.db"),
            "BBCS_NOW": "2026-11-02T09:00:00+08:00",
            "BBCS_USER": "bench",
            "BBCS_LANG": "en",
        }
        timed("init", "--site", "HX", env=env)
        for code, name in DEPTS:
            timed("dept", "add", code, name, env=env)
        cases = here / "cases.csv"
        make_cases_file(cases, count)
        print(f"{count:,} rows, {cases.stat().st_size / 2**20:.0f} MiB")
        steps = [
            ("import --dry-run cases", ("import", str(cases), "--dry-run")),
            ("import cases", ("import", str(cases))),
            ("export cases --unmask", ("export", str(here / "out.csv"), "--unmask")),
            ("export --events", ("export", str(here / "events.csv"), "--events")),
        ]
        for name, args in steps:
            seconds, cpu, peak = timed(*args, env=env)
            print(f"{name:28} {seconds:7.1f} s ({cpu:6.1f} s CPU) {peak:7.0f} MiB peak")
        env2 = {**env, "BBCS_DB": str(here / "county.db")}
        timed("init", "--site", "XQ", env=env2)
        for code, name in DEPTS:
            timed("dept", "add", code, name, env=env2)
        seconds, cpu, peak = timed("import", str(here / "events.csv"), env=env2)
        name = "import events (other site)"
        print(f"{name:28} {seconds:7.1f} s ({cpu:6.1f} s CPU) {peak:7.0f} MiB peak")


if __name__ == "__main__":
    main()
