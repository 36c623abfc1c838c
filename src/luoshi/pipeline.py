"""The one orchestrator of the pure stages: path/bytes -> Document -> Text -> Report -> Extraction."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from luoshi.models import Document, Extraction, Report, Text


@dataclass(frozen=True, slots=True)
class Parsed:
    document: Document
    text: Text
    report: Report


def parse_document(document: Document) -> Parsed:
    """Normalize and parse a read document."""
    from luoshi.ingest.normalize import normalize
    from luoshi.parse.report import parse_report

    text = normalize(document)
    return Parsed(document, text, parse_report(text))


def parse_path(path: str | Path) -> Parsed:
    """Read, normalize and parse one file (raises a LuoshiError subclass on bad input)."""
    from luoshi.ingest.reader import read_path

    return parse_document(read_path(path))


def parse_bytes(data: bytes, source: str = "<stdin>") -> Parsed:
    """Read, normalize and parse raw bytes."""
    from luoshi.ingest.reader import read_bytes

    return parse_document(read_bytes(data, source))


def extract_parsed(parsed: Parsed) -> Extraction:
    """Run the extract stage over a parsed document."""
    from luoshi.extract.run import extract_all

    return extract_all(parsed.text, parsed.report)
