"""Every command explains itself, in English and in Chinese (the clerks' language)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import typer

from bbcs.cli import app

CJK = re.compile(r"[\u4e00-\u9fff]")

WALK = """
import json, typer
from bbcs.cli import app
def walk(command, prefix=""):
    for name, sub in getattr(command, "commands", {}).items():
        yield prefix + name, sub.help or ""
        yield from walk(sub, prefix + name + " ")
def params(command, prefix=""):
    for name, sub in getattr(command, "commands", {}).items():
        for param in sub.params:
            if param.name != "help":
                yield f"{prefix}{name} {param.opts[0]}", getattr(param, "help", None) or ""
        yield from params(sub, prefix + name + " ")
root = typer.main.get_command(app)
print(json.dumps([dict(walk(root)), dict(params(root))]))
"""


def _helps(lang: str, part: int = 0) -> dict[str, str]:
    env = {**os.environ, "BBCS_LANG": lang}
    out = subprocess.run(
        [sys.executable, "-c", WALK], capture_output=True, text=True, env=env, check=True
    )
    import json

    return dict(json.loads(out.stdout)[part])


def test_every_command_has_an_example_in_its_help():
    helps = _helps("en")
    assert {"open", "list", "calendar due", "dept add"} <= set(helps)
    for name, text in helps.items():
        assert text.strip(), name
        is_group = bool(
            getattr(typer.main.get_command(app), "commands", {}).get(name, None)
            and getattr(typer.main.get_command(app).commands[name], "commands", None)
        )
        if not is_group:
            assert "bbcs " in text, f"{name} has no example"


def test_every_command_has_chinese_help():
    for name, text in _helps("zh").items():
        assert CJK.search(text), f"{name} has no Chinese help"


def test_every_option_and_argument_has_help_in_both_languages():
    english, chinese = _helps("en", 1), _helps("zh", 1)
    assert "open --reporter" in english and "calendar due start" in english
    for name, text in english.items():
        assert text.strip(), f"{name} has no help"
        assert CJK.search(chinese[name]), f"{name} has no Chinese help"
