"""Staff accounts from the shell: `python -m console.cli add-user NAME --role editor`.

The password is read from standard input when it is not a terminal (one line, e.g. from a
secrets manager), else prompted for twice without echo; never from the command line, where
other users of the machine and the shell's history would see it. The database is
DATABASE_URL's (or --database-url), migrated beforehand (`make migrate`).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence

from bot.db import sessions
from console.auth import AccountError, add_user, list_users, set_disabled
from console.models import ROLES, VIEWER


def _read_password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise AccountError("the two passwords differ")
    return first


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m console.cli", description=__doc__)
    parser.add_argument("--database-url", help="project database (default: DATABASE_URL)")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add-user", help="create a staff user (password from stdin)")
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, default=VIEWER)
    for verb in ("disable-user", "enable-user"):
        commands.add_parser(verb, help=f"{verb.split('-')[0]} a staff user").add_argument("name")
    commands.add_parser("list-users", help="names, roles and whether disabled")
    args = parser.parse_args(argv)
    db = sessions(args.database_url)
    try:
        if args.command == "add-user":
            add_user(db, args.name, _read_password(), args.role)
            print(f"user {args.name} added ({args.role})")
        elif args.command in ("disable-user", "enable-user"):
            set_disabled(db, args.name, args.command == "disable-user")
            print(f"user {args.name} {args.command.split('-')[0]}d")
        else:
            for name, role, disabled in list_users(db):
                print(f"{name}\t{role}\t{'disabled' if disabled else 'active'}")
    except AccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
