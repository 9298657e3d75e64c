"""``bbcs export`` and ``bbcs import``: CSV ledgers (SPEC §7).

Only typer is imported at the top; the CSV machinery (``bbcs.ledger_csv``) and rich
load inside the commands.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bbcs.edge import day, ledger
from bbcs.help_zh import option as _h
from bbcs.i18n import t

if TYPE_CHECKING:
    from bbcs.ledger_csv import Progress

PROGRESS_FROM_BYTES = 1 << 20  # about five thousand rows: smaller files finish at once


def export(
    file: Annotated[Path, typer.Argument(help=_h("The CSV file to write."))],
    events: Annotated[
        bool,
        typer.Option(
            "--events",
            help=_h(
                "Write the full event log (the true ledger) instead of one row per case.",
            ),
        ),
    ] = False,
    opened_from: Annotated[
        str | None,
        typer.Option(
            "--from",
            help=_h("Cases opened on or after this day."),
            show_default=False,
        ),
    ] = None,
    opened_to: Annotated[
        str | None,
        typer.Option(
            "--to",
            help=_h("Cases opened on or before this day."),
            show_default=False,
        ),
    ] = None,
    headers: Annotated[
        str,
        typer.Option("--headers", help=_h("Column names: en or zh.")),
    ] = "en",
    unmask: Annotated[
        bool,
        typer.Option(
            "--unmask",
            help=_h(
                "Write whole phone numbers (recorded in the audit log).",
            ),
        ),
    ] = False,
) -> None:
    """Write the cases, or with --events their histories, to a CSV file Excel opens.

    Example: bbcs export cases.csv --from 2026-01-01 --headers zh
    """
    from bbcs import render
    from bbcs.errors import InvalidInput
    from bbcs.ledger_csv import export as export_file

    if headers not in ("en", "zh"):
        raise InvalidInput("export.bad_headers", value=headers)
    done = export_file(
        ledger(write=False),
        file,
        events=events,
        opened_from=day(opened_from),
        opened_to=day(opened_to),
        headers_zh=headers == "zh",
        unmask=unmask,
    )
    key = "export.done_events" if events else "export.done"
    render.line(t(key, count=done.rows, path=str(file)))


def import_(
    file: Annotated[
        Path,
        typer.Argument(help=_h("A cases or events CSV file.")),
    ],
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help=_h("Check the file and say what would be added."),
        ),
    ] = False,
) -> None:
    """Import a cases or events file (English or Chinese headers), all or nothing.

    Example: bbcs import 台账.csv --dry-run
    """
    from bbcs import render
    from bbcs.ledger_csv import import_file

    with _progress(file) as progress:  # a missing file is named before any ledger is made
        done = import_file(ledger(write=not dry_run), file, dry_run=dry_run, progress=progress)
    if done.shape == "events":
        key = "import.dry_events" if done.dry_run else "import.done_events"
    else:
        key = "import.dry" if done.dry_run else "import.done"
    render.line(t(key, added=done.added, skipped=done.skipped, cases=done.cases))


@contextmanager
def _progress(file: Path) -> Iterator[Progress | None]:
    """A progress bar on stderr, for a big file read at a terminal only."""
    size = file.stat().st_size
    if size < PROGRESS_FROM_BYTES or not sys.stderr.isatty():
        yield None
        return
    from bbcs import render

    bar, task = render.progress(file.name, size)
    with bar:
        yield lambda done: bar.update(task, completed=done)


def register(app: typer.Typer) -> None:
    app.command("export")(export)
    app.command("import")(import_)
