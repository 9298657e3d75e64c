"""The command modules, one per group of commands; ``bbcs.cli`` mounts them.

Each one parses its arguments, makes one core call through ``bbcs.edge`` and
renders the result: no SQL and no rules. Each imports only typer (and ``bbcs.edge``)
at the top; its heavy imports live inside its commands. None imports ``bbcs.cli``.
"""
