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


def trie_regex(words: Iterable[str]) -> str:
    """A regex source matching any of ``words`` (thousands of names compile to one fast pattern):
    a character trie, so at every node the longer word is tried first and a shorter one on
    backtrack — the longest name wins, as with ``word_alternation``."""
    trie: dict = {}
    for word in sorted(set(words)):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_source(trie)


def _trie_source(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _trie_source(child) for ch, child in node.items() if ch != ""]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:  # greedy optional: the longer word is tried first, the shorter on backtrack
        return body + "?" if len(branches) == 1 and len(branches[0]) == 1 else f"(?:{body})?"
    return body

