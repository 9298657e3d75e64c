"""The bbcs benchmark: every figure beside its baseline, measured in the same run.

    python -m bench.run --cases 1000000            # the full figures (tens of minutes)
    python -m bench.run --cases 20000 --repeat 3   # a quick check that everything works

It generates a ledger (``bench.generate``), loads it through ``bbcs import``, and
times whole processes: ``open`` and ``show`` on the big ledger against an empty
one and against the tools a clerk could use instead, ``import``, ``export``,
``report weekly``/``nightly`` and ``sweep`` against plain ``sqlite3`` doing the
same work. Peak memory is each child's maximum resident set. Figures are ratios
against baselines measured in this run, because the machines are shared and noisy.
The table is printed and written to ``--results`` (default ``bench/RESULTS.md``).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bench.generate import DEPARTMENTS, write

NOW = "2026-11-20T18:00:00+08:00"
NOTES = "## Notes"


@dataclass
class Run:
    seconds: float
    peak_mb: float
    returncode: int
    stdout: str
    stderr: str


def run(
    args: list[str],
    env: dict[str, str],
    *,
    stdin: str | None = None,
    stdout_path: Path | None = None,
) -> Run:
    """Run one process to the end: its wall time and its own peak resident memory."""
    with tempfile.TemporaryDirectory() as scratch:
        out_path = stdout_path or Path(scratch) / "out"
        err_path = Path(scratch) / "err"
        in_path = Path(scratch) / "in"
        in_path.write_text(stdin or "", encoding="utf-8")
        with in_path.open() as sin, out_path.open("w") as sout, err_path.open("w") as serr:
            start = time.perf_counter()
            proc = subprocess.Popen(args, env=env, stdin=sin, stdout=sout, stderr=serr)
            if hasattr(os, "wait4"):
                _, status, usage = os.wait4(proc.pid, 0)
                seconds = time.perf_counter() - start
                returncode = os.waitstatus_to_exitcode(status)
                proc.returncode = returncode
                peak = usage.ru_maxrss / (1024 if sys.platform != "darwin" else 1024 * 1024)
            else:
                returncode = proc.wait()
                seconds = time.perf_counter() - start
                peak = 0.0
        stdout = "" if stdout_path else out_path.read_text(encoding="utf-8", errors="replace")
        stderr = err_path.read_text(encoding="utf-8", errors="replace")
    return Run(seconds, peak, returncode, stdout, stderr)


def checked(result: Run, what: str) -> Run:
    if result.returncode != 0:
        raise SystemExit(f"{what} failed ({result.returncode}): {result.stderr.strip()[-500:]}")
    return result


def median_of(
    args: list[str], env: dict[str, str], repeat: int, what: str, stdin: str | None = None
) -> float:
    return statistics.median(
        checked(run(args, env, stdin=stdin), what).seconds for _ in range(repeat)
    )


class Bench:
    def __init__(self, work: Path, cases: int, repeat: int) -> None:
        self.work = work
        self.cases = cases
        self.repeat = repeat
        self.bbcs = [sys.executable, "-m", "bbcs"]
        script = Path(sys.executable).with_name("bbcs")
        if script.exists():
            self.bbcs = [str(script)]
        self.rows: list[tuple[str, str, str, str, str]] = []

    def env(self, db: Path) -> dict[str, str]:
        return {
            **os.environ,
            "BBCS_DB": str(db),
            "BBCS_NOW": NOW,
            "BBCS_USER": "bench",
            "BBCS_LANG": "en",
            "NO_COLOR": "1",
        }

    def bbcs_run(self, db: Path, *args: str, what: str) -> Run:
        return checked(run([*self.bbcs, *args], self.env(db)), what)

    def record(
        self,
        figure: str,
        ours: str,
        baseline: str,
        ratio: float | None,
        goal: str,
        met: bool | None,
    ) -> None:
        shown = "n/a" if ratio is None else f"{ratio:.2f}"
        verdict = "" if met is None else ("met" if met else "MISSED")
        self.rows.append((figure, ours, baseline, f"{shown} {verdict}".strip(), goal))
        print(f"{figure:48} {ours:>14} {baseline:>14} {shown:>7} {goal} {verdict}", flush=True)

    def ledger(self, name: str) -> Path:
        db = self.work / name
        for stale in self.work.glob(name + "*"):
            stale.unlink()
        self.bbcs_run(db, "init", "--site", "BB", what="init")
        for code, title in DEPARTMENTS:
            self.bbcs_run(db, "dept", "add", code, title, what="dept add")
        return db

    def go(self) -> None:
        csv_path = self.work / "cases.csv"
        started = time.perf_counter()
        write(csv_path, self.cases)
        print(f"generated {self.cases} cases in {time.perf_counter() - started:.1f} s", flush=True)
        empty, big = self.ledger("empty.db"), self.ledger("big.db")
        self.figure_import(csv_path, big)
        self.figure_latency(empty, big)
        self.figure_export(big)
        self.figure_sweep(big)  # before nightly, which sweeps too
        self.figure_reports(big)

    def figure_import(self, csv_path: Path, big: Path) -> None:
        ours = self.bbcs_run(big, "import", str(csv_path), what="bbcs import")
        sqlite3 = shutil.which("sqlite3")
        if sqlite3 is None:
            self.record(
                "import (vs sqlite3 .import)",
                f"{ours.seconds:.1f} s",
                "no sqlite3",
                None,
                "<= 6x",
                None,
            )
        else:
            floor_db = self.work / "floor.db"
            floor_db.unlink(missing_ok=True)
            floor = checked(
                run([sqlite3, str(floor_db), f".import --csv {csv_path} cases"], dict(os.environ)),
                "sqlite3 .import",
            )
            ratio = ours.seconds / floor.seconds
            self.record(
                "import (vs sqlite3 .import)",
                f"{ours.seconds:.1f} s",
                f"{floor.seconds:.1f} s",
                ratio,
                "<= 6x",
                ratio <= 6,
            )
        self.record(
            "import peak memory",
            f"{ours.peak_mb:.0f} MB",
            "",
            None,
            "<= 200 MB",
            ours.peak_mb <= 200,
        )

    def figure_latency(self, empty: Path, big: Path) -> None:
        opening = ["open", "路灯不亮", "--reporter", "张三", "--dept", "ZJJ", "--quiet"]
        open_empty = median_of([*self.bbcs, *opening], self.env(empty), self.repeat, "open")
        open_big = median_of([*self.bbcs, *opening], self.env(big), self.repeat, "open")
        case = self.bbcs_run(big, *opening, what="open").stdout.strip()
        show_empty = median_of([*self.bbcs, "show", "1"], self.env(empty), self.repeat, "show")
        show_big = median_of([*self.bbcs, "show", case], self.env(big), self.repeat, "show")
        typer = median_of(
            [sys.executable, "-c", "import typer"], dict(os.environ), self.repeat, "import typer"
        )
        plain = self.work / "plain.db"
        insert = (
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); "
            "c.execute('create table if not exists t (a)'); "
            "c.execute('insert into t values (1)'); c.commit()"
        )
        plain_insert = median_of(
            [sys.executable, "-c", insert, str(plain)],
            dict(os.environ),
            self.repeat,
            "python sqlite3 insert",
        )
        utils = shutil.which("sqlite-utils") or str(Path(sys.executable).with_name("sqlite-utils"))
        utils_insert = None
        if Path(utils).exists():
            one = self.work / "one.db"
            utils_insert = median_of(
                [utils, "insert", str(one), "t", "-"],
                dict(os.environ),
                self.repeat,
                "sqlite-utils insert",
                stdin='{"a": 1}',
            )
        ms = lambda s: f"{s * 1000:.0f} ms"  # noqa: E731
        for name, small, large in (("open", open_empty, open_big), ("show", show_empty, show_big)):
            ratio = large / small
            self.record(
                f"{name}: {self.cases:,} cases vs empty",
                ms(large),
                ms(small),
                ratio,
                "<= 1.15x",
                ratio <= 1.15,
            )
            if utils_insert is not None:
                ratio = large / utils_insert
                self.record(
                    f"{name} vs sqlite-utils insert (one row)",
                    ms(large),
                    ms(utils_insert),
                    ratio,
                    "<= 0.8x",
                    ratio <= 0.8,
                )
            ratio = large / typer
            self.record(
                f"{name} vs python -c 'import typer'",
                ms(large),
                ms(typer),
                ratio,
                "<= 1.3x",
                ratio <= 1.3,
            )
        self.record("(reference) python sqlite3 one insert", ms(plain_insert), "", None, "", None)

    def figure_export(self, big: Path) -> None:
        out = self.work / "export.csv"
        ours = self.bbcs_run(big, "export", str(out), "--unmask", what="bbcs export")
        sqlite3 = shutil.which("sqlite3")
        if sqlite3 is not None:
            floor = checked(
                run(
                    [sqlite3, "-csv", "-header", str(big), "SELECT * FROM cases"],
                    dict(os.environ),
                    stdout_path=self.work / "floor-export.csv",
                ),
                "sqlite3 -csv",
            )
            ratio = ours.seconds / floor.seconds
            self.record(
                "export (vs sqlite3 -csv)",
                f"{ours.seconds:.1f} s",
                f"{floor.seconds:.1f} s",
                ratio,
                "<= 2x",
                ratio <= 2,
            )
        self.record(
            "export peak memory",
            f"{ours.peak_mb:.0f} MB",
            "",
            None,
            "<= 200 MB",
            ours.peak_mb <= 200,
        )

    def figure_reports(self, big: Path) -> None:
        weekly = self.bbcs_run(big, "report", "weekly", "--json", what="report weekly")
        reports = self.work / "reports"
        shutil.rmtree(reports, ignore_errors=True)
        nightly = self.bbcs_run(
            big, "report", "nightly", "--out", str(reports), what="report nightly"
        )
        sqlite3 = shutil.which("sqlite3")
        if sqlite3 is not None:
            aggregate = (
                "SELECT h.dept, count(*), sum(c.closed_on <= h.dept_due), "
                "sum(c.result = 'resolved'), sum(c.rating IN ('satisfied', 'basic')) "
                "FROM holds h JOIN cases c ON c.id = h.case_id "
                "WHERE h.role = 'lead' AND h.how = 'closed' "
                "AND h.ended BETWEEN '2026-11-09' AND '2026-11-15' GROUP BY h.dept; "
                "SELECT data ->> '$.by', count(*) FROM events WHERE kind = 'pushback' "
                "AND at BETWEEN '2026-11-09' AND '2026-11-16' GROUP BY 1;"
            )
            floor = checked(run([sqlite3, str(big), aggregate], dict(os.environ)), "sqlite3 sql")
            ratio = weekly.seconds / floor.seconds
            self.record(
                "report weekly (vs hand-written SQL)",
                f"{weekly.seconds:.2f} s",
                f"{floor.seconds:.2f} s",
                ratio,
                "<= 3x",
                ratio <= 3,
            )
            ratio = nightly.seconds / floor.seconds
            self.record(
                "report nightly (vs hand-written SQL)",
                f"{nightly.seconds:.2f} s",
                f"{floor.seconds:.2f} s",
                ratio,
                "<= 3x; < 10 s",
                nightly.seconds < 10,
            )

    def figure_sweep(self, big: Path) -> None:
        first = self.bbcs_run(big, "sweep", what="sweep")
        again = self.bbcs_run(big, "sweep", what="sweep again")
        self.record(
            "sweep (first run of the day)",
            f"{first.seconds:.2f} s",
            first.stdout.strip()[:40],
            None,
            "follows open cases",
            None,
        )
        self.record(
            "sweep (re-run: writes nothing)",
            f"{again.seconds:.2f} s",
            "",
            None,
            "idempotent",
            "0 case(s) newly overdue" in again.stdout,
        )

    def write_results(self, path: Path) -> None:
        lines = [
            "# bbcs benchmark results",
            "",
            f"- date: {datetime.now().isoformat(timespec='minutes')}",
            f"- machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}",
            f"- ledger: {self.cases:,} cases; each latency the median of {self.repeat} runs",
            "",
            "| figure | bbcs | baseline | ratio | goal |",
            "|---|---|---|---|---|",
            *(f"| {' | '.join(row)} |" for row in self.rows),
            "",
        ]
        # the hand-written notes below the table (profiles, before/after) survive a re-run
        kept = ""
        if path.exists():
            previous = path.read_text(encoding="utf-8")
            if NOTES in previous:
                kept = previous[previous.index(NOTES) :]
        path.write_text("\n".join(lines) + ("\n" + kept if kept else ""), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--work", type=Path, default=None, help="folder for the ledgers")
    parser.add_argument("--results", type=Path, default=Path(__file__).with_name("RESULTS.md"))
    options = parser.parse_args(argv)
    work = options.work or Path(tempfile.mkdtemp(prefix="bbcs-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    bench = Bench(work, options.cases, options.repeat)
    bench.go()
    bench.write_results(options.results)
    print(f"results written to {options.results}")


if __name__ == "__main__":
    main()
