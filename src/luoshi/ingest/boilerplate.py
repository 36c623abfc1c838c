"""Find portal/forum/blog chrome in character-normalized text.

The patterns are data (``luoshi/data/boilerplate.toml``); this module only compiles and applies
them. ``find_chrome(text)`` returns the character ranges to delete, sorted and non-overlapping:

* whole lines matching a ``[lines]`` pattern (the line's content; its newline is kept, so a removed
  line leaves a blank line that the layout step drops);
* ``[inline]`` furniture inside kept lines ("【字体: 】" after a date);
* ``[[blocks]]``: every line from a start line through the matching end line;
* ``[tail]``: from the first marker line to the end of the text, when little text follows it;
* ``[tail_lines]``: short navigation words trailing the document;
* crawler watermark tokens (``[noise_tokens]``).

Every rule is decided from the text it is given, line by line or block by block, so removing chrome
from a slice of a document removes the same lines as from the whole (except tail rules, which see a
different end; documented in docs/normalization.md).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

Range = tuple[int, int]

_RULES_PATH = Path(__file__).resolve().parent.parent / "data" / "boilerplate.toml"


@dataclass(frozen=True, slots=True)
class Block:
    name: str
    start: re.Pattern[str]
    end: re.Pattern[str]
    max_lines: int


@dataclass(frozen=True, slots=True)
class ChromeRules:
    lines: re.Pattern[str]
    inline: tuple[re.Pattern[str], ...]
    blocks: tuple[Block, ...]
    tail: re.Pattern[str]
    tail_max_chars: int
    tail_lines: re.Pattern[str]
    token_length: int
    token_min_count: int


#: Chrome lines are short; the lookahead rejects a long paragraph in one scan instead of letting
#: every alternative scan it.
MAX_CHROME_LINE = 200


def _whole_line(patterns: list[str]) -> re.Pattern[str]:
    """A pattern matching a whole line, searched in ``"\n" + text``: a literal "\n" first lets the
    regex engine skip to line starts instead of trying "^" at every character. Group 1 is the
    line's content."""
    body = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"\n(?=[^\n]{{0,{MAX_CHROME_LINE}}}(?:\n|$))( *(?:{body}) *)(?=\n|$)")


def _line_spans(pattern: re.Pattern[str], padded: str, pos: int = 0) -> Iterator[Range]:
    """Spans, in unpadded coordinates, of the lines of ``padded[1:]`` matching ``pattern``."""
    for m in pattern.finditer(padded, pos):
        yield m.start(1) - 1, m.end(1) - 1


@cache
def load_rules() -> ChromeRules:
    """Compile the shipped ``boilerplate.toml`` once."""
    data = tomllib.loads(_RULES_PATH.read_text("utf-8"))
    blocks = tuple(
        Block(b["name"], _whole_line([b["start"]]), _whole_line([b["end"]]), int(b["max_lines"]))
        for b in data["blocks"]
    )
    return ChromeRules(
        lines=_whole_line(data["lines"]["patterns"]),
        inline=tuple(re.compile(p, re.MULTILINE) for p in data["inline"]["patterns"]),
        blocks=blocks,
        tail=_whole_line(data["tail"]["patterns"]),
        tail_max_chars=int(data["tail"]["max_chars"]),
        tail_lines=re.compile(" *(?:" + "|".join(data["tail_lines"]["patterns"]) + ") *"),
        token_length=int(data["noise_tokens"]["length"]),
        token_min_count=int(data["noise_tokens"]["min_count"]),
    )


def find_chrome(text: str, rules: ChromeRules | None = None) -> list[Range]:
    """Ranges of ``text`` that are chrome, sorted, non-overlapping, never containing a newline
    except for the tail range (which runs to the end of the text)."""
    rules = rules or load_rules()
    padded = "\n" + text
    ranges = [(a, b) for a, b in _line_spans(rules.lines, padded) if b > a]
    for inline in rules.inline:
        ranges += [m.span() for m in inline.finditer(text) if m.end() > m.start()]
    ranges += _block_ranges(padded, rules.blocks)
    ranges += _noise_token_ranges(text, rules.token_length, rules.token_min_count)
    end = _tail_start(padded, rules.tail, rules.tail_max_chars)
    if end < len(text):
        ranges.append((end, len(text)))
    ranges += _trailing_nav_ranges(text, end, rules.tail_lines)
    return _merge(ranges)


def _tail_start(padded: str, tail: re.Pattern[str], max_chars: int) -> int:
    """Where the tail furniture starts: the first marker line followed by at most ``max_chars``
    characters (a "相关文章" sidebar above a report must not cut the report); else the end."""
    size = len(padded) - 1
    return next((a for a, _ in _line_spans(tail, padded) if size - a <= max_chars), size)


def _block_ranges(padded: str, blocks: tuple[Block, ...]) -> list[Range]:
    out: list[Range] = []
    for block in blocks:
        pos = 0
        while (start := block.start.search(padded, pos)) is not None:
            end = block.end.search(padded, start.end())
            if end is None or padded.count("\n", start.end(), end.start(1)) > block.max_lines:
                pos = start.end()
                continue
            out.append((start.start(1) - 1, end.end(1) - 1))
            pos = end.end()
    return out


def find_noise_tokens(
    text: str, length: int | None = None, min_count: int | None = None
) -> list[str]:
    """Crawler watermark tokens of ``text`` (see ``[noise_tokens]`` in boilerplate.toml)."""
    rules = load_rules()
    length = length or rules.token_length
    min_count = min_count or rules.token_min_count
    candidates = re.compile(rf"(?<![A-Za-z])[A-Za-z]{{{length}}}(?= |$)", re.MULTILINE)
    counts = Counter(
        m.group()
        for m in candidates.finditer(text)
        if not m.group().isupper()
        and not m.group().islower()
        and (m.start() == 0 or not text[m.start() - 1].isascii() or text[m.start() - 1] in " \n")
    )
    return [tok for tok, n in counts.items() if n >= min_count]


def _noise_token_ranges(text: str, length: int, min_count: int) -> list[Range]:
    tokens = find_noise_tokens(text, length, min_count)
    if not tokens:
        return []
    alternation = "|".join(re.escape(t) for t in tokens)
    return [m.span() for m in re.finditer(rf"(?<![A-Za-z])(?:{alternation})(?![A-Za-z])", text)]


def _trailing_nav_ranges(text: str, end: int, tail_lines: re.Pattern[str]) -> list[Range]:
    """Trailing navigation-word lines before ``end`` (nothing but blank lines after them)."""
    out: list[Range] = []
    pos = end
    while True:
        body = text[:pos].rstrip(" \n")
        line_start = body.rfind("\n") + 1
        if not body or tail_lines.fullmatch(body, line_start) is None:
            return out
        out.append((line_start, len(body)))
        pos = line_start


def _merge(ranges: list[Range]) -> list[Range]:
    out: list[Range] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out
