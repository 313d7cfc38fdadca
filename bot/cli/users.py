"""``puente users add EMAIL --role organizer|admin``: accounts of the review app."""

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
    from bot.db import make_engine, migrate
    from bot.review.accounts import add_user

    try:
        password = _password()
        migrate(settings.database_url)
        user = add_user(make_engine(settings.database_url), args.email, password,
                        args.role)
    except ValueError as problem:
        print(f"Not saved: {problem}.", file=sys.stderr)
        return 2
    print(f"{user.email} can sign in at {settings.pages_url}/review as {user.role}.")
    return 0
