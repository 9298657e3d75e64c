"""``bbcs schema case|event|report``: the JSON Schema of what ``--json`` prints.

The models live in ``bbcs.schemas`` and bring pydantic with them, so they are
imported inside the command: no other command pays for pydantic at start-up.
The command reads no ledger.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from bbcs.help_zh import option as _h


class Document(StrEnum):
    """The documents ``bbcs.schemas.DOCUMENTS`` publishes, named here so --help needs no pydantic."""

    CASE = "case"
    EVENT = "event"
    REPORT = "report"


def schema(
    document: Annotated[
        Document,
        typer.Argument(
            metavar="DOCUMENT",
            help=_h(
                "case (list, search and show), event, or report.",
            ),
            show_default=False,
        ),
    ],
) -> None:
    """Print the JSON Schema of a case, an event or a report as --json prints them.

    Example: bbcs schema case > case.schema.json
    """
    from bbcs import render
    from bbcs.schemas import json_schema

    render.print_json(json_schema(document.value))


def register(app: typer.Typer) -> None:
    """Join ``schema`` to the ``bbcs`` app."""
    app.command("schema")(schema)
