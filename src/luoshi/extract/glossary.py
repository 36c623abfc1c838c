"""Glossary appendices ("名词解释", "《政府工作报告》名词注释", "相关注释"): term, definition, span.

Where entries are looked for: the body of every outline section of kind ``glossary``, and — so that
a missed or mislabelled outline does not lose them — the lines after any short heading line naming a
glossary (keywords in ``data/task_cues.toml``). Both are scanned; an entry found twice is kept once.

Entry forms, one per line (a hard line break inside a definition is followed when the previous line
does not end a sentence)::

    1.九定:在机构名称…进行规范。        numbered "1." "1、" "(1)" "①"
    14. 新“四军”:新近毕业大学生…
    “放管服”:是简政放权…的简称。      unnumbered (the whole glossary is then unnumbered)

Conventions: ``term`` is the text before the first colon with the numbering removed; when the whole
term is one quotation (“三品”) the enclosing “” are stripped, otherwise (“六个一”工程) it is kept as
written. ``definition`` is the text after the colon with line breaks removed. ``start``/``end`` cover
the whole entry, numbering included.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from luoshi.extract.departments import load_task_cues
from luoshi.models import GlossaryEntry, Report, Text

_NUMBER = r"(?:\d{1,3}\s*[.、．](?!\d)|[((]\d{1,3}[))]|[①-⑳])"
_NUMBERED = re.compile(
    rf"[ \t\u3000]*(?P<num>{_NUMBER})[ \t\u3000]*(?P<term>[^\n:：。;；]{{1,60}}?)[ \t\u3000]*[:：]"
)
_UNNUMBERED = re.compile(r"[ \t\u3000]*(?P<term>[^\n:：。;；,，]{1,30}?)[ \t\u3000]*[:：]")
_SENTENCE_END = ("。", ";", "!", "?", "”", ")", "；")
# A glossary rarely opens with more than a note such as "(按名词出现先后顺序)"; past this many
# non-entry lines after a heading, the heading was not a glossary's.
_MAX_PREAMBLE_LINES = 3
_MIN_DEFINITION_CHARS = 2


@dataclass(frozen=True, slots=True)
class _Entry:
    start: int
    end: int
    term: str
    definition_start: int


@lru_cache(maxsize=1)
def _heading() -> re.Pattern[str]:
    cues = load_task_cues()["headings"]
    words = "|".join(re.escape(w) for w in cues["glossary_keywords"])
    limit = int(cues["heading_max_chars"])
    # "附:"/"附件2:" may precede it; an item of a list of attachments ("附件:1.名词解释") and a
    # line with sentence punctuation or a colon after the prefix are not headings.
    return re.compile(
        rf"^[ \t\u3000]*(?:附[件录]?[ \t]*\d*[ \t]*[:：]?[ \t]*)?(?!\d+[.、])"
        rf"(?=[^\n。,;:：]{{1,{limit}}}[:：]?$)[^\n]*?(?:{words})[^\n]*$",
        re.MULTILINE,
    )


def glossary_starts(text: str) -> list[int]:
    """Offsets just past every line that looks like a glossary heading."""
    return [m.end() for m in _heading().finditer(text)]


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of ``text[start:end]``, without the newline."""
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        yield pos, stop
        pos = stop + 1


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\u3000\r":
        end -= 1
    return end


def _match_entry(text: str, start: int, end: int, numbered: bool) -> _Entry | None:
    rx = _NUMBERED if numbered else _UNNUMBERED
    m = rx.match(text, start, end)
    if m is None:
        return None
    stop = _rstrip(text, m.end(), end)
    if stop - m.end() < _MIN_DEFINITION_CHARS:
        return None
    first = m.start("num") if numbered else m.start("term")
    return _Entry(first, stop, m.group("term").strip(), m.end())


def scan_entries(text: str, start: int, end: int) -> list[_Entry]:
    """Entries of one glossary body ``text[start:end]``, stopping where the list ends."""
    entries: list[_Entry] = []
    numbered: bool | None = None
    preamble = 0
    gap = False
    for ls, le in _lines(text, start, end):
        le = _rstrip(text, ls, le)
        if ls == le or not text[ls:le].strip():
            gap = True
            continue
        entry = None
        for mode in (True, False) if numbered is None else (numbered,):
            entry = _match_entry(text, ls, le, mode)
            if entry is not None:
                numbered = mode
                break
        if entry is not None:
            entries.append(entry)
        elif (
            entries and not gap and not text[entries[-1].end - 1 : entries[-1].end] in _SENTENCE_END
        ):
            last = entries[-1]
            entries[-1] = _Entry(last.start, le, last.term, last.definition_start)
        elif entries:
            break
        else:
            preamble += 1
            if preamble > _MAX_PREAMBLE_LINES:
                break
        gap = False
    return entries


def clean_term(term: str) -> str:
    """Strip enclosing “” when the whole term is one quotation."""
    if (
        term.startswith("“")
        and term.endswith("”")
        and term.count("“") == 1
        and term.count("”") == 1
    ):
        return term[1:-1].strip()
    return term


def glossary_bodies(text: Text, report: Report) -> list[tuple[int, int]]:
    """Ranges to scan: bodies of ``glossary`` sections and text after detected glossary headings."""
    s = text.text
    bodies = [(sec.title_end, sec.end) for sec in report.sections if sec.kind == "glossary"]
    bodies.extend((pos, len(s)) for pos in glossary_starts(s))
    return bodies


def glossary_extents(text: Text, report: Report) -> list[tuple[int, int]]:
    """Half-open ranges covered by glossary entries (other extractors skip them)."""
    return [(e.start, e.end) for e in _all_entries(text, report)]


def _all_entries(text: Text, report: Report) -> list[_Entry]:
    seen: dict[int, _Entry] = {}
    for start, end in glossary_bodies(text, report):
        for entry in scan_entries(text.text, start, end):
            old = seen.get(entry.start)
            if old is None or entry.end > old.end:
                seen[entry.start] = entry
    return [seen[k] for k in sorted(seen)]


def extract_glossary(text: Text, report: Report) -> list[GlossaryEntry]:
    """Every glossary entry of the report, in text order, each with the span of the whole entry."""
    s = text.text
    out = []
    for e in _all_entries(text, report):
        definition = re.sub(
            r"[ \t\u3000]*\n[ \t\u3000]*", "", s[e.definition_start : e.end]
        ).strip()
        term = clean_term(e.term)
        if term and definition:  # a bare ":名词解释" line names no term
            out.append(GlossaryEntry(term, definition, e.start, e.end))
    return out
