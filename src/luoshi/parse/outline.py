"""The outline of a report: headings found line by line, nested by style, each given a kind.

Rules live in ``luoshi/data/section_kinds.toml``. Headings are recognised by their numbering style
("一、", "(一)", "1.", "(1)"), lead items ("一是…", "——…", short lead sentences in task sections)
and unnumbered headings ("2018年工作安排", "名词解释"). Nesting is relative: a style nests under any
outer style seen before it, so "一、" under "2017年工作回顾" is level 2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from luoshi.datafiles import load_toml
from luoshi.models import Section, SectionKind

# Paragraph = one line of normalized text; leading spaces are tolerated for unnormalized input.
_LINE = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"[。;!?]")
_SINGLE_YEAR = re.compile(r"(?<![\d—\-~至])((?:19|20)\d{2})年(?![\d—\-~至])")
_PLAN_KINDS = frozenset({"plan_overview", "tasks", "targets"})
_REVIEW_KINDS = frozenset({"review", "problems"})
_ROOT_KINDS = frozenset({"glossary", "livelihood_projects", "closing"})
_TITLE_MAX = 60
_CJK_START = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading line (or lead item) before nesting: ``rank`` 0 = unnumbered, 1..4 numbered, 5 lead."""

    rank: int
    start: int
    title_end: int
    title: str
    source: str  # "numbered", "unnumbered", "lead", "problems", "closing"


@dataclass(frozen=True, slots=True)
class _Rules:
    numbered: tuple[tuple[int, re.Pattern[str]], ...]
    lead_rank: int
    lead: re.Pattern[str]
    lead_sentence_max: int
    lead_min_siblings: int
    unnumbered_max: int
    unnumbered_year: re.Pattern[str]
    unnumbered_cues: tuple[str, ...]
    forbidden: re.Pattern[str]
    closing_opener: re.Pattern[str]
    closing_cues: tuple[str, ...]
    closing_max: int
    problem_cues: tuple[str, ...]
    problem_window: int
    target_cues: tuple[str, ...]
    target_window: int
    plan_cues: tuple[str, ...]
    plan_window: int
    heading_cues: tuple[tuple[str, SectionKind, int], ...]  # (cue, kind, kind order)
    first_cues: tuple[tuple[str, SectionKind], ...]


@lru_cache(maxsize=1)
def load_rules() -> _Rules:
    """Load and compile ``section_kinds.toml`` once."""
    raw = load_toml("section_kinds.toml")
    numbered = tuple(
        (h["rank"], re.compile(r"[ \t\u3000\xa0]*(" + h["pattern"] + r")")) for h in raw["heading"]
    )
    heading_cues = tuple(
        (cue, k["name"], i) for i, k in enumerate(raw["kind"]) for cue in k["heading"]
    )
    first_cues = tuple((cue, k["name"]) for k in raw["kind"] for cue in k["first_sentence"])
    all_cues = tuple(c for c, _, _ in heading_cues) + tuple(raw["unnumbered"]["extra_cues"])
    un = raw["unnumbered"]
    return _Rules(
        numbered=numbered,
        lead_rank=raw["lead"]["rank"],
        lead=re.compile(r"[ \t\u3000\xa0]*(" + raw["lead"]["pattern"] + ")"),
        lead_sentence_max=raw["lead"]["sentence_max_chars"],
        lead_min_siblings=raw["lead"]["sentence_min_siblings"],
        unnumbered_max=un["max_chars"],
        unnumbered_year=re.compile(un["year_pattern"]),
        unnumbered_cues=all_cues,
        forbidden=re.compile("[" + re.escape(un["forbidden_chars"]) + "]"),
        closing_opener=re.compile(r"[ \t\u3000\xa0]*" + raw["closing"]["opener"]),
        closing_cues=tuple(raw["closing"]["cues"]),
        closing_max=raw["closing"]["max_chars_to_end"],
        problem_cues=tuple(raw["problems_paragraph"]["cues"]),
        problem_window=raw["problems_paragraph"]["window"],
        target_cues=tuple(raw["targets_paragraph"]["cues"]),
        target_window=raw["targets_paragraph"]["window"],
        plan_cues=tuple(raw["plan_paragraph"]["cues"]),
        plan_window=raw["plan_paragraph"]["window"],
        heading_cues=heading_cues,
        first_cues=first_cues,
    )


# --------------------------------------------------------------------------- heading detection


def _title_of(line: str) -> str:
    """The heading part of a line: up to the first sentence end, capped."""
    m = _SENTENCE_END.search(line)
    title = line[: m.start()] if m else line
    return title[:_TITLE_MAX].rstrip()


def _numbered(line: str, rules: _Rules) -> int | None:
    for rank, pattern in rules.numbered:
        if pattern.match(line):
            return rank
    return None


def _is_unnumbered(line: str, rules: _Rules) -> bool:
    stripped = _list_heading(line.strip())
    if not stripped or len(stripped) > rules.unnumbered_max or rules.forbidden.search(stripped):
        return False
    if "政府工作报告" in stripped and not any(c in stripped for c in ("注释", "名词", "解释")):
        return False  # the document title, not a section
    if rules.unnumbered_year.search(stripped):
        return True
    return any(cue in stripped for cue in rules.unnumbered_cues)


def _list_heading(line: str) -> str:
    """"2020年成就:" -> "2020年成就": a news summary heads its lists with a short label and a
    colon; a lead-in sentence ("一年来的主要工作是:") keeps its colon and is no heading."""
    label = line.removesuffix(":")
    if label != line and len(label) <= _LIST_LABEL_MAX and not label.endswith(("是", "为", "有", "如下")):
        return label
    return line


_LIST_LABEL_MAX = 8


def _make(rank: int, start: int, line: str, source: str) -> Heading:
    lead_ws = len(line) - len(line.lstrip(" \t\u3000\xa0"))
    title = _title_of(line[lead_ws:])
    return Heading(rank, start + lead_ws, start + lead_ws + len(title), title, source)


def find_headings(text: str, body_start: int = 0, body_end: int | None = None) -> list[Heading]:
    """Numbered, unnumbered and lead headings of ``text[body_start:body_end]``, in order.

    Bold-style lead sentences and problems paragraphs are added later by :func:`build_sections`,
    which knows the section kinds.
    """
    rules = load_rules()
    end = len(text) if body_end is None else body_end
    out: list[Heading] = []
    listed_end: int | None = None  # end of the last line dropped as an item of a listed outline
    for m in _LINE.finditer(text, body_start, end):
        line = m.group()
        rank = _numbered(line, rules)
        if rank == 1 and (line.rstrip().endswith((";", ",")) or listed_end == m.start() - 1):
            # "报告分为三部分:" / "一、2019年工作回顾;" / … / "三、…。": a news item's list of the
            # report's parts, up to its last item
            listed_end = m.end() if line.rstrip().endswith((";", ",")) else None
            continue
        if rank is not None:
            out.append(_make(rank, m.start(), line, "numbered"))
        elif rules.lead.match(line):
            out.append(_make(rules.lead_rank, m.start(), line, "lead"))
        elif _is_unnumbered(line, rules):
            out.append(_make(0, m.start(), line, "unnumbered"))
    return out


def find_closing(text: str, headings: list[Heading], body_start: int, body_end: int) -> int | None:
    """Start of the final exhortation ("各位代表!…奋斗"), or None.

    It is the last paragraph opening with the salutation after the last numbered level-1/2
    heading, within ``max_chars_to_end`` of the end of the report body.
    """
    rules = load_rules()
    floor = max([h.start for h in headings if h.rank in (1, 2)] + [body_start + 1])
    appendix = [h.start for h in headings if h.rank == 0 and h.start > floor]
    stop = min(appendix + [body_end])
    found = None
    for m in _LINE.finditer(text, floor, stop):
        if rules.closing_opener.match(m.group()):
            found = m.start()
    if found is None or stop - found > rules.closing_max:
        return None
    if not any(cue in text[found:stop] for cue in rules.closing_cues):
        return None
    return found


# --------------------------------------------------------------------------- kinds


def _heading_kind(title: str, rules: _Rules) -> SectionKind | None:
    best: tuple[int, int, SectionKind] | None = None
    for cue, kind, order in rules.heading_cues:
        if cue in title and (best is None or (len(cue), -order) > (best[0], best[1])):
            best = (len(cue), -order, kind)
    return best[2] if best else None


def is_mixed_heading(title: str, rules: _Rules | None = None) -> bool:
    """A review heading that also announces the plan ("1998年工作回顾和1999年工作的总体要求"):
    it carries a review cue and a plan cue, or a review cue and two different years."""
    rules = rules or load_rules()
    cues = {kind: [c for c, k, _ in rules.heading_cues if k == kind and c in title]
            for kind in ("review", "plan_overview", "targets", "tasks")}  # fmt: skip
    if not cues["review"]:
        return False
    years = {y for y in _SINGLE_YEAR.findall(title.replace(" ", ""))}
    return len(years) >= 2 or any(cues[k] for k in ("plan_overview", "targets", "tasks"))


def _first_sentence_kind(text: str, start: int, rules: _Rules) -> SectionKind | None:
    window = text[start : start + 120]
    m = _SENTENCE_END.search(window)
    sentence = window[: m.start()] if m else window
    for cue, kind in rules.first_cues:
        if cue in sentence:
            return kind
    return None


def _year_kind(title: str, plan_year: int | None, review_year: int | None) -> SectionKind | None:
    years = {int(y) for y in _SINGLE_YEAR.findall(title.replace(" ", ""))}
    if plan_year is not None and plan_year in years:
        return "plan_overview"
    if review_year is not None and review_year in years:
        return "review"
    return None


def _inherited(parent: SectionKind | None, prev_sibling: SectionKind | None) -> SectionKind:
    if parent in _REVIEW_KINDS:
        return parent
    if parent in _PLAN_KINDS:
        return "tasks" if parent != "targets" else "targets"
    if parent in _ROOT_KINDS:
        return parent
    if prev_sibling in _REVIEW_KINDS or prev_sibling in _PLAN_KINDS:
        return "tasks"  # after the review part comes the plan (national reports number both)
    return "other"


def classify(
    heading: Heading,
    text: str,
    parent: SectionKind | None,
    prev_sibling: SectionKind | None,
    years: tuple[int | None, int | None],
) -> SectionKind:
    """The kind of one heading given its parent's and previous sibling's kinds."""
    rules = load_rules()
    if heading.source == "closing":
        return "closing"
    if heading.source in ("problems", "targets"):
        return heading.source  # type: ignore[return-value]
    if heading.source == "plan":
        return "plan_overview"
    if heading.source == "lead" or heading.rank >= rules.lead_rank:
        return _inherited(parent, None)
    kind = _heading_kind(heading.title, rules)
    if kind is not None and is_mixed_heading(heading.title, rules):
        kind = "review"  # its body opens with the review; the plan part becomes a child
    if kind is None:
        kind = _year_kind(heading.title, *years)
    if kind is None:
        kind = _first_sentence_kind(text, heading.title_end, rules)
    if kind == "plan_overview" and parent in _PLAN_KINDS:
        kind = "tasks"  # "(一)工作安排" inside the plan is a task area, not the overview
    if kind in _PLAN_KINDS and parent in _REVIEW_KINDS:
        kind = parent  # "重点工作写好五份答卷" in the review reports work done
    return kind or _inherited(parent, prev_sibling)


# --------------------------------------------------------------------------- nesting


def _lead_sentences(text: str, start: int, end: int, rank: int, rules: _Rules) -> list[Heading]:
    """Bold-style lead sentences ("建强产业生态圈。…") of the paragraphs in ``[start, end)``."""
    found = []
    for m in _LINE.finditer(text, start, end):
        line = m.group().lstrip(" \t\u3000\xa0")
        stop = line.find("。", 0, rules.lead_sentence_max + 1)
        if (
            stop > 3
            and len(line) > stop + 20
            and _CJK_START.match(line)
            and not rules.closing_opener.match(line)
            and _numbered(line, rules) is None
        ):
            found.append(_make(rank, m.start(), m.group(), "lead"))
    return found if len(found) >= rules.lead_min_siblings else []


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _problem_paragraph(
    text: str, start: int, end: int, rank: int, rules: _Rules, heading_starts: list[int]
) -> list[Heading]:
    """The paragraph of a review section that opens the problems part ("我们也清醒地看到…").

    It follows the review's last subsection, so the search starts there; the first match wins
    (later paragraphs resolve to "切实解决存在的问题").
    """
    inner = [h for h in heading_starts if start <= h < end]
    for begin in ([inner[-1]] if inner else []) + [start]:
        for m in _LINE.finditer(text, begin, end):
            if m.start() in inner:
                continue
            head = m.group()[: rules.problem_window]
            if any(cue in head for cue in rules.problem_cues):
                return [_make(rank, m.start(), m.group(), "problems")]
    return []


def _plan_paragraph(
    text: str, begin: int, end: int, rank: int, rules: _Rules, plan_year: int | None
) -> list[Heading]:
    """The paragraph of a mixed review section that opens its plan part, searched in
    ``[begin, end)`` (after the problems paragraph), as a "plan" item."""
    cues = rules.plan_cues + ((f"{plan_year}年",) if plan_year else ())
    for m in _LINE.finditer(text, begin, end):
        if m.start() == begin:
            continue
        if any(cue in m.group()[: rules.plan_window] for cue in cues):
            return [_make(rank, m.start(), m.group(), "plan")]
    return []


def _targets_paragraph(text: str, start: int, end: int, rank: int, rules: _Rules) -> list[Heading]:
    """The first paragraph of a plan overview stating the main targets, as a "targets" item."""
    for m in _LINE.finditer(text, start, end):
        if any(cue in m.group()[: rules.target_window] for cue in rules.target_cues):
            return [_make(rank, m.start(), m.group(), "targets")]
    return []


def _nest(headings: list[Heading], body_end: int) -> list[tuple[Heading, int, int, int | None]]:
    """(heading, level, end, parent index) for each heading, by rank stack."""
    result: list[list] = []
    stack: list[int] = []
    for i, h in enumerate(headings):
        while stack and headings[stack[-1]].rank >= h.rank:
            result[stack.pop()][2] = h.start
        parent = stack[-1] if stack else None
        result.append([h, len(stack) + 1, body_end, parent])
        stack.append(i)
    return [tuple(r) for r in result]  # type: ignore[misc]


def build_sections(
    text: str,
    headings: list[Heading],
    *,
    body_end: int,
    plan_year: int | None,
    review_year: int | None,
    closing: int | None = None,
) -> tuple[Section, ...]:
    """Nest headings into Sections with kinds; add lead sentences and problems paragraphs.

    ``start``/``end`` cover heading and body; a section ends where the next heading of the same or
    a higher level starts (or at ``body_end``).
    """
    rules = load_rules()
    hs = list(headings)
    if closing is not None:
        hs = [h for h in hs if h.start < closing or h.rank == 0]
        hs.append(_make(0, closing, text[closing:_line_end(text, closing)], "closing"))
        hs.sort(key=lambda h: h.start)
    sections = _first_pass(text, hs, body_end, (plan_year, review_year))
    extra = _extra_items(text, sections, hs, rules)
    extra += _mixed_plan_items(text, sections, hs, extra, rules, plan_year)
    if extra:
        hs = sorted(hs + extra, key=lambda h: h.start)
        sections = _first_pass(text, hs, body_end, (plan_year, review_year))
    return tuple(sections)


def _first_pass(
    text: str, hs: list[Heading], body_end: int, years: tuple[int | None, int | None]
) -> list[Section]:
    nested = _nest(hs, body_end)
    kinds: list[SectionKind] = []
    last_child: dict[int | None, SectionKind] = {}
    out = []
    for h, level, end, parent in nested:
        pkind = kinds[parent] if parent is not None else None
        kind = classify(h, text, pkind, last_child.get(parent), years)
        kinds.append(kind)
        last_child[parent] = kind
        out.append(Section(h.title, kind, level, h.start, end, h.title_end))
    return out


def _extra_items(
    text: str, sections: list[Section], hs: list[Heading], rules: _Rules
) -> list[Heading]:
    """Lead sentences in leaf task sections and the problems paragraph of review sections."""
    extra: list[Heading] = []
    starts = [h.start for h in hs]
    for i, s in enumerate(sections):
        nxt = starts[i + 1] if i + 1 < len(starts) else s.end
        body_start = text.find("\n", s.title_end)
        if body_start < 0 or body_start >= nxt:
            continue
        if s.kind == "tasks" and hs[i].rank < rules.lead_rank:
            leads = _lead_sentences(text, body_start, nxt, rules.lead_rank, rules)
            if s.level == 1:
                # A plan section opening with the year's targets ("一、2017年…主要任务" +
                # "2017年发展的主要预期目标是:…") before its first subsection.
                inner = [h.rank for h in hs[i + 1 :] if h.start < s.end]
                rank = min(inner) if inner else rules.lead_rank
                targets = _targets_paragraph(text, body_start, nxt, rank, rules)
                leads = [h for h in leads if h.start not in {t.start for t in targets}] + targets
            extra += leads
        elif s.kind == "plan_overview":
            inner = [h.rank for h in hs[i + 1 :] if h.start < s.end]
            rank = min(inner) if inner else rules.lead_rank
            extra += _targets_paragraph(text, body_start, nxt, rank, rules)
        elif s.kind == "review" and s.level == 1:
            # Sibling of the review's own subsections ("六、…" then "清醒地看到…").
            inner = [h.rank for h in hs[i + 1 :] if h.start < s.end]
            rank = min(inner) if inner else rules.lead_rank
            extra += _problem_paragraph(text, body_start, s.end, rank, rules, starts)
    return extra


def _mixed_plan_items(
    text: str,
    sections: list[Section],
    hs: list[Heading],
    extra: list[Heading],
    rules: _Rules,
    plan_year: int | None,
) -> list[Heading]:
    """The plan part of each level-1 mixed review section, after its problems paragraph."""
    found: list[Heading] = []
    starts = [h.start for h in hs]
    for i, s in enumerate(sections):
        if s.kind != "review" or s.level != 1 or not is_mixed_heading(hs[i].title, rules):
            continue
        inner = [h for h in hs[i + 1 :] + extra if s.start < h.start < s.end]
        problems = [h for h in inner if h.source == "problems"]
        after = problems[0] if problems else max(inner, key=lambda h: h.start, default=None)
        begin = after.start if after else _line_end(text, s.title_end)
        rank = after.rank if after else rules.lead_rank
        found += [
            h for h in _plan_paragraph(text, begin, s.end, rank, rules, plan_year)
            if h.start not in starts
        ]  # fmt: skip
    return found
