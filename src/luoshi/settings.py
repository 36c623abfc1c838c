"""Every setting declared once: name, default, environment variable, help."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    env: str
    default: int | str
    help: str


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in [
        Setting(
            "max_bytes",
            "LUOSHI_MAX_BYTES",
            32 * 1024 * 1024,
            "Largest input file accepted, in bytes (default 32 MiB; the longest real reports are "
            "under 1 MB). Larger inputs are refused with a one-line error.",
        ),
        Setting(
            "max_unpacked_bytes",
            "LUOSHI_MAX_UNPACKED_BYTES",
            200 * 1024 * 1024,
            "Largest total uncompressed size of a DOCX archive, in bytes (zip-bomb guard).",
        ),
        Setting(
            "max_html_depth",
            "LUOSHI_MAX_HTML_DEPTH",
            1000,
            "Deepest element nesting accepted in an HTML page.",
        ),
        Setting(
            "max_pdf_pages",
            "LUOSHI_MAX_PDF_PAGES",
            500,
            "Most pages read from a PDF.",
        ),
    ]
}


def get_setting(name: str) -> int | str:
    """The value of a setting: its environment variable if set, else the default."""
    setting = SETTINGS[name]
    raw = os.environ.get(setting.env)
    if raw is None:
        return setting.default
    if isinstance(setting.default, int):
        return int(raw)
    return raw
