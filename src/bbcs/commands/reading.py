"""Reading the ledger: ``show``, ``list``, ``search`` and the ``demo``; none of them writes.

(``demo`` writes only its own demo ledger, never the real one.)
"""

import os
from pathlib import Path
from typing import Annotated

import typer

from bbcs.edge import CaseArg, JsonOpt, day, default_limit, ledger, state
from bbcs.errors import InvalidInput
from bbcs.help_zh import choices
from bbcs.help_zh import option as _h
from bbcs.i18n import t
from bbcs.models import Escalation, Status, Warning

commands = typer.Typer()


@commands.command()
def show(case: CaseArg, as_json: JsonOpt = False) -> None:
    """Show one case: its fields, who held it for how long, and its events.

    Example: bbcs show 42
    """
    from bbcs import render

    view = ledger(write=False).show(case)
    render.emit(view, as_json, render.case_detail)


@commands.command("list")
def list_(
    status: Annotated[
        str | None,
        typer.Option(
            "--status", help=choices("Only cases in this status.", Status), show_default=False
        ),
    ] = None,
    dept: Annotated[
        str | None,
        typer.Option("--dept", help=_h("Lead or co-department."), show_default=False),
    ] = None,
    escalation: Annotated[
        str | None,
        typer.Option(
            "--escalation",
            help=choices("Only cases at this level.", Escalation),
            show_default=False,
        ),
    ] = None,
    warning: Annotated[
        str | None,
        typer.Option(
            "--warning",
            help=choices("Only cases at this warning level.", Warning),
            show_default=False,
        ),
    ] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help=_h("Open cases past due."))] = False,
    due_within: Annotated[
        int | None,
        typer.Option(
            "--due-within",
            help=_h(
                "Open, not overdue, N or fewer working days left.",
            ),
            show_default=False,
        ),
    ] = None,
    unreviewed: Annotated[
        bool, typer.Option("--unreviewed", help=_h("The call-back worklist."))
    ] = False,
    unruled: Annotated[
        bool, typer.Option("--unruled", help=_h("A pushback awaits a ruling."))
    ] = False,
    unaccepted: Annotated[
        bool,
        typer.Option("--unaccepted", help=_h("A department has not signed for it (催签).")),
    ] = False,
    urged: Annotated[
        bool, typer.Option("--urged", help=_h("Urged (催办) and not yet closed."))
    ] = False,
    extension_requests: Annotated[
        bool,
        typer.Option("--extension-requests", help=_h("An extension request awaits a supervisor.")),
    ] = False,
    opened_from: Annotated[
        str | None,
        typer.Option("--opened-from", help=_h("Opened on or after this day."), show_default=False),
    ] = None,
    opened_to: Annotated[
        str | None,
        typer.Option("--opened-to", help=_h("Opened on or before this day."), show_default=False),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            help=_h("At most this many (default 50 on a terminal)."),
            show_default=False,
        ),
    ] = None,
    site: Annotated[
        str | None,
        typer.Option("--site", help=_h("Only the cases held at this window."), show_default=False),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """List cases, oldest first. Example: bbcs list --dept ZJJ --warning red"""
    from bbcs import render

    book = ledger(write=False)
    cases, total = book.find(
        status=status,
        dept=dept,
        escalation=escalation,
        warning=warning,
        overdue=overdue,
        due_within=due_within,
        unreviewed=unreviewed,
        unruled=unruled,
        unaccepted=unaccepted,
        urged=urged,
        extension_requests=extension_requests,
        opened_from=day(opened_from),
        opened_to=day(opened_to),
        limit=default_limit(limit, as_json),
        site=site,
    )
    if unreviewed:  # the worklist: who to call, and which reviews are disputed
        worklist = book.worklist(cases, mask=True)
        render.emit(cases, as_json, lambda _: render.callback_table(worklist, total))
        return
    render.emit(cases, as_json, lambda found: render.cases_table(found, total))


@commands.command()
def callback(as_json: JsonOpt = False) -> None:
    """List the closed cases to call back (回访清单), with whole phone numbers (audited).

    Example: bbcs callback
    """
    from bbcs import render

    entries = ledger(write=True).callback()
    render.emit(entries, as_json, render.callback_table)


@commands.command()
def search(
    query: Annotated[str, typer.Argument(help=_h("Any text, one character or more."))],
    limit: Annotated[
        int | None, typer.Option("--limit", help=_h("At most this many cases."), show_default=False)
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Find cases by their texts and notes, reporter, company or phone digits; every word.

    Example: bbcs search '营业 执照'   (or a reporter: bbcs search 张伟; a phone: bbcs search 5678)
    """
    from bbcs import render

    if not query.strip():
        raise InvalidInput("field.empty", field="query")
    book = ledger(write=False)
    cases, total = book.find(text=query.strip(), limit=default_limit(limit, as_json))
    render.emit(cases, as_json, lambda found: render.cases_table(found, total))


@commands.command()
def demo(
    replace: Annotated[
        bool,
        typer.Option("--replace", help=_h("Overwrite an existing demo ledger.")),
    ] = False,
) -> None:
    """Build the demo ledger (two months of a county window) and show it.

    It is written to --db if given, else to ./bbcs-demo.db, never to your real ledger.
    Example: bbcs demo
    """
    from bbcs import render
    from bbcs.demo import AS_OF, DEMO_USER, build_demo, is_demo

    path = Path(state.db or "bbcs-demo.db")
    if path.exists():
        if not replace:
            raise InvalidInput("demo.exists", path=str(path))
        # whoever runs it, the demo replaces only a ledger the demo made
        if not is_demo(path):
            raise InvalidInput("demo.not_demo", path=str(path))
        for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)
    count = build_demo(path)
    as_of = AS_OF.isoformat(timespec="minutes")
    os.environ["BBCS_NOW"] = as_of
    os.environ["BBCS_USER"] = DEMO_USER  # the demo's users are registered: look as its clerk
    state.db = str(path)
    render.line(t("demo.built", path=str(path), count=count, as_of=as_of))
    book = ledger(write=False)
    cases, _ = book.find(limit=None)
    open_cases = [c for c in cases if c["status"] != "closed"]
    render.cases_table(open_cases, len(open_cases))
    from bbcs import render_reports, reports

    span = reports.choose_span("weekly", book.today)
    render_reports.print_table(reports.issue(book, "weekly", span, publish=False))
    render.line(t("demo.try", path=str(path), as_of=as_of, user=DEMO_USER))
