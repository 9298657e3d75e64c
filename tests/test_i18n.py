"""The message catalogue: every key the code uses exists, and every key in it is used.

A key that does not exist prints the key itself, so each is found in the source:
the literal first argument of ``t`` and of every ``BbcsError`` (and of anything
else that passes a literal key on), and the keys built from a prefix (``f"event.{kind}"``),
enumerated from the closed sets they are built from.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from collections.abc import Iterator
from pathlib import Path

import bbcs
from bbcs import forms, render_reports, reports, store
from bbcs.errors import BbcsError
from bbcs.i18n import MESSAGES, t
from bbcs.ledger import policy_defaults
from bbcs.models import EventKind
from bbcs.rules import ranking

SRC = Path(bbcs.__file__).parent

# every key built from a prefix, from the sets the code builds it from
BUILT: dict[str, set[str]] = {
    "event.": {kind.value for kind in EventKind},
    "role.": {"lead", "co"},  # a hold's role (projection.Hold)
    "policy.key.": set(policy_defaults()),
    "table.": {table for table, _ in store.GUARDS},
    "record.": set(store.RECORD_TABLES),
    "report.kind.": set(reports.KINDS),
    "print.no_event.": set(forms.FORMS),
    "told.how.": {"phone", "written", "visit"},  # an urge's way (bbcs.history)
    "report.rule.": set(ranking.BLACK_RULES),
    "report.fig.": {
        "rank",
        "dept",
        "name",
        "category",
        *reports.DEPT_FIGURES,
        *reports.TOTAL_FIGURES,
        *render_reports.OVERDUE_COLUMNS,
        *render_reports.CASEBOOK_COLUMNS,
        *render_reports.CAUSES_COLUMNS,
    },
}


def _errors() -> set[str]:
    for module in pkgutil.walk_packages(bbcs.__path__, "bbcs."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    found: set[str] = set()
    waiting = [BbcsError]
    while waiting:
        kind = waiting.pop()
        found.add(kind.__name__)
        waiting.extend(kind.__subclasses__())
    return found


KEY_TAKERS = {"t", "add", *_errors()}  # add: integrity's tally of findings


def _sources() -> Iterator[tuple[Path, ast.AST]]:
    for path in sorted(SRC.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _key_arguments() -> Iterator[tuple[str, ast.expr]]:
    for path, tree in _sources():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name in KEY_TAKERS:
                yield f"{path.name}:{node.lineno}", node.args[0]


def _literals(argument: ast.expr) -> Iterator[str]:
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        yield argument.value
    elif isinstance(argument, ast.IfExp):
        yield from _literals(argument.body)
        yield from _literals(argument.orelse)


def _prefix(argument: ast.expr) -> str | None:
    """``"event."`` for ``f"event.{kind}"``: a constant head and one value after it."""
    if not isinstance(argument, ast.JoinedStr) or len(argument.values) != 2:
        return None
    head, tail = argument.values
    if isinstance(head, ast.Constant) and isinstance(tail, ast.FormattedValue):
        return str(head.value)
    return None


def test_every_literal_key_the_code_uses_is_in_the_catalogue() -> None:
    missing = []
    for where, argument in _key_arguments():
        for key in _literals(argument):
            if "." in key and " " not in key and key not in MESSAGES:
                missing.append(f"{where} {key}")
    assert missing == []


def test_every_built_key_has_its_prefix_enumerated_and_each_is_in_the_catalogue() -> None:
    prefixes = {
        prefix
        for _, argument in _key_arguments()
        if (prefix := _prefix(argument)) is not None and prefix.endswith(".")
    }
    heading = "report.fig."  # render_reports.heading builds it into a variable first
    assert prefixes | {heading} == set(BUILT)
    missing = [p + n for p, names in BUILT.items() if p != heading for n in names]
    assert [key for key in missing if key not in MESSAGES] == []


def test_every_key_in_the_catalogue_is_used() -> None:
    text = "\n".join(
        path.read_text(encoding="utf-8") for path in SRC.rglob("*.py") if path.name != "i18n.py"
    )
    built = {p + n for p, names in BUILT.items() for n in names}
    unused = [
        key
        for key in MESSAGES
        if key not in built and f'"{key}"' not in text and f"'{key}'" not in text
    ]
    assert unused == []


def test_a_key_is_shown_in_both_languages(monkeypatch) -> None:
    monkeypatch.setenv("BBCS_LANG", "zh")
    assert t("event.open") == "受理登记"
    monkeypatch.setenv("BBCS_LANG", "en")
    assert t("event.open") == "open"
