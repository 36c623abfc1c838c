"""Self-assessments: the report's own verdict on past targets.

"全面完成了区七届人大一次会议确定的年度目标任务" (met), "主要经济指标全面完成" (met),
"地区生产总值增幅未达到9%的预期目标" (missed, gdp), "节能减排、物价调控目标没有完成" (missed).
Two word orders are read, verb-object ("完成了…目标任务") and object-verb ("目标任务全面完成"),
inside one clause; verbs after a commitment word ("确保全面完成…") and verdicts in plan sections
are commitments, not verdicts. Cue words live in ``luoshi/data/fact_cues.toml`` ([selfassess]).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from luoshi.datafiles import word_alternation
from luoshi.extract.facts import _STATED_YEAR, load_cues, report_years
from luoshi.extract.ontology import Ontology
from luoshi.models import Report, Section, SelfAssessment, Text

_YEAR = _STATED_YEAR  # not a base: "比2010年", "由2010年的", "是2010年的5.49倍"
# "要" inside a word ("主要目标任务圆满完成") is no commitment.
_NOT_COMMITMENT = frozenset("主重纲摘需只")
# "主要经济指标高于全省平均增长速度": a comparison with another region, not with a target.
# A paragraph about a whole term ("“十三五”时期是…极不平凡的五年。…全面完成各项目标任务").
_SESSION = re.compile(r"[一二三四五六七八九十\d]次(?:会议|全会)")
_TERM = re.compile(r"(?:的|这|过去|过去的)[四五]年|[四五]年来|[四五]年间|本届以来")
_OTHER_REGION = re.compile(r"全[国省市区县州盟旗]|[省市]平均|国家平均|平均水平")
# Objects that make a verdict one on the targets as a whole ("全面完成…各项目标任务"), never on
# the figure of the clause before it.
_OVERALL = re.compile(r"任务|各项|主要|指标|五”|规划|会议确定|会议提出")
_ALL = re.compile(r"[均都]")
_EXHORTATION = re.compile(r"让我们|我们要|要以|必须")
# "完成…规划目标的关键一年" names an aim; "完成…规划的主要目标和任务" goes on with the object.
_ATTRIBUTIVE = re.compile(
    r"(?:目标|任务)*(?:的(?!(?:主要|各项|预期)?(?:目标|任务|指标))|艰巨|繁重|很重|十分艰巨|\d+(?:[项件批]|个(?!百分点)))"
)  # "…任务艰巨": a burden ahead; "完成市区级年度任务200项": a count of tasks done
_CLAUSE_BREAK = "。;!?\n,:"
_VERDICT_SECTIONS = frozenset({"review", "problems", "other"})
_MAX_GAP = 40  # characters between verb and object: "完成了区七届人大一次会议确定的年度目标任务"


@dataclass(frozen=True, slots=True)
class _Patterns:
    verb_object: re.Pattern[str]
    object_verb: re.Pattern[str]
    missed: frozenset[str]
    directional: frozenset[str]
    commitment: re.Pattern[str]
    multi_year: re.Pattern[str]
    plan_reached: re.Pattern[str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    raw = load_cues().raw_selfassess
    met, missed = word_alternation(raw["met"]), word_alternation(raw["missed"])
    objects, missed_objects = raw["objects"], raw["missed_objects"]
    gap = rf"[^。;!?\n,:]{{0,{_MAX_GAP}}}?"
    verb_object = (
        rf"(?P<mv>{missed})了?{gap}(?P<mo>{missed_objects})"
        rf"|(?P<v>{met})了?{gap}(?P<o>{objects})"
    )
    object_verb = (
        rf"(?P<o>{objects})(?:均|都|已|已经|全部)?(?P<v>{met})"
        # "比“十五”计划目标3000亿元超过1070亿元": the outcome beat the target by a margin
        rf"|(?P<o2>{objects})[^。;!?\n,:]{{0,12}}?(?P<v2>超过|超额|超出|高出)"
        rf"|(?P<mo>{missed_objects}){raw['missed_gap']}(?P<mv>{missed})"
    )
    return _Patterns(
        re.compile(verb_object),
        re.compile(object_verb),
        frozenset(raw["missed"]),
        frozenset(raw["directional"]),
        re.compile(word_alternation(raw["commitment"])),
        re.compile(raw["multi_year"]),
        re.compile(raw["plan_reached"]),
    )


def extract_self_assessments(text: Text, report: Report, ontology: Ontology) -> list[SelfAssessment]:
    """Verdicts the report gives on its own past targets, in text order.

    ``indicator`` is the ontology key named in the clause before the verdict (None for all
    targets; one verdict per indicator when several are listed); ``year`` is the year the verdict
    is about (the review year unless the clause names one; None for a whole term or five-year
    plan). ``text.text[start:end] == text``.
    """
    s, pats = text.text, _patterns()
    found: list[SelfAssessment] = []
    spans: list[tuple[int, int]] = []
    for pattern, verb_first in ((pats.verb_object, True), (pats.object_verb, False)):
        for m in pattern.finditer(s):
            items = _assessments(s, m, verb_first, report, ontology, pats)
            if items and not any(items[0].end > a and b > m.start() for a, b in spans):
                spans.append((m.start(), m.end()))
                found.extend(items)
    found.extend(_plans_reached(s, report, ontology, pats, spans))
    return sorted(found, key=lambda x: (x.start, x.indicator or ""))


def _plans_reached(
    s: str, report: Report, ontology: Ontology, pats: _Patterns, taken: list[tuple[int, int]]
) -> list[SelfAssessment]:
    """"地区生产总值142亿元,完成年度计划的101.43%": met from 100%, for the indicators of the clause
    ("规模以上工业增加值、利税分别完成年度计划的102.04%…" judges each one named)."""
    found: list[SelfAssessment] = []
    for m in pats.plan_reached.finditer(s):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if _section_kind(report.sections, m.start()) not in _VERDICT_SECTIONS:
            continue
        sentence_start = _start_after(s, m.start(), "。;!?\n")
        mentions = ontology.find(s, sentence_start, m.start())
        if not mentions:
            continue
        if "分别" not in s[mentions[-1].start : m.start()]:
            mentions = mentions[-1:]
        verdict = "met" if float(m.group("pct")) >= 100 else "missed"
        year = _year(s, sentence_start, sentence_start, m.end(), report, pats)
        found.extend(
            SelfAssessment(m.group(), verdict, key, year, m.start(), m.end())  # type: ignore[arg-type]
            for key in dict.fromkeys(x.key for x in mentions)
        )
    return found


def _assessments(
    s: str, m: re.Match[str], verb_first: bool, report: Report, ontology: Ontology, pats: _Patterns
) -> list[SelfAssessment]:
    missed = m.group("mv") is not None
    met_group = "v2" if m.groupdict().get("v2") else "v"
    verb = m.group("mv") or m.group(met_group)
    verb_start = m.start("mv") if missed else m.start(met_group)
    clause_start = _start_after(s, m.start(), _CLAUSE_BREAK)
    subject_start = _strip_enumerator(s, clause_start, m.start())
    if _section_kind(report.sections, m.start()) not in _VERDICT_SECTIONS:
        return []
    if verb_first and _ATTRIBUTIVE.match(s, m.end()):
        return []  # "也是完成“十四五”规划目标的关键一年": the aim named, not judged
    paragraph = s.rfind("\n", 0, m.start()) + 1
    if _EXHORTATION.search(s, _start_after(s, m.start(), "。!?\n"), m.start()):
        return []  # "让我们…,高质量完成“十四五”规划目标任务": a call, not a verdict
    if load_cues().target_list_opener.search(s, paragraph, m.start()):
        return []  # "主要预期目标:…增长9%,…全面完成省市下达的各项目标任务": a target
    if any(
        c.group() != "要" or s[c.start() - 1] not in _NOT_COMMITMENT
        for c in pats.commitment.finditer(s, subject_start, verb_start if verb_first else m.start())
    ):
        return []
    if verb in ("高于", "超过", "超出", "高出") and _OTHER_REGION.match(s, verb_start + len(verb)):
        return []
    mentions = ontology.find(s, clause_start, verb_start)
    if verb_first:  # "没有实现年初确定的单位国内生产总值能耗降低4%左右…的目标"
        mentions += ontology.find(s, verb_start + len(verb), m.start("mo" if missed else "o"))
    bare = not s[subject_start:verb_start].strip() and not _OVERALL.search(m.group())
    if not mentions and (verb in pats.directional or verb == "超额" or verb.startswith("提前") or bare):
        # "…增长20.4%,高于年初人代会18%的目标", "规模以上工业增加值增长6%,未达到预期", "…达2085亿元,
        # 提前实现“十二五”规划目标": the metric of
        # the clause before, in the same sentence
        sentence_start = _start_after(s, m.start(), "。;!?\n")
        mentions = ontology.find(s, sentence_start, verb_start)
        if not _ALL.match(s, subject_start):
            mentions = mentions[-1:]  # "均超出预期目标" judges every figure of the sentence
    keys: list[str | None] = list(dict.fromkeys(x.key for x in mentions))
    if mentions:
        start = mentions[0].start
    else:
        start = m.start() if verb_first else subject_start
    end = m.end() + 2 if s.startswith("任务", m.end()) else m.end()  # "…目标" + "任务"
    sentence_start = _start_after(s, m.start(), "。!?\n")
    session = _SESSION.search(s, clause_start, end)  # "市十届人大五次会议确定的…": that year's
    year = None if not session and _in_term_section(s, report.sections, m.start(), pats) else (
        _year(s, min(clause_start, start), sentence_start, end, report, pats)
    )
    quote = s[start:end]
    return [
        SelfAssessment(quote, _verdict(missed, verb, key, ontology, pats), key, year, start, end)  # type: ignore[arg-type]
        for key in (keys or [None])
    ]


def _start_after(s: str, pos: int, marks: str) -> int:
    """Start of the stretch before ``pos`` that none of ``marks`` ends (a clause, a sentence)."""
    return max(s.rfind(ch, 0, pos) for ch in marks) + 1


def _verdict(missed: bool, verb: str, key: str | None, ontology: Ontology, pats: _Patterns) -> str:
    """"met"/"missed"; a comparison verb ("低于", "高于") turns round for an indicator where
    less is better (a price rise, an unemployment rate, energy use)."""
    if verb in pats.directional and key is not None:
        indicator = ontology.get(key)
        if indicator is not None and not indicator.higher_is_better:
            missed = not missed
    return "missed" if missed else "met"


def _strip_enumerator(s: str, clause_start: int, pos: int) -> int:
    """Start of the subject before an object-verb verdict, without "一是" and the like."""
    head = s[clause_start:pos]
    for marker in ("是", "、", ")", "."):
        cut = head.find(marker)
        if 0 <= cut <= 2:
            return clause_start + cut + 1
    return clause_start


def _year(
    s: str, start: int, sentence_start: int, end: int, report: Report, pats: _Patterns
) -> int | None:
    """The year judged: None for a term or plan named in the clause; else the last year the
    sentence names up to the verdict ("2015年,…;全面完成…各项目标任务"), else the review year
    (read from the text when the parse has none)."""
    if pats.multi_year.search(s, start, end):
        return None
    paragraph = s.rfind("\n", 0, sentence_start) + 1
    stated = list(_YEAR.finditer(s, sentence_start, end))
    if stated and s.startswith("以来", stated[-1].end()):
        return None  # "2013年以来,…较好地实现了…目标任务": the years since
    if not stated and _TERM.search(s, paragraph, end):
        return None  # "“十三五”时期是…的五年。…全面完成各项目标任务": the term
    # "2012年,是…的一年。…圆满完成了各项目标任务": the year the paragraph opened with
    years = [int(m.group(1)) for m in stated or _YEAR.finditer(s, paragraph, end)]
    review = report_years(s, report)[0]
    ok = [y for y in years if review is None or y <= review]
    return ok[-1] if ok else review


def _in_term_section(s: str, sections: tuple[Section, ...], pos: int, pats: _Patterns) -> bool:
    """Whether the deepest titled section holding ``pos`` reviews a term or plan ("一、本届政府工作
    回顾", "“十二五”时期回顾"): its verdicts judge the term, not one year."""
    holding = [sec for sec in sections if sec.start <= pos < sec.end and sec.title_end <= pos]
    if not holding:
        return False
    title = (holding[-1].start, holding[-1].title_end)
    return pats.multi_year.search(s, *title) is not None and not _YEAR.search(s, *title)


def _section_kind(sections: tuple[Section, ...], pos: int) -> str:
    best, level = "other", 0
    for sec in sections:
        if sec.start > pos:
            break
        if sec.start <= pos < sec.end and sec.kind != "other" and sec.level >= level:
            best, level = sec.kind, sec.level
    return best
