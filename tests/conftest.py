"""Shared fixtures: where the real documents are, and their texts.

Keep this small and generic; stage-specific helpers live next to the stage's tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "src" / "luoshi" / "data" / "seeds"
FIXTURES_DIR = ROOT / "tests" / "fixtures"
NATIONAL_DIR = FIXTURES_DIR / "national"
LOCAL_DIR = FIXTURES_DIR / "local"

#: The five seed reports, by file name (sorted): 000 武侯区, 001 九龙坡区, 002 温江区, 003 武昌区,
#: 004 迎泽区.
SEED_PATHS = sorted(SEEDS_DIR.glob("*.txt"))


def read_text(path: Path) -> str:
    """A fixture file's text (all fixtures are UTF-8)."""
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """Seed file name -> text, as scraped."""
    return {path.name: read_text(path) for path in SEED_PATHS}


@pytest.fixture(scope="session")
def national_index() -> list[dict]:
    """``tests/fixtures/national/index.json``: file, title, source, delivered_year."""
    return json.loads(read_text(NATIONAL_DIR / "index.json"))


@pytest.fixture(scope="session")
def local_index() -> list[dict]:
    """``tests/fixtures/local/index.json``: file, url, region, level, report_year, traits, chars."""
    return json.loads(read_text(LOCAL_DIR / "index.json"))
