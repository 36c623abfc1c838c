"""Indicator facts: each quantity attached to the indicator of the clause it sits in.

One pass over the sentences that hold quantities. In each sentence (split on 。 ; ! ? and line
breaks) the clauses (split on , and :) are walked left to right; a quantity takes the nearest
indicator mention before it in its clause, else the metric of the previous quantity in the clause
("地区生产总值972.4亿元、同比增长8%"), else a noun phrase of its own, else the metric carried from
the previous clause ("…972.4亿元,同比增长8%"). "分别" distributes quantities over coordinated
metrics ("城、乡居民人均可支配收入分别增长8%、9%"). The words between the metric and the number
give the measure (level / growth / change_pp / share / ratio / multiple, negative after 下降),
tier (力争 / 确保) and basis (同比 …); the section and cue words give the kind (outcome / target)
and the year or multi-year period.

Cue words are data (``luoshi/data/fact_cues.toml``), compiled once.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from luoshi.datafiles import load_toml, word_alternation
from luoshi.extract.ontology import IndicatorMatch, Ontology
from luoshi.models import Fact, FactKind, Quantity, Report, Section, Text
from luoshi.parse.metadata import dateline_year, plan_start

_SENTENCE_END = re.compile(r"[。;!?\n]")
_CLAUSE_END = re.compile(r"[,:]")
_YEAR = re.compile(r"(?<![\d比较与同])(?<!是(?=\d{4}年的))((?:19|20)\d{2})年(?!\d{1,2}月|代)")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_DUE = re.compile(r"的?(?:预期|预定|年度)?目标")

# Units that are dates, ordinals or durations, never an indicator value.
_SKIP_UNITS = frozenset({"年", "月", "日", "号", "届", "时", "分", "秒", "周", "世纪", "期"})
_PERCENT_UNITS = frozenset({"%", "‰", "百分点", "个百分点", "pp"})
_TARGET_SECTIONS = frozenset({"targets", "plan_overview", "tasks", "livelihood_projects"})
_OUTCOME_SECTIONS = frozenset({"review", "problems"})
_SKIP_SECTIONS = frozenset({"glossary"})
_COMPARATORS = frozenset("比较与同")
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass(frozen=True, slots=True)
class Cues:
    """Compiled cue patterns (see fact_cues.toml)."""

    target: re.Pattern[str]
    outcome: re.Pattern[str]
    target_strong: re.Pattern[str]
    outcome_strong: re.Pattern[str]
    retrospect: re.Pattern[str]
    level_reached: re.Pattern[str]
    region_share: re.Pattern[str]
    plan_share: re.Pattern[str]
    series: dict[str, tuple[str, ...]]
    series_names: re.Pattern[str]
    threshold_after_exact: re.Pattern[str]
    margin_over: re.Pattern[str]
    ditto_base: re.Pattern[str]
    exact_after_threshold: re.Pattern[str]
    decline_nouns: frozenset[str]
    cumulative: re.Pattern[str]
    plan_year: re.Pattern[str]
    multi_year_total: re.Pattern[str]
    foreign_head: re.Pattern[str]
    successive: re.Pattern[str]
    target_list_opener: re.Pattern[str]
    growth_after: re.Pattern[str]
    year_commits: re.Pattern[str]
    tier: re.Pattern[str]
    basis: re.Pattern[str]
    basis_labels: dict[str, str]
    growth: re.Pattern[str]
    negative: frozenset[str]
    to_level: tuple[str, ...]
    share: re.Pattern[str]
    filler_head: re.Pattern[str]
    filler_tail: re.Pattern[str]
    metric_head: re.Pattern[str]
    rate_nouns: re.Pattern[str]
    five_year_plan: re.Pattern[str]
    past_years: re.Pattern[str]
    future_years: re.Pattern[str]
    comparator: re.Pattern[str]
    previous_year: re.Pattern[str]
    from_to: re.Pattern[str]
    relative_year: re.Pattern[str]
    base_before: re.Pattern[str]
    base_after: re.Pattern[str]
    annual_average: re.Pattern[str]
    explicit_span: re.Pattern[str]
    nonnumeric: re.Pattern[str]
    fits: dict[str, frozenset[str]]  # indicator unit family -> quantity unit families
    base_family: dict[str, str]  # quantity base unit -> its family
    raw_selfassess: dict  # [selfassess] words, compiled by luoshi.extract.selfassess
    share_of_gdp: dict[str, str]  # indicator -> the indicator that is its share of GDP
    sub_aggregate: re.Pattern[str]
    clause_years: re.Pattern[str]
    consecutive: re.Pattern[str]
    quoted_target: re.Pattern[str]
    target_before: re.Pattern[str]
    margin: re.Pattern[str]
    other_region: re.Pattern[str]
    term: re.Pattern[str]
    term_years: int
    over_target: re.Pattern[str]
    per_year_list: re.Pattern[str]


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """The shipped cue words, compiled once."""
    raw = load_toml("fact_cues.toml")
    words, multi = raw["words"], raw["multi_year"]
    filler = word_alternation(words["filler"])
    return Cues(
        target=re.compile(word_alternation(raw["target"])),
        # "财政收入增长保持上年水平" sets a target by last year's level: no outcome cue
        outcome=re.compile(f"(?:{word_alternation(raw['outcome'])})(?!水平|持平)"),
        target_strong=re.compile(word_alternation(raw["target_strong"])),
        outcome_strong=re.compile(f"(?:{word_alternation(raw['outcome_strong'])})(?!水平|持平)"),
        retrospect=re.compile(word_alternation(raw["retrospect"])),
        level_reached=re.compile(multi["level_reached"]),
        region_share=re.compile(multi["region_share"]),
        plan_share=re.compile(multi["plan_share"]),
        series={name: tuple(keys) for name, keys in raw["series"].items()},
        series_names=re.compile(f"(?:{word_alternation(raw['series'])})(?=[^,;。]{{0,4}}分别)"),
        threshold_after_exact=re.compile(multi["threshold_after_exact"]),
        margin_over=re.compile(multi["margin_over"]),
        ditto_base=re.compile(multi["ditto_base"]),
        exact_after_threshold=re.compile(multi["exact_after_threshold"]),
        decline_nouns=frozenset(raw["decline_nouns"]),
        cumulative=re.compile(multi["cumulative"]),
        plan_year=re.compile(multi["plan_year"]),
        multi_year_total=re.compile(multi["multi_year_total"]),
        foreign_head=re.compile(f"的?(?:{word_alternation(words['foreign_heads'])})"),
        successive=re.compile(multi["successive"]),
        target_list_opener=re.compile(multi["target_list_opener"]),
        growth_after=re.compile(multi["growth_after"]),
        year_commits=re.compile(multi["year_commits"]),
        tier=re.compile(word_alternation(raw["tier"])),
        basis=re.compile(word_alternation(list(raw["basis"]))),
        basis_labels=dict(raw["basis"]),
        growth=re.compile(f"({word_alternation(words['growth'])})({word_alternation(words['to_level'])})?"),
        negative=frozenset(words["negative"]),
        to_level=tuple(words["to_level"]),
        share=re.compile(word_alternation(words["share"])),
        filler_head=re.compile(rf"^(?:(?:19|20)\d{{2}}年|{filler})+"),
        filler_tail=re.compile(rf"(?:{filler})+$"),
        metric_head=re.compile(f"(?:{word_alternation(words['metric_heads'])})$"),
        rate_nouns=re.compile(word_alternation(raw["rate_nouns"])),
        five_year_plan=re.compile(multi["five_year_plan"]),
        past_years=re.compile(multi["past_years"]),
        future_years=re.compile(multi["future_years"]),
        comparator=re.compile(multi["comparator"]),
        previous_year=re.compile(f"(?:{multi['previous_year']})$"),
        from_to=re.compile(multi["from_to"]),
        relative_year=re.compile(multi["relative_year"]),
        base_before=re.compile(f"(?:{multi['base_before']})$"),
        base_after=re.compile(multi["base_after"]),
        annual_average=re.compile(multi["annual_average"]),
        explicit_span=re.compile(multi["explicit_span"]),
        nonnumeric=re.compile(raw["nonnumeric"]),
        fits={k: frozenset(v) for k, v in raw["unit_families"].items()},
        base_family=_base_families(),
        raw_selfassess=raw["selfassess"],
        share_of_gdp=dict(raw["share_of_gdp"]),
        sub_aggregate=re.compile(f"(?:{word_alternation(words['sub_aggregate'])})的?$"),
        clause_years=re.compile(multi["clause_years"]),
        consecutive=re.compile(multi["consecutive"]),
        quoted_target=re.compile(multi["quoted_target"]),
        target_before=re.compile(multi["target_before"]),
        margin=re.compile(multi["margin"]),
        other_region=re.compile(multi["other_region"]),
        term=re.compile(multi["term"]),
        term_years=int(multi["term_years"]),
        over_target=re.compile(multi["over_target"]),
        per_year_list=re.compile(multi["per_year_list"]),
    )


def _base_families() -> dict[str, str]:
    from luoshi.extract.quantities import load_units

    families = {u.base: u.family for u in load_units().units.values()}
    families[""] = ""
    return families


@dataclass(frozen=True, slots=True)
class _Metric:
    """What a quantity is about: an ontology key (or None) and the words as written."""

    key: str | None
    written: str
    start: int


@dataclass(frozen=True, slots=True)
class _Context:
    text: str
    report: Report
    ontology: Ontology
    cues: Cues
    sections: tuple[Section, ...]
    review: int | None  # the report's review year, inferred when the parse gives none
    plan: int | None


def extract_facts(
    text: Text, report: Report, quantities: Sequence[Quantity], ontology: Ontology
) -> list[Fact]:
    """Indicator facts of a report, in text order.

    Each fact's ``quote == text.text[start:end]`` and runs from the metric as written to the end
    of the quantity (from the clause start for a metric carried from an earlier clause).
    ``quantities`` are those found in ``text.text`` (any order). Input is not modified.
    """
    s = text.text
    review, plan = report_years(s, report)
    ctx = _Context(s, report, ontology, load_cues(), tuple(report.sections), review, plan)
    ends = [m.start() for m in _SENTENCE_END.finditer(s)]
    groups: dict[int, list[Quantity]] = {}
    for q in sorted(quantities, key=lambda q: q.start):
        if _is_candidate(s, q):
            groups.setdefault(bisect.bisect_left(ends, q.start), []).append(q)
    facts: list[Fact] = []
    for index in sorted(groups):
        start = ends[index - 1] + 1 if index > 0 else 0
        end = ends[index] if index < len(ends) else len(s)
        facts.extend(_sentence_facts(ctx, start, end, groups[index]))
    facts.extend(_nonnumeric_facts(ctx, ends, set(groups)))
    facts.sort(key=lambda f: (f.start, f.end))
    return _restated_targets(ctx, _without_passed_thresholds(ctx, facts))


def _restated_targets(ctx: _Context, facts: list[Fact]) -> list[Fact]:
    """Facts with a target's restatement made the target again: "今年经济增长目标确定为9.5%左右,
    …实现9.5%左右的增长,必须付出艰苦努力" repeats the target a paragraph later, it reports nothing.
    An outcome restates a target when indicator, measure, value and qualifier agree, the target
    came at most two paragraphs before, and the outcome's own sentence names no year."""
    s = ctx.text
    out = list(facts)
    targets: dict[tuple[object, ...], Fact] = {}  # the last target of each figure so far
    for i, f in enumerate(out):
        key = (f.indicator, f.measure, f.value, f.value_high, f.unit, f.qualifier)
        if f.kind == "target":
            targets[key] = f
            continue
        if f.indicator is None or f.value is None or (same := targets.get(key)) is None:
            continue
        floor = _paragraph_start(s, _paragraph_start(s, _paragraph_start(s, f.start) - 1) - 1)
        if same.start >= floor and not _YEAR.search(s, _full_sentence_start(s, f.start), f.end):
            out[i] = dataclasses.replace(
                f, kind="target", tier=same.tier, period_year=same.period_year, period=same.period
            )
    return out


def _paragraph_start(s: str, pos: int) -> int:
    return s.rfind("\n", 0, max(0, pos)) + 1


def _without_passed_thresholds(ctx: _Context, facts: list[Fact]) -> list[Fact]:
    """Facts without a round threshold the next fact gives the exact level of ("突破2000亿元,
    达到2085亿元" is one level, 2085亿元)."""
    by_end = sorted(facts, key=lambda f: f.end)
    dropped = set()
    for a, b in itertools.pairwise(by_end):
        same = a.measure == b.measure == "level" and a.indicator is not None and (
            (a.indicator, a.kind, a.period_year, a.period) == (b.indicator, b.kind, b.period_year, b.period)
        )
        between = ctx.text[a.end : b.end]
        if same and a.qualifier == "above" and ctx.cues.exact_after_threshold.match(between):
            dropped.add(id(a))
        elif (
            a.measure == b.measure == "level" and a.indicator is not None and a.indicator == b.indicator
            and a.period_year == b.period_year and a.qualifier is None
            and ctx.cues.threshold_after_exact.match(between)
        ):  # fmt: skip
            dropped.add(id(b))  # "1075亿元,跨过千亿目标": the goal passed, whatever its cue words
    return [f for f in facts if id(f) not in dropped]


# A year the text reports on, not the base of a comparison or of a change ("由2000年的…").
_STATED_YEAR = re.compile(r"(?<![\d比较与同由从])(?<!是(?=\d{4}年的))((?:19|20)\d{2})年(?!\d{1,2}月|代)")
_REVIEW_HEADING = re.compile(r"((?:19|20)\d{2})年(?:主要)?工作(?:的)?回顾")


def report_years(s: str, report: Report) -> tuple[int | None, int | None]:
    """(review year, plan year): the parse's, else read from the text.

    A report reviews one year and plans the next, so one known year gives the other. With
    neither, a heading "1998年工作回顾" names the review year, a plan phrase ("做好2017年政府工作",
    "2017年…主要预期目标是") the plan year, then a year opening a commitment or a news dateline
    (``_planned_year``); else the review year is the year the opening third
    of the report writes most often (its account of last year), ties to the later year.
    Comparison and change bases ("比1980年", "由2000年的") do not count.
    """
    review, plan = report.review_year, report.plan_year
    if review is not None and plan is not None:
        return review, plan
    if plan is not None:
        return plan - 1, plan
    if review is not None:
        return review, review + 1
    m = _REVIEW_HEADING.search(s, 0, len(s) // 2)
    if m:
        year = int(m.group(1))
        return year, year + 1
    p = load_cues().plan_year.search(s, 0, len(s) // 2)
    if p:
        year = int(next(g for g in p.groups() if g))
        return year - 1, year
    planned = _planned_year(s)
    if planned is not None:
        return planned - 1, planned
    counts: dict[int, int] = {}
    for y in _STATED_YEAR.findall(s, 0, len(s) // 3):
        counts[int(y)] = counts.get(int(y), 0) + 1
    if not counts:
        return None, None
    year = max(counts, key=lambda y: (counts[y], y))
    return year, year + 1


def _planned_year(s: str) -> int | None:
    """The plan year a news item gives away when no heading or plan phrase does: a year that
    opens a commitment, else the dateline's year (the year after for a late-year date: reports
    are delivered between December and March)."""
    half = len(s) // 2
    m = load_cues().year_commits.search(s, 0, half)
    if m:
        return int(m.group(1))
    dated = dateline_year(s, half)  # the parse's rule, further into the text
    return dated[0] if dated else None


def _is_candidate(s: str, q: Quantity) -> bool:
    # A quantity without a unit is an index value ("价格指数控制在103.5以内"): find_quantities
    # reads no other bare number.
    if q.unit in _SKIP_UNITS:
        return False
    before = s[q.start - 1] if q.start > 0 else ""
    # "第3", "跨越两个千亿元": an ordinal, a count of thresholds passed — not the figure
    return not (before.isascii() and before.isalpha()) and before not in ("第", "个")


def _section_kind(ctx: _Context, pos: int) -> str:
    """Kind of the deepest section holding ``pos`` that says more than "other"."""
    best, level = "other", 0
    for sec in ctx.sections:
        if sec.start > pos:
            break
        if sec.start <= pos < sec.end and sec.kind != "other" and sec.level >= level:
            best, level = sec.kind, sec.level
    return best


def _clauses(s: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in _CLAUSE_END.finditer(s, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return out


def _sentence_facts(ctx: _Context, start: int, end: int, qs: list[Quantity]) -> list[Fact]:
    section_kind = _section_kind(ctx, start)
    if section_kind in _SKIP_SECTIONS:
        return []
    mentions = _expand_pairs(ctx, ctx.ontology.find(ctx.text, start, end))
    facts: list[Fact] = []
    carried: list[_Metric] = []
    spread: list[_Metric] = []  # the metrics the last clause distributed its numbers over
    seen: list[list[_Metric]] = []  # metrics named so far in the sentence
    last_measure: tuple[str, bool] | None = None
    qi = 0
    for cs, ce in _clauses(ctx.text, start, end):
        clause_qs = []
        while qi < len(qs) and qs[qi].start < ce:
            if qs[qi].start >= cs:
                clause_qs.append(qs[qi])
            qi += 1
        clause_ms = [m for m in mentions if cs <= m[0].start < ce]
        if clause_qs:
            attached = _attach(ctx, cs, clause_qs, clause_ms, spread or carried, seen)
            # "生产总值增长7.5%,力争8%": a clause that only carries the metric on continues the
            # measure of the number before it; a clause naming its own metric starts afresh.
            measure = last_measure if carried and attached[0][1] is carried else None
            first_fact = len(facts)
            for q, metrics, anchor, prev in attached:
                lo = prev.end if prev else cs
                for metric in metrics or [_Metric(None, "", q.start)]:
                    fact, measure_now = _fact(ctx, section_kind, start, q, metric, anchor, lo, measure)
                    if fact is not None:
                        facts.append(fact)
                measure = measure_now
            last_measure = measure
            facts[first_fact:] = _per_year(ctx, start, cs, clause_qs, facts[first_fact:])
            if attached[-1][1] and attached[-1][1][0].key is not None:
                carried = attached[-1][1]
            spread = _spread(attached)
        tail = [m for m in clause_ms if not clause_qs or m[0].start >= clause_qs[-1].end]
        if tail:
            carried, spread = tail[-1], []
        seen.extend([x] for m in clause_ms for x in m if x.key is not None)
    return facts


def _per_year(
    ctx: _Context, sentence_start: int, cs: int, qs: list[Quantity], facts: list[Fact]
) -> list[Fact]:
    """Facts of "由前三年分别上升4.9%、5.5%、0.2%" dated one year each, the N years before the year
    the sentence is about; ``facts`` unchanged when the clause is no such list."""
    m = ctx.cues.per_year_list.search(ctx.text, cs, qs[0].start)
    n = _cn_number(m.group(1)) if m else None
    if m is None or n != len(qs):
        return facts
    year = _last_year(ctx, sentence_start, m.start())
    year = year if year is not None else ctx.review
    if year is None:
        return facts
    order = {q.end: i for i, q in enumerate(qs)}
    return [
        dataclasses.replace(f, period_year=year - n + order[f.end], period=None) if f.end in order else f
        for f in facts
    ]


def _joined(ctx: _Context, before: list[list[_Metric]]) -> list[_Metric]:
    """The last mention with the mentions coordinated right before it ("城镇居民人均可支配收入和
    农村居民人均纯收入"), flattened; just the last mention when none is."""
    chain = [before[-1]]
    for m in reversed(before[:-1]):
        if ctx.text[_mention_end(m) : chain[0][0].start] not in _COORDINATORS:
            break
        chain.insert(0, m)
    out = [x for ms in chain for x in ms]
    keys = [x.key for x in out]
    if len(chain) == 1 or None in keys or len(set(keys)) != len(keys):
        return before[-1]
    return out


def _spread(attached: list[tuple[Quantity, list[_Metric], int, Quantity | None]]) -> list[_Metric]:
    """The distinct indicators a clause gave one number each ("城镇、牧区…分别达到24683元和
    19649元"), which a following "增长7.9%和8.5%" distributes over again; [] otherwise."""
    keys = [ms[0].key for _, ms, _, _ in attached if len(ms) == 1]
    if len(keys) < 2 or len(keys) != len(attached) or None in keys or len(set(keys)) != len(keys):
        return []
    return [ms[0] for _, ms, _, _ in attached]


def _expand_pairs(ctx: _Context, found: list[IndicatorMatch]) -> list[list[_Metric]]:
    """Mentions as metric lists; a fused pair prefix ("城乡居民人均可支配收入") gives two."""
    out = []
    for m in found:
        head = ctx.cues.foreign_head.match(ctx.text, m.end)
        if head is not None:  # "地区生产总值二氧化碳排放量", "经济增长的贡献率": another quantity's
            # modifier — that quantity is the subject (no indicator), not a metric named before
            out.append([_Metric(None, ctx.text[m.start : head.end()], m.start)])
            continue
        key: str | None = m.key
        if ctx.cues.sub_aggregate.search(ctx.text, max(0, m.start - 8), m.start):
            key = None  # "重庆高新区地区生产总值": a part's figure, not the report's own
        metrics = [_Metric(key, m.written, m.start)]
        elided = _elided_part(ctx, m, found)
        if elided is not None and key is not None:
            begin, other = elided
            written = ctx.text[begin : m.end]
            metrics = [_Metric(other, written, begin), _Metric(key, written, begin)]
        for prefix, heads in ctx.ontology.pairs.items():
            if ctx.text.startswith(prefix, m.start - len(prefix)):
                keys = [ctx.ontology.lookup(h + m.written) for h in heads]
                if all(keys):
                    begin = m.start - len(prefix)
                    written = ctx.text[begin : m.end]
                    metrics = [_Metric(k, written, begin) for k in keys]
                break
        out.append(metrics)
    return out


_BRACKETED = re.compile(r"\([^()]{0,8}\)")
_ELIDED_WORD = re.compile(r"[\u4e00-\u9fff]{2,4}$")


def _elided_part(ctx: _Context, m: IndicatorMatch, found: list[IndicatorMatch]) -> tuple[int, str] | None:
    """(start, key) of a part coordinated before ``m`` that shares its head: "城镇、农村居民人均可支配
    收入" names 城镇居民人均可支配收入 too, "工业、服务业增加值" 工业增加值."""
    s = ctx.text
    if m.start < 3 or s[m.start - 1] not in _COORDINATORS or any(f.end == m.start - 1 for f in found):
        return None
    word = _ELIDED_WORD.search(s, max(0, m.start - 5), m.start - 1)
    if word is None:
        return None
    for cut in range(1, len(m.written) - 1):
        key = ctx.ontology.lookup(word.group() + m.written[cut:])
        if key is not None:
            return (word.start(), key) if key != m.key else None
    return None


def _strip(cues: Cues, phrase: str) -> str:
    phrase = cues.filler_head.sub("", phrase)
    return cues.filler_tail.sub("", phrase).strip("“”\"()《》 ")


def _own_phrase(ctx: _Context, begin: int, end: int) -> _Metric | None:
    """The noun phrase between ``begin`` and ``end`` once cue words are stripped, if any."""
    raw = ctx.text[begin:end]
    # "下降(同口径)19.59%": a bracketed basis or note is no name
    phrase = _strip(ctx.cues, ctx.cues.five_year_plan.sub("", _BRACKETED.sub("", raw)))
    if phrase and phrase not in raw:  # a plan name was cut out of the middle: not a metric
        return None
    if len(_CJK.findall(phrase)) < 2:
        return None
    return _Metric(None, phrase, begin + raw.find(phrase))


def _attach(
    ctx: _Context,
    cs: int,
    qs: list[Quantity],
    clause_ms: list[list[_Metric]],
    carried: list[_Metric],
    seen: list[list[_Metric]],
) -> list[tuple[Quantity, list[_Metric], int, Quantity | None]]:
    """(quantity, metrics, anchor, previous quantity) for each quantity of a clause.

    ``anchor`` is where the words between metric and number begin.
    """
    distributed = _distribute(ctx, cs, qs, clause_ms, carried, seen)
    if distributed is not None:
        return distributed
    out: list[tuple[Quantity, list[_Metric], int, Quantity | None]] = []
    prev: Quantity | None = None
    current: list[_Metric] = []
    for q in qs:
        lo = prev.end if prev else cs
        before = [m for m in clause_ms if lo <= m[0].start and m[0].start + 1 <= q.start]
        if before:
            metrics, anchor = _subject(ctx, cs, before, clause_ms, carried), _mention_end(before[-1])
            if metrics is before[-1] and len(qs) == 1 and (
                q.unit in _PERCENT_UNITS or _EACH.search(ctx.text, anchor, q.start)
            ):  # "…、全社会固定资产投资均突破2万亿元": the level of each
                # "城镇居民人均可支配收入和农村居民人均纯收入年均实际增长超过7%": a rate of each
                # (an amount after two names is their sum, not a figure of either)
                metrics = _joined(ctx, before)
        elif prev is not None and current and _own_phrase(ctx, lo, q.start) is None:
            # "生产总值突破4万亿元,人均超过1.1万美元": a modifier makes the next number another's
            foreign = ctx.cues.foreign_head.search(ctx.text, lo, q.start)
            metrics, anchor = ([] if foreign else current), lo
        else:
            phrase = _own_phrase(ctx, lo, q.start)
            if phrase is not None:
                metrics, anchor = [_complete(ctx, phrase, cs, seen)], lo
            elif carried and not ctx.cues.foreign_head.match(ctx.text, lo):
                metrics, anchor = carried, lo
            else:  # nothing to carry, or "…突破4万亿元,人均超过1.1万美元": per head is another's
                metrics, anchor = [], lo
        if len(qs) == 1 and _is_fused_pair(metrics) and not _BOTH.search(ctx.text, anchor, q.start):
            metrics = []  # "城乡居民人均可支配收入增长5.3%": one figure, for neither half
        out.append((q, metrics, anchor, prev))
        current, prev = metrics, q
    return _pair_runs(ctx, out)


#: Words that give one figure to each of the names coordinated before it.
_EACH_WORDS = r"(?<![年平人])均|都"  # not the 均 of "年均增长", "平均", "人均"
_EACH = re.compile(_EACH_WORDS)
#: Words that give one figure to both halves of a fused pair ("城乡居民收入增长均超过8%").
_BOTH = re.compile(rf"分别|同步|{_EACH_WORDS}")


def _is_fused_pair(metrics: list[_Metric]) -> bool:
    """Whether ``metrics`` are the halves of one fused name ("城乡居民人均可支配收入")."""
    return len(metrics) > 1 and len({(m.start, m.written) for m in metrics}) == 1


#: Words that join coordinated names or numbers ("城镇和农村", "8%、9%").
_COORDINATORS = ("和", "与", "及", "、")
_COORD_JOIN = (*_COORDINATORS, "、分别", "和分别")


def _pair_runs(
    ctx: _Context, attached: list[tuple[Quantity, list[_Metric], int, Quantity | None]]
) -> list[tuple[Quantity, list[_Metric], int, Quantity | None]]:
    """Give each of k coordinated numbers of one unit one metric of the k-metric pair they
    share: "城乡居民收入达到23292元和7750元、分别增长8.8%和10%" is urban 23292 and 8.8, rural
    7750 and 10 — not every number for both."""
    out = list(attached)
    i = 0
    while i < len(out):
        metrics = out[i][1]
        j = i + 1
        while (
            j < len(out) and out[j][1] is metrics and out[j][0].unit == out[i][0].unit
            and ctx.text[out[j - 1][0].end : out[j][0].start] in _COORD_JOIN
        ):
            j += 1
        k = j - i
        if k > 1 and len(metrics) == k and len({m.key for m in metrics}) == k:
            for n in range(k):
                q, _, anchor, prev = out[i + n]
                out[i + n] = (q, [metrics[n]], anchor, prev)
        i = j
    return out


_CLAUSE_OR_SENTENCE = re.compile(r"[,:。;!?\n]")


def _complete(ctx: _Context, phrase: _Metric, cs: int, seen: list[list[_Metric]]) -> _Metric:
    """A bare head ("产量", "总产量") completed by the subject of the clause before: "粮食连续五年
    增产,总产量10570亿斤", "粮食播种面积33.05万亩,产量5.56万吨" are grain output."""
    if phrase.key is not None or len(phrase.written) > 4 or cs == 0:
        return phrase
    s = ctx.text
    if not _CLAUSE_OR_SENTENCE.match(s, cs - 1) or s[cs - 1] in "。;!?\n":
        return phrase
    prev = max(m.end() for m in _CLAUSE_OR_SENTENCE.finditer(s, max(0, cs - 80), cs - 1)) if (
        _CLAUSE_OR_SENTENCE.search(s, max(0, cs - 80), cs - 1)
    ) else max(0, cs - 80)
    head = ctx.cues.filler_head.match(s, prev, cs - 1)
    begin = head.end() if head else prev
    stems = [s[begin : begin + n] for n in range(min(6, cs - 1 - begin), 0, -1)]
    stems += [m.written[:n] for ms in seen[-2:] for m in ms for n in range(len(m.written) - 1, 0, -1)]
    for stem in stems:
        key = ctx.ontology.lookup(stem + phrase.written)
        if key is not None:
            return _Metric(key, phrase.written, phrase.start)
    return phrase


def _mention_end(metrics: list[_Metric]) -> int:
    m = metrics[-1]
    return m.start + len(m.written)


def _subject(
    ctx: _Context,
    cs: int,
    before: list[list[_Metric]],
    clause_ms: list[list[_Metric]],
    carried: list[_Metric],
) -> list[_Metric]:
    """The metric a quantity is about: the last mention, unless it is the whole of a share
    ("占一般公共预算支出的70%"), then the mention or carried metric before "占"."""
    last = before[-1]
    tail_at = _mention_end(last)
    whole = ctx.text.startswith(("中的比重", "中占比", "中比重", "中所占比重"), tail_at)
    if not _DENOMINATOR.search(ctx.text, max(cs, last[0].start - 8), last[0].start) and not whole:
        return last
    earlier = [m for m in clause_ms if m[0].start < last[0].start]
    if earlier:
        return earlier[-1]
    phrase = _own_phrase(ctx, cs, last[0].start)
    if phrase is not None:
        return [phrase]
    return carried  # never the denominator itself: no subject, no fact


_SPLIT_COORD = re.compile(r"[、和与及]")
#: Words before a mention that make it the whole a share is taken of ("占全市工业增加值比重",
#: "研发经费支出相当于全市生产总值的比例").
_SHARE_OF_WORDS = r"占|相当于"
_SHARE_OF = re.compile(_SHARE_OF_WORDS)
_DENOMINATOR = re.compile(rf"(?:{_SHARE_OF_WORDS})(?:到|了)?(?:全[国省市区县州盟旗]|本[省市区县])?(?:的)?[^,;。]{{0,2}}$")


def _distribute(
    ctx: _Context,
    cs: int,
    qs: list[Quantity],
    clause_ms: list[list[_Metric]],
    carried: list[_Metric],
    seen: list[list[_Metric]],
) -> list[tuple[Quantity, list[_Metric], int, Quantity | None]] | None:
    """One metric per quantity, in order, for "A、B…分别 x、y" and for "A…,B…,增长x和y"
    (coordinated numbers after a clause that names no metric); None otherwise."""
    s = ctx.text
    if len(qs) < 2:
        return None
    at = s.find("分别", cs, qs[0].start)
    if at < 0:
        joined = len({q.unit for q in qs}) == 1 and all(
            s[a.end : b.start] in _COORDINATORS for a, b in itertools.pairwise(qs)
        )
        if not joined:
            return None
        # "城乡居民人均可支配收入26096元和10736元", "…,增长13%和16%": coordinated numbers over a
        # fused pair named (or carried) just before them, one each.
        before = [m for m in clause_ms if m[0].start < qs[0].start]
        # "城镇居民人均可支配收入和农村居民人均纯收入实际增长8.4%和11.4%": two names, one number each
        pair = _joined(ctx, before) if before else (carried if _own_phrase(ctx, cs, qs[0].start) is None else [])
        if len(pair) == len(qs) and len({m.key for m in pair}) == len(qs):
            anchor = _mention_end(pair) if before else cs
            return [(q, [m], anchor if i == 0 else qs[i - 1].end, qs[i - 1] if i else None)
                    for i, (q, m) in enumerate(zip(qs, pair, strict=True))]
        if before:
            return None
        if _own_phrase(ctx, cs, qs[0].start) is not None or len(seen) < len(qs):
            return None
        metrics: list[list[_Metric]] | None = seen[-len(qs) :]
        at = cs
    else:
        metrics = _cyclic(ctx, cs, at, len(qs), clause_ms)
    if metrics is None:
        before = [m for m in clause_ms if m[0].start < at]
        phrase = _own_phrase(ctx, cs, at)
        if before:
            metrics = [_subject(ctx, cs, before, clause_ms, carried)] * len(qs)
        elif phrase is not None:
            metrics = [[phrase]] * len(qs)
        elif len(carried) == len(qs) and len({m.key for m in carried}) == len(qs):
            # "城镇和农村居民…分别为32156元、12345元,分别增长8.1%、9.2%": the pair the clause
            # before distributed over, one number each again
            metrics = [[m] for m in carried]
        elif len(seen) >= len(qs):
            metrics = seen[-len(qs) :]
        else:
            metrics = [carried] * len(qs)
    out: list[tuple[Quantity, list[_Metric], int, Quantity | None]] = []
    prev: Quantity | None = None
    for q, metric in zip(qs, metrics, strict=False):
        out.append((q, metric, max(at, cs) if prev is None else prev.end, prev))
        prev = q
    return out


def _cyclic(
    ctx: _Context, cs: int, at: int, k: int, clause_ms: list[list[_Metric]]
) -> list[list[_Metric]] | None:
    """k metrics for k numbers after 分别; m coordinated metrics repeat when m divides k
    ("城乡…分别达到37462元和17597元、增长7%和10%")."""
    for m in range(k, 1, -1):
        if k % m == 0:
            metrics = _coordinated(ctx, cs, at, m, clause_ms)
            if metrics is not None:
                return [metrics[i % m] for i in range(k)]
    return None


def _coordinated(
    ctx: _Context, cs: int, at: int, k: int, clause_ms: list[list[_Metric]]
) -> list[list[_Metric]] | None:
    """k metrics from the phrase before 分别: k mentions, or k elliptic coordinated parts (up to
    the whole a share is taken of: "制造业、新兴产业增加值占全市工业增加值比重分别…")."""
    series = _last_match(ctx.cues.series_names, ctx.text, cs, at + 2)  # sees its 分别
    if series is not None and len(ctx.cues.series[series.group()]) == k:
        return [[_Metric(key, series.group(), series.start())] for key in ctx.cues.series[series.group()]]
    whole = _SHARE_OF.search(ctx.text, cs, at)
    if whole is not None:
        at = whole.start()
    inside = [m for m in clause_ms if m[0].start < at]
    if not inside:
        return None
    if len(inside) == k:
        return inside
    if len(inside) == 1 and len(inside[0]) == k:  # "城乡居民人均可支配收入分别…"
        return [[m] for m in inside[0]]
    phrase_start = cs
    raw = ctx.text[cs:at]
    head = ctx.cues.filler_head.match(raw)
    if head:
        phrase_start += head.end()
    parts, pos = [], phrase_start
    for m in _SPLIT_COORD.finditer(ctx.text, phrase_start, at):
        parts.append((pos, m.start()))
        pos = m.end()
    parts.append((pos, at))
    if len(parts) != k:
        return None
    last = ctx.text[parts[-1][0] : parts[-1][1]]
    out = []
    for begin, stop in parts:
        word = ctx.text[begin:stop]
        key, full = _elliptic(ctx.ontology, word, last) if stop != at else _expanded(ctx.ontology, word)
        if key is None:  # "单位国内生产总值能耗和二氧化碳排放分别…": a part named in full
            key, full = _whole(ctx.ontology, word)
        out.append([_Metric(key, full if key else word, begin)])
    return out


def _expanded(ontology: Ontology, word: str) -> tuple[str | None, str]:
    """The last coordinated part with its abbreviated head spelled out: "城、乡居民人均可支配收入"
    ends in 乡居民人均可支配收入 = 农村居民人均可支配收入, not the residents' overall figure."""
    for short in sorted(ontology.abbreviations, key=len, reverse=True):
        if word.startswith(short) and len(word) > len(short):
            full = ontology.abbreviations[short] + word[len(short) :]
            found = ontology.find(full)
            if found and found[-1].start == 0 and found[-1].end == len(full) and full != word:
                return found[-1].key, full
    return None, word


def _whole(ontology: Ontology, word: str) -> tuple[str | None, str]:
    found = ontology.find(word)
    return (found[-1].key, word) if found and found[-1].end == len(word) else (None, word)


def _elliptic(ontology: Ontology, word: str, last: str) -> tuple[str | None, str]:
    """Complete an elliptic coordinated part with the tail of the last part:
    "城" + "乡居民人均可支配收入" -> 城镇居民人均可支配收入; "居民基本医疗保险" + "…参保率"."""
    word = ontology.abbreviations.get(word, word)
    for cut in range(1, len(last)):
        full = word + last[cut:]
        found = ontology.find(full)
        if found and found[-1].end == len(full) and found[-1].start < len(word):
            return found[-1].key, full
    return None, word


def _lead_measure(
    cues: Cues, q: Quantity, lead: str, span: str, prev: tuple[str, bool] | None
) -> tuple[str, bool]:
    """(measure, negative) from the words between the metric and the number (``lead``: from
    the metric or the previous number; ``span``: from the start of the metric)."""
    if q.ratio is not None:
        return "ratio", False
    if q.unit in ("倍", "番") or "翻" in q.text:
        return "multiple", False
    verbs = list(cues.growth.finditer(lead))
    last = verbs[-1] if verbs else None
    negative = last is not None and last.group(1) in cues.negative
    if q.unit in ("个百分点", "百分点") or q.base_unit == "pp":
        return "change_pp", negative
    if q.unit not in _PERCENT_UNITS:
        if last is None and prev is not None and prev[0] == "change" and lead.strip() in _COORDINATORS:
            return prev  # "分别增长907元和1117元": the second is a change too
        # "比上年增加349亿元", "又增产291亿斤": a change of an amount, not its level.
        return ("change", False) if last is not None and not last.group(2) else ("level", False)
    nouns = cues.rate_nouns.findall(span)
    if nouns:
        # "增长幅度…回落到27.8%": the number is the rate itself, whatever verb moved it; a rate
        # of decline ("能耗降幅为5%左右") is a negative change.
        return "growth", "负增长" in lead or nouns[-1] in cues.decline_nouns
    if last is not None:
        return ("level", False) if last.group(2) else ("growth", negative)
    if prev is not None and prev[0] in ("growth", "change_pp"):
        return prev
    return "level", False


@dataclass(frozen=True, slots=True)
class _When:
    """What a sentence says about time before a number."""

    year: int | None  # last explicit year ("2004年,…"), not a comparison base ("比2000年")
    context_year: int | None  # last explicit year earlier in the paragraph
    period: str | None  # multi-year span, "2016-2020"
    multi: bool  # a multi-year figure (period may still be unknown)
    past: bool  # clearly about the past (a past span, "过去五年", a year before the plan year)
    previous: bool  # "由上年的58.6%…": the year before the review year
    compared: bool = False  # the period comes only from a comparison base ("比1987年")
    estimated: bool = False  # the year is an estimate's ("预计2007年实现…"): it may be the plan year


_ESTIMATED_YEAR = re.compile(r"预计(?:19|20)\d{2}年?$")


def _when(ctx: _Context, start: int, pos: int) -> _When:
    cues, s = ctx.cues, ctx.text
    review, plan = ctx.review, ctx.plan
    year_at = _last_year_at(ctx, start, pos)
    year = year_at[1] if year_at else None
    para = s.rfind("\n", 0, start) + 1
    earlier = [int(y) for y in _YEAR.findall(s, para, start)]
    context_year = earlier[-1] if earlier else None
    ref = review if review is not None else (year if year is not None else context_year)
    previous = cues.previous_year.search(s, max(start, pos - 6), pos) is not None
    found = _span_at(ctx, start, pos, year, ref)
    if found is None and year is None:
        # "今后五年…:地区生产总值增速保持7.6%左右…;研发经费投入强度接近3%": the years ahead a
        # list opened with go on past its ";"
        full = _full_sentence_start(s, start)
        ahead = _last_match(cues.future_years, s, full, start) if full < start else None
        if ahead is not None:
            found = _span_at(ctx, ahead.start(), ahead.end(), None, ref)
    if found and found[1][:4] == found[1][-4:]:  # "“十五”期末": one year
        year_at, found = (found[0], int(found[1][:4])), None
        year = year_at[1]
    period = found[1] if found else None
    compared = found is not None and found[2]
    # (the window runs one past ``pos``: "年均" right before the number looks ahead at its digit)
    if found and year_at and year_at[0] > found[0] and not cues.annual_average.search(
        s, year_at[0], pos + 1
    ):  # "五年间,进出口总额增长1倍,1992年达到1656亿美元": the later single year wins
        period, compared = None, False
    # "地区生产总值年均增长14%,去年达到18278亿元", "“十二五”时期…年均增长10.5%,2015年达到500亿元":
    # an average before a later single year is not this figure's
    average_from = max(start, year_at[0]) if year_at and (not found or period is None) else start
    multi = period is not None or cues.annual_average.search(s, average_from, pos + 1) is not None
    # "累计" of this clause or the one before ("累计完成固定资产投资5.2万亿元,增长18%"), not of a
    # list item further back ("累计洽谈项目235个,…,外贸进出口138.2亿元")
    total_from = max(start, _clause_start(s, _clause_start(s, pos) - 1))
    if not multi and year is None and cues.multi_year_total.search(s, total_from, pos) and not (
        cues.relative_year.search(s, start, pos) or "全年" in s[start:pos]
    ):  # "累计完成固定资产投资5.2万亿元": a total over the years the paragraph is about
        multi = True
    if multi and period is None:  # "由2002年的…增加到2007年的…,年均增长12.2%", also in an
        # earlier sentence of the paragraph ("…增加到2015年的1.8万亿元。一般公共预算收入由1070亿元
        # 增加到1963.5亿元,年均增长12.9%")
        m = cues.from_to.search(s, start, pos) or _last_match(cues.from_to, s, para, start)
        period = f"{int(m.group(1)) + 1}-{m.group(2)}" if m else None
    if period is None and (multi or (year is None and context_year is None)):
        # "年均增长" after "“十五”期间…" earlier in the paragraph or section; a section titled
        # "“九五”时期…的回顾" dates every figure in it that names no year of its own.
        inherited = _span(ctx, para, start, None, ref, comparators=False) if multi else None
        period = inherited or _title_span(ctx, start, ref, dated=multi)
        multi = multi or period is not None
    now = plan if plan is not None else (review + 1 if review is not None else None)
    past = now is not None and (
        (year is not None and year < now)
        or (period is not None and int(period[-4:]) < now)
        or cues.past_years.search(s, start, pos) is not None
        or cues.term.search(s, start, pos) is not None
    )
    estimated = year_at is not None and _ESTIMATED_YEAR.search(s, max(0, year_at[0] - 8), year_at[0]) is not None
    return _When(year, context_year, period, multi, past, previous, compared, estimated)


def _last_match(pattern: re.Pattern[str], s: str, start: int, end: int) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(s, start, end):  # the last one is wanted
        pass
    return found


def _last_year(ctx: _Context, start: int, pos: int) -> int | None:
    """The last year named in ``text[start:pos]``: "2004年", or "去年"/"今年" by the report's years."""
    found = _last_year_at(ctx, start, pos)
    return found[1] if found else None


def _last_year_at(ctx: _Context, start: int, pos: int) -> tuple[int, int] | None:
    """(end of the mention, year) of the last year named in ``text[start:pos]``."""
    best: tuple[int, int | None] | None = None
    for m in _STATED_YEAR.finditer(ctx.text, start, pos):
        best = (m.end(), int(m.group(1)))
    for m in ctx.cues.relative_year.finditer(ctx.text, start, pos):
        year = ctx.plan if m.group() == "今年" else ctx.review
        if year is not None and (best is None or m.end() > best[0]):
            best = (m.end(), year)
    return best if best is None else (best[0], best[1])  # type: ignore[return-value]


def _title_span(ctx: _Context, pos: int, ref: int | None, dated: bool) -> str | None:
    """The multi-year span in the title of the deepest section holding ``pos`` that has one;
    titles that also name a single year ("2015年工作回顾和“十二五”…") only for ``dated``."""
    spans = [
        (sec.level, _span(ctx, sec.start, sec.title_end, None, ref, comparators=False))
        for sec in ctx.sections
        if sec.start <= pos < sec.end and sec.title_end <= pos
        and (dated or not _YEAR.search(ctx.text, sec.start, sec.title_end))
    ]
    spans = [x for x in spans if x[1] is not None]
    return max(spans)[1] if spans else None


def _span(
    ctx: _Context, start: int, pos: int, year: int | None, ref: int | None,
    comparators: bool = True,
) -> str | None:
    """The multi-year span written in ``text[start:pos]`` nearest to ``pos``, if any.

    ``ref`` is the year "过去五年" counts back from (the review year when known).
    """
    found = _span_at(ctx, start, pos, year, ref, comparators)
    return found[1] if found else None


def _span_at(
    ctx: _Context, start: int, pos: int, year: int | None, ref: int | None,
    comparators: bool = True,
) -> tuple[int, str, bool] | None:
    """(end of the mention, span, whether it is only a comparison base) nearest to ``pos``."""
    cues, s = ctx.cues, ctx.text
    plan = ctx.plan
    found: list[tuple[int, str, bool]] = []
    for m in cues.explicit_span.finditer(s, start, pos):
        found.append((m.end(), f"{m.group(1)}-{m.group(2)}", False))
    for m in cues.five_year_plan.finditer(s, start, pos):
        n = _cn_number(m.group(1) or m.group(3) or "")
        if s[m.start() - 1 : m.start()] in ("由", "从"):
            continue  # "由“十二五”末的6557亿元增加到9017亿元": the starting value's year
        if n and s[m.start() - 1 : m.start()] in _COMPARATORS and m.group().endswith("末"):
            last = plan_start(n) + 4  # "较“十五”期末翻了一番": the years since its end
            end = year if year is not None else ref
            if end is not None and end > last:
                found.append((m.end(), f"{last + 1}-{end}", True))
            continue
        if n and (s[m.start() - 1 : m.start()] not in _COMPARATORS or "计划" in m.group()
                  or "规划" in m.group()):  # "比“八五”时期增长": a base; "比“十五”计划目标": not
            first = plan_start(n)
            head = _cn_number(m.group(2) or m.group(4) or "")
            last = first + head - 1 if head else first + 4
            if "以来" in m.group() and ref is not None and first <= ref < last:
                last = ref
            if s[m.start() - 1 : m.start()] == "是" and s.startswith("的", m.end()):
                # "是“九五”期末的2.69倍", "是“十五”的4.2倍": the base; the figure covers the years since
                if ref is not None and ref > last:
                    found.append((m.end(), f"{last + 1}-{ref}", True))
                continue
            if m.group().endswith("末"):  # "“十五”期末…达到6.17亿元": the plan's last year
                found.append((m.end(), f"{last}-{last}", False))
                continue
            found.append((m.end(), f"{first}-{last}", False))
    for m in cues.past_years.finditer(s, start, pos + 1):  # "4年翻了一番多" looks at the number
        n = _cn_number(m.group(1) or m.group(2) or "")
        if n and n > 1 and ref is not None:
            found.append((m.end(), f"{ref - n + 1}-{ref}", False))
    if ref is not None:
        for m in cues.term.finditer(s, start, pos):
            found.append((m.end(), f"{ref - cues.term_years + 1}-{ref}", False))
    for m in cues.clause_years.finditer(s, start, pos):
        n = _cn_number(m.group(1))
        if n and n > 1 and ref is not None and not cues.future_years.search(
            s, max(0, m.start() - 2), m.end()
        ):
            ahead = _plan_period_start(ctx, m.start())
            # "五年城镇新增就业4500万人" under "“十二五”时期的主要目标" counts forward
            found.append((m.end(), f"{ahead}-{ahead + n - 1}" if ahead else f"{ref - n + 1}-{ref}", False))
    for m in cues.future_years.finditer(s, start, pos):
        n = _cn_number(m.group(1))
        if n and n > 1 and plan is not None:
            found.append((m.end(), f"{plan}-{plan + n - 1}", False))
    if comparators:
        end = year if year is not None else ref
        bases = [(m.end(), int(m.group(1))) for m in cues.comparator.finditer(s, start, pos)]
        if not bases and cues.growth.search(s, max(start, pos - 8), pos):
            ditto = _last_match(cues.ditto_base, s, s.rfind("\n", 0, start) + 1, start)
            if ditto is not None:  # "比2012年(下同)增长47.7%;…,增长125.1%"
                bases = [(start, int(ditto.group(1)))]
        for at, base in bases:
            if end is not None and end - base > 1:
                found.append((at, f"{base + 1}-{end}", True))
    return max(found) if found else None


def _plan_period_start(ctx: _Context, pos: int) -> int | None:
    """First year of the five-year plan named in the title of a section holding ``pos`` when
    that plan starts in or after the plan year (a plan being opened, not reviewed)."""
    if ctx.plan is None:
        return None
    for sec in ctx.sections:
        if sec.start > pos:
            break
        if sec.start <= pos < sec.end and sec.title_end <= pos:
            m = ctx.cues.five_year_plan.search(ctx.text, sec.start, sec.title_end)
            n = _cn_number(m.group(1) or m.group(3) or "") if m else None
            if n and plan_start(n) >= ctx.plan:
                return plan_start(n)
    return None


def _kind(ctx: _Context, section_kind: str, sentence_start: int, q: Quantity, when: _When) -> FactKind:
    if section_kind in _OUTCOME_SECTIONS:
        return "target" if _DUE.match(ctx.text, q.end, q.end + 8) else "outcome"
    if when.past:
        return "outcome"
    if when.period is not None and ctx.plan is not None and int(when.period[:4]) >= ctx.plan:
        return "target"  # "今后五年…地区生产总值增速保持7.6%左右": years not yet lived
    if when.year is not None and ctx.plan is not None and when.year > ctx.plan:
        return "target"  # "争取1997年粮食产量达到4.75亿吨": a later year is not yet an outcome
    if section_kind == "targets" or section_kind == "livelihood_projects":
        return "target"
    if section_kind in _TARGET_SECTIONS:
        # Plan sections also open with last year's results ("一、1998年工作回顾和1999年工作的
        # 总体要求"): a result word with no commitment word in the paragraph is an outcome.
        para = ctx.text.rfind("\n", 0, sentence_start) + 1
        commit = _last_end(ctx.cues.target_strong, ctx.text, para, q.start)
        retro = _last_end(ctx.cues.retrospect, ctx.text, para, q.start)
        if commit >= 0 and commit > retro:
            return "target"
        if retro >= 0:
            return "outcome"
        return "outcome" if ctx.cues.outcome_strong.search(ctx.text, sentence_start, q.start) else "target"
    if _DUE.match(ctx.text, q.end):
        return "target"  # "预计实现全省生产总值增长6.5%左右目标": a number that is a goal
    # A list of "；"-separated items ("主要预期目标是:地区生产总值增长8.5%左右;规模以上工业增加值
    # 增长9%以上;…") takes its cue from the whole sentence.
    return _kind_by_cues(ctx, _full_sentence_start(ctx.text, sentence_start), q.start)


_FULL_STOP = re.compile(r"[。!?\n]")
_GOAL_REACHED = re.compile(r"跨过|迈过|突破|超过|实现了|完成了|达到了|向")


def _clause_start(s: str, pos: int) -> int:
    """Start of the clause (after , ; : or a sentence end) that holds ``pos``."""
    return max(s.rfind(c, 0, max(0, pos)) for c in ",;:。!?\n") + 1


def _sentence_end(s: str, pos: int) -> int:
    """End of the sentence (before its 。!? or line break) that holds ``pos``."""
    m = _FULL_STOP.search(s, pos)
    return m.start() if m else len(s)


def _full_sentence_start(s: str, start: int) -> int:
    """Start of the sentence ending in 。!? or a line break that holds ``start``."""
    return max(s.rfind(c, 0, start) for c in "。!?\n") + 1


def _last_end(pattern: re.Pattern[str], s: str, start: int, end: int) -> int:
    """End of the last match of ``pattern`` in ``s[start:end]``, -1 when none."""
    m = _last_match(pattern, s, start, end)
    return m.end() if m else -1


def _kind_by_cues(ctx: _Context, start: int, end: int) -> FactKind:
    """Kind from the last cue word before ``end`` when the section does not say."""
    opener = _last_end(ctx.cues.target_list_opener, ctx.text, start, end)
    if opener >= 0 and not ctx.cues.outcome_strong.search(ctx.text, opener, end):
        return "target"  # "主要预期目标是:…比重达到2.7%": 达到 inside a target list
    target = [
        m.end() for m in ctx.cues.target.finditer(ctx.text, start, end)
        if not (m.group() == "目标" and _GOAL_REACHED.search(ctx.text, max(start, m.start() - 8), m.start()))
    ]  # "1075亿元,跨过千亿目标": a goal reached is a result  # fmt: skip
    # "力争实现", "确保完成": a result verb right after a commitment is part of the commitment
    outcome = [
        m.end() for m in ctx.cues.outcome.finditer(ctx.text, start, end)
        if m.start() not in target and m.end() not in target  # nor the 实现 of "努力实现"
    ]
    if target and (not outcome or target[-1] > outcome[-1]):
        return "target"
    committed = _last_end(ctx.cues.target_strong, ctx.text, start, end)
    if outcome and committed >= 0 and _last_end(ctx.cues.outcome_strong, ctx.text, committed, end) < 0:
        return "target"  # "力争…3540亿元,达到18%以上的增长": a plain result verb after a commitment
    para = ctx.text.rfind("\n", 0, start) + 1
    # A sentence with no cue, or only a weak result verb ("比重达到2.7%"), inside a paragraph that
    # opened a target list ("主要预期目标是:") continues it: a stray "。" ("人口自然增长率控制在7.2%。
    # 以内;城镇居民…增长8%", "…增长5%左右。经济结构…比重达到2.7%") does not end it.
    if para < start and ctx.cues.target_list_opener.search(ctx.text, para, start) and not (
        ctx.cues.outcome_strong.search(ctx.text, start, end)
    ):
        return "target"
    if outcome:
        return "outcome"
    return _kind_by_years(ctx, start, end)


def _kind_by_years(ctx: _Context, start: int, end: int) -> FactKind:
    """Target when the last year written before ``end`` is the plan year or later."""
    years = [int(y) for y in _YEAR.findall(ctx.text, start, end)]
    plan = ctx.plan
    return "target" if years and plan is not None and years[-1] >= plan else "outcome"


def _cn_number(written: str) -> int | None:
    if not written:
        return None
    if written.isdigit():
        return int(written)
    if written == "十":
        return 10
    if written.startswith("十"):
        return 10 + _CN_DIGITS.get(written[1:], 0)
    if written.endswith("十"):
        return 10 * _CN_DIGITS.get(written[:-1], 0) or None
    return _CN_DIGITS.get(written)


def _period_year(ctx: _Context, kind: FactKind, when: _When) -> int | None:
    """The single year a fact describes; None for a multi-year figure."""
    if when.multi:
        return None
    review, plan = ctx.review, ctx.plan
    if review is None and plan is None:  # no report years: the paragraph's own year
        return when.year if when.year is not None else when.context_year
    if kind == "outcome":
        if when.previous and review is not None:
            return review - 1
        y = when.year
        # a report delivered late in the year estimates that year's results ("预计2007年实现…")
        if y is None or review is None:
            return review if y is None else y
        last = review + 1 if when.estimated else review
        return y if review - 50 < y <= last else review
    y = when.year
    return y if y is not None and (plan is None or y >= plan) else plan


def _fact(
    ctx: _Context,
    section_kind: str,
    sentence_start: int,
    q: Quantity,
    metric: _Metric,
    anchor: int,
    lo: int,
    prev_measure: tuple[str, bool] | None,
) -> tuple[Fact | None, tuple[str, bool]]:
    """The fact of one quantity about one metric (None when the metric is not an indicator)."""
    cues, s = ctx.cues, ctx.text
    metric_end = metric.start + len(metric.written) if metric.start < q.start else q.start
    lead = s[anchor : q.start]
    measure, negative = _lead_measure(cues, q, lead, s[metric.start : q.start], prev_measure)
    bare_percent = False
    if measure in ("level", "growth") and q.unit in _PERCENT_UNITS and (
        cues.share.search(s, max(lo, metric_end), q.start)
    ):
        measure, negative = "share", False
    if measure == "level" and q.unit in _PERCENT_UNITS and metric.key is not None and (
        ctx.ontology.indicators[metric.key].unit not in ("percent", "ratio", "index")
    ):
        measure = "share"  # a percent of a count or amount indicator ("优良天数…优良率58.3%")
        bare_percent = not (
            cues.share.search(s, max(lo, metric_end), q.start) or cues.share.search(metric.written)
        )  # no 比重/占比 before the number nor in the name ("…占地区生产总值比重")
    if measure in ("level", "share") and q.unit in _PERCENT_UNITS and _growth_named_after(
        cues, s, lead, q, max(lo, metric_end)
    ):
        measure, negative = "growth", False
    if measure == "level" and metric.key is not None and q.unit in _PERCENT_UNITS and (
        ctx.ontology.indicators[metric.key].unit == "index"
    ):
        measure = "growth"  # "居民消费价格指数控制在3.5%以内": a percent of an index is its rise
    if measure == "share" and cues.region_share.search(s, min(metric_end, q.start), q.start):
        return None, (measure, negative)
    if q.unit in _PERCENT_UNITS and cues.plan_share.search(s, max(lo, q.start - 12), q.start):
        return None, (measure, negative)  # "完成年度计划的101.43%": a verdict (self-assessments)
    if measure == "share" and metric.key in cues.share_of_gdp and any(
        m.key == "gdp" for m in ctx.ontology.find(s, metric_end, q.start)
    ):  # "财政赤字…占国内生产总值比重在3%以内" is the deficit ratio
        metric = _Metric(cues.share_of_gdp[metric.key], metric.written, metric.start)
        measure = "level"
    if measure == "change" or not metric.written or (
        measure == "level" and not _fits(ctx, metric, q)
    ):
        return None, (measure, negative)
    clause_start = max(s.rfind(",", sentence_start, q.start), s.rfind(":", sentence_start, q.start))
    if cues.consecutive.search(s, max(lo, clause_start + 1), q.start):
        return None, (measure, negative)  # "连续四年达到或略高于10%": a bound over years
    if measure == "level" and cues.successive.search(s, max(sentence_start, clause_start + 1), q.start):
        return None, (measure, negative)  # "先后跨上2万亿、逼近3万亿": thresholds of several years
    tier_from = lo
    if metric.start <= clause_start:  # carried: "力争…投资7100亿元以上,实现20%以上的增长"
        tier_from = min(lo, max(sentence_start, s.rfind(",", sentence_start, metric.start) + 1))
    tiers = [m.group() for m in cues.tier.finditer(s, tier_from, q.start)]
    basis = cues.basis.search(s, lo, q.start)
    when = _when(ctx, sentence_start, q.start)
    if measure == "level" and when.compared:
        # "1992年同1987年相比,…增加910元,达到1826元": the base dates the change, not the level
        when = dataclasses.replace(when, period=None, multi=False, compared=False)
    kind = _kind(ctx, section_kind, sentence_start, q, when)
    if kind == "target" and bare_percent and measure == "share":
        measure = "growth"  # "规模工业增加值力争9%以上": a bare percent target of an amount is its growth
    year_and_period = _period_year(ctx, kind, when), when.period
    if measure == "multiple" and when.period is None:
        # "实现翻倍增长,从2006年的8.8亿元增至2011年的20.2亿元", "从2005年的28.02亿元增加到2011年的
        # 95.2亿元,增长3.4倍": the change the sentence gives around it
        around = cues.from_to.search(s, q.end, _sentence_end(s, q.end)) or _last_match(
            cues.from_to, s, _paragraph_start(s, q.start), q.start
        )  # (or the paragraph's: "…从1.39亿元增加到8.6亿元,增长6.2倍" after a dated one)
        if around is not None:
            year_and_period = None, f"{int(around.group(1)) + 1}-{around.group(2)}"
    elif measure == "growth" and kind == "outcome" and when.multi and when.period is None and (
        ctx.review is not None
    ):  # "年均增长10.2%" with no span: the genre's five years (a term, a plan) up to the review
        year_and_period = None, f"{ctx.review - 4}-{ctx.review}"
    qualifier = q.qualifier
    if (lo > clause_start + 1 and cues.margin.fullmatch(s[lo : q.start] + _lead_bound(q))) or cues.other_region.search(
        s, max(lo, q.start - 14), q.start
    ):
        return None, (measure, negative)  # a margin over a target or over another region
    if cues.over_target.search(s, max(lo, q.start - 16), q.start):
        return None, (measure, negative)  # "比年初预期目标高0.3个百分点"
    if cues.margin_over.search(s, max(lo, q.start - 20), q.start):
        return None, (measure, negative)  # "高出生产总值增速6.9个百分点": a margin between rates
    if _quoted_target(ctx, section_kind, sentence_start, q, when):
        # "略低于8%的预定目标", "没有实现年初确定的…降低4%左右…的目标": last year's target
        kind = "target"
        year = when.year if when.year is not None and (ctx.review is None or when.year <= ctx.review) else ctx.review
        year_and_period = (None if when.multi else year), when.period
        if measure == "share" and metric.key is not None and q.unit in _PERCENT_UNITS and (
            ctx.ontology.indicators[metric.key].unit not in ("percent", "ratio", "index")
        ):
            measure = "growth"  # a percent target of an amount is its growth rate
        if qualifier in ("above", "below") and _DUE.match(s, q.end, q.end + 8):
            qualifier = None  # "高于…18%的目标" compares the outcome with the target
    if measure in ("level", "share") and year_and_period[1] is not None and _level_at_end(
        ctx, kind, sentence_start, lo, q
    ):
        year_and_period = int(year_and_period[1][-4:]), None
    if cues.base_before.search(s, max(lo, q.start - 12), q.start) and cues.base_after.match(s, q.end):
        # "城镇化率从47.5%提高到51.5%": the first number is where it starts, an outcome
        kind, year_and_period = "outcome", (_base_year(ctx, kind, when, q), None)
    if kind == "outcome" and qualifier == "at_most" and q.text.startswith("控制在") and not (
        q.text.endswith(("以内", "以下"))
    ):
        qualifier = None  # an outcome "控制在3.3%" reports the value; only a target bounds it
    sign = -1.0 if negative else 1.0
    value, value_high, unit = sign * q.value, q.value_high, q.unit
    if value_high is not None:
        value_high *= sign
    start = min(metric.start, q.start)
    fact = Fact(
        kind=kind,
        indicator=metric.key,
        metric=metric.written,
        measure=measure,  # type: ignore[arg-type]
        value=value,
        value_high=value_high,
        unit=unit,
        base_value=sign * q.base_value,
        base_unit=q.base_unit,
        qualifier=qualifier,
        tier=tiers[-1] if tiers else "base",  # type: ignore[arg-type]
        basis=cues.basis_labels[basis.group()] if basis else None,
        period_year=year_and_period[0],
        period=year_and_period[1],
        start=start,
        end=q.end,
        quote=s[start : q.end],
    )
    return fact, (measure, negative)


def _growth_named_after(cues: Cues, s: str, lead: str, q: Quantity, lo: int) -> bool:
    """A rate whose growth word follows it ("分别保持年均10.1%、18.7%的较快增长", "实现20%以上的
    增长") or that a bare "年均" introduces — unless the words before it name a share."""
    if cues.share.search(s, lo, q.start):
        return False
    return lead.endswith("年均") or cues.growth_after.match(s, q.end) is not None


def _level_at_end(ctx: _Context, kind: FactKind, sentence_start: int, lo: int, q: Quantity) -> bool:
    """Whether a level dated by a multi-year span is the span's last year: a level reached
    ("这五年…国内生产总值达到39.8万亿元") or a plan's level target ("比重达到2.2%", "比“十五”计划
    目标3000亿元"), but not a total over the span ("累计达到40亿元", "五年城镇新增就业4500万人")."""
    s, cues = ctx.text, ctx.cues
    clause = max(s.rfind(",", sentence_start, q.start), s.rfind(":", sentence_start, q.start)) + 1
    if cues.cumulative.search(s, max(sentence_start, clause), q.start):
        return False
    # a threshold passed ("经济总量突破3600亿元", "跨过2000亿元台阶"): the word is in the quantity
    passed = q.qualifier == "above" and not q.text[:1].isdigit()
    return kind == "target" or passed or cues.level_reached.search(s, max(lo, q.start - 4), q.start) is not None


def _lead_bound(q: Quantity) -> str:
    """A bound word the quantity itself starts with ("超过1070亿元")."""
    return q.text[:2] if q.text.startswith(("超过", "超额", "超出", "高出")) else ""


def _quoted_target(ctx: _Context, section_kind: str, sentence_start: int, q: Quantity, when: _When) -> bool:
    """A target of the review year quoted back in an account of results."""
    s, cues = ctx.text, ctx.cues
    clause = max(s.rfind(",", sentence_start, q.start), s.rfind(":", sentence_start, q.start))
    cue = cues.quoted_target.search(s, max(sentence_start, clause + 1), q.start) is not None or (
        cues.target_before.search(s, max(sentence_start, clause + 1, q.start - 8), q.start) is not None
    ) or (
        _DUE.match(s, q.end, q.end + 8) is not None
    )
    if not cue:
        return False
    return (
        section_kind in _OUTCOME_SECTIONS
        or when.past
        or cues.outcome_strong.search(s, sentence_start, q.start) is not None
    )


def _base_year(ctx: _Context, kind: FactKind, when: _When, q: Quantity) -> int | None:
    """The year of the starting value in "从X增加到Y": its own "2002年的", else the year before
    the change (the review year for a target, the year before the period or the review year)."""
    m = _YEAR.search(ctx.text, max(0, q.start - 8), q.start)
    if m:
        return int(m.group(1))
    plan = _last_match(ctx.cues.five_year_plan, ctx.text, max(0, q.start - 12), q.start)
    if plan is not None and plan.group().endswith("末"):  # "由“十二五”末的6557亿元"
        n = _cn_number(plan.group(1) or plan.group(3) or "")
        if n:
            return plan_start(n) + 4
    para = ctx.text.rfind("\n", 0, q.start) + 1
    spans = list(ctx.cues.from_to.finditer(ctx.text, para, q.start))
    if spans:  # "从1997年的509亿元增加到2002年的…,占…比重从0.64%提高到1.13%": the same years
        return int(spans[-1].group(1))
    review = ctx.review
    if kind == "target":
        return review
    if when.period is not None:
        return int(when.period[:4]) - 1
    # "硕果累累“十二五”" over "粮食产量由431.6亿斤增加到565.4亿斤": the change runs over the
    # section's span
    titled = _title_span(ctx, q.start, review, dated=True)
    if titled is not None and titled[:4] != titled[-4:]:
        return int(titled[:4]) - 1
    return review - 1 if review is not None else None


def _fits(ctx: _Context, metric: _Metric, q: Quantity) -> bool:
    """Whether an amount can be a level of the metric (by unit family, or by its head word)."""
    if metric.key is None:
        return ctx.cues.metric_head.search(metric.written) is not None
    indicator = ctx.ontology.indicators[metric.key]
    family = ctx.cues.base_family.get(q.base_unit, "other")
    return family in ctx.cues.fits.get(indicator.unit, frozenset())


def _nonnumeric_facts(ctx: _Context, ends: list[int], done: set[int]) -> list[Fact]:
    """Targets without a number: "城镇居民人均可支配收入增长与经济增长同步"."""
    s, out = ctx.text, []
    for m in ctx.cues.nonnumeric.finditer(s):
        index = bisect.bisect_left(ends, m.start())
        sentence_start = ends[index - 1] + 1 if index > 0 else 0
        section_kind = _section_kind(ctx, sentence_start)
        if section_kind in _SKIP_SECTIONS or section_kind in _OUTCOME_SECTIONS:
            continue
        if section_kind not in _TARGET_SECTIONS and (
            _kind_by_cues(ctx, sentence_start, m.start()) != "target"
        ):
            continue
        cs = max(sentence_start, s.rfind(",", sentence_start, m.start()) + 1,
                 s.rfind(":", sentence_start, m.start()) + 1)  # fmt: skip
        mentions = _expand_pairs(ctx, ctx.ontology.find(s, cs, m.start()))
        metrics = mentions[0] if mentions else []
        if not metrics:
            phrase = _own_phrase(ctx, cs, m.start())
            metrics = [phrase] if phrase else []
        for metric in metrics:
            year = _period_year(ctx, "target", _when(ctx, sentence_start, m.start()))
            out.append(
                Fact("target", metric.key, metric.written, "growth", None, None, None, None,
                     None, None, "base", None, year, None, metric.start, m.end(),
                     s[metric.start : m.end()])
            )
    return out
