"""Reading the shipped data files (``luoshi/data/``) and turning word lists into patterns.

Every stage keeps its rules as data; this is the one place that opens those files, so each TOML
file is parsed once per process however many stages read it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_toml(name: str) -> dict[str, Any]:
    """The parsed ``luoshi/data/<name>`` (cached: callers must not mutate it)."""
    return tomllib.loads(resources.files("luoshi.data").joinpath(name).read_text("utf-8"))


def word_alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so the longest match wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
