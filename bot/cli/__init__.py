"""The ``puente`` command, one module per sub-command (see :mod:`bot.cli.main`)."""
