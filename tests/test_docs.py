"""Docs that cannot rot: every command and option has help, and README lists every command."""

from __future__ import annotations

from pathlib import Path

import click

from luoshi.cli import cli
from luoshi.settings import SETTINGS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands() -> list[tuple[str, click.Command]]:
    return sorted(cli.commands.items())


def test_there_are_commands() -> None:
    assert "parse" in cli.commands


def test_every_command_has_help_and_is_in_readme() -> None:
    for name, command in _commands():
        assert (command.help or "").strip(), f"command {name} has no help text"
        assert f"luoshi {name}" in README, f"README does not mention `luoshi {name}`"


def test_every_option_has_help() -> None:
    for name, command in _commands():
        for param in command.params:
            if isinstance(param, click.Option):
                assert (param.help or "").strip(), f"{name} {param.opts} has no help text"


def test_every_setting_has_help_and_is_in_readme() -> None:
    for setting in SETTINGS.values():
        assert setting.help.strip()
        assert setting.env in README, f"README does not document {setting.env}"
