"""The `nearer` command line. polars is imported first, with the signals that stop a command
held back from the threads it starts, so a prompt always hears Ctrl-C (see cli.stopping)."""

from nearer.cli.stopping import import_polars

import_polars()
