"""The commands that record what happens to a case, one ledger write each (SPEC §3).

``open`` … ``resume`` and ``sweep``: each parses its arguments, calls the one
``Ledger`` method of its name, and prints the case's new state in a line.
"""

from typing import TYPE_CHECKING, Annotated

import typer

from bbcs.edge import AtOpt, CaseArg, ReasonOpt, ledger, when
from bbcs.help_zh import choices
from bbcs.help_zh import option as _h
from bbcs.i18n import t
from bbcs.models import Channel, Complexity, Escalation, Rating, Result, Solved, Urging, Verdict

if TYPE_CHECKING:
    from bbcs.ledger import Ledger
    from bbcs.projection import CaseState

commands = typer.Typer()

CauseOpt = Annotated[
    str | None,
    typer.Option(
        "--cause",
        help=_h(
            "Why it could not get done through the normal channel (常态建设): a code or label "
            "of the policy list causes (policy show), e.g. no_policy or 政策空白; a close "
            "takes the reply's by default."
        ),
        show_default=False,
    ),
]


def _done(state: "CaseState", book: "Ledger") -> None:
    """The case's new state in a line, then a line for each thing the write led to."""
    from bbcs import render
    from bbcs.history import aftermath
    from bbcs.i18n import label
    from bbcs.models import Status

    status = label(Status(state.status))
    if state.lead_dept and state.status != Status.CLOSED:
        render.line(
            t(
                "out.done_lead",
                case=state.id,
                status=status,
                lead=state.lead_dept,
                co="、".join(state.co_depts) or "-",
                due=state.due_date,
                dept_due=state.dept_due_date,
            )
        )
    else:
        render.line(t("out.done", case=state.id, status=status))
    for line in aftermath(state, book.written):
        render.line(line)


@commands.command("open")
def open_(
    summary: Annotated[
        str,
        typer.Argument(help=_h("What the matter is, in a line."), show_default=False),
    ],
    reporter: Annotated[
        str, typer.Option("--reporter", help=_h("Who reported it."), show_default=False)
    ],
    phone: Annotated[
        str | None,
        typer.Option("--phone", help=_h("Phone number."), show_default=False),
    ] = None,
    company: Annotated[
        str | None,
        typer.Option("--company", help=_h("Company name."), show_default=False),
    ] = None,
    category: Annotated[
        str | None, typer.Option("--category", help=_h("Category."), show_default=False)
    ] = None,
    channel: Annotated[
        str, typer.Option("--channel", help=choices("How it came in.", Channel))
    ] = "window",
    complexity: Annotated[
        str,
        typer.Option(
            "--complexity", help=choices("How hard it is; sets the time limit.", Complexity)
        ),
    ] = "normal",
    detail: Annotated[
        str | None,
        typer.Option("--detail", help=_h("Full account."), show_default=False),
    ] = None,
    dept: Annotated[
        str | None,
        typer.Option(
            "--dept",
            help=_h("Lead department: assign at once."),
            show_default=False,
        ),
    ] = None,
    co: Annotated[
        list[str] | None,
        typer.Option("--co", help=_h("Co-department (repeat)."), show_default=False),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=_h("Print the id alone."))] = False,
    at: AtOpt = None,
) -> None:
    """Register a new case and print its id and due date.

    Example: bbcs open "营业执照变更办不下来" --reporter 张三 --phone 13812345678 --dept SCJ
    """
    from bbcs import render

    opened = ledger(write=True).open_case(
        summary,
        reporter=reporter,
        phone=phone,
        company=company,
        category=category,
        channel=channel,
        complexity=complexity,
        detail=detail,
        dept=dept,
        co=co or [],
        at=when(at),
    )
    if quiet:
        render.line(opened.case_id)
    else:
        render.line(t("out.opened", case=opened.case_id, due=opened.due_date))
        if opened.provisional:
            render.warn(t("out.provisional", year=opened.due_date[:4]))
    if opened.repeats:
        render.warn(t("out.repeat", cases=", ".join(opened.repeats)))


@commands.command()
def assign(
    case: CaseArg,
    dept: Annotated[str, typer.Argument(help=_h("Lead department."))],
    co: Annotated[
        list[str] | None,
        typer.Option("--co", help=_h("Co-department (repeat)."), show_default=False),
    ] = None,
    at: AtOpt = None,
) -> None:
    """Hand a pending case to a lead department. Example: bbcs assign 42 ZJJ --co GTJ"""
    book = ledger(write=True)
    _done(book.assign(case, dept, co or [], at=when(at)), book)


@commands.command()
def transfer(
    case: CaseArg,
    dept: Annotated[str, typer.Argument(help=_h("New lead department."))],
    reason: ReasonOpt,
    at: AtOpt = None,
) -> None:
    """Re-route a case to another lead (the window's call; counts against nobody).

    Example: bbcs transfer 42 GTJ --reason "属国土职责"
    """
    book = ledger(write=True)
    _done(book.transfer(case, dept, reason=reason, at=when(at)), book)


@commands.command()
def pushback(
    case: CaseArg,
    reason: ReasonOpt,
    basis: Annotated[
        str | None,
        typer.Option(
            "--basis",
            help=_h("The remit or rule cited."),
            show_default=False,
        ),
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option("--from", help=_h("The department pushing back."), show_default=False),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            help=_h("Hand it onward to this department."),
            show_default=False,
        ),
    ] = None,
    at: AtOpt = None,
) -> None:
    """Record a department giving a case back (退回); it counts against that department.

    Example: bbcs pushback 42 --from ZJJ --reason "不属本局职责" --to GTJ
    """
    book = ledger(write=True)
    _done(book.pushback(case, reason=reason, basis=basis, by=from_, to=to, at=when(at)), book)


@commands.command()
def accept(
    case: CaseArg,
    dept: Annotated[
        str | None,
        typer.Option(
            "--dept", help=_h("The department signing (default: your own)."), show_default=False
        ),
    ] = None,
    at: AtOpt = None,
) -> None:
    """Record that a department signed for a case it holds (签收).

    Example: bbcs accept 42 --dept ZJJ
    """
    from bbcs import render

    signed = ledger(write=True).accept(case, dept=dept, at=when(at))
    key = {True: "out.accepted", False: "out.accepted_late", None: "out.accepted_undated"}
    render.line(
        t(
            key[signed.on_time],
            case=signed.state.id,
            dept=signed.dept,
            day=signed.signed,
            due=signed.accept_due,
        )
    )


@commands.command()
def urge(
    case: CaseArg,
    dept: Annotated[
        str | None,
        typer.Option(
            "--dept", help=_h("The department chased (default: the lead)."), show_default=False
        ),
    ] = None,
    how: Annotated[
        str, typer.Option("--how", help=choices("How the window chased it.", Urging))
    ] = "phone",
    note: Annotated[
        str | None,
        typer.Option("--note", help=_h("What was said or sent."), show_default=False),
    ] = None,
    at: AtOpt = None,
) -> None:
    """Record that the window chased a department on a case (催办).

    Example: bbcs urge 42 --dept ZJJ --how written
    """
    from bbcs import render
    from bbcs.i18n import label

    urged = ledger(write=True).urge(case, dept=dept, how=how, note=note, at=when(at))
    key = "out.urged" if urged.counted else "out.urged_again"
    render.line(t(key, case=urged.state.id, dept=urged.dept, how=label(urged.how)))
    if urged.breach_day is not None:
        render.line(t("out.urge_breach", day=urged.breach_day, dept=urged.dept))


@commands.command()
def reply(
    case: CaseArg,
    result: Annotated[
        str, typer.Option("--result", help=choices("How it ended.", Result), show_default=False)
    ],
    resolution: Annotated[
        str,
        typer.Option("--resolution", help=_h("What was done."), show_default=False),
    ],
    dept: Annotated[
        str | None,
        typer.Option(
            "--dept",
            help=_h("The department replying (default: your own, else the lead)."),
            show_default=False,
        ),
    ] = None,
    cause: CauseOpt = None,
    at: AtOpt = None,
) -> None:
    """Record a department's answer (答复): the lead's waits for the window's review.

    Example: bbcs reply 42 --result resolved --resolution "已修复" --cause 职责不清
    """
    from bbcs import render

    answer = ledger(write=True).reply(
        case, result=result, resolution=resolution, cause=cause, dept=dept, at=when(at)
    )
    key = "out.replied" if answer.role == "lead" else "out.co_replied"
    render.line(t(key, case=answer.state.id, dept=answer.dept))


@commands.command()
def redo(case: CaseArg, reason: ReasonOpt, at: AtOpt = None) -> None:
    """Send a replied case back to its lead (发回重办). Example: bbcs redo 42 --reason "答复不实" """
    from bbcs import render

    state = ledger(write=True).redo(case, reason=reason, at=when(at))
    render.line(
        t(
            "out.redone",
            case=state.id,
            dept=state.lead_dept,
            dept_due=state.dept_due_date,
            due=state.due_date,
        )
    )


@commands.command()
def ruling(
    case: CaseArg,
    verdict: Annotated[str, typer.Argument(help=choices("The ruling.", Verdict))],
    reason: Annotated[
        str | None, typer.Option("--reason", help=_h("Why."), show_default=False)
    ] = None,
    at: AtOpt = None,
) -> None:
    """Rule on the latest pushback: valid (misrouted) or invalid (推诿).

    Example: bbcs ruling 42 invalid --reason "属该局法定职责"
    """
    book = ledger(write=True)
    _done(book.ruling(case, verdict, reason=reason, at=when(at)), book)


@commands.command()
def note(
    case: CaseArg,
    text: Annotated[str, typer.Argument(help=_h("The note."))],
    at: AtOpt = None,
) -> None:
    """Add a note to a case. Example: bbcs note 42 "已电话催办" """
    book = ledger(write=True)
    _done(book.note(case, text, at=when(at)), book)


@commands.command()
def close(
    case: CaseArg,
    result: Annotated[
        str | None,
        typer.Option(
            "--result",
            help=choices("How it ended (default: the reply's).", Result, but=(Result.VOID,)),
            show_default=False,
        ),
    ] = None,
    resolution: Annotated[
        str | None,
        typer.Option(
            "--resolution", help=_h("What was done (default: the reply's)."), show_default=False
        ),
    ] = None,
    cause: CauseOpt = None,
    at: AtOpt = None,
) -> None:
    """Close a case out (办结/销号), or approve a reply. Example: bbcs close 42 --result resolved --resolution "已办理" --cause no_policy"""
    book = ledger(write=True)
    _done(book.close(case, result=result, resolution=resolution, cause=cause, at=when(at)), book)


@commands.command()
def review(
    case: CaseArg,
    rating: Annotated[
        str, typer.Argument(help=choices("What the reporter said when called back.", Rating))
    ],
    comment: Annotated[
        str | None,
        typer.Option("--comment", help=_h("What the reporter said."), show_default=False),
    ] = None,
    solved: Annotated[
        str | None,
        typer.Option(
            "--solved",
            help=choices("Whether the matter was solved.", Solved),
            show_default=False,
        ),
    ] = None,
    at: AtOpt = None,
) -> None:
    """Record the call-back (回访); unsatisfied on a resolved case reopens it.

    Example: bbcs review 42 satisfied --solved yes
    """
    book = ledger(write=True)
    state = book.review(case, rating, comment=comment, solved=solved, at=when(at))
    from bbcs import render

    if state.status != "closed":
        render.line(t("out.reopened", case=state.id, due=state.due_date))
    else:
        _done(state, book)


@commands.command()
def reopen(case: CaseArg, reason: ReasonOpt, at: AtOpt = None) -> None:
    """Send a closed case back for re-handling (重办). Example: bbcs reopen 42 --reason "复核未解决" """
    book = ledger(write=True)
    _done(book.reopen(case, reason=reason, at=when(at)), book)


@commands.command()
def uphold(case: CaseArg, reason: ReasonOpt, at: AtOpt = None) -> None:
    """Keep the result of a disputed case (维持原结果). Example: bbcs uphold 42 --reason "依法答复" """
    book = ledger(write=True)
    _done(book.uphold(case, reason=reason, at=when(at)), book)


@commands.command()
def void(case: CaseArg, reason: ReasonOpt, at: AtOpt = None) -> None:
    """Void a case opened twice or by mistake (作废), before any department has acted on it.

    Example: bbcs void 42 --reason "重复登记，同 41"
    """
    from bbcs import render

    state = ledger(write=True).void(case, reason=reason, at=when(at))
    render.line(t("case.voided", case=state.id, reason=reason.strip()))


@commands.command()
def link(
    case: CaseArg,
    reason: ReasonOpt,
    to: Annotated[
        str | None,
        typer.Option("--to", help=_h("The case it repeats (the master)."), show_default=False),
    ] = None,
    undo: Annotated[
        bool, typer.Option("--undo", help=_h("Undo a wrong link (supervisor)."))
    ] = False,
    at: AtOpt = None,
) -> None:
    """Merge a repeat complaint into the case it repeats (并单); every reporter is called back.

    Example: bbcs link 43 --to 41 --reason "同一事项再次反映"
    """
    from bbcs import render
    from bbcs.errors import InvalidInput
    from bbcs.i18n import label
    from bbcs.models import Status

    book = ledger(write=True)
    if undo == (to is not None):
        raise InvalidInput("link.to_or_undo")
    if undo:
        state = book.unlink(case, reason=reason, at=when(at))
        render.line(
            t(
                "case.unlinked",
                case=state.id,
                status=label(Status(state.status)),
                due=state.due_date,
            )
        )
        return
    state = book.link(case, to or "", reason=reason, at=when(at))
    render.line(t("case.linked", case=state.id, master=state.merged_into))
    data = next(e["data"] for e in reversed(book.written) if e["kind"] == "link")
    repeat = data.get("repeat")
    if repeat and repeat.get("dept"):
        render.line(
            t("case.linked_repeat", master=state.merged_into, closed=repeat["master_closed"],
              dept=repeat["dept"])
        )  # fmt: skip
    if data.get("late_dept"):
        render.line(t("case.linked_late", dept=data["late_dept"]))


@commands.command()
def refer(
    case: CaseArg,
    reason: ReasonOpt,
    to_site: Annotated[
        str,
        typer.Option(
            "--to-site", help=_h("The window it goes to (code or name)."), show_default=False
        ),
    ],
    at: AtOpt = None,
) -> None:
    """Refer a case to another window of the ledger, up or down a level (转办).

    Example: bbcs refer 42 --to-site HX --reason "需县级部门协调"
    """
    from bbcs import render

    state = ledger(write=True).refer(case, to_site, reason=reason, at=when(at))
    render.line(t("case.referred", case=state.id, site=state.site, due=state.site_due))


@commands.command()
def amend(
    case: CaseArg,
    reason: ReasonOpt,
    phone: Annotated[
        str | None,
        typer.Option("--phone", help=_h("New phone number."), show_default=False),
    ] = None,
    reporter: Annotated[
        str | None,
        typer.Option("--reporter", help=_h("New reporter."), show_default=False),
    ] = None,
    company: Annotated[
        str | None,
        typer.Option("--company", help=_h("New company."), show_default=False),
    ] = None,
    category: Annotated[
        str | None,
        typer.Option("--category", help=_h("New category."), show_default=False),
    ] = None,
    summary: Annotated[
        str | None,
        typer.Option("--summary", help=_h("New summary."), show_default=False),
    ] = None,
    detail: Annotated[
        str | None,
        typer.Option("--detail", help=_h("New detail."), show_default=False),
    ] = None,
    complexity: Annotated[
        str | None,
        typer.Option(
            "--complexity", help=_h("New complexity; re-dates the case."), show_default=False
        ),
    ] = None,
    at: AtOpt = None,
) -> None:
    """Correct a case's details; the old values stay in its history.

    Example: bbcs amend 42 --phone 13900001111 --reason "登记错误"
    """
    changes = {
        "phone": phone,
        "reporter": reporter,
        "company": company,
        "category": category,
        "summary": summary,
        "detail": detail,
        "complexity": complexity,
    }
    book = ledger(write=True)
    _done(book.amend(case, changes, reason=reason, at=when(at)), book)


@commands.command()
def escalate(
    case: CaseArg,
    level: Annotated[str, typer.Argument(help=choices("The level to raise it to.", Escalation))],
    reason: ReasonOpt,
    correction: Annotated[
        bool,
        typer.Option("--correction", help=_h("Lower a mistaken level.")),
    ] = False,
    at: AtOpt = None,
) -> None:
    """Raise a case's level: 加急办 < 协调办 < 特事特办 < 督办.

    Example: bbcs escalate 42 supervise --reason "群众多次反映"
    """
    from bbcs import render
    from bbcs.i18n import label
    from bbcs.models import Escalation

    state = ledger(write=True).escalate(
        case, level, reason=reason, correction=correction, at=when(at)
    )
    said = "out.corrected" if correction else "out.escalated"
    render.line(t(said, case=state.id, level=label(Escalation(state.escalation))))


@commands.command()
def extend(
    case: CaseArg,
    days: Annotated[
        int | None, typer.Argument(help=_h("Working days to add."), show_default=False)
    ] = None,
    reason: Annotated[
        str | None, typer.Option("--reason", help=_h("Why."), show_default=False)
    ] = None,
    approve: Annotated[
        bool, typer.Option("--approve", help=_h("Approve the open extension request."))
    ] = False,
    deny: Annotated[
        bool, typer.Option("--deny", help=_h("Deny the open extension request (with --reason)."))
    ] = False,
    at: AtOpt = None,
) -> None:
    """Move both due dates later by DAYS working days (延期), before they pass; from a
    department user, a request (延期申请) a supervisor answers with --approve or --deny.

    Example: bbcs extend 42 2 --reason "需现场勘验"
    """
    from bbcs import render
    from bbcs.errors import InvalidInput

    book = ledger(write=True)
    if approve or deny:
        if (approve and deny) or days is not None:
            raise InvalidInput("extend.answer_alone")
        state = book.answer_extension(case, approve=approve, reason=reason, at=when(at))
        if deny:
            render.line(t("out.extension_denied", case=state.id))
            return
        render.line(t("out.due", case=state.id, due=state.due_date))
        return
    if days is None or reason is None:
        raise InvalidInput("extend.need_days")
    state = book.extend(case, days, reason=reason, at=when(at))
    if state.extension_request is not None:
        render.line(t("out.extension_requested", case=state.id, days=days))
        return
    render.line(t("out.due", case=state.id, due=state.due_date))


@commands.command()
def suspend(case: CaseArg, reason: ReasonOpt, at: AtOpt = None) -> None:
    """Stop the clock while waiting (挂起). Example: bbcs suspend 42 --reason "等待鉴定" """
    book = ledger(write=True)
    _done(book.suspend(case, reason=reason, at=when(at)), book)


@commands.command()
def resume(case: CaseArg, at: AtOpt = None) -> None:
    """Restart the clock; the due dates move by the working days suspended.

    Example: bbcs resume 42
    """
    from bbcs import render

    state = ledger(write=True).resume(case, at=when(at))
    render.line(t("out.due", case=state.id, due=state.due_date))


@commands.command()
def sweep() -> None:
    """Record newly overdue cases and apply automatic escalations (nightly; safe to re-run).

    Example: bbcs sweep
    """
    from bbcs import render
    from bbcs.history import told

    book = ledger(write=True)
    with render.advancing(t("sweep.progress")) as advance:
        swept = book.sweep(advance)
    render.line(t("sweep.done", overdue=swept.overdue, escalated=swept.escalated))
    for case_id in swept.cases:
        what = t("word.then").join(told(e) for e in book.written if e["case_id"] == case_id)
        render.line(t("sweep.case", case=case_id, what=what))
