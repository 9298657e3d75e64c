"""One clerk at a ledger opening cases one command after another in one process, for the
concurrency tests: ``python desk_writer.py COUNT`` (the ledger, and the clerk's name as
``PGUSER``, from the environment). Each command is the real command line, run in this
process, with its own connection."""

from __future__ import annotations

import os
import sys

from typer.testing import CliRunner

from bbcs.cli import app


def main(count: int) -> int:
    runner = CliRunner()
    me = os.environ["PGUSER"]
    for n in range(count):
        result = runner.invoke(
            app, ["open", f"{me} 第{n}件", "--reporter", me, "--dept", "ZJJ", "--quiet"]
        )
        if result.exit_code != 0:
            sys.stderr.write(f"{me} #{n}: {result.output}{result.stderr}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1])))
