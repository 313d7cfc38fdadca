"""``puente users add EMAIL --role organizer|admin [--programs]``: review accounts.

``--programs`` lets an organizer change the programs families find (import, edit,
switch off) in the review app; admins always may.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from bot.settings import Settings

#: The roles of :mod:`bot.review.accounts`, which checks them again when it saves.
#: Written out here because importing that module hashes a password with argon2
#: (64 MiB, a second of CPU), and every ``puente`` command builds this parser.
ROLES = ("organizer", "admin")


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    """Add ``puente users`` to the command line."""
    users = commands.add_parser("users", help="manage accounts of the review app")
    actions = users.add_subparsers(dest="users_command", required=True)
    add = actions.add_parser(
        "add", help="create an account or reset its password",
        description="The password is asked for, or read from PUENTE_NEW_PASSWORD "
                    "(for scripts).")
    add.add_argument("email")
    add.add_argument("--role", choices=ROLES, default="organizer")
    add.add_argument("--programs", action="store_true",
                     help="may manage the programs in the review app")
    add.set_defaults(handler=_add)


def _password() -> str:
    from_env = os.environ.get("PUENTE_NEW_PASSWORD")
    if from_env:
        return from_env
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Same password again: "):
        raise ValueError("the two passwords are different")
    return first


def _add(args: argparse.Namespace, settings: Settings) -> int:
    from bot.db import make_engine, require_schema
    from bot.review.accounts import add_user

    try:
        password = _password()
        require_schema(settings.database_url)
        user = add_user(make_engine(settings.database_url), args.email, password,
                        args.role, manages_programs=args.programs)
    except ValueError as problem:
        print(f"Not saved: {problem}.", file=sys.stderr)
        return 2
    right = " and manage programs" if user.may_manage_programs else ""
    print(f"{user.email} can sign in at {settings.pages_url}/review as {user.role}"
          f"{right}.")
    return 0
