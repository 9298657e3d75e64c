"""Where the shipped data lives: ``bbcs/data`` in an installed wheel, ``data/`` in a checkout."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def data_dir() -> Path:
    installed = _HERE / "data"
    if installed.is_dir():
        return installed
    return _HERE.parents[1] / "data"


def data_file(name: str) -> Path:
    return data_dir() / name
