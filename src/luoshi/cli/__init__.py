"""The ``luoshi`` command: a thin layer over the library.

Each subcommand lives in its own module and is registered below. Library errors
(:class:`luoshi.errors.LuoshiError`) become one line on stderr and the error's exit code:
0 ok, 1 unreadable input or not a report, 2 usage.
"""

from __future__ import annotations

import sys

import click

from luoshi import __version__
from luoshi.errors import LuoshiError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="luoshi")
def cli() -> None:
    """luoshi (落实): read Chinese government work reports into source-grounded data."""


def _register() -> None:
    # Imported here so that each command module can import ``cli`` helpers without cycles.
    from luoshi.cli import parse as parse_cmd

    cli.add_command(parse_cmd.parse)
    cli.add_command(parse_cmd.demo)
    from luoshi.cli import extract as extract_cmd

    for command in (extract_cmd.extract, extract_cmd.targets, extract_cmd.tasks):
        cli.add_command(command)
    from luoshi.cli import evaluate as eval_cmd

    cli.add_command(eval_cmd.evaluate)
    from luoshi.cli import store as store_cmd

    for command in (store_cmd.ingest, store_cmd.reports, store_cmd.show, store_cmd.track,
                    store_cmd.compare, store_cmd.search, store_cmd.attention, store_cmd.export,
                    store_cmd.follow):
        cli.add_command(command)


_register()


def main() -> None:
    """Console-script entry point: run the group, translating expected errors to one line."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except LuoshiError as exc:
        click.echo(f"luoshi: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
