"""Tasks: the commitments of the plan, and the numbered livelihood projects (民生实事).

Granularity (what one ``Task`` is):

- In sections of kind ``tasks``, one task per sentence with an action verb. A sentence ends at
  "。", "!", "?" or ";" outside brackets and quotes (a ";" in these reports joins coordinate
  commitments, each with its own verb); a sentence of enumerated items "一是…,二是…" is split before
  each "二是", "三是"…. Sentences without an action verb ("2018年是…之年。") are not tasks.
- A paragraph's opening lead phrase ("建强产业生态圈。" — short, no comma, followed by sentences)
  is a heading, not a task: it joins the section path of the sentences after it. So do short
  numbered sub-headings the outline did not make into sections ("(一)坚定不移保持经济平稳健康发展").
- In a livelihood-project list (sections of kind ``livelihood_projects``, and lists found under a
  heading such as "温江区2023年民生实事工作目标" / "2018年惠民实事" when the outline has none), one
  task per numbered item, ``livelihood=True``; its text runs from after the number to before the
  unit annotation.

Units and deadlines: an annotation in the sentence ("(牵头单位:区交通运输局)") belongs to it; an
annotation closing a paragraph, or a line of its own ("责任单位:…"), belongs to every task since the
previous numbered item or annotation line that has none of its own. See ``departments``.

``check_type`` (cue lists in ``data/task_cues.toml``), first rule that applies:
``indicator`` a %/pp/‰ quantity after an indicator cue ("增长8%", "参保率达98%");
``output`` any other countable quantity ("新增学位5580个", "新建绿道60公里");
``policy`` a policy verb followed by a measure noun ("出台…办法", "建立…机制");
``output`` a named project with a delivery verb and no count ("开工建设金江e心智慧停车楼");
``ongoing`` otherwise (推进/加强/深化 with nothing checkable).

Outline kinds ``plan_overview`` and ``targets`` are not tasks: the first is framing, the second
holds indicator targets, which are facts. Only when the outline has no ``tasks`` section at all are
``plan_overview`` sections read for tasks (an outline that found the plan but not its parts).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from luoshi.datafiles import word_alternation
from luoshi.extract import departments as dep
from luoshi.extract.glossary import glossary_extents
from luoshi.models import CheckType, Quantity, Report, Section, Task, Text

PLAN_KINDS = frozenset({"tasks"})
LIVELIHOOD_KIND = "livelihood_projects"
_PAST_KINDS = frozenset({"review", "problems"})
PATH_SEPARATOR = " > "

_TERMINATORS = "。!?;！？；"
_OPENERS = "(“《（"
_CLOSERS = ")”》）"
_DELIMS = re.compile(r"[。!?;！？；(“《（)”》）]")
_ENUM = re.compile(r"(?<=[,，;；:：])\s*(?=[二三四五六七八九十]是)")
_ITEM_NUMBER = re.compile(
    r"[ \t\u3000]*(?:\d{1,3}[ \t]*[.、．](?!\d)|[((]\d{1,3}[))]|[①-⑳])[ \t\u3000]*"
)
_SUBHEADING = re.compile(
    r"[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}[、.]|[((][一二三四五六七八九十]{1,3}[))]|第[一二三四五六七八九十]{1,3}[,、])"
)
_CATEGORY = re.compile(r"[ \t\u3000]*[一二三四五六七八九十]{1,3}[、.．]")
# Lead phrases in the seeds are 4-14 characters ("建强产业生态圈", "构建法治良序的平安建设体系");
# 16 leaves room without swallowing real short commitments that carry a comma.
_LEAD_MAX_CHARS = 16
_SUBHEADING_MAX_CHARS = 40
_CATEGORY_MAX_CHARS = 20
_MIN_TASK_CHARS = 4
_MAX_LIST_PREAMBLE_LINES = 3


@dataclass(frozen=True, slots=True)
class _Cues:
    action: re.Pattern[str]
    output_verb: re.Pattern[str]
    indicator_cue: re.Pattern[str]
    policy: re.Pattern[str]
    indicator_units: frozenset[str]
    non_output_units: frozenset[str]
    quoted: re.Pattern[str]
    suffix: re.Pattern[str]
    name_break: re.Pattern[str]
    name_modifiers: frozenset[str]
    suffix_follow: re.Pattern[str]
    measure_words: tuple[str, ...]
    generic: tuple[str, ...]
    name_min: int
    name_max: int
    livelihood_heading: re.Pattern[str]
    closing_openers: tuple[str, ...]
    framing: re.Pattern[str]


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    data = dep.load_task_cues()
    ct, pj, hd = data["check_type"], data["projects"], data["headings"]
    verbs = ct["action_verbs"] + ct["output_verbs"] + ct["policy_verbs"]
    window = int(ct["policy_window"])
    limit = int(hd["heading_max_chars"])
    return _Cues(
        action=re.compile(word_alternation(verbs)),
        output_verb=re.compile(word_alternation(ct["output_verbs"])),
        indicator_cue=re.compile(word_alternation(ct["indicator_cues"])),
        policy=re.compile(
            rf"(?:{word_alternation(ct['policy_verbs'])})[^。;；\n]{{0,{window}}}?(?:{word_alternation(ct['policy_objects'])})"
        ),
        indicator_units=frozenset(ct["indicator_base_units"]),
        non_output_units=frozenset(ct["non_output_units"]),
        quoted=re.compile(
            rf"(“[^“”\n、,]{{2,20}}”(?:{word_alternation(pj['suffixes'])})?)|《([^《》\n]{{2,40}})》"
        ),
        suffix=re.compile(word_alternation(pj["suffixes"])),
        name_break=re.compile(
            rf"{word_alternation(pj['stop_words'] + pj['lead_verbs'])}|[^\u4e00-\u9fffA-Za-z]"
        ),
        name_modifiers=frozenset(pj["name_modifiers"]),
        # A suffix ends a name only before punctuation, a digit, the end, or a stop word or verb
        # ("…中学、", "…项目建设"), not inside a longer word ("高中学位").
        suffix_follow=re.compile(
            rf"$|[^\u4e00-\u9fff]|{word_alternation(pj['stop_words'] + pj['lead_verbs'] + pj['suffixes'])}"
        ),
        measure_words=tuple(pj["measure_words"]),
        generic=tuple(pj["generic_prefixes"]),
        name_min=int(pj["min_chars"]),
        name_max=int(pj["max_chars"]),
        livelihood_heading=re.compile(
            rf"^[ \t\u3000]*(?!\d+[.、])(?=[^\n。,;:：]{{1,{limit}}}[:：]?$)"
            rf"[^\n]*?(?:{word_alternation(hd['livelihood_keywords'])})[^\n]*$",
            re.MULTILINE,
        ),
        closing_openers=tuple(hd["closing_openers"]),
        framing=re.compile("|".join(f"(?:{p})" for p in ct["framing_patterns"])),
    )


# ---------------------------------------------------------------------------------------------
# Small text helpers


def _lines(s: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each line in ``s[start:end]``, indentation and trailing blanks trimmed."""
    pos = start
    while pos < end:
        nl = s.find("\n", pos, end)
        stop = end if nl < 0 else nl
        ls, le = pos, stop
        while ls < le and s[ls] in " \t\u3000\r":
            ls += 1
        while le > ls and s[le - 1] in " \t\u3000\r":
            le -= 1
        yield ls, le
        pos = stop + 1


def _split_sentences(s: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of ``s[start:end]``: cut after terminators outside brackets and quotes."""
    out: list[tuple[int, int]] = []
    depth = 0
    begin = start
    for m in _DELIMS.finditer(s, start, end):
        ch = m.group(0)
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append((begin, m.end()))
            begin = m.end()
    if begin < end:
        out.append((begin, end))
    return [piece for a, b in out for piece in _split_enumeration(s, a, b)]


def _split_enumeration(s: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split "一是…,二是…,三是…" before each later item."""
    head = s.find("一是", start, end)
    if head < 0:
        return [(start, end)]
    cuts = [m.start() for m in _ENUM.finditer(s, head, end)]
    bounds = [start, *cuts, end]
    return [(a, b) for a, b in pairwise(bounds) if a < b]


def _trim(s: str, start: int, end: int) -> tuple[int, int]:
    """Drop blanks and a trailing ";" or "," (the sentence text keeps "。")."""
    while start < end and s[start] in " \t\u3000\r\n":
        start += 1
    while end > start and s[end - 1] in " \t\u3000\r\n;；,，":
        end -= 1
    return start, end


# ---------------------------------------------------------------------------------------------
# Classification and projects


def _quantities_in(
    qs: Sequence[Quantity], starts: list[int], start: int, end: int
) -> tuple[Quantity, ...]:
    i = bisect.bisect_left(starts, start)
    out = []
    while i < len(qs) and qs[i].start < end:
        if qs[i].end <= end:
            out.append(qs[i])
        i += 1
    return tuple(out)


def classify(
    s: str, start: int, end: int, qs: Sequence[Quantity], projects: Sequence[str]
) -> CheckType:
    """How the task ``s[start:end]`` can be checked (rules in the module docstring)."""
    cues = _cues()
    for q in qs:
        if q.base_unit in cues.indicator_units or q.unit in cues.indicator_units:
            window = s[max(start, q.start - 15) : q.start]
            if cues.indicator_cue.search(window) or q.qualifier:
                return "indicator"
    if any(
        q.unit not in cues.non_output_units and q.base_unit not in cues.indicator_units for q in qs
    ):
        return "output"
    if cues.policy.search(s, start, end):
        return "policy"
    built = any(cues.suffix.search(p, len(p) - 4) for p in projects)  # a name, not a slogan
    if built and cues.output_verb.search(s, start, end):
        return "output"
    return "ongoing"


def _name_start(s: str, start: int, suffix_start: int, cues: _Cues) -> int:
    """Walk back from a suffix to the start of the name it ends.

    Stops after punctuation and digits, a conjunction ("和", "等"), or a verb that introduces a
    project; a modifier right before the suffix is part of the name ("迁建项目").
    """
    floor = max(start, suffix_start - cues.name_max)
    begin = floor
    for m in cues.name_break.finditer(s, floor, suffix_start):
        if m.end() == suffix_start and m.group(0) in cues.name_modifiers:
            continue
        begin = m.end()
    return begin


def find_projects(s: str, start: int, end: int) -> tuple[str, ...]:
    """Named projects in ``s[start:end]``: quoted names and names ending in a project suffix."""
    cues = _cues()
    names: list[str] = []
    for m in cues.quoted.finditer(s, start, end):
        quoted = m.group(1)
        names.append(
            quoted.strip("“”") if quoted and quoted.endswith("”") else quoted or m.group(2)
        )
    for m in cues.suffix.finditer(s, start, end):
        if not cues.suffix_follow.match(s[m.end() : min(end, m.end() + 8)]):
            continue
        b = _name_start(s, start, m.start(), cues)
        name = s[b : m.end()]
        if len(name) < cues.name_min or name.startswith(cues.generic + cues.measure_words):
            continue
        names.append(name)
    kept = [n for n in dict.fromkeys(names) if not any(n != o and n in o for o in names)]
    return tuple(kept)


# ---------------------------------------------------------------------------------------------
# Building tasks


@dataclass(slots=True)
class _Draft:
    start: int
    end: int
    path: str
    livelihood: bool = False
    lead: str | None = None
    others: tuple[str, ...] = ()
    has_units: bool = False

    def assign(self, units: dep.Units) -> None:
        if not self.has_units:
            self.lead, self.others, self.has_units = units.lead, units.others, True


@dataclass(slots=True)
class _Builder:
    s: str
    qs: Sequence[Quantity]
    q_starts: list[int] = field(default_factory=list)

    def task(self, d: _Draft) -> Task:
        qs = _quantities_in(self.qs, self.q_starts, d.start, d.end)
        projects = find_projects(self.s, d.start, d.end)
        return Task(
            text=self.s[d.start : d.end],
            lead_unit=d.lead,
            units=d.others,
            deadline=dep.find_deadline(self.s, d.start, d.end),
            quantities=qs,
            check_type=classify(self.s, d.start, d.end, qs, projects),
            section=d.path,
            start=d.start,
            end=d.end,
            livelihood=d.livelihood,
            projects=projects,
        )


def _enclosing(sections: Sequence[Section], pos: int) -> list[Section]:
    return sorted((x for x in sections if x.start <= pos < x.end), key=lambda x: (x.level, x.start))


def _path(*parts: str | None) -> str:
    return PATH_SEPARATOR.join(p.strip() for p in parts if p and p.strip())


def _overlaps(ranges: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in ranges)


def _strip_annotation(s: str, start: int, end: int) -> tuple[int, int, dep.Units | None]:
    """Cut a unit annotation closing ``s[start:end]`` off the text; return it separately."""
    annotations = dep.find_unit_annotations(s, start, end)
    if annotations:
        last = annotations[-1]
        tail = s[last.end : end].strip(" \t。;；")
        if not tail:
            a, b = _trim(s, start, last.start)
            return a, b, last.units
        return start, end, annotations[0].units
    bare = dep.trailing_units(s, start, end)
    if bare is not None:
        a, b = _trim(s, start, bare.start)
        return a, b, bare.units
    return start, end, None


# --- livelihood lists -------------------------------------------------------------------------


def _livelihood_bodies(s: str, report: Report) -> list[tuple[int, int, str]]:
    bodies = []
    for sec in report.sections:
        if sec.kind == LIVELIHOOD_KIND:
            titles = [x.title for x in _enclosing(report.sections, sec.start)]
            bodies.append((sec.title_end, sec.end, _path(*titles)))
    for m in _cues().livelihood_heading.finditer(s):
        # A list under the review reports last year's projects; it is not a commitment.
        if _innermost_kind(_enclosing(report.sections, m.start())) in _PAST_KINDS:
            continue
        bodies.append((m.end(), len(s), _path(s[m.start() : m.end()])))
    return bodies


def _scan_items(s: str, start: int, end: int, path: str) -> tuple[list[_Draft], int]:
    """Numbered items of one list body; returns the drafts and where the list ended."""
    drafts: list[_Draft] = []
    category: str | None = None
    gap, preamble, list_end = False, 0, start
    for ls, le in _lines(s, start, end):
        if ls == le:
            gap = True
            continue
        number = _ITEM_NUMBER.match(s, ls, le)
        units = dep.unit_line(s[ls:le])
        if number is not None and number.end() < le:
            drafts.append(_Draft(number.end(), le, _path(path, category), livelihood=True))
        elif units is not None and drafts:
            drafts[-1].assign(units)
        elif _CATEGORY.match(s, ls, le) and le - ls <= _CATEGORY_MAX_CHARS and "。" not in s[ls:le]:
            category = s[ls:le]
        elif drafts and not gap and s[drafts[-1].end - 1] not in "。)":
            drafts[-1].end = le
        elif drafts:
            break
        else:
            preamble += 1
            if preamble > _MAX_LIST_PREAMBLE_LINES:
                break
        gap = False
        list_end = le
    return drafts, list_end


def _livelihood_drafts(s: str, report: Report) -> tuple[list[_Draft], list[tuple[int, int]]]:
    seen: dict[int, _Draft] = {}
    covered: list[tuple[int, int]] = []
    for start, end, path in _livelihood_bodies(s, report):
        drafts, list_end = _scan_items(s, start, end, path)
        if not drafts:
            continue
        covered.append((start, list_end))
        for d in drafts:
            seen.setdefault(d.start, d)
    out = []
    for d in (seen[k] for k in sorted(seen)):
        a, b, units = _strip_annotation(s, d.start, d.end)
        d.start, d.end = a, b
        if units is not None:
            d.assign(units)
        out.append(d)
    return out, covered


# --- plan sentences ---------------------------------------------------------------------------


@dataclass(slots=True)
class _PlanState:
    section_key: tuple[int, ...] = ()
    subheading: str | None = None
    lead: str | None = None
    pending: list[_Draft] = field(default_factory=list)


def _is_lead(s: str, start: int, end: int) -> bool:
    """A short comma-free sentence ending "。" ("建强产业生态圈。")."""
    body = s[start:end].rstrip("。")
    return (
        s[end - 1 : end] == "。"
        and 2 <= len(body) <= _LEAD_MAX_CHARS
        and not any(c in body for c in ",，;；:：")
    )


def _plan_line(s: str, ls: int, le: int, path: str, st: _PlanState) -> list[_Draft]:
    """Tasks of one paragraph of a plan section (updates lead phrase and pending units)."""
    number = _ITEM_NUMBER.match(s, ls, le)
    if number is not None:
        st.pending = []
        ls = number.end()
    drafts: list[_Draft] = []
    sentences = _split_sentences(s, ls, le)
    for idx, (a, b) in enumerate(sentences):
        a, b = _trim(s, a, b)
        if a >= b:
            continue
        if idx == 0 and _is_lead(s, a, b) and number is None:
            st.lead = s[a : b - 1]
            continue
        a2, b2, units = _strip_annotation(s, a, b)
        if (
            b2 - a2 < _MIN_TASK_CHARS
            or s[b2 - 1] in ":："  # "今年…的主要预期目标是:" introduces a list
            or not _cues().action.search(s, a2, b2)
            or _cues().framing.search(s[a2:b2])
        ):
            if units is not None:
                # An annotation standing alone after the paragraph's last sentence covers the
                # paragraph; after a middle sentence, only that sentence.
                targets = drafts if idx == len(sentences) - 1 else drafts[-1:]
                for d in targets or st.pending:
                    d.assign(units)
            continue
        d = _Draft(a2, b2, _path(path, st.subheading, st.lead))
        if units is not None:
            d.assign(units)
        drafts.append(d)
    st.pending.extend(drafts)
    return drafts


def _plan_drafts(s: str, report: Report, skip: Sequence[tuple[int, int]]) -> list[_Draft]:
    sections = sorted(report.sections, key=lambda x: (x.start, x.level))
    kinds = _plan_kinds(sections)
    plan = [x for x in sections if x.kind in kinds]
    if not plan:
        return []
    drafts: list[_Draft] = []
    st = _PlanState()
    for ls, le in _lines(s, min(x.start for x in plan), max(x.end for x in plan)):
        if ls == le or _overlaps(skip, ls, le):
            continue
        chain = _enclosing(sections, ls)
        if chain:
            drafts.extend(_plan_paragraph(s, ls, le, chain, st, kinds))
    return drafts


def _plan_kinds(sections: Sequence[Section]) -> frozenset[str]:
    """``tasks``; or, when the outline found the plan but no task sections in it, ``plan_overview``."""
    if any(x.kind in PLAN_KINDS for x in sections):
        return PLAN_KINDS
    return frozenset({"plan_overview"})


def _innermost_kind(chain: Sequence[Section]) -> str:
    for sec in reversed(chain):
        if sec.kind != "other":
            return sec.kind
    return "other"


def _plan_paragraph(
    s: str, ls: int, le: int, chain: Sequence[Section], st: _PlanState, kinds: frozenset[str]
) -> list[_Draft]:
    key = tuple(x.start for x in chain)
    if key != st.section_key:
        st.section_key, st.subheading, st.lead, st.pending = key, None, None, []
    heading_end = max((x.title_end for x in chain if x.start <= ls < x.title_end), default=ls)
    if heading_end >= le:
        return []  # a heading line
    ls = _trim(s, heading_end, le)[0]  # a run-in heading ("建强产业生态圈。围绕…") keeps its body
    if s.startswith(_cues().closing_openers, ls):
        return []  # the closing exhortation ("各位代表,…") when the outline left it in the plan
    if _innermost_kind(chain) not in kinds:
        return []
    units = dep.unit_line(s[ls:le])
    if units is not None:
        for d in st.pending:
            d.assign(units)
        st.pending = []
        return []
    line = s[ls:le]
    if _SUBHEADING.match(line) and len(line) <= _SUBHEADING_MAX_CHARS and "。" not in line:
        st.subheading, st.lead, st.pending = line, None, []
        return []
    return _plan_line(s, ls, le, _path(*(x.title for x in chain)), st)


def extract_tasks(text: Text, report: Report, quantities: Sequence[Quantity]) -> list[Task]:
    """Every commitment of the plan and every livelihood project, in text order.

    ``quantities`` are the document's quantities (any order); each task carries those inside its
    span. Offsets are into ``text.text`` and ``text.text[t.start:t.end] == t.text``.
    """
    s = text.text
    qs = sorted(quantities, key=lambda q: (q.start, q.end))
    builder = _Builder(s, qs, [q.start for q in qs])
    livelihood, covered = _livelihood_drafts(s, report)
    skip = covered + glossary_extents(text, report)
    drafts = livelihood + _plan_drafts(s, report, skip)
    drafts.sort(key=lambda d: d.start)
    return [builder.task(d) for d in drafts if d.end > d.start]  # "1.(牵头单位:…)" alone names no task
