"""The PostgreSQL figures (SPEC §12), beside SQLite's, measured in the same run.

    python -m bench.postgres --cases 100000     # the size of the ledger
    python -m bench.postgres --cases 2000 --repeat 3

It starts a throwaway cluster from the machine's PostgreSQL binaries (as the tests do),
generates a ledger (``bench.generate``), loads it through ``bbcs import`` into SQLite and
copies it with ``bbcs migrate --to`` into PostgreSQL, then times whole processes:

- ``open``, ``show`` and ``list`` on the big PostgreSQL ledger against an empty one (flat);
- ``report nightly`` on it (goal: under 10 s) and on the SQLite ledger it was copied from;
- 16 writers at once, each a process opening cases one command after another, on a shared
  PostgreSQL ledger and on a SQLite file: commands per second.

Results go to ``bench/RESULTS-postgres.md``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.generate import write
from bench.run import NOW, Bench, checked, median_of, run

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from pgcluster import Cluster, binaries

WRITERS = 16


class PgBench(Bench):
    def __init__(self, work: Path, cases: int, repeat: int, each: int) -> None:
        super().__init__(work, cases, repeat)
        self.each = each
        bindir = binaries()
        if bindir is None:
            raise SystemExit("no PostgreSQL binaries: install Debian's postgresql package")
        self.cluster = Cluster(bindir).start()

    def url_env(self, database: str, user: str = "bench") -> dict[str, str]:
        self.cluster.ensure_login(user)
        return {
            **os.environ,
            "BBCS_DB": self.cluster.url(database, user=None),
            "PGUSER": user,
            "BBCS_NOW": NOW,
            "BBCS_LANG": "en",
            "NO_COLOR": "1",
        }

    def server_ledger(self, database: str) -> dict[str, str]:
        self.cluster.new_database(database)
        env = self.url_env(database)
        for args in (("init", "--site", "BB"), ("dept", "add", "ZJJ", "住建局")):
            checked(run([*self.bbcs, *args], env), "init")
        return env

    def go(self) -> None:
        try:
            self._go()
        finally:
            self.cluster.stop()

    def _go(self) -> None:
        csv_path = self.work / "cases.csv"
        write(csv_path, self.cases)
        big_file = self.ledger("big.db")
        self.bbcs_run(big_file, "import", str(csv_path), what="import")
        self.cluster.new_database("big")
        copy = checked(
            run(
                [*self.bbcs, "--db", str(big_file), "migrate", "--to", self.cluster.url("big")],
                self.env(big_file),
            ),
            "migrate --to",
        )
        self.record(f"migrate --to: {self.cases:,} cases", copy.seconds, None, "", None)
        big, empty = self.url_env("big", "postgres"), self.server_ledger("empty")
        opening = ["open", "路灯不亮", "--reporter", "张三", "--dept", "ZJJ", "--quiet"]
        case = checked(run([*self.bbcs, *opening], big), "open").stdout.strip()
        for name, on_empty, on_big in (
            ("open", opening, opening),
            ("show", ["show", "1"], ["show", case]),
            ("list", ["list", "--limit", "20"], ["list", "--limit", "20"]),
        ):
            small = median_of([*self.bbcs, *on_empty], empty, self.repeat, name)
            large = median_of([*self.bbcs, *on_big], big, self.repeat, name)
            self.record(
                f"PostgreSQL {name}: {self.cases:,} cases vs empty",
                large,
                small,
                "<= 1.15x",
                large <= 1.15 * small,
            )
        with tempfile.TemporaryDirectory() as out:
            pg = checked(run([*self.bbcs, "report", "nightly", "--out", out], big), "nightly")
        with tempfile.TemporaryDirectory() as out:
            lite = checked(
                run([*self.bbcs, "report", "nightly", "--out", out], self.env(big_file)),
                "nightly",
            )
        self.record(
            "PostgreSQL report nightly (vs SQLite's)",
            pg.seconds,
            lite.seconds,
            "< 10 s",
            pg.seconds < 10,
        )
        self.figure_writers()

    def figure_writers(self) -> None:
        """16 processes opening ``each`` cases apiece, at once: commands per second."""
        script = Path(__file__).resolve().parents[1] / "tests" / "desk_writer.py"
        self.server_ledger("writers")  # no users yet: every login may open cases
        lite = self.ledger("writers.db")

        def timed(envs: list[dict[str, str]]) -> float:
            started = time.perf_counter()
            with ThreadPoolExecutor(WRITERS) as pool:
                runs = list(
                    pool.map(
                        lambda env: run([sys.executable, str(script), str(self.each)], env), envs
                    )
                )
            for done in runs:
                checked(done, "writer")
            return WRITERS * self.each / (time.perf_counter() - started)

        root = str(Path(__file__).resolve().parents[1] / "src")
        pg_rate = timed(
            [{**self.url_env("writers", f"w{n}"), "PYTHONPATH": root} for n in range(WRITERS)]
        )
        lite_rate = timed(
            [
                {**self.env(lite), "PGUSER": f"w{n}", "BBCS_USER": "bench", "PYTHONPATH": root}
                for n in range(WRITERS)
            ]
        )
        # commands per second: higher is better, so the ratio reads SQLite's over ours
        self.record(
            f"{WRITERS} writers x {self.each}: PostgreSQL commands/s (vs SQLite's)",
            pg_rate,
            lite_rate,
            "",
            None,
            unit="/s",
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--each", type=int, default=25, help="opens per writer")
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument(
        "--results", type=Path, default=Path(__file__).with_name("RESULTS-postgres.md")
    )
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="bbcs-pgbench-"))
    work.mkdir(parents=True, exist_ok=True)
    bench = PgBench(work, args.cases, args.repeat, args.each)
    bench.go()
    lines = [
        "# bbcs on PostgreSQL: bench results",
        "",
        f"`python -m bench.postgres --cases {args.cases} --repeat {args.repeat} "
        f"--each {args.each}`, {time.strftime('%Y-%m-%d')}",
        "",
        "| figure | ours | baseline | ratio | goal | |",
        "|---|---:|---:|---:|---|---|",
    ]
    for f in bench.figures:
        ratio = "" if f.ratio is None else f"{f.ratio:.2f}"
        verdict = "" if f.met is None else ("met" if f.met else "MISSED")
        ours = f"{f.ours:.1f}" if f.unit == "/s" else f"{f.ours:.3f} s"
        base = "" if f.baseline is None else (
            f"{f.baseline:.1f}" if f.unit == "/s" else f"{f.baseline:.3f} s"
        )  # fmt: skip
        lines.append(f"| {f.name} | {ours} | {base} | {ratio} | {f.goal} | {verdict} |")
    args.results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.results}")


if __name__ == "__main__":
    main()
