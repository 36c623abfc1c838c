"""Stored links: each region's targets with their outcomes, and tasks with next year's review.

``relink`` recomputes, for each region it is given plus every region whose links are not current,
what ``luoshi track`` and ``luoshi follow`` would compute with the shipped rules (the pure
``link_targets`` and ``match_tasks``) and replaces that region's ``links``/``task_links`` rows in
ONE transaction, so a crash leaves a region with either its old or its new links. A region's links
are *current* when its ``linked_regions`` row names the running extractor version and the number
of reports the region has now; readers fall back to computing on the fly otherwise.

The loaders here (``load_chain``, ``task_matches``) are shared with the on-the-fly path in
``luoshi.service`` so both read the same rows in the same order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, cast

from sqlalchemy import Connection, Engine, delete, func, insert, select

from luoshi.link.chains import AssessmentRecord, FactRecord, TrackRow, link_targets
from luoshi.link.matching import Sentence, TaskMatch, match_tasks, split_sentences
from luoshi.link.verdicts import VerdictRules, load_rules
from luoshi.models import CheckType, Fact, SelfAssessment, Task
from luoshi.store.schema import (
    DocumentRow,
    FactRow,
    LinkedRegionRow,
    LinkRow,
    ReportRow,
    SectionRow,
    SelfAssessmentRow,
    TaskLinkRow,
    TaskRow,
)
from luoshi.store.writer import EXTRACTOR_VERSION

AssessedVerdict = Literal["met", "missed"]
FACT_FIELDS = (
    "kind", "indicator", "metric", "measure", "value", "value_high", "unit", "base_value",
    "base_unit", "qualifier", "tier", "basis", "period_year", "period", "start", "end", "quote",
)
FACT_COLUMNS = [getattr(FactRow, name) for name in FACT_FIELDS]


@dataclass(frozen=True, slots=True)
class Chain:
    """A region's stored facts and self-assessments, with their row ids (facts in id order)."""

    facts: list[tuple[int, FactRecord]]
    assessments: list[tuple[int, AssessmentRecord]]


def chain_reports(connection: Connection, codes: Sequence[str]) -> dict[int, tuple[int | None, str]]:
    """report id -> (plan year, source) of the reports of ``codes``."""
    return {
        report_id: (plan_year, source)
        for report_id, plan_year, source in connection.execute(
            select(ReportRow.id, ReportRow.plan_year, DocumentRow.source)
            .join(DocumentRow, DocumentRow.id == ReportRow.document_id)
            .where(ReportRow.region_code.in_(list(codes)))
        )
    }


def load_chain(connection: Connection, codes: Sequence[str], indicator: str | None = None) -> Chain:
    """Facts with an indicator (only ``indicator``'s when given) and self-assessments of ``codes``."""
    chain = chain_reports(connection, codes)
    # Facts by report id, the indicator filtered here: given "indicator = 'gdp'" the planners
    # (SQLite's above all) prefer the indicator index and scan every region's GDP facts.
    facts = [
        (row[0], FactRecord(row[1], chain[row[1]][0], chain[row[1]][1],
                            Fact(**dict(zip(FACT_FIELDS, row[2:], strict=True)))))
        for row in connection.execute(
            select(FactRow.id, FactRow.report_id, *FACT_COLUMNS)
            .where(FactRow.report_id.in_(list(chain)), FactRow.indicator.is_not(None))
            .order_by(FactRow.id)
        )
        if indicator is None or row.indicator == indicator
    ]
    assessments = [
        (row.id, AssessmentRecord(row.report_id, chain[row.report_id][1], SelfAssessment(
            row.text, cast(AssessedVerdict, row.verdict), row.indicator, row.year, row.start,
            row.end)))
        for row in connection.execute(
            select(SelfAssessmentRow.id, SelfAssessmentRow.report_id, SelfAssessmentRow.text,
                   SelfAssessmentRow.verdict, SelfAssessmentRow.indicator,
                   SelfAssessmentRow.year, SelfAssessmentRow.start, SelfAssessmentRow.end)
            .where(SelfAssessmentRow.report_id.in_(list(chain)))
            .order_by(SelfAssessmentRow.id)
        )
    ]
    return Chain(facts, assessments)


def link_chain(
    chain: Chain, *, higher_is_better: Callable[[str], bool], rules: VerdictRules,
) -> list[TrackRow]:
    """``link_targets`` over a loaded chain."""
    return link_targets([f for _, f in chain.facts], [a for _, a in chain.assessments],
                        rules=rules, higher_is_better=higher_is_better)


def _merged(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of (possibly nested) section spans, so no sentence is taken twice."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def review_sentences(connection: Connection, report_id: int, normalized: str) -> list[Sentence]:
    """Sentences of a report's review sections (the whole text when it has none)."""
    spans = connection.execute(
        select(SectionRow.start, SectionRow.end)
        .where(SectionRow.report_id == report_id, SectionRow.kind == "review")
    ).all()
    return split_sentences(normalized, _merged([(s.start, s.end) for s in spans]) if spans else None)


@dataclass(frozen=True, slots=True)
class YearMatches:
    """The tasks of report N (plan year ``plan_year``) matched against report N+1's review."""

    plan_year: int
    source: str
    following_id: int
    following_source: str
    task_ids: list[int]
    matches: list[TaskMatch]


def task_matches(
    connection: Connection, codes: Sequence[str], *, min_score: float,
    year: int | None = None,
) -> Iterator[YearMatches]:
    """Per plan year of ``codes`` (first report of each year), its tasks matched to the next
    year's review; ``year`` limits to one plan year."""
    chain = connection.execute(
        select(ReportRow.plan_year, ReportRow.id, DocumentRow.source)
        .join(DocumentRow, DocumentRow.id == ReportRow.document_id)
        .where(ReportRow.region_code.in_(list(codes)), ReportRow.plan_year.is_not(None))
        .order_by(ReportRow.plan_year, ReportRow.id)
    ).all()
    by_year: dict[int, tuple[int, str]] = {}
    for plan_year, report_id, source in chain:
        if plan_year is not None:
            by_year.setdefault(plan_year, (report_id, source))
    for plan_year, (report_id, source) in sorted(by_year.items()):
        following = by_year.get(plan_year + 1)
        if following is None or (year is not None and plan_year != year):
            continue
        tasks = connection.execute(
            select(TaskRow.id, TaskRow.text, TaskRow.lead_unit, TaskRow.units, TaskRow.deadline,
                   TaskRow.check_type, TaskRow.section, TaskRow.start, TaskRow.end,
                   TaskRow.livelihood)
            .where(TaskRow.report_id == report_id).order_by(TaskRow.start, TaskRow.id)
        ).all()
        if not tasks:
            continue
        normalized = connection.scalar(
            select(DocumentRow.normalized).join(ReportRow, ReportRow.document_id == DocumentRow.id)
            .where(ReportRow.id == following[0])
        )
        sentences = review_sentences(connection, following[0], normalized or "")
        models = [Task(t.text, t.lead_unit, tuple(t.units), t.deadline, (),
                       cast(CheckType, t.check_type), t.section, t.start, t.end, t.livelihood)
                  for t in tasks]
        yield YearMatches(plan_year, source, following[0], following[1], [t.id for t in tasks],
                          match_tasks(models, sentences, min_score=min_score))


def _report_count(connection: Connection, code: str) -> int:
    return connection.scalar(
        select(func.count(ReportRow.id)).where(ReportRow.region_code == code)
    ) or 0


def is_current(connection: Connection, code: str) -> bool:
    """Whether ``code``'s stored links were computed by this version over all its reports."""
    row = connection.execute(
        select(LinkedRegionRow.reports, LinkedRegionRow.extractor_version)
        .where(LinkedRegionRow.region_code == code)
    ).first()
    return (row is not None and row.extractor_version == EXTRACTOR_VERSION
            and row.reports == _report_count(connection, code))


def stale_regions(connection: Connection) -> list[str]:
    """Region codes with reports whose links are missing, from another version, or outdated."""
    counts = select(ReportRow.region_code, func.count(ReportRow.id).label("n")).where(
        ReportRow.region_code.is_not(None)).group_by(ReportRow.region_code).subquery()
    rows = connection.execute(
        select(counts.c.region_code)
        .outerjoin(LinkedRegionRow, LinkedRegionRow.region_code == counts.c.region_code)
        .where((LinkedRegionRow.region_code.is_(None))
               | (LinkedRegionRow.extractor_version != EXTRACTOR_VERSION)
               | (LinkedRegionRow.reports != counts.c.n))
        .order_by(counts.c.region_code)
    )
    return [code for (code,) in rows]


def mark_stale(connection: Connection, codes: Iterable[str | None]) -> None:
    """Forget that these regions' links are current (inside the caller's transaction)."""
    wanted = [c for c in set(codes) if c]
    if wanted:
        connection.execute(delete(LinkedRegionRow).where(LinkedRegionRow.region_code.in_(wanted)))


def _link_values(code: str, rows: Sequence[TrackRow], chain: Chain) -> list[dict]:
    fact_ids = {id(record): fact_id for fact_id, record in chain.facts}
    assessment_ids = {id(record): row_id for row_id, record in chain.assessments}
    return [
        {"region_code": code, "indicator": r.indicator, "measure": r.measure, "tier": r.tier,
         "period_year": r.period_year, "target_fact_id": fact_ids[id(r.target)],
         "outcome_fact_id": fact_ids[id(r.outcome)] if r.outcome else None,
         "verdict": r.verdict, "delta": r.delta, "flags": list(r.flags),
         "assessments": [assessment_ids[id(a)] for a in r.assessments],
         "extractor_version": EXTRACTOR_VERSION}
        for r in rows
    ]


def _task_link_values(code: str, years: Iterable[YearMatches]) -> list[dict]:
    values = []
    for year in years:
        for task_id, m in zip(year.task_ids, year.matches, strict=True):
            s = m.sentence
            values.append({
                "region_code": code, "task_id": task_id,
                "matched_report_id": year.following_id if s else None,
                "sentence": s.text if s else None, "start": s.start if s else None,
                "end": s.end if s else None, "score": m.score,
                "extractor_version": EXTRACTOR_VERSION,
            })
    return values


def relink_region(
    engine: Engine, code: str, *, higher_is_better: Callable[[str], bool], rules: VerdictRules,
) -> int:
    """Replace ``code``'s links with freshly computed ones in one transaction; returns the count."""
    with engine.begin() as connection:
        reports = _report_count(connection, code)
        chain = load_chain(connection, [code])
        links = _link_values(code, link_chain(chain, higher_is_better=higher_is_better, rules=rules),
                             chain)
        # min_score 0: store each task's best sentence; ``follow`` applies its own threshold
        task_links = _task_link_values(code, task_matches(connection, [code], min_score=0.0))
        connection.execute(delete(LinkRow).where(LinkRow.region_code == code))
        connection.execute(delete(TaskLinkRow).where(TaskLinkRow.region_code == code))
        connection.execute(delete(LinkedRegionRow).where(LinkedRegionRow.region_code == code))
        if links:
            connection.execute(insert(LinkRow), links)
        if task_links:
            connection.execute(insert(TaskLinkRow), task_links)
        connection.execute(insert(LinkedRegionRow), {
            "region_code": code, "reports": reports, "extractor_version": EXTRACTOR_VERSION})
    return len(links)


def relink(engine: Engine, codes: Iterable[str | None] = ()) -> list[str]:
    """Relink ``codes`` and every region whose links are not current; returns the codes relinked."""
    from luoshi.service import ontology_direction

    with engine.connect() as connection:
        todo = sorted({c for c in codes if c} | set(stale_regions(connection)))
    if todo:
        direction, rules = ontology_direction(), load_rules()  # what ``luoshi track`` uses
        for code in todo:
            relink_region(engine, code, higher_is_better=direction, rules=rules)
    return todo


def stored_track(connection: Connection, code: str, indicator: str | None = None) -> list[TrackRow]:
    """The stored links of ``code`` as ``TrackRow``s, in the order ``link_targets`` gives."""
    query = select(LinkRow).where(LinkRow.region_code == code).order_by(LinkRow.id)
    if indicator is not None:
        query = query.where(LinkRow.indicator == indicator)
    links = connection.execute(query).all()
    if not links:
        return []
    chain = chain_reports(connection, [code])
    fact_ids = {link.target_fact_id for link in links} | {
        link.outcome_fact_id for link in links if link.outcome_fact_id is not None}
    facts = {
        row[0]: FactRecord(row[1], chain[row[1]][0], chain[row[1]][1],
                           Fact(**dict(zip(FACT_FIELDS, row[2:], strict=True))))
        for row in connection.execute(
            select(FactRow.id, FactRow.report_id, *FACT_COLUMNS).where(FactRow.id.in_(fact_ids)))
    }
    wanted = {i for link in links for i in link.assessments}
    assessments = {
        row.id: AssessmentRecord(row.report_id, chain[row.report_id][1], SelfAssessment(
            row.text, cast(AssessedVerdict, row.verdict), row.indicator, row.year, row.start,
            row.end))
        for row in connection.execute(
            select(SelfAssessmentRow).where(SelfAssessmentRow.id.in_(wanted)))
    } if wanted else {}
    return [
        TrackRow(link.indicator, link.measure, link.tier, link.period_year,
                 facts[link.target_fact_id],
                 facts[link.outcome_fact_id] if link.outcome_fact_id is not None else None,
                 link.verdict, link.delta, tuple(assessments[i] for i in link.assessments),
                 tuple(link.flags))
        for link in links
    ]
