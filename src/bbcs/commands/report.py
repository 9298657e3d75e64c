"""``bbcs report …``: the daily, weekly, monthly, pushback, overdue and casebook reports, and nightly.

Each command picks its period, asks ``reports.issue`` for the document (one
transaction; with ``--publish`` it is stored beside the chain head), and hands
it to ``render_reports`` in the format asked for. ``nightly`` takes a lock in
its output folder, sweeps, and writes the day's report in every format, each
file through a temporary file in the same folder and a rename.
"""

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from bbcs.edge import JsonOpt, ledger
from bbcs.edge import day as _day
from bbcs.errors import Conflict, InvalidInput
from bbcs.help_zh import option as _h
from bbcs.i18n import t

if TYPE_CHECKING:
    from bbcs.files import Replacement
    from bbcs.ledger import Ledger
    from bbcs.reports import Span


def _ledger(site: str | None = None) -> "Ledger":
    """The ledger, its reports scoped to ``site`` (on a ledger of several, the user's own)."""
    book = ledger(write=False)
    book.report_site = book.scope_site(site)
    return book


report_app = typer.Typer(
    help="Reports: daily, weekly, monthly, pushback, overdue, casebook, causes, nightly.",
    no_args_is_help=True,
)

FromOpt = Annotated[
    str | None,
    typer.Option(
        "--from",
        help=_h(
            "First day of the period (to today if --to is absent).",
        ),
        show_default=False,
    ),
]
ToOpt = Annotated[
    str | None,
    typer.Option("--to", help=_h("Last day of the period."), show_default=False),
]
FormatOpt = Annotated[str, typer.Option("--format", help=_h("table, json, csv, md, html or xlsx."))]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help=_h("Write to this file."), show_default=False),
]
PublishOpt = Annotated[
    bool,
    typer.Option(
        "--publish",
        help=_h(
            "Store the report as issued, with the ledger's chain head.",
        ),
    ),
]
PublishedOpt = Annotated[
    bool,
    typer.Option(
        "--published",
        help=_h("Reprint the report as it was published."),
    ),
]
RepublishOpt = Annotated[
    bool,
    typer.Option(
        "--republish",
        help=_h(
            "Publish a period already published again, keeping every version (needs --reason)."
        ),
    ),
]
ReasonOpt = Annotated[
    str | None,
    typer.Option("--reason", help=_h("Why the report is published again."), show_default=False),
]
SiteOpt = Annotated[
    str | None,
    typer.Option(
        "--site",
        help=_h("Only the cases of this window (default: your own on a ledger of several)."),
        show_default=False,
    ),
]
VersionOpt = Annotated[
    int | None,
    typer.Option(
        "--version",
        help=_h("With --published: this version (from 1) instead of the latest."),
        show_default=False,
    ),
]
WeekOpt = Annotated[
    str | None,
    typer.Option("--week", help=_h("ISO week, e.g. 2026-W47."), show_default=False),
]
CasesOpt = Annotated[
    bool,
    typer.Option(
        "--cases",
        help=_h("Add to each department the cases behind each figure that counts cases."),
    ),
]
DeptOpt = Annotated[
    str | None,
    typer.Option(
        "--dept",
        help=_h("With --figure: the department whose cases to list."),
        show_default=False,
    ),
]
FigureOpt = Annotated[
    str | None,
    typer.Option(
        "--figure",
        help=_h("List the cases behind this figure of --dept, e.g. accept_late."),
        show_default=False,
    ),
]
MonthOpt = Annotated[
    str | None,
    typer.Option("--month", help=_h("Month, e.g. 2026-11."), show_default=False),
]


def _run(
    kind: str,
    *,
    fmt: str,
    output: Path | None,
    as_json: bool,
    publish: bool,
    reprint: bool,
    republish: bool = False,
    reason: str | None = None,
    version: int | None = None,
    cases: bool = False,
    dept: str | None = None,
    figure: str | None = None,
    site: str | None = None,
    **period: Any,
) -> None:
    from contextlib import nullcontext

    from bbcs import reports
    from bbcs.files import Replacement
    from bbcs.render_reports import FORMATS

    chosen = "json" if as_json else fmt.strip().lower()
    if chosen not in FORMATS:
        raise InvalidInput("report.bad_format", value=fmt)
    if dept is not None or figure is not None:
        issuing = publish or republish or reprint
        _figure_cases(kind, chosen, dept, figure, output, issuing, period, site)
        return
    if chosen == "xlsx" and output is None:
        raise InvalidInput("report.xlsx_needs_output")
    if (publish or republish) and reprint:
        raise InvalidInput("report.publish_clash")
    why = _republish_reason(republish, reason)
    if version is not None and not reprint:
        raise InvalidInput("report.version_needs_published")
    book = _ledger(site)
    book.require_whole_view("report")
    span = _span(book, kind, period)
    # the output file is prepared before the report is issued: a --publish is stored
    # in the same transaction that moves the file into place, or not at all
    with Replacement(output, ledger=book.store_path) if output else nullcontext() as target:
        if reprint:
            import json

            body = reports.published(book, kind, span, version)
            doc = json.loads(body)
            if chosen == "json":  # as issued, with how many versions there are now
                _deliver(body + "\n", target)
            else:
                _deliver_document(doc, chosen, target)
            if doc["versions"] > 1 and chosen != "json":
                from bbcs import render

                render.warn(t("report.versions", version=doc["version"], versions=doc["versions"]))
        else:
            with _Working(t("report.working", kind=kind)):
                reports.issue(
                    book,
                    kind,
                    span,
                    publish=publish or republish,
                    republish=why,
                    deliver=lambda doc: _deliver_document(doc, chosen, target),
                    # the HTML report lists the cases behind each figure under its department
                    cases=cases or chosen == "html",
                )
    if output is not None:
        from bbcs import render

        render.line(t("report.wrote", path=str(output)))


def _figure_cases(
    kind: str,
    chosen: str,
    dept: str | None,
    figure: str | None,
    output: Path | None,
    issuing: bool,
    period: dict[str, Any],
    site: str | None,
) -> None:
    """Print the cases behind one department's figure: the case table ``list`` prints, or
    with ``--json`` the case objects, one per case or event the figure counts."""
    from bbcs import render, reports

    if dept is None or figure is None:
        raise InvalidInput("report.figure_needs_dept")
    if output is not None or issuing:
        raise InvalidInput("report.figure_alone")
    if chosen not in ("table", "json"):
        raise InvalidInput("report.figure_format", value=chosen)
    book = _ledger(site)
    span = _span(book, kind, period)
    named = reports.figure_named(figure)
    found = reports.figure_cases(book, span, dept, named)
    if chosen == "json":
        render.print_json(found)
        return
    from bbcs.render_reports import heading

    code = book.department(dept)
    name = next((d.name for d in book.departments() if d.code == code), code)
    render.line(
        t(
            "report.figure_title",
            dept=code,
            name=name,
            figure=heading(named),
            first=span.first.isoformat(),
            last=span.last.isoformat(),
            count=len(found),
        )
    )
    render.cases_table(found, len(found))


def _span(book: "Ledger", kind: str, period: dict[str, Any]) -> "Span":
    from bbcs import reports

    return reports.choose_span(
        kind,
        book.today,
        day=_day(period.get("date")),
        week=period.get("week"),
        month=period.get("month"),
        first=_day(period.get("first")),
        last=_day(period.get("last")),
    )


def _republish_reason(republish: bool, reason: str | None) -> str | None:
    """The reason a report is published again; ``--reason`` goes with ``--republish`` only."""
    if not republish:
        if reason is not None:
            raise InvalidInput("report.reason_needs_republish")
        return None
    if reason is None:
        raise InvalidInput("report.republish_needs_reason")
    from bbcs import fields

    return fields.text(reason, "reason", fields.MEDIUM)


def _deliver_document(doc: dict[str, Any], chosen: str, target: "Replacement | None") -> None:
    from bbcs import render_reports

    if chosen == "table" and target is None:
        render_reports.print_table(doc)
    elif chosen in ("xlsx", "csv") and target is not None:
        _deliver(render_reports.render_bytes(doc, chosen), target)
    else:
        _deliver(render_reports.render_text(doc, chosen), target)


def _deliver(content: str | bytes, target: "Replacement | None") -> None:
    """Print the report, or write it into the prepared file and move that into place."""
    if target is None:
        sys.stdout.write(content if isinstance(content, str) else content.decode("utf-8"))
        return
    target.write(content.encode("utf-8") if isinstance(content, str) else content)
    target.finish()


@report_app.command("daily")
def report_daily(
    date: Annotated[
        str | None,
        typer.Option("--date", help=_h("The day (default today)."), show_default=False),
    ] = None,
    first: FromOpt = None,
    last: ToOpt = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    as_json: JsonOpt = False,
    publish: PublishOpt = False,
    reprint: PublishedOpt = False,
    republish: RepublishOpt = False,
    reason: ReasonOpt = None,
    version: VersionOpt = None,
    cases: CasesOpt = False,
    dept: DeptOpt = None,
    figure: FigureOpt = None,
    site: SiteOpt = None,
) -> None:
    """Report one day's figures per department.

    Example: bbcs report daily --date 2026-11-20
    """
    _run(
        "daily",
        fmt=fmt,
        output=output,
        as_json=as_json,
        publish=publish,
        reprint=reprint,
        republish=republish,
        reason=reason,
        version=version,
        cases=cases,
        dept=dept,
        figure=figure,
        site=site,
        date=date,
        first=first,
        last=last,
    )


@report_app.command("weekly")
def report_weekly(
    week: WeekOpt = None,
    first: FromOpt = None,
    last: ToOpt = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    as_json: JsonOpt = False,
    publish: PublishOpt = False,
    reprint: PublishedOpt = False,
    republish: RepublishOpt = False,
    reason: ReasonOpt = None,
    version: VersionOpt = None,
    cases: CasesOpt = False,
    dept: DeptOpt = None,
    figure: FigureOpt = None,
    site: SiteOpt = None,
) -> None:
    """Rank the departments over a week (default the last complete one), with 环比.

    Example: bbcs report weekly --week 2026-W47 --publish
    """
    _run(
        "weekly",
        fmt=fmt,
        output=output,
        as_json=as_json,
        publish=publish,
        reprint=reprint,
        republish=republish,
        reason=reason,
        version=version,
        cases=cases,
        dept=dept,
        figure=figure,
        site=site,
        week=week,
        first=first,
        last=last,
    )


@report_app.command("monthly")
def report_monthly(
    month: MonthOpt = None,
    first: FromOpt = None,
    last: ToOpt = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    as_json: JsonOpt = False,
    publish: PublishOpt = False,
    reprint: PublishedOpt = False,
    republish: RepublishOpt = False,
    reason: ReasonOpt = None,
    version: VersionOpt = None,
    cases: CasesOpt = False,
    dept: DeptOpt = None,
    figure: FigureOpt = None,
    site: SiteOpt = None,
) -> None:
    """Rank the departments over a month (default the last complete one), with 环比.

    Example: bbcs report monthly --month 2026-11 --format html -o 2026-11.html
    """
    _run(
        "monthly",
        fmt=fmt,
        output=output,
        as_json=as_json,
        publish=publish,
        reprint=reprint,
        republish=republish,
        reason=reason,
        version=version,
        cases=cases,
        dept=dept,
        figure=figure,
        site=site,
        month=month,
        first=first,
        last=last,
    )


@report_app.command("pushback")
def report_pushback(
    week: WeekOpt = None,
    first: FromOpt = None,
    last: ToOpt = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    as_json: JsonOpt = False,
    publish: PublishOpt = False,
    reprint: PublishedOpt = False,
    republish: RepublishOpt = False,
    reason: ReasonOpt = None,
    version: VersionOpt = None,
    cases: CasesOpt = False,
    dept: DeptOpt = None,
    figure: FigureOpt = None,
    site: SiteOpt = None,
) -> None:
    """Show who pushed how many cases onto whom (default the last complete week).

    Example: bbcs report pushback --from 2026-11-01 --to 2026-11-30
    """
    _run(
        "pushback",
        fmt=fmt,
        output=output,
        as_json=as_json,
        publish=publish,
        reprint=reprint,
        republish=republish,
        reason=reason,
        version=version,
        cases=cases,
        dept=dept,
        figure=figure,
        site=site,
        week=week,
        first=first,
        last=last,
    )


@report_app.command("overdue")
def report_overdue(
    last: Annotated[
        str | None,
        typer.Option(
            "--to",
            help=_h("As of the end of this day (default today)."),
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    as_json: JsonOpt = False,
    publish: PublishOpt = False,
    reprint: PublishedOpt = False,
    republish: RepublishOpt = False,
    reason: ReasonOpt = None,
    version: VersionOpt = None,
) -> None:
    """List the pending and in-progress cases past due, most overdue first.

    Example: bbcs report overdue --format csv -o overdue.csv
    """
    _run(
        "overdue",
        fmt=fmt,
        output=output,
        as_json=as_json,
        publish=publish,
        reprint=reprint,
        republish=republish,
        reason=reason,
        version=version,
        date=last,
    )


@report_app.command("casebook")
def report_casebook(
    month: MonthOpt = None,
    first: FromOpt = None,
    last: ToOpt = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    as_json: JsonOpt = False,
    publish: PublishOpt = False,
    reprint: PublishedOpt = False,
    republish: RepublishOpt = False,
    reason: ReasonOpt = None,
    version: VersionOpt = None,
    cases: CasesOpt = False,
    dept: DeptOpt = None,
    figure: FigureOpt = None,
    site: SiteOpt = None,
) -> None:
    """Digest the cases closed in a period by category (案例汇总; default the last month).

    Example: bbcs report casebook --month 2026-10 --format md
    """
    _run(
        "casebook",
        fmt=fmt,
        output=output,
        as_json=as_json,
        publish=publish,
        reprint=reprint,
        republish=republish,
        reason=reason,
        version=version,
        cases=cases,
        dept=dept,
        figure=figure,
        site=site,
        month=month,
        first=first,
        last=last,
    )


@report_app.command("causes")
def report_causes(
    month: MonthOpt = None,
    first: FromOpt = None,
    last: ToOpt = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    as_json: JsonOpt = False,
    publish: PublishOpt = False,
    reprint: PublishedOpt = False,
    republish: RepublishOpt = False,
    reason: ReasonOpt = None,
    version: VersionOpt = None,
    site: SiteOpt = None,
) -> None:
    """Why cases could not get done (常态建设): the period's closed cases by cause, category and
    lead department, and each 类案 that needs a rule fixed (default the last month).

    Example: bbcs report causes --month 2026-11
    """
    _run(
        "causes",
        fmt=fmt,
        output=output,
        as_json=as_json,
        publish=publish,
        reprint=reprint,
        republish=republish,
        reason=reason,
        version=version,
        site=site,
        month=month,
        first=first,
        last=last,
    )


class _Working:
    """A pulsing progress bar on stderr once a report has taken a second, on a terminal only.

    The report is a handful of large SQL aggregates with no steps to count, so a
    timer thread starts the bar and the main thread stops it when the report is done.
    """

    def __init__(self, title: str) -> None:
        self.title = title

    def __enter__(self) -> "_Working":
        import threading

        self.bar: Any = None
        self.lock = threading.Lock()
        self.timer = threading.Timer(1.0, self._start)
        self.timer.daemon = True
        if sys.stderr.isatty():
            self.timer.start()
        return self

    def _start(self) -> None:
        from bbcs import render

        with self.lock:
            self.bar, _ = render.progress(self.title, None)
            self.bar.start()

    def __exit__(self, *exc: object) -> None:
        self.timer.cancel()
        with self.lock:
            if self.bar is not None:
                self.bar.stop()


class _LateProgress:
    """A progress bar on stderr, shown only on a terminal and only once work passes a second."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0
        self.started = time.monotonic()
        self.bar: Any = None
        self.task: Any = None

    def step(self) -> None:
        self.done += 1
        if self.bar is None and sys.stderr.isatty() and time.monotonic() - self.started > 1.0:
            from bbcs import render

            self.bar, self.task = render.progress(t("report.progress"), self.total)
            self.bar.start()
        if self.bar is not None:
            self.bar.update(self.task, completed=self.done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@report_app.command("nightly")
def report_nightly(
    out: Annotated[
        Path,
        typer.Option("--out", help=_h("Folder for the report files."), show_default=False),
    ],
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help=_h("The day, for a late run (default today)."),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Sweep, then write the day's report in every format to DIR/YYYY-MM-DD.*.

    Example (crontab): 50 23 * * * bbcs report nightly --out /srv/bbcs/reports
    """
    from filelock import FileLock, Timeout

    from bbcs import render, reports
    from bbcs.files import FILE_MODE, make_folder, refuse_ledger, write_atomically
    from bbcs.render_reports import FORMATS, SUFFIX, render_bytes, without_cases

    asked = _day(date)  # every argument is read before the sweep writes anything
    book = _ledger()
    book.require_whole_view("report nightly")
    chosen = asked or book.today
    paths = [out / f"{chosen.isoformat()}.{SUFFIX[fmt]}" for fmt in FORMATS]
    if out.exists() and not out.is_dir():
        raise InvalidInput("output.not_folder", path=str(out))
    for path in paths:
        refuse_ledger(path, book.store_path)
    make_folder(out)
    lock = FileLock(str(out / ".bbcs-nightly.lock"), mode=FILE_MODE)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise Conflict("report.nightly_locked", dir=str(out)) from None
    progress = _LateProgress(total=2 + len(FORMATS))
    try:
        swept = book.sweep()
        progress.step()
        doc = reports.issue(book, "daily", reports.Span(chosen, chosen), head=True, cases=True)
        progress.step()
        for fmt, path in zip(FORMATS, paths, strict=True):
            # the HTML file lists the cases behind each figure; the others are as before
            shown = doc if fmt == "html" else without_cases(doc)
            write_atomically(path, render_bytes(shown, fmt), ledger=book.store_path)
            progress.step()
    finally:
        progress.close()
        lock.release()
    render.line(t("report.swept", overdue=swept.overdue, escalated=swept.escalated))
    render.line(t("report.written", files=", ".join(p.name for p in paths), dir=str(out)))
    render.line(t("report.head", head=doc["head"]))
