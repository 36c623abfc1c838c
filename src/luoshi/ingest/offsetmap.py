"""Offset-preserving rewriting of a text: the machinery behind ``normalize``.

A *mapped text* is a string plus two ``array('l')`` of the same length, ``starts``/``ends``: the
half-open range of ``Document.original`` that produced each character. Every normalization step is
a pure function ``MappedText -> MappedText`` expressed as a list of *pieces* over the current
text, so the map stays exact by construction:

* ``(a, b, None)`` keeps ``text[a:b]`` and its map unchanged (copied by array slicing, in C);
* ``(a, b, s)`` with ``len(s) == b - a`` replaces the characters one for one (map unchanged);
* ``(a, b, s)`` otherwise replaces ``text[a:b]`` by ``s``; every character of ``s`` maps to the
  union ``starts[a]:ends[b-1]`` (a merge, e.g. "網(wǎng)" -> "网"), and ``s == ""`` drops the
  range (its original characters then lie in the gap between two neighbours' ranges).

Pieces must be sorted and non-overlapping; gaps between them are dropped. ``apply_edits`` is the
convenience for sparse changes: the gaps between edits are kept.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Piece = tuple[int, int, str | None]


@dataclass(frozen=True, slots=True)
class MappedText:
    """A string with, per character, its half-open source range in the original."""

    text: str
    starts: array
    ends: array

    @classmethod
    def identity(cls, text: str) -> MappedText:
        """The original itself: character ``i`` comes from ``i:i+1``."""
        iota = _iota(len(text) + 1)
        return cls(text, iota[: len(text)], iota[1 : len(text) + 1])


_IOTA = [array("l", range(1 << 16))]


def _iota(n: int) -> array:
    """``array('l', range(m))`` for some ``m >= n``; grown by doubling and reused, because
    slicing a ready array is a memcpy while building one from ``range`` runs per element."""
    iota = _IOTA[0]
    if len(iota) < n:
        size = len(iota)
        while size < n:
            size *= 2
        iota = array("l", range(size))
        _IOTA[0] = iota
    return iota


def assemble(src: MappedText, pieces: Iterable[Piece]) -> MappedText:
    """Build a new mapped text from ``pieces`` over ``src`` (see the module docstring)."""
    text, starts, ends = src.text, src.starts, src.ends
    out: list[str] = []
    new_starts = array("l")
    new_ends = array("l")
    run_a = run_b = 0  # pending run of kept text, flushed as one slice
    for a, b, repl in pieces:
        if repl is None and a == run_b:
            run_b = b
            continue
        if run_b > run_a:
            out.append(text[run_a:run_b])
            new_starts.extend(starts[run_a:run_b])
            new_ends.extend(ends[run_a:run_b])
        run_a = run_b = b
        if repl is None:
            run_a = a
        elif len(repl) == b - a:
            out.append(repl)
            new_starts.extend(starts[a:b])
            new_ends.extend(ends[a:b])
        elif repl:
            out.append(repl)
            new_starts.extend(array("l", [starts[a]]) * len(repl))
            new_ends.extend(array("l", [ends[b - 1]]) * len(repl))
    if run_b > run_a:
        out.append(text[run_a:run_b])
        new_starts.extend(starts[run_a:run_b])
        new_ends.extend(ends[run_a:run_b])
    return MappedText("".join(out), new_starts, new_ends)


def apply_edits(src: MappedText, edits: Sequence[tuple[int, int, str]]) -> MappedText:
    """Apply sorted, non-overlapping ``(a, b, replacement)`` edits; text between them is kept."""
    if not edits:
        return src
    return assemble(src, _with_gaps(edits, len(src.text)))


def _with_gaps(edits: Sequence[tuple[int, int, str]], length: int) -> Iterable[Piece]:
    pos = 0
    for a, b, repl in edits:
        if a > pos:
            yield pos, a, None
        yield a, b, repl
        pos = b
    if pos < length:
        yield pos, length, None


def replace_chars(src: MappedText, table: dict[str, str], finder: re.Pattern[str]) -> MappedText:
    """Replace characters one for one (``table`` values are single characters): map unchanged.

    ``finder`` matches any key of ``table``. Replacing only the characters present, each with
    ``str.replace``, is several times faster than ``str.translate`` with a dict on CJK text.
    """
    text = src.text
    for ch in set(finder.findall(text)):
        text = text.replace(ch, table[ch])
    return MappedText(text, src.starts, src.ends)
