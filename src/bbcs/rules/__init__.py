"""Pure rules of the domain (SPEC §3, §5, §6, §8), one module each.

- ``calendar``: working days, the statutory calendar and the ledger's overrides;
- ``policy``: time limits and thresholds, their defaults and overrides;
- ``deadlines``: both clocks, extensions, suspensions, redates, reopens, the
  warning level and its date window, working days taken, on time;
- ``lifecycle``: the status table and every precondition of a command;
- ``pushbacks``: who may push a case back and to whom, charged or not, ping-pong;
- ``escalation``: the automatic escalations, late entries, whom it counts against;
- ``ranking``: rates, the ranking key, the red and black lists;
- ``roles``: who may run which command.

Nothing here reads a clock, a file or the ledger: every function takes today,
the calendar and the policy as arguments.
"""
