"""bbcs: the case ledger of a 办不成事 reflection window."""

__version__ = "0.1.0"
