"""PDF -> text layer in reading order.

Per page: characters are grouped into rows; running headers/footers and page numbers are
dropped; a vertical gutter near the middle makes the page two columns, read left then right
(rows spanning the gutter, such as a full-width title, cut the page into bands read in order).
Across the document, hard-wrapped lines are joined back into paragraphs.
"""

from __future__ import annotations

import io
import itertools
import logging
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect

from luoshi import settings
from luoshi.errors import CorruptFileError, DecodeError, EmptyInputError, UnsupportedFormatError

# pdfminer logs a warning for every oddity of a damaged file; the one-line error says enough.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

#: A PDF ends with %%EOF; writers may append a little junk after it, never kilobytes.
_EOF_WINDOW = 2048
#: More than this share of characters without a Unicode mapping makes the text layer unreadable.
_MAX_UNMAPPED_SHARE = 0.2
#: Rows inspected at each end of a page for running headers/footers.
_FURNITURE_ROWS = 2
#: A row text seen at the same end of at least this share of pages is a running header/footer.
_FURNITURE_SHARE = 0.5
_PAGE_NUMBER = re.compile(
    r"[-—–−·\s]*(?:\d{1,4}|[ivxlcIVXLC]{1,6})[-—–−·\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?",
    re.IGNORECASE,
)
#: The gutter is searched in this middle band of the text width ...
_GUTTER_BAND = (0.3, 0.7)
#: ... as bins crossed by at most this share of rows ...
_GUTTER_MAX_CROSSING = 0.1
#: ... at least this many points wide, with at least this many rows of text on each side.
_GUTTER_MIN_WIDTH = 6.0
_GUTTER_MIN_ROWS = 2
#: A column with fewer rows than this does not show its own right edge.
_SHORT_COLUMN = 5
#: A line ending within this many ems of its column's right edge was wrapped by the layout.
_MARGIN_EMS = 1.5
#: A line starting this many ems right of its column's left edge is indented (a new paragraph).
_INDENT_EMS = 0.8
#: A line starting further right than this (in ems) is neither flush nor paragraph-indented.
_FLUSH_EMS = 3.0
#: If at least this share of lines is indented, the document marks paragraphs by indentation.
_INDENT_STYLE_SHARE = 0.05
_FINAL = tuple("。!?!?;;::…)）」』】")
_ENUMERATOR = re.compile(
    r"[一二三四五六七八九十]+、|[((][一二三四五六七八九十\d]+[))]|\d+[.、．]|第[一二三四五六七八九十]+[章节部分]"
)


@dataclass(frozen=True, slots=True)
class Line:
    """A line of text with its geometry and the edges of the column it sits in."""

    text: str
    x0: float
    x1: float
    left: float
    right: float
    em: float


def extract_pdf(data: bytes) -> str:
    """The text of a PDF in reading order, paragraphs on their own lines.

    Reads at most ``max_pdf_pages`` pages. Raises CorruptFileError for a truncated or damaged file,
    UnsupportedFormatError for an encrypted one, EmptyInputError when there is no text layer.
    """
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise CorruptFileError("truncated or damaged PDF: no %%EOF marker at the end of the file")
    limit = int(settings.get_setting("max_pdf_pages"))
    try:
        pages, widths = [], []
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages[:limit]:
                pages.append(_page_rows(page))
                widths.append(float(page.width))
                page.close()  # drop the page's parsed objects: memory stays per page
    # pdfminer raises a zoo of types (zlib, struct, its own) on damaged files.
    except Exception as exc:  # noqa: BLE001
        if isinstance(exc, PDFPasswordIncorrect) or any(
            isinstance(arg, PDFPasswordIncorrect) for arg in exc.args
        ):
            raise UnsupportedFormatError("unsupported PDF: encrypted with a password") from None
        raise CorruptFileError(f"truncated or damaged PDF: {_one_line(exc)}") from None
    if not any(pages):
        raise EmptyInputError("PDF has no text layer (scanned?)")
    check_unicode(pages)
    pages = drop_furniture(pages)
    lines: list[Line] = []
    edges: Edges = {}
    for rows, width in zip(pages, widths):
        page_lines, edges = layout_page(rows, width, edges)
        lines += page_lines
    return join_lines(lines)


# -- rows ---------------------------------------------------------------------------------------

Char = dict  # a pdfplumber char: text, x0, x1, top, bottom, size


def _page_rows(page: pdfplumber.page.Page) -> list[list[Char]]:
    return group_rows(dedupe_chars(c for c in page.chars if c["text"].strip() or c["text"] == " "))


def check_unicode(pages: Sequence[Sequence[Sequence[Char]]]) -> None:
    """Raise DecodeError when most characters have no Unicode mapping (pdfminer writes them as
    "(cid:123)"): the fonts carry no ToUnicode table and the text layer is glyph numbers."""
    chars = [c["text"] for rows in pages for row in rows for c in row if c["text"].strip()]
    unmapped = sum(1 for text in chars if text.startswith("(cid:"))
    if unmapped > _MAX_UNMAPPED_SHARE * len(chars):
        raise DecodeError(
            f"PDF text layer is unreadable: {unmapped:,} of {len(chars):,} characters have no "
            "Unicode mapping in their fonts (OCR needed)"
        )


def dedupe_chars(chars: Iterable[Char]) -> list[Char]:
    """Characters without the copies drawn over them (fake bold, shadows): same text at the
    same point, to the nearest point. Linear; pdfplumber's own dedupe sorts and takes ~40% of
    the reading time."""
    seen: set[tuple[str, int, int]] = set()
    kept = []
    for char in chars:
        key = (char["text"], round(char["x0"]), round(char["top"]))
        if key not in seen:
            seen.add(key)
            kept.append(char)
    return kept


def group_rows(chars: Sequence[Char]) -> list[list[Char]]:
    """Characters grouped into rows (same baseline within a third of the font size), top to bottom,
    each row sorted left to right."""
    rows: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (c["bottom"], c["x0"])):
        if rows and abs(rows[-1][-1]["bottom"] - char["bottom"]) <= char["size"] / 3:
            rows[-1].append(char)
        else:
            rows.append([char])
    for row in rows:
        row.sort(key=lambda c: c["x0"])
    return [row for row in rows if _visible(row)]


def _visible(chars: Iterable[Char]) -> list[Char]:
    return [c for c in chars if c["text"].strip()]


def _row_text(row: Sequence[Char]) -> str:
    # A few unmapped glyphs (a symbol font) in readable text are dropped, not spelled "(cid:12)".
    return "".join(c["text"] for c in row if not c["text"].startswith("(cid:")).strip()


# -- running headers, footers, page numbers ----------------------------------------------------


def drop_furniture(pages: list[list[list[Char]]]) -> list[list[list[Char]]]:
    """Pages without page numbers and without rows repeated at the top or bottom of most pages."""
    top = Counter(k for rows in pages for k in {_key(r) for r in rows[:_FURNITURE_ROWS]})
    bottom = Counter(k for rows in pages for k in {_key(r) for r in rows[-_FURNITURE_ROWS:]})
    need = max(2, _FURNITURE_SHARE * len(pages))

    def is_furniture(row: list[Char], counts: Counter[str]) -> bool:
        text = _row_text(row)
        return bool(_PAGE_NUMBER.fullmatch(text)) or (len(pages) > 1 and counts[_key(row)] >= need)

    cleaned = []
    for rows in pages:
        ends = len(rows) - _FURNITURE_ROWS
        cleaned.append(
            [
                row
                for i, row in enumerate(rows)
                if not (i < _FURNITURE_ROWS and is_furniture(row, top))
                and not (i >= ends and is_furniture(row, bottom))
            ]
        )
    return cleaned


def _key(row: Sequence[Char]) -> str:
    """Row text with digits masked, so "第3页" and "第4页" count as the same running footer."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", _row_text(row)))


# -- columns ------------------------------------------------------------------------------------


def find_gutter(rows: Sequence[Sequence[Char]], width: float) -> tuple[float, float] | None:
    """The x-range of a vertical gutter between two columns, or None for a one-column page.

    ``width`` is the page width: the gutter is searched in the middle of the page, not of the
    text (a short last column would move the middle of the text)."""
    rows = [_visible(r) for r in rows]
    rows = [r for r in rows if r]
    if len(rows) < 4:
        return None
    x_min = min(c["x0"] for r in rows for c in r)
    x_max = max(width - x_min, max(c["x1"] for r in rows for c in r))
    lo = int(x_min + _GUTTER_BAND[0] * (x_max - x_min))
    hi = int(x_min + _GUTTER_BAND[1] * (x_max - x_min))
    crossing = [0] * (hi - lo + 1)
    for row in rows:
        covered = {x for c in row for x in range(max(lo, int(c["x0"])), min(hi, int(c["x1"])) + 1)}
        for x in covered:
            crossing[x - lo] += 1
    run = _widest_run([n <= _GUTTER_MAX_CROSSING * len(rows) for n in crossing])
    if run is None:
        return None
    # Inside the low run, keep the least-crossed part: a short column (the last page) also
    # crosses few rows, and must not be taken for gutter.
    floor = min(crossing[run[0] : run[1]])
    best = _widest_run([run[0] <= i < run[1] and n == floor for i, n in enumerate(crossing)])
    if best is None or best[1] - best[0] < _GUTTER_MIN_WIDTH:
        return None
    g0, g1 = lo + best[0], lo + best[1]
    left = sum(1 for r in rows if r[0]["x1"] <= g0 + 1)
    right = sum(1 for r in rows if r[-1]["x0"] >= g1 - 1)
    if min(left, right) < _GUTTER_MIN_ROWS:
        return None
    return float(g0), float(g1)


def _widest_run(flags: Sequence[bool]) -> tuple[int, int] | None:
    best, start = None, None
    for i, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            if best is None or i - start > best[1] - best[0]:
                best = (start, i)
            start = None
    return best


Edges = dict[str, tuple[float, float]]  # column kind ("full", "left", "right") -> (left, right)


def layout_page(
    rows: Sequence[Sequence[Char]], width: float, previous: Edges | None = None
) -> tuple[list[Line], Edges]:
    """The lines of a page in reading order, and the column edges used.

    Two-column pages are read as bands of column text (left column, then right) separated by
    rows that span the gutter (titles, tables). A column of fewer than ``_SHORT_COLUMN`` rows (the
    end of the text) does not show its edges: those of ``previous`` (the page before) are used.
    """
    visible = [v for r in rows if (v := _visible(r))]
    if not visible:
        return [], previous or {}
    page = (min(r[0]["x0"] for r in visible), max(r[-1]["x1"] for r in visible))
    # Without a better guess, the right margin mirrors the left one.
    mirrored = max(page[1], width - page[0])
    em = statistics.median(c["size"] for r in visible for c in r)
    gutter = find_gutter(rows, width)
    if gutter is None:
        full = _edges(visible, "full", previous, (page[0], mirrored))
        return [_line(row, full, em) for row in rows], {**(previous or {}), "full": full}
    middle = sum(gutter) / 2
    sides: tuple[list[list[Char]], list[list[Char]]] = ([], [])
    for chars in visible:
        if not _spans(chars, gutter):
            sides[0].append([c for c in chars if c["x1"] <= middle])
            sides[1].append([c for c in chars if c["x1"] > middle])
    left, right = ([r for r in side if r] for side in sides)
    edges = {
        **(previous or {}),
        "full": page,
        "left": _edges(left, "left", previous, (page[0], max(r[-1]["x1"] for r in left))),
        "right": _edges(right, "right", previous, (min(r[0]["x0"] for r in right), mirrored)),
    }
    columns = (edges["left"], edges["right"])
    lines: list[Line] = []
    bands: tuple[list[list[Char]], list[list[Char]]] = ([], [])
    for row in rows:
        if _spans(row, gutter):
            lines += _band_lines(bands, columns, em) + [_line(row, page, em)]
            bands = ([], [])
            continue
        for side, part in enumerate(
            ([c for c in row if c["x1"] <= middle], [c for c in row if c["x1"] > middle])
        ):
            if _visible(part):
                bands[side].append(part)
    return lines + _band_lines(bands, columns, em), edges


def _edges(
    rows: Sequence[Sequence[Char]], kind: str, previous: Edges | None, guess: tuple[float, float]
) -> tuple[float, float]:
    if len(rows) < _SHORT_COLUMN:
        return (previous or {}).get(kind, guess)
    left = min(r[0]["x0"] for r in rows)
    em = statistics.median(c["size"] for r in rows for c in r)
    # The right edge of the text block is set by rows that start at its left edge or at a
    # paragraph indent; a centered title or a right-aligned date would push it too far.
    body = [r for r in rows if r[0]["x0"] <= left + _FLUSH_EMS * em]
    return left, max(r[-1]["x1"] for r in body)


def _spans(row: Sequence[Char], gutter: tuple[float, float]) -> bool:
    """Whether a row crosses the gutter's core (its edges can be grazed by column text)."""
    quarter = (gutter[1] - gutter[0]) / 4
    core = (gutter[0] + quarter, gutter[1] - quarter)
    return any(c["x0"] < core[1] and c["x1"] > core[0] for c in _visible(row))


def _band_lines(
    bands: Sequence[Sequence[Sequence[Char]]], columns: Sequence[tuple[float, float]], em: float
) -> list[Line]:
    return [_line(row, edges, em) for rows, edges in zip(bands, columns) for row in rows]


def _line(row: Sequence[Char], edges: tuple[float, float], em: float) -> Line:
    visible = _visible(row)
    return Line(_row_text(row), visible[0]["x0"], visible[-1]["x1"], edges[0], edges[1], em)


# -- paragraphs ---------------------------------------------------------------------------------


def join_lines(lines: Sequence[Line]) -> str:
    """Lines joined into paragraphs: a line that runs to its column's right edge continues on the
    next line unless that one is indented or the break is a sentence end before a new item.

    When the document marks paragraphs by indentation, a full line ending with 。 still continues
    on an unindented next line (the sentence ended at the edge, the paragraph did not).
    """
    lines = [line for line in lines if line.text]
    if not lines:
        return ""
    indent_style = sum(_indented(l) for l in lines) >= _INDENT_STYLE_SHARE * len(lines)
    out = [lines[0].text]
    for prev, line in itertools.pairwise(lines):
        if _continues(prev, line, indent_style):
            glue = " " if prev.text[-1:].isascii() and line.text[:1].isascii() else ""
            out[-1] += glue + line.text
        else:
            out.append(line.text)
    return "\n".join(out)


def _continues(prev: Line, line: Line, indent_style: bool) -> bool:
    if prev.x1 < prev.right - _MARGIN_EMS * prev.em or _indented(line):
        return False
    if prev.x0 > prev.left + _FLUSH_EMS * prev.em:  # centered or right-aligned: a line of its own
        return False
    if not prev.text.endswith(_FINAL):
        return True
    return indent_style and not _ENUMERATOR.match(line.text)


def _indented(line: Line) -> bool:
    return line.x0 > line.left + _INDENT_EMS * line.em


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]
