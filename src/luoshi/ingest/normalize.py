"""Document -> Text: the canonical form every extractor reads, with an exact offset map.

The canonical form (full description with examples: docs/normalization.md):

* Characters: zero-width characters (U+200B-U+200F, U+2060, U+FEFF) and the soft hyphen removed;
  every space variant (NBSP, U+3000, U+2000-U+200A, tab ...) is " "; every line-break variant is
  "\\n". Full-width ASCII variants U+FF01-U+FF5E become ASCII, so "，：；！？（）％０-９Ａ-Ｚ" read
  ", : ; ! ? ( ) % 0-9 A-Z"; "．" -> ".", "～" -> "~", "－" -> "-", "∶" (ratio colon) -> ":",
  "―" (U+2015) and "─" (U+2500) -> "—", "・" -> "·", hyphen U+2010/U+2011 -> "-". Chinese-only
  marks are kept: "。 、 “ ” ‘ ’ 《 》 —— … ·" and the en dash "–".
* Pinyin readings inserted after characters are removed: "網(wǎng)" -> "網"; the parenthetical's
  source range is attached to the character before it. A parenthetical is a reading only when it
  follows a CJK character and holds lower-case pinyin letters with at least one tone mark, so
  "(牵头单位:区交通局)", "(一)", "(2)", "(PPP)" stay.
* Traditional -> simplified (OpenCC "t2s"), only when the text is traditional: at least
  ``TRADITIONAL_SHARE`` of its non-ASCII characters are ones t2s changes. Converted line by line; a line
  whose phrase-level conversion changes its length is converted character by character instead, so
  the map stays one to one.
* Chrome removed (patterns as data in luoshi/data/boilerplate.toml, see luoshi.ingest.boilerplate).
* "。" between the digits of a figure ("9。5%") is its decimal point.
* Doubled clause marks of copy sites (",、", ",,", ";;") are one mark, the last.
* Layout: one paragraph or heading per line, lines separated by a single "\\n" (blank lines
  dropped), no leading or trailing spaces, runs of spaces collapsed to one. Spaces between two CJK
  characters are removed when they letter-space single characters ("政 府 工 作 报 告" ->
  "政府工作报告", "区长  林  丽" -> "区长 林丽": the space before a two-character run that follows a
  longer word is kept); a single space between a number and its unit ("2023 年", "1300 万"),
  between letter-spaced digits ("1 9 9 3"), between a digit and its decimal part, "%" or "‰"
  ("8 .8 %" -> "8.8%"), next to "——" and next to Chinese-style punctuation is removed; in
  hard-wrapped text also between a word and a number ("年均增长 5.1%"), while in other text that
  space is kept, as it may be a lost paragraph break ("工作回顾 2010年是…").
* Line breaks inside numbers are undone ("74.4\\n\\u200b\\n万亿元" -> "74.4万亿元"); in hard-wrapped
  text (PDF text layers, fixed-width pages: many lines of one width) a line that fills the width
  and does not end a sentence is joined to the next unless that one starts a numbered item or a
  "——" line. Headings, title, meeting and speaker lines are shorter than the width, so they stay.
  A meeting line broken before its session ("——…人民代表大会" / "第二次会议上") is rejoined.

``Text.src_start[i]``/``src_end[i]`` is the original range that produced character ``i``; they
increase with ``i``. Every step is a list of pieces over the previous step's text (see
luoshi.ingest.offsetmap), so the map is exact by construction. The common path runs by regular
expressions, ``str.replace`` and array slicing; Python loops run per line, never per character.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import opencc

from luoshi.ingest.boilerplate import find_chrome
from luoshi.ingest.offsetmap import MappedText, Piece, apply_edits, assemble, replace_chars
from luoshi.models import Document, Text

#: Share of non-ASCII characters changed by t2s above which a text is treated as traditional.
#: Measured on the bundled data: simplified reports score 0.0000-0.0001 (a stray "乾"),
#: traditional pages 0.2-0.3 (tests/fixtures/local, trait "traditional"); 0.10 is far from both.
TRADITIONAL_SHARE = 0.10

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_INVISIBLE_RE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]+|\r\n")
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_RE = re.compile(rf"[{CJK}]\((?=[a-zü' ]*[{_TONED}])[a-zü{_TONED}' ]{{1,40}}\)")

#: A long line with several spaces between CJK characters is a page run together, its line breaks
#: turned to spaces ("实现生 产总值", "存 贷款", "新材料 和高分子"): those spaces are lost wraps.
_RUN_ON_LINE = 300
_RUN_ON_SPACES = 4
_CJK_SPACE_CJK = re.compile(rf"[{CJK}] (?=[{CJK}])")
#: Clause marks doubled by copy sites ("48810亿元,、增长8.0%,,地方…"): the last one stands.
_DOUBLED_MARKS = re.compile(r"[,、]{2,}|;{2,}")
#: "。" typed for the decimal point ("增长9。5%", "373。15亿元"): a digit on each side and a unit
#: right after the fraction; a sentence never ends in a bare digit before one that starts so.
_FULL_STOP_DECIMAL = re.compile(r"(?<=\d)。(?=\d{1,3}(?:%|‰|个百分点|万|亿|元|美元|吨|人|倍))")
#: Marks after which a line is complete (a sentence, a clause list, a quoted or bracketed unit).
_TERMINAL = frozenset("。!?;:…”’」』)》")
#: Starts of lines that never continue the previous line: numbered items and "——" lines.
_ITEM_START = re.compile(
    r"[一二三四五六七八九十百]+[、.]|\(\s*[一二三四五六七八九十百\d]+\s*\)|\d+ *(?:、|\.(?!\d))|——"
    r"|第[一二三四五六七八九十百\d]+[章节部分条]|[一二三四五六七八九十]是|[①-⑳]"
)
#: A line ending in a digit continues when the next starts with a magnitude ("74.4\n万亿元").
_MAGNITUDE = frozenset("万亿千百%‰")
#: CJK characters that may follow a number as its unit; a single space before them is a PDF
#: artifact ("2023 年", "1300 万"), a space before other words separates fields ("0001 发布机构").
_UNIT_START = frozenset(
    "年月日时分秒万亿千百十个元角亩吨人户家项所条座名次倍岁周天件台辆套张位公平立米克度多余"
)
#: Marks that belong to the number before them: a space between is letter-spacing of typeset
#: figures ("8 .8 %", "10 .06 ‰" in a text that also spaces "1 9 9 3 年"), never a field break.
_NUMBER_TAIL = frozenset("%‰")
#: A figure broken by a space: the words before it end in CJK and the rest carries its unit.
_BROKEN_FIGURE = re.compile(rf".*[{CJK}]\d{{1,6}}")
_FIGURE_WITH_UNIT = re.compile(r"\d{1,6}(?:\.\d+)?(?:万亿|亿|万)?(?:元|美元|%|吨|人)")
#: A meeting line broken before its session ("——2017年12月27日在…第十五届人民代表大会" /
#: "第二次会议上"): the two halves are joined even across one blank line.
#: A line holding only a figure, and how many such lines after unfinished ones make a text one
#: that splits its figures from their words (one stray page number is not enough).
_NUMBER_LINE = re.compile(r"\d[\d.,%‰]{0,15}[;,、。]?")
_MIN_NUMBER_RUNS = 5
_MEETING_HEAD = re.compile(r"——.*\d+ *日 *在")
_MEETING_TAIL = re.compile(r".{0,30}会议上\)?")
#: Hard-wrap detection: spread of a width cluster, smallest page width, and the share of the page
#: width from which a line counts as full (a wrapped line may end a column or two short, or a
#: full-width mark early; 0.85 of 74 columns is 63, far above headings, which run under 40).
_WRAP_SPREAD = 3
_MIN_WRAP = 40
_MAX_WRAP = 200  # no page is wider; also bounds the cluster search
#: ... and the fewest lines of that width: title, meeting and speaker lines of a short excerpt
#: (local/005: three unfinished lines of 29-32 columns) must not look like a page.
_MIN_WRAPPED_LINES = 5
_FULL_LINE = 0.85
#: Punctuation next to which a space is never kept when the other side is CJK.
_TIGHT_PUNCT = frozenset(",;:!?。、“”‘’《》()…")
#: A letter-spaced run this long is letter-spacing even next to a longer word ("我 们 坚 持 以 习 近平").
_LONG_RUN = 3


def normalize(document: Document, *, traditional: bool | None = None) -> Text:
    """Normalize ``document.original`` into the canonical form (module docstring).

    ``traditional`` forces (True/False) or, when None, detects traditional -> simplified
    conversion. Never fails; a document that is all chrome gives an empty text.
    """
    mt = normalize_chars(MappedText.identity(document.original))
    mt = remove_pinyin(mt)
    if traditional if traditional is not None else is_traditional(mt.text):
        mt = to_simplified(mt)
    mt = apply_edits(mt, [(a, b, "") for a, b in find_chrome(mt.text)])
    mt = apply_edits(mt, [(m.start(), m.end(), m.group()[-1]) for m in _DOUBLED_MARKS.finditer(mt.text)])
    mt = apply_edits(mt, [(m.start(), m.end(), ".") for m in _FULL_STOP_DECIMAL.finditer(mt.text)])
    mt = layout(mt)
    return Text(document, mt.text, mt.starts, mt.ends)


# --- step 1: characters -------------------------------------------------------------------------


@cache
def char_table() -> dict[str, str]:
    """The one-for-one character replacements of step 1."""
    table = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
    spaces = "\t\xa0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
    table.update({c: " " for c in spaces})
    table.update({c: "\n" for c in "\r\x0b\x0c\x85\u2028\u2029"})
    table.update({"―": "—", "─": "—", "∶": ":", "・": "·", "\u2010": "-", "\u2011": "-"})
    # "15℅": the care-of sign sits next to % in Chinese input methods and is typed for it;
    # "増长": the Japanese form of 增 comes in through OCR and Japanese fonts.
    table.update({"℅": "%", "増": "增"})
    return table


@cache
def _char_finder() -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in char_table()) + "]")


def normalize_chars(mt: MappedText) -> MappedText:
    """Drop zero-width characters, soft hyphens and the CR of CRLF; map the rest one to one.

    A dropped character joins its neighbour's range (the one before, or after at the very start),
    as models.Text describes: "软\u00ad件" -> "软件" with "软" from the first two characters.
    """
    return replace_chars(apply_edits(mt, _invisible_edits(mt.text)), char_table(), _char_finder())


def _invisible_edits(text: str) -> list[tuple[int, int, str]]:
    edits: list[tuple[int, int, str]] = []
    for m in _INVISIBLE_RE.finditer(text):
        start, end = m.span()
        if m.group() == "\r\n":
            edits.append((start, end, "\n"))
        elif edits and edits[-1][1] == start:  # "\r\n\u200b": extend the merge before it
            edits[-1] = (edits[-1][0], end, edits[-1][2])
        elif start:
            edits.append((start - 1, end, text[start - 1]))
        else:
            edits.append((0, end + 1, text[end : end + 1]) if end < len(text) else (0, end, ""))
    return edits


# --- step 2: pinyin ------------------------------------------------------------------------------


def remove_pinyin(mt: MappedText) -> MappedText:
    """Merge "字(pīnyīn)" into "字", the reading's range attached to the character."""
    text = mt.text
    return apply_edits(
        mt, [(m.start(), m.end(), text[m.start()]) for m in _PINYIN_RE.finditer(text)]
    )


# --- step 3: traditional -> simplified -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _T2S:
    converter: opencc.OpenCC
    per_char: dict[int, str]
    changed: re.Pattern[str]


@cache
def _t2s() -> _T2S:
    converter = opencc.OpenCC("t2s")
    chars = [
        chr(c) for r in ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00)) for c in range(*r)
    ]
    converted = converter.convert("\n".join(chars)).split("\n")
    per_char = {ord(a): b for a, b in zip(chars, converted, strict=True) if a != b and len(b) == 1}
    changed = re.compile("[" + "".join(chr(c) for c in sorted(per_char)) + "]")
    return _T2S(converter, per_char, changed)


def traditional_share(text: str) -> float:
    """Share of the non-ASCII characters of ``text`` that t2s changes (0.0 without any).

    Non-ASCII stands in for CJK (the rest is Chinese punctuation): counting it is a C-speed
    encode, counting CJK characters with a regex costs more than the whole conversion.
    """
    wide = len(text) - len(text.encode("ascii", "ignore"))
    return _t2s().changed.subn("", text)[1] / wide if wide else 0.0


def is_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional characters (see ``TRADITIONAL_SHARE``)."""
    return traditional_share(text) >= TRADITIONAL_SHARE


def to_simplified(mt: MappedText) -> MappedText:
    """OpenCC t2s, phrase-aware where it keeps a line's length, per character where not."""
    t2s = _t2s()
    whole = t2s.converter.convert(mt.text)
    if len(whole) != len(mt.text):
        whole = "\n".join(_line_to_simplified(line, t2s) for line in mt.text.split("\n"))
    return MappedText(whole, mt.starts, mt.ends)


def _line_to_simplified(line: str, t2s: _T2S) -> str:
    converted = t2s.converter.convert(line)
    return converted if len(converted) == len(line) else line.translate(t2s.per_char)


# --- steps 5 and 6: layout -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # first non-space character
    end: int  # after the last non-space character
    newline: int  # index of the "\n" ending the line, -1 for the last line
    blanks_before: int  # blank lines between this line and the previous non-blank one


def _content_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = blanks = 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        body = raw.strip(" ")
        if body:
            start = pos + len(raw) - len(raw.lstrip(" "))
            nl = end if end < len(text) else -1
            lines.append(_Line(start, start + len(body), nl, blanks))
            blanks = 0
        else:
            blanks += 1
        pos = end + 1
    return lines


def display_width(text: str, start: int, end: int) -> int:
    """Columns of ``text[start:end]`` on a fixed-width page: CJK and other non-ASCII count 2."""
    part = text[start:end]
    return 2 * len(part) - len(part.encode("ascii", "ignore"))


def wrap_width(text: str, lines: list[_Line]) -> int | None:
    """The page width (in columns) of hard-wrapped text, or None when lines are paragraphs.

    Hard-wrapped: the largest cluster of unfinished lines (no terminal mark) whose widths lie
    within ``_WRAP_SPREAD`` columns of one value holds at least ``_MIN_WRAPPED_LINES`` lines and
    30% of all lines, and that value is ``_MIN_WRAP`` to ``_MAX_WRAP`` columns. PDF and
    fixed-width pages measure this way (lines of 72-76 or 45-51 columns in tests/fixtures/local);
    paragraph-per-line text never does.
    """
    widths = Counter(
        w
        for ln in lines
        if text[ln.end - 1] not in _TERMINAL
        and (w := display_width(text, ln.start, ln.end)) <= _MAX_WRAP + _WRAP_SPREAD
    )
    best, best_near = None, 0
    for width in widths:
        near = sum(n for w, n in widths.items() if abs(w - width) <= _WRAP_SPREAD)
        if width >= _MIN_WRAP and (near, width) > (best_near, best or 0):
            best, best_near = width, near
    if best is None or best_near < _MIN_WRAPPED_LINES or best_near < 0.3 * len(lines):
        return None
    return best


def hard_wrap_width(text: str) -> int | None:
    """``wrap_width`` of a character-normalized text (the layout step's decision)."""
    return wrap_width(text, _content_lines(text))


def split_number_runs(text: str, lines: list[_Line]) -> bool:
    """Whether a PDF dump printed its figures as lines of their own ("地区生产总值增长" / "8%;" /
    "固定资产投资增长"): text extractors that emit one line per font run do this to every number,
    so at least ``_MIN_NUMBER_RUNS`` number-only lines directly follow an unfinished line."""
    found = 0
    for prev, cur in itertools.pairwise(lines):
        if not cur.blanks_before and _is_number_line(text, cur) and text[prev.end - 1] not in _TERMINAL:
            found += 1
            if found >= _MIN_NUMBER_RUNS:
                return True
    return False


def _is_number_line(text: str, line: _Line) -> bool:
    return _NUMBER_LINE.fullmatch(text, line.start, line.end) is not None


def _joins(
    text: str, prev: _Line, cur: _Line, width: int | None, chained: bool, runs: bool = False
) -> bool:
    """Whether ``cur`` continues ``prev`` (``chained``: ``prev`` itself continued a line;
    ``runs``: the text prints its figures on lines of their own, see ``split_number_runs``)."""
    last, first = text[prev.end - 1], text[cur.start]
    if cur.blanks_before <= 1 and last.isdigit() and first in _MAGNITUDE:
        return True
    if runs and not cur.blanks_before:
        # the figure's line ends in the clause mark its list goes on with ("8%;"); a full stop or
        # a numbered item after it is a real break
        if _is_number_line(text, prev) and last not in "。!?" and not _ITEM_START.match(text, cur.start):
            return True
        if _is_number_line(text, cur) and last not in _TERMINAL and not _is_short_heading(text, prev):
            return True
    if cur.blanks_before <= 1 and _is_meeting_break(text, prev, cur):
        return True
    if width is None or cur.blanks_before or last in _TERMINAL:
        return False
    if _ITEM_START.match(text, cur.start) is not None:
        return False
    prev_width = display_width(text, prev.start, prev.end)
    # A one-character remnant ("…不断培" / "育" / "壮大…") is still inside the wrapped paragraph.
    return prev_width >= _FULL_LINE * width or (chained and prev_width <= 4)


def _is_short_heading(text: str, line: _Line) -> bool:
    """A numbered heading ("一、2019年工作回顾"): a figure on the next line opens the paragraph."""
    return _ITEM_START.match(text, line.start) is not None and line.end - line.start <= 20


def _is_meeting_break(text: str, prev: _Line, cur: _Line) -> bool:
    return (
        text[prev.end - 1] not in _TERMINAL
        and not text.endswith("上", prev.start, prev.end)
        and _MEETING_HEAD.search(text, prev.start, prev.end) is not None
        and _MEETING_TAIL.fullmatch(text, cur.start, cur.end) is not None
    )


def layout(mt: MappedText) -> MappedText:
    """One paragraph per line, single "\\n" between lines, spaces normalized (module docstring)."""
    text = mt.text
    lines = _content_lines(text)
    width = wrap_width(text, lines)
    return assemble(mt, _layout_pieces(text, lines, width))


def _layout_pieces(text: str, lines: list[_Line], width: int | None) -> Iterator[Piece]:
    chained = False
    runs = split_number_runs(text, lines)
    for i, line in enumerate(lines):
        if i:
            prev = lines[i - 1]
            joined = _joins(text, prev, line, width, chained, runs)
            chained = joined
            if not joined:
                yield prev.newline, prev.newline + 1, None
            elif _is_ascii_alnum(text[prev.end - 1]) and _is_ascii_alnum(text[line.start]) and not (
                _is_broken_figure(text, prev.start, prev.end, line.start)
            ):
                yield prev.newline, prev.newline + 1, " "
        run_on = line.end - line.start > _RUN_ON_LINE and (
            len(_CJK_SPACE_CJK.findall(text, line.start, line.end)) >= _RUN_ON_SPACES
        )
        yield from line_pieces(text, line.start, line.end, typeset=width is not None or run_on, run_on=run_on)


def _is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


_TOKEN_RE = re.compile(r"[^ ]+")


def line_pieces(
    text: str, start: int, end: int, *, typeset: bool = False, run_on: bool = False
) -> list[Piece]:
    """Pieces of one stripped line with its inner spaces normalized (module docstring).

    ``run_on``: the line is a whole page run together (a PDF dump whose line breaks became spaces:
    "实现生 产总值 212.8亿元"), where a space between two CJK characters is a lost wrap.

    ``typeset``: the text is a hard-wrapped page, whose typesetting puts a space between a word and
    a number ("年均增长 5.1%"); elsewhere such a space may be all that is left of a paragraph break
    in a run-on page ("2010年工作回顾 2010年是…"), so it is kept.
    """
    if text.find(" ", start, end) < 0:
        return [(start, end, None)]
    tokens = [m.span() for m in _TOKEN_RE.finditer(text, start, end)]
    single = [_is_single(text, a, b) for a, b in tokens]
    runs = _run_lengths(single)
    pieces: list[Piece] = []
    for i, (a, b) in enumerate(tokens):
        pieces.append((a, b, None))
        if i + 1 < len(tokens) and _keeps_space(text, tokens, i, single, runs, typeset, run_on):
            pieces.append((b, b + 1, None))
    return pieces


def _is_broken_figure(text: str, start: int, end: int, rest: int) -> bool:
    """Whether ``text[start:end]`` ends in the head of a figure whose rest, with its unit, starts
    at ``rest`` ("城镇居民人均可支配收入4779" + "1元")."""
    return bool(_BROKEN_FIGURE.fullmatch(text, start, end) and _FIGURE_WITH_UNIT.match(text, rest))


def _is_decimal(text: str, pos: int) -> bool:
    """``text[pos:]`` opens with a decimal part (".8"): the tail of the number before it."""
    return text.startswith(".", pos) and text[pos + 1 : pos + 2].isdigit()


def _is_single(text: str, a: int, b: int) -> bool:
    """A letter-spaced token: one CJK character, possibly followed by one punctuation mark."""
    return _is_cjk(text[a]) and (b - a == 1 or (b - a == 2 and text[a + 1] in _TIGHT_PUNCT))


def _run_lengths(single: list[bool]) -> list[int]:
    runs = [0] * len(single)
    i = 0
    while i < len(single):
        j = i
        while j < len(single) and single[j]:
            j += 1
        for k in range(i, j):
            runs[k] = j - i
        i = max(j, i + 1)
    return runs


def _keeps_space(
    text: str,
    tokens: list[tuple[int, int]],
    i: int,
    single: list[bool],
    runs: list[int],
    typeset: bool,
    run_on: bool = False,
) -> bool:
    left, right = text[tokens[i][1] - 1], text[tokens[i + 1][0]]
    one_space = tokens[i + 1][0] - tokens[i][1] == 1
    if _is_cjk(left) and _is_cjk(right):
        if run_on and one_space:
            return False
        if single[i] and single[i + 1]:
            return False
        return not (runs[i] >= _LONG_RUN or runs[i + 1] >= _LONG_RUN)
    if one_space and (left.isdigit() or left == "%") and right in _UNIT_START:
        return False
    if (
        one_space
        and left.isdigit()
        and (right in _NUMBER_TAIL or _is_decimal(text, tokens[i + 1][0]))
    ):
        return False
    if typeset and one_space and _is_cjk(left) and right.isdigit():
        return False
    if left == "—" or right == "—":
        return False
    if one_space and left == "." and text[tokens[i][1] - 2 : tokens[i][1] - 1].isdigit() and right.isdigit():
        return False  # a wrap after the decimal point: "6835. 27亿元"
    if one_space and left.isdigit() and right.isdigit():
        if _is_broken_figure(text, *tokens[i], tokens[i + 1][0]):
            return False  # a wrap inside a figure: "城镇居民人均可支配收入4779 1元", "生产总值34 0亿元"
        # letter-spaced digits ("从1 9 9 3 年3 月"), not two numbers ("2023-8-22 17:40:27")
        return not (tokens[i][1] - tokens[i][0] == 1 or tokens[i + 1][1] - tokens[i + 1][0] == 1)
    tight = (left in _TIGHT_PUNCT and _is_cjk(right)) or (_is_cjk(left) and right in _TIGHT_PUNCT)
    return not tight
