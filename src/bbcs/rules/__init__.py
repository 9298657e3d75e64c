"""Pure rules: the working-day calendar, deadlines, warnings and the case lifecycle.

Nothing here reads a clock, a file or the ledger: every function takes today,
the calendar and the policy as arguments.
"""
