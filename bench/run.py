"""The bbcs benchmark: every figure beside its baseline, measured in the same run.

    python -m bench.run                            # 10,000, 100,000 and 1,000,000 cases
    python -m bench.run --cases 20000 --repeat 3   # one size: a quick check that all works

For each size it generates a ledger (``bench.generate``), loads it through ``bbcs
import``, and times whole processes, each beside the cheapest honest way to do the
same work in the same run (``bench.floors``, one Python process each, or the
``sqlite3`` shell where that is the floor):

- ``import`` into an empty ledger against ``sqlite3 .import`` and against the same
  rows inserted with ``executemany``; its peak memory;
- ``open``, ``show`` and ``list`` against ``python -c "import typer"``, and on the big
  ledger against an empty one (flat: nothing on the start-up path grows with the ledger);
- ``export`` against ``sqlite3 -csv``;
- ``verify`` against hashing the same event bytes with ``hashlib`` in one pass;
- ``sweep`` against inserting the events it wrote with ``executemany``, and its re-run;
- ``report weekly``, ``monthly`` (a period holding a tenth of the ledger: 100,000 cases
  at a million) and ``nightly`` against hand-written SQL for the same figures.

Peak memory is each child's maximum resident set. Figures are ratios against
baselines measured in the same run, because the machines are shared and noisy. The
tables (the largest size in full, then every figure at every size) are printed and
written to ``--results`` (default ``bench/RESULTS.md``), and a plot of how import,
weekly report and sweep grow with the ledger to ``growth.svg`` beside it.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
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


@dataclass
class Figure:
    name: str
    ours: float  # seconds (or MB for a memory figure)
    baseline: float | None
    goal: str
    met: bool | None
    unit: str = "s"

    @property
    def ratio(self) -> float | None:
        return self.ours / self.baseline if self.baseline else None


def _shown(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "/s":
        return f"{value:.1f}/s"
    if value < 1:
        return f"{value * 1000:.0f} ms"
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


class Bench:
    def __init__(self, work: Path, cases: int, repeat: int) -> None:
        self.work = work
        self.cases = cases
        self.repeat = repeat
        self.bbcs = [sys.executable, "-m", "bbcs"]
        script = Path(sys.executable).with_name("bbcs")
        if script.exists():
            self.bbcs = [str(script)]
        self.figures: list[Figure] = []

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

    def floor(self, *args: str, what: str) -> Run:
        """One baseline of ``bench.floors``, in a Python process of its own."""
        root = Path(__file__).resolve().parents[1]
        env = {**os.environ, "PYTHONPATH": str(root)}
        return checked(run([sys.executable, "-m", "bench.floors", *args], env), what)

    def record(
        self,
        name: str,
        ours: float,
        baseline: float | None,
        goal: str,
        met: bool | None,
        unit: str = "s",
    ) -> None:
        figure = Figure(name, ours, baseline, goal, met, unit)
        self.figures.append(figure)
        ratio = "" if figure.ratio is None else f"{figure.ratio:.2f}"
        verdict = "" if met is None else ("met" if met else "MISSED")
        print(
            f"{name:44} {_shown(ours, unit):>9} {_shown(baseline, unit):>9} {ratio:>7} "
            f"{goal} {verdict}",
            flush=True,
        )

    def memory(self, what: str, ours: Run) -> None:
        """The peak resident memory of a command that streams: flat, under 200 MB."""
        self.record(
            f"{what} peak memory", ours.peak_mb, None, "<= 200 MB", ours.peak_mb <= 200, "MB"
        )

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
        print(f"generated {self.cases:,} cases in {time.perf_counter() - started:.1f} s")
        empty, big = self.ledger("empty.db"), self.ledger("big.db")
        self.figure_import(csv_path, big)
        self.figure_latency(empty, big)
        self.figure_export(big)
        self.figure_verify(big)
        self.figure_sweep(big)  # before nightly, which sweeps too
        self.figure_reports(big)

    def figure_import(self, csv_path: Path, big: Path) -> None:
        ours = self.bbcs_run(big, "import", str(csv_path), what="bbcs import")
        python = self.floor("import", str(csv_path), str(self.work / "floor.db"), what="floor")
        self.record(
            "import (vs executemany)",
            ours.seconds,
            python.seconds,
            "<= 3x",
            ours.seconds <= 3 * python.seconds,
        )
        sqlite3 = shutil.which("sqlite3")
        if sqlite3 is not None:
            floor_db = self.work / "floor-shell.db"
            floor_db.unlink(missing_ok=True)
            shell = checked(
                run([sqlite3, str(floor_db), f".import --csv {csv_path} cases"], dict(os.environ)),
                "sqlite3 .import",
            )
            self.record(
                "import (vs sqlite3 .import)",
                ours.seconds,
                shell.seconds,
                "<= 10x",
                ours.seconds <= 10 * shell.seconds,
            )
        self.memory("import", ours)

    def figure_latency(self, empty: Path, big: Path) -> None:
        opening = ["open", "路灯不亮", "--reporter", "张三", "--dept", "ZJJ", "--quiet"]
        case = self.bbcs_run(big, *opening, what="open").stdout.strip()
        commands = {
            "open": (opening, opening),
            "show": (["show", "1"], ["show", case]),
            "list": (["list", "--limit", "20"], ["list", "--limit", "20"]),
        }
        typer = median_of(
            [sys.executable, "-c", "import typer"], dict(os.environ), self.repeat, "import typer"
        )
        for name, (on_empty, on_big) in commands.items():
            small = median_of([*self.bbcs, *on_empty], self.env(empty), self.repeat, name)
            large = median_of([*self.bbcs, *on_big], self.env(big), self.repeat, name)
            self.record(
                f"{name}: {self.cases:,} cases vs empty",
                large,
                small,
                "<= 1.15x",
                large <= 1.15 * small,
            )
            self.record(
                f"{name} vs python -c 'import typer'", large, typer, "<= 1.5x", large <= 1.5 * typer
            )

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
            self.record(
                "export (vs sqlite3 -csv)",
                ours.seconds,
                floor.seconds,
                "<= 2x",
                ours.seconds <= 2 * floor.seconds,
            )
        self.memory("export", ours)

    def figure_verify(self, big: Path) -> None:
        ours = self.bbcs_run(big, "verify", what="bbcs verify")
        floor = self.floor("hash", str(big), what="hash floor")
        self.record(
            "verify (vs hashlib over the events)",
            ours.seconds,
            floor.seconds,
            "<= 3x",
            ours.seconds <= 3 * floor.seconds,
        )
        self.memory("verify", ours)

    def _last_event_id(self, db: Path) -> int:
        import sqlite3

        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
            return int(con.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0])

    def figure_sweep(self, big: Path) -> None:
        before = self._last_event_id(big)
        first = self.bbcs_run(big, "sweep", what="sweep")
        written = self._last_event_id(big) - before
        floor = self.floor("insert", str(big), str(before + 1), what="insert floor")
        self.record(
            f"sweep writing {written:,} events (vs executemany)",
            first.seconds,
            floor.seconds,
            "<= 2x",
            first.seconds <= 2 * floor.seconds,
        )
        again = self.bbcs_run(big, "sweep", what="sweep again")
        self.record(
            "sweep re-run (writes nothing)",
            again.seconds,
            None,
            "< 0.5 s",
            again.seconds < 0.5 and self._last_event_id(big) == before + written,
        )

    def _period_holding(self, share: float) -> tuple[str, str]:
        """The period ending on the generator's last day that holds ``share`` of the cases
        (cases are opened evenly over its working days)."""
        from bench.generate import FIRST_DAY, LAST_DAY

        days = (LAST_DAY - FIRST_DAY).days
        first = LAST_DAY - timedelta(days=max(6, int(days * share)))
        return first.isoformat(), LAST_DAY.isoformat()

    def figure_reports(self, big: Path) -> None:
        first, last = self._period_holding(0.1)
        periods = {
            "weekly": (["--week", "2026-W46"], ("2026-11-09", "2026-11-15"), "<= 2x", None),
            "monthly": (["--from", first, "--to", last], (first, last), "<= 2x; <= 3 s", 3.0),
        }
        for kind, (args, (a, b), goal, most) in periods.items():
            ours = self.bbcs_run(big, "report", kind, *args, "--json", what=f"report {kind}")
            floor = self.floor("report", str(big), a, b, what="report floor")
            met = ours.seconds <= 2 * floor.seconds and (most is None or ours.seconds <= most)
            name = f"report {kind}" + (f" ({a} to {b})" if kind == "monthly" else "")
            self.record(f"{name} (vs hand-written SQL)", ours.seconds, floor.seconds, goal, met)
        reports = self.work / "reports"
        shutil.rmtree(reports, ignore_errors=True)
        nightly = self.bbcs_run(big, "report", "nightly", "--out", str(reports), what="nightly")
        floor = self.floor("report", str(big), "2026-11-20", "2026-11-20", what="report floor")
        self.record(
            "report nightly (vs hand-written SQL)",
            nightly.seconds,
            floor.seconds,
            "<= 2x; < 5 s",
            nightly.seconds <= 2 * floor.seconds and nightly.seconds < 5,
        )


def _key(name: str) -> str:
    """A figure's name without the size and counts in it, to line sizes up."""
    return re.sub(r"[\d,]+ (cases|events)", r"N \1", re.sub(r" \(\d{4}.*? to .*?\)", "", name))


def results(benches: list[Bench], machine: str) -> list[str]:
    largest = benches[-1]
    lines = [
        "# bbcs benchmark results",
        "",
        f"- date: {datetime.now().isoformat(timespec='minutes')}",
        f"- machine: {machine}",
        f"- sizes: {', '.join(f'{b.cases:,}' for b in benches)} cases; each latency the "
        f"median of {largest.repeat} runs",
        "",
        f"## {largest.cases:,} cases",
        "",
        "| figure | bbcs | baseline | ratio | goal |",
        "|---|---|---|---|---|",
    ]
    for f in largest.figures:
        ratio = "" if f.ratio is None else f"{f.ratio:.2f}"
        verdict = "" if f.met is None else ("met" if f.met else "MISSED")
        lines.append(
            f"| {f.name} | {_shown(f.ours, f.unit)} | {_shown(f.baseline, f.unit)} | "
            f"{ratio} {verdict} | {f.goal} |"
        )
    if len(benches) > 1:
        lines += ["", "## Growth: bbcs (ratio to its baseline) at each size", ""]
        lines.append("| figure | " + " | ".join(f"{b.cases:,}" for b in benches) + " |")
        lines.append("|---|" + "---|" * len(benches))
        for f in largest.figures:
            cells = []
            for b in benches:
                same = [g for g in b.figures if _key(g.name) == _key(f.name)]
                if not same:
                    cells.append("")
                    continue
                g = same[0]
                ratio = f" ({g.ratio:.1f}×)" if g.ratio is not None else ""
                cells.append(_shown(g.ours, g.unit) + ratio)
            lines.append(f"| {_key(f.name)} | " + " | ".join(cells) + " |")
        lines += ["", "![how import, the weekly report and sweep grow](growth.svg)"]
    lines.append("")
    return lines


PLOTTED = ("import (vs executemany)", "report weekly (vs hand-written SQL)", "sweep writing")


def plot(benches: list[Bench], path: Path) -> None:
    """An SVG of seconds against cases (both on log scales) for the plotted figures."""
    import math

    width, height, pad = 640, 400, 60
    series = []
    for wanted in PLOTTED:
        points = []
        for b in benches:
            for f in b.figures:
                if f.name.startswith(wanted) and f.ours > 0:
                    points.append((b.cases, f.ours))
                    break
        series.append((wanted.split(" (")[0], points))
    xs = [x for _, pts in series for x, _ in pts]
    ys = [y for _, pts in series for _, y in pts]
    if not xs:
        return
    lo_x, hi_x = math.log10(min(xs)), math.log10(max(xs)) + 1e-9
    lo_y, hi_y = math.log10(min(ys)), math.log10(max(ys)) + 1e-9
    hi_x, hi_y = max(hi_x, lo_x + 1), max(hi_y, lo_y + 1)

    def at(x: float, y: float) -> tuple[float, float]:
        px = pad + (math.log10(x) - lo_x) / (hi_x - lo_x) * (width - 2 * pad)
        py = height - pad - (math.log10(y) - lo_y) / (hi_y - lo_y) * (height - 2 * pad)
        return px, py

    colours = ("#1f77b4", "#d62728", "#2ca02c")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        'font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" '
        'stroke="black"/>',
        f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{height - pad}" stroke="black"/>',
        f'<text x="{width / 2}" y="{height - 15}" text-anchor="middle">cases in the ledger '
        "(log scale)</text>",
        f'<text x="15" y="{height / 2}" transform="rotate(-90 15 {height / 2})" '
        'text-anchor="middle">seconds (log scale)</text>',
    ]
    for b in benches:
        px, _ = at(b.cases, 10**lo_y)
        out.append(
            f'<text x="{px:.0f}" y="{height - pad + 16}" text-anchor="middle">{b.cases:,}</text>'
        )
    for exponent in range(math.floor(lo_y), math.ceil(hi_y) + 1):
        for step in (1, 2, 5):
            tick = step * 10.0**exponent
            if lo_y <= math.log10(tick) <= hi_y:
                _, py = at(10**lo_x, tick)
                out.append(
                    f'<text x="{pad - 6}" y="{py + 4:.0f}" text-anchor="end">{tick:g} s</text>'
                )
    for n, ((name, pts), colour) in enumerate(zip(series, colours, strict=False)):
        if not pts:
            continue
        coords = " ".join(f"{a:.1f},{b:.1f}" for a, b in (at(x, y) for x, y in pts))
        out.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for x, y in pts:
            px, py = at(x, y)
            out.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>')
        out.append(f'<text x="{pad + 10}" y="{pad + 16 * n}" fill="{colour}">{name}</text>')
    out.append("</svg>")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def write_results(benches: list[Bench], path: Path) -> None:
    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )
    lines = results(benches, machine)
    # the hand-written notes below the tables (profiles, before/after) survive a re-run
    kept = ""
    if path.exists():
        previous = path.read_text(encoding="utf-8")
        if NOTES in previous:
            kept = previous[previous.index(NOTES) :]
    path.write_text("\n".join(lines) + ("\n" + kept if kept else ""), encoding="utf-8")
    if len(benches) > 1:
        plot(benches, path.with_name("growth.svg"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=None, help="one size instead of three")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--work", type=Path, default=None, help="folder for the ledgers")
    parser.add_argument("--results", type=Path, default=Path(__file__).with_name("RESULTS.md"))
    options = parser.parse_args(argv)
    work = options.work or Path(tempfile.mkdtemp(prefix="bbcs-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    sizes = [options.cases] if options.cases else [int(n) for n in options.sizes.split(",")]
    benches = []
    for size in sizes:
        folder = work if len(sizes) == 1 else work / str(size)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"== {size:,} cases", flush=True)
        bench = Bench(folder, size, options.repeat)
        bench.go()
        benches.append(bench)
    write_results(benches, options.results)
    print(f"results written to {options.results}")


if __name__ == "__main__":
    main()
