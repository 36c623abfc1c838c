"""Following targets into later reports: the pure linking step over one region's facts.

A region's reports form a chain by plan year. A target for year N (a fact of kind ``target``
with ``period_year`` N) meets the outcome for the same indicator and measure with
``period_year`` N, taken from the earliest later report that gives one (normally report N+1's
review). Tiers (base / 力争 / 确保) are judged separately. Self-assessments of the same indicator and
year are attached, and flagged when they contradict the verdict; an outcome restated differently
by a later report is flagged too, with both quotes. ``consistency_flags`` checks each report
against itself: a self-assessment ("增幅未达到9%的预期目标") that its own stated outcome ("增长9%")
contradicts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from luoshi.link.verdicts import DEFAULT_RULES, RATE_UNITS, VerdictRules, judge
from luoshi.models import Fact, SelfAssessment


@dataclass(frozen=True, slots=True)
class FactRecord:
    """A fact with the report it came from."""

    report_id: int
    plan_year: int | None
    source: str
    fact: Fact


@dataclass(frozen=True, slots=True)
class AssessmentRecord:
    report_id: int
    source: str
    assessment: SelfAssessment


@dataclass(frozen=True, slots=True)
class TrackRow:
    indicator: str
    measure: str
    tier: str
    period_year: int
    target: FactRecord
    outcome: FactRecord | None
    verdict: str
    delta: float | None
    assessments: tuple[AssessmentRecord, ...] = ()
    flags: tuple[str, ...] = ()


Key = tuple[str, str, int]  # indicator, measure, year


def _comparable(target: Fact, outcome: Fact) -> tuple[float | None, float | None, float | None]:
    """Target low/high and outcome in one unit: rates as written, levels via base values."""
    if target.unit in RATE_UNITS or outcome.unit in RATE_UNITS or target.base_value is None:
        return target.value, target.value_high, outcome.value
    if outcome.base_value is None or not target.value:
        return target.value, target.value_high, None
    factor = target.base_value / target.value  # base units per written unit of the target
    high = None if target.value_high is None else target.value_high
    return target.value, high, outcome.base_value / factor


def _outcomes_by_key(records: Sequence[FactRecord]) -> dict[Key, list[FactRecord]]:
    table: dict[Key, list[FactRecord]] = defaultdict(list)
    for record in records:
        fact = record.fact
        if fact.kind == "outcome" and fact.indicator and fact.period_year and fact.value is not None:
            table[(fact.indicator, fact.measure, fact.period_year)].append(record)
    for found in table.values():
        found.sort(key=lambda r: (r.plan_year or 0, r.fact.start))
    return table


def _restatement_flags(found: Sequence[FactRecord]) -> tuple[str, ...]:
    by_report: dict[int, FactRecord] = {}
    for record in found:
        by_report.setdefault(record.report_id, record)
    first, *later = by_report.values()
    return tuple(
        f"restated: {first.source} “{first.fact.quote}” vs {r.source} “{r.fact.quote}”"
        for r in later
        if r.fact.value != first.fact.value and r.fact.unit == first.fact.unit
    )


def _pick_outcome(target: FactRecord, found: Sequence[FactRecord]) -> FactRecord | None:
    """The outcome from the earliest report after the target's report, never the same report —
    unless the target is one a review quotes back for a past year ("略低于8%的预定目标" in the
    report that plans the next year): then that review's own outcome answers it."""
    quoted_back = (target.fact.period_year or 0) < (target.plan_year or 0)
    later = [
        r for r in found
        if (r.plan_year or 0) > (target.plan_year or 0)
        or (quoted_back and r.report_id == target.report_id)
    ]
    return later[0] if later else None


def _assessment_flags(verdict: str, assessments: Sequence[AssessmentRecord], quote: str) -> tuple[str, ...]:
    flags = []
    for record in assessments:
        said = record.assessment.verdict
        if (said == "missed" and verdict in ("met", "exceeded")) or (
            said == "met" and verdict == "missed"
        ):
            flags.append(
                f"inconsistent: report says “{record.assessment.text}” but extracted outcome "
                f"“{quote}” is {verdict}"
            )
    return tuple(flags)


def _distinct_targets(facts: Sequence[FactRecord]) -> list[FactRecord]:
    """Target facts, a report's restatement of the same target dropped (first mention kept).

    Reports often state a target twice (the target list, then "提出…增长8%左右,主要是…").
    """
    seen: set[tuple] = set()
    out = []
    for record in sorted(facts, key=lambda r: (r.report_id, r.fact.start)):
        f = record.fact
        if f.kind != "target" or not f.indicator or not f.period_year:
            continue
        key = (record.report_id, f.indicator, f.measure, f.tier, f.period_year, f.value,
               f.value_high, f.qualifier)
        if key not in seen:
            seen.add(key)
            out.append(record)
    return out


def link_targets(
    facts: Sequence[FactRecord],
    assessments: Sequence[AssessmentRecord] = (),
    *,
    higher_is_better: Callable[[str], bool] = lambda _key: True,
    rules: VerdictRules = DEFAULT_RULES,
) -> list[TrackRow]:
    """One row per target fact of the chain, with its outcome and verdict, in year order."""
    outcomes = _outcomes_by_key(facts)
    assessed: dict[tuple[str, int], list[AssessmentRecord]] = defaultdict(list)
    for said in assessments:
        a = said.assessment
        if a.indicator and a.year:
            assessed[(a.indicator, a.year)].append(said)
    rows = []
    for record in _distinct_targets(facts):
        fact = record.fact
        assert fact.indicator and fact.period_year  # guaranteed by _distinct_targets
        key = (fact.indicator, fact.measure, fact.period_year)
        found = outcomes.get(key, [])
        outcome = _pick_outcome(record, found)
        low, high, observed = (
            _comparable(fact, outcome.fact) if outcome else (fact.value, fact.value_high, None)
        )
        judgement = judge(
            low, high, fact.qualifier, fact.unit, observed,
            higher_is_better=higher_is_better(fact.indicator), rules=rules,
        )
        attached = tuple(assessed.get((fact.indicator, fact.period_year), ()))
        flags = _restatement_flags(found) if len(found) > 1 else ()
        if outcome:
            flags += _assessment_flags(judgement.verdict, attached, outcome.fact.quote)
        rows.append(
            TrackRow(fact.indicator, fact.measure, fact.tier, fact.period_year, record, outcome,
                     judgement.verdict, judgement.delta, attached, flags)
        )
    rows = _with_consistency(rows, consistency_flags(facts, assessments,
                                                     higher_is_better=higher_is_better))
    rows.sort(key=lambda r: (r.period_year, r.indicator, r.measure, r.tier))
    return rows


def _with_consistency(rows: list[TrackRow], found: Sequence[ConsistencyFlag]) -> list[TrackRow]:
    """Attach each flag to the rows of its indicator and year; when the chain has no target for
    that year (seed 003 judges a 2017 target stated in a report not in the chain), to the rows of
    its indicator whose target comes from the flagged report."""
    from dataclasses import replace

    years = {(row.indicator, row.period_year) for row in rows}

    def applies(flag: ConsistencyFlag, row: TrackRow) -> bool:
        if flag.indicator != row.indicator:
            return False
        if (flag.indicator, flag.year) in years:
            return flag.year == row.period_year
        return flag.report_id == row.target.report_id

    out = []
    for row in rows:
        extra = tuple(f.message for f in found if applies(f, row))
        out.append(replace(row, flags=row.flags + extra) if extra else row)
    return out


@dataclass(frozen=True, slots=True)
class ConsistencyFlag:
    """A report whose self-assessment disagrees with an outcome it states itself."""

    report_id: int
    source: str
    indicator: str
    year: int
    target_value: float
    assessment: SelfAssessment
    outcome: Fact

    @property
    def message(self) -> str:
        return (f"inconsistent in {self.source}: “{self.assessment.text}” but the same report "
                f"states “{self.outcome.quote}” for {self.year}")


def _assessed_target(record: AssessmentRecord, targets: dict[tuple[str, int], Fact]) -> Fact | float | None:
    """The target an assessment judges: a rate written in it ("未达到9%"), else the chain's target."""
    from luoshi.extract.quantities import find_quantities

    a = record.assessment
    rates = [q for q in find_quantities(a.text) if q.unit in RATE_UNITS]
    if rates:
        # "增长7.8%,虽然略低于8%的预定目标": the rate that names the target is the one nearest
        # before "目标"; the outcome itself may be written first in the same sentence.
        goal = a.text.find("目标")
        before_goal = [q for q in rates if goal >= 0 and q.end <= goal]
        return (before_goal[-1] if before_goal else rates[-1]).value
    return targets.get((a.indicator or "", a.year or 0))


def consistency_flags(
    facts: Sequence[FactRecord],
    assessments: Sequence[AssessmentRecord],
    *,
    higher_is_better: Callable[[str], bool] = lambda _key: True,
) -> list[ConsistencyFlag]:
    """Self-assessments contradicted by an outcome stated in the SAME report.

    "missed" while the report's own outcome for that indicator and year reaches the target, or
    "met" while it falls short. The target is the rate named in the assessment text, else the
    base-tier target of the chain for that indicator and year (same measure as the outcome).
    """
    targets = {(f.fact.indicator or "", f.fact.period_year or 0): f.fact for f in facts
               if f.fact.kind == "target" and f.fact.tier == "base" and f.fact.value is not None}
    flags = []
    for record in assessments:
        a = record.assessment
        if not a.indicator or not a.year:
            continue
        target = _assessed_target(record, targets)
        if target is None:
            continue
        sign = 1.0 if higher_is_better(a.indicator) else -1.0
        for outcome in _own_outcomes(facts, record.report_id, a.indicator, a.year, target):
            wanted, got = _same_scale(target, outcome)
            if got is None:
                continue
            reached = sign * (got - wanted) >= -1e-9
            if reached == (a.verdict == "missed"):
                flags.append(ConsistencyFlag(record.report_id, record.source, a.indicator,
                                             a.year, wanted, a, outcome))
                break
    return flags


def _same_scale(target: Fact | float, outcome: Fact) -> tuple[float, float | None]:
    """Target and outcome values in one unit (a rate as written, a level via base values)."""
    if isinstance(target, float):
        return target, outcome.value
    low, _high, observed = _comparable(target, outcome)
    return float(low or 0.0), observed


def _own_outcomes(facts: Sequence[FactRecord], report_id: int, indicator: str, year: int,
                  target: Fact | float) -> list[Fact]:
    def comparable(fact: Fact) -> bool:
        if isinstance(target, float):
            return fact.unit in RATE_UNITS
        return fact.measure == target.measure

    return [
        f.fact for f in facts
        if f.report_id == report_id and f.fact.kind == "outcome" and f.fact.value is not None
        and f.fact.indicator == indicator and f.fact.period_year == year and comparable(f.fact)
    ]
