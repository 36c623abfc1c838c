"""Shared helpers of the extract tests: where the documents are, an empty report, a Text whose
offset map is the identity (for constructed snippets that need no normalization)."""

from __future__ import annotations

from array import array
from pathlib import Path

from luoshi.models import Document, Meeting, Report, Speaker, Text

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "src" / "luoshi" / "data" / "seeds"
LOCAL = ROOT / "tests" / "fixtures" / "local"
EMPTY_REPORT = Report(
    None, None, None, None, None, Meeting(None, None), Speaker(None, None), (), "report", ()
)


def seed(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` ("002")."""
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def identity_text(s: str) -> Text:
    """A Text of ``s`` mapping each character to itself."""
    doc = Document("<test>", "0", "text", "utf-8", s, len(s.encode()))
    return Text(doc, s, array("l", range(len(s))), array("l", range(1, len(s) + 1)))
