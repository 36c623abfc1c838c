"""Policy-attention indices: dictionary term frequency per 10,000 characters of normalized text.

Matching is by substring with Aho–Corasick (pyahocorasick), leftmost-longest and non-overlapping,
so "数字经济" counts once, not also as "数字"; tokenizer-based counting (jieba, as cntext does)
misses phrases that cross token boundaries. Dictionaries are plain text files, one term per line,
``#`` for comments; the shipped ones live in ``data/dictionaries/``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import ahocorasick

from luoshi.errors import UsageError


@dataclass(frozen=True)
class Dictionary:
    name: str
    terms: tuple[str, ...]
    automaton: ahocorasick.Automaton


@dataclass(frozen=True, slots=True)
class Attention:
    dictionary: str
    characters: int
    matches: int
    per_10k: float
    top_terms: tuple[tuple[str, int], ...]


def shipped_dictionaries() -> list[str]:
    """Names of the dictionaries that ship with luoshi."""
    folder = resources.files("luoshi.data").joinpath("dictionaries")
    return sorted(p.name.removesuffix(".txt") for p in folder.iterdir() if p.name.endswith(".txt"))


def _parse_terms(raw: str) -> tuple[str, ...]:
    terms = (line.split("#", 1)[0].strip() for line in raw.splitlines())
    return tuple(dict.fromkeys(t for t in terms if t))


def build_dictionary(name: str, terms: tuple[str, ...]) -> Dictionary:
    if not terms:
        raise UsageError(f"dictionary {name!r} has no terms")
    automaton = ahocorasick.Automaton()
    for term in terms:
        automaton.add_word(term, term)
    automaton.make_automaton()
    return Dictionary(name, terms, automaton)


def load_dictionary(name: str | None = None, path: Path | None = None) -> Dictionary:
    """A shipped dictionary by name, or a user file (UTF-8, one term per line)."""
    if path is not None:
        try:
            raw = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read dictionary {path}: {exc}") from exc
        return build_dictionary(Path(path).stem, _parse_terms(raw))
    if name not in shipped_dictionaries():
        raise UsageError(f"unknown dictionary {name!r}; shipped: {', '.join(shipped_dictionaries())}")
    raw = resources.files("luoshi.data").joinpath(f"dictionaries/{name}.txt").read_text("utf-8")
    return build_dictionary(name, _parse_terms(raw))


def measure_attention(text: str, dictionary: Dictionary, *, top: int = 5) -> Attention:
    """Matches of the dictionary's terms in ``text`` per 10,000 characters."""
    counts = Counter(term for _end, term in dictionary.automaton.iter_long(text))
    matches = sum(counts.values())
    per_10k = matches * 10_000 / len(text) if text else 0.0
    return Attention(dictionary.name, len(text), matches, per_10k, tuple(counts.most_common(top)))
