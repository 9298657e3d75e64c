"""Setting up a ledger: ``init``, ``migrate``, ``dept add|list|rename|retire``,
``site add|list``, ``policy show|set``."""

from typing import Annotated

import typer

from bbcs.edge import JsonOpt, ledger
from bbcs.help_zh import option as _h
from bbcs.i18n import t

commands = typer.Typer()
dept_app = typer.Typer(help="Register, list, rename and retire departments.")
policy_app = typer.Typer(help="Show and set the policy.")
site_app = typer.Typer(help="Register and list the windows (sites) of the ledger.")
commands.add_typer(dept_app, name="dept")
commands.add_typer(site_app, name="site")
commands.add_typer(policy_app, name="policy")


@commands.command()
def init(
    site: Annotated[
        str | None,
        typer.Option(
            "--site",
            help=_h(
                "Site code handed out by the county (default BB).",
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Create the ledger or set its site code. Example: bbcs init --site HX"""
    from bbcs import render

    book = ledger(write=True)
    code = book.init(site)
    render.line(t("out.site", site=code, path=book.where))


@commands.command()
def migrate(
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            help=_h("Copy this SQLite ledger into an empty PostgreSQL database (postgresql://…)."),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Upgrade a ledger made by an older bbcs, after backing it up next to itself; or,
    with --to, copy it into a PostgreSQL database shared by many desks.

    Example: bbcs migrate --to postgresql://dbhost/bbcs
    """
    from bbcs import render

    if to is not None:
        book = ledger(write=False)
        result = book.migrate_to(to)
        for finding in result.findings:
            render.warn(str(finding))
        from bbcs.errors import LedgerProblem
        from bbcs.store_postgres import _safe

        if result.findings:
            raise LedgerProblem("migrate.copy_failed", target=_safe(to), path=book.where)
        render.line(
            t("migrate.copied", path=book.where, target=_safe(to), events=result.events,
              cases=result.cases, head=result.head)
        )  # fmt: skip
        return
    book = ledger(write=False, migrating=True)
    latest = book.store.latest
    old, backup = book.migrate()
    if old == latest:
        render.line(t("migrate.current", path=book.where, version=old))
        return
    if backup is None:  # a server's database keeps its own backups
        render.line(t("migrate.done_server", path=book.where, old=old, new=latest))
        return
    render.line(t("migrate.done", path=book.where, old=old, new=latest, backup=str(backup)))


@dept_app.command("add")
def dept_add(
    code: Annotated[str, typer.Argument(help=_h("Short code, e.g. ZJJ."))],
    name: Annotated[str, typer.Argument(help=_h("Full name."))],
    parent: Annotated[
        str | None,
        typer.Option("--parent", help=_h("Parent department."), show_default=False),
    ] = None,
) -> None:
    """Register a department. Example: bbcs dept add ZJJ 住建局"""
    from bbcs import render

    book = ledger(write=True)
    dept = book.add_department(code, name, parent)
    render.line(t("out.dept_added", code=dept, name=name.strip()))


@dept_app.command("list")
def dept_list(as_json: JsonOpt = False) -> None:
    """List the registered departments. Example: bbcs dept list"""
    from bbcs import render

    depts = ledger(write=False, command="dept list").departments()
    rows = [
        {"code": d.code, "name": d.name, "parent": d.parent, "retired": d.retired} for d in depts
    ]
    render.emit(
        rows,
        as_json,
        lambda found: render.simple_table(
            t("title.depts"),
            [t("col.code"), t("col.name"), t("col.parent"), t("col.retired")],
            [
                (
                    str(d["code"]),
                    str(d["name"]),
                    str(d["parent"] or ""),
                    t("word.yes") if d["retired"] else "",
                )
                for d in found
            ],
        ),
    )


@dept_app.command("rename")
def dept_rename(
    code: Annotated[str, typer.Argument(help=_h("Short code, e.g. ZJJ."))],
    name: Annotated[str, typer.Argument(help=_h("The new full name."))],
) -> None:
    """Give a department a new name; its code, cases and figures stay.

    Example: bbcs dept rename ZJJ 住房和城乡建设局
    """
    from bbcs import render

    dept = ledger(write=True).rename_department(code, name)
    render.line(t("dept.renamed", code=dept, name=name.strip()))


@dept_app.command("retire")
def dept_retire(
    code: Annotated[str, typer.Argument(help=_h("Short code, e.g. ZJJ."))],
) -> None:
    """Stop a department receiving cases (a mistyped or merged one); it stays in the history.

    Example: bbcs dept retire ZRJ
    """
    from bbcs import render

    dept = ledger(write=True).retire_department(code)
    render.line(t("dept.retired_done", code=dept))


@site_app.command("add")
def site_add(
    code: Annotated[str, typer.Argument(help=_h("Site code, e.g. HXZ."))],
    name: Annotated[str, typer.Argument(help=_h("Full name."))],
    parent: Annotated[
        str | None,
        typer.Option("--parent", help=_h("The window a level up."), show_default=False),
    ] = None,
) -> None:
    """Register a window of the ledger: a town or village window under the county's.

    Example: bbcs site add HXZ 花溪镇便民服务中心 --parent HX
    """
    from bbcs import render

    site = ledger(write=True).add_site(code, name, parent)
    render.line(t("out.site_added", code=site, name=name.strip()))


@site_app.command("list")
def site_list(as_json: JsonOpt = False) -> None:
    """List the windows of the ledger, the first one first. Example: bbcs site list"""
    from bbcs import render

    found = ledger(write=False, command="site list").sites()
    render.emit(
        found,
        as_json,
        lambda rows: render.simple_table(
            t("title.sites"),
            [t("col.code"), t("col.name"), t("col.parent")],
            [(str(s["code"]), str(s["name"] or ""), str(s["parent"] or "")) for s in rows],
        ),
    )


@policy_app.command("show")
def policy_show(as_json: JsonOpt = False) -> None:
    """Show every policy value in force. Example: bbcs policy show"""
    from bbcs import render

    values = dict(ledger(write=False, command="policy show").policy.values)
    render.emit(
        values,
        as_json,
        lambda found: render.simple_table(
            t("title.policy"),
            [t("col.key"), t("col.meaning"), t("col.value")],
            [(k, _meaning(k), render.value_text(v)) for k, v in found.items()],
            wraps=1,
        ),
    )


def _meaning(key: str) -> str:
    """What a policy key means; a cause an office added (``causes.CODE``) says so."""
    meaning = t(f"policy.key.{key}")
    added = meaning == f"policy.key.{key}" and key.startswith("causes.")
    return t("policy.cause_added") if added else meaning


# a value may be negative (`policy set rules.max_extensions -1`): the core refuses it in words
@policy_app.command("set", context_settings={"ignore_unknown_options": True})
def policy_set(
    key: Annotated[
        str,
        typer.Argument(help=_h("Dotted key, e.g. limits.simple.")),
    ],
    value: Annotated[str, typer.Argument(help=_h("New value."))],
) -> None:
    """Set a policy value from now on. Example: bbcs policy set limits.simple 5"""
    from bbcs import render

    stored = ledger(write=True).set_policy(key, value)
    render.line(t("out.policy_set", key=key, value=stored))
