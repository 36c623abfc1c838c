"""Build a Text the way the pipeline does: the real reader+normalize once they exist, else a
stand-in that maps full-width ASCII to half-width one character for one (identity offset map)."""

from __future__ import annotations

import hashlib
from array import array
from pathlib import Path

from luoshi.models import Document, Text

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "src" / "luoshi" / "data" / "seeds"
NATIONAL = ROOT / "tests" / "fixtures" / "national"
LOCAL = ROOT / "tests" / "fixtures" / "local"

_WIDE = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xA0: 0x20}


def _stand_in(path: Path) -> Text:
    s = path.read_text("utf-8")
    doc = Document(str(path), hashlib.sha256(s.encode()).hexdigest(), "text", "utf-8", s, len(s))
    n = len(s)
    return Text(doc, s.translate(_WIDE), array("l", range(n)), array("l", range(1, n + 1)))


def text_of(path: Path) -> Text:
    """Read and normalize ``path`` with the real pipeline stages when they are available."""
    try:
        from luoshi.ingest.normalize import normalize
        from luoshi.ingest.reader import read_path
    except ImportError:
        return _stand_in(path)
    return normalize(read_path(path))
