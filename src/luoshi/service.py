"""Read functions over the store, returning plain dataclasses; the CLI (and later API/web) use them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from luoshi.errors import UsageError
from luoshi.link.chains import TrackRow
from luoshi.link.verdicts import VerdictRules
from luoshi.models import NATIONAL_CODE, Fact
from luoshi.store.links import FACT_FIELDS
from luoshi.store.schema import DocumentRow, FactRow, ReportRow


@dataclass(frozen=True, slots=True)
class ReportSummary:
    id: int
    source: str
    title: str | None
    region_code: str | None
    region_name: str | None
    region_level: str | None
    plan_year: int | None
    delivered: str | None
    document_type: str
    facts: int


def region_codes(engine: Engine, region: str) -> list[str]:
    """Codes of stored reports matching ``region``: a code, ``national``, or a name as written."""
    if region.lower() in ("national", "全国", "国务院"):
        return [NATIONAL_CODE]
    if region.isdigit() and len(region) == 6:
        return [region]
    with engine.connect() as connection:
        codes = connection.scalars(
            select(ReportRow.region_code)
            .where((ReportRow.region_name == region) | (ReportRow.region_written == region))
            .where(ReportRow.region_code.is_not(None))
            .distinct()
        ).all()
    if codes:
        return [code for code in codes if code]
    from luoshi.parse.regions import resolve_region

    resolved = resolve_region(region, year=None)
    if resolved.code:
        return [resolved.code]
    if resolved.candidates:
        names = ", ".join(f"{'/'.join(c.path)} {c.code}" for c in resolved.candidates[:8])
        raise UsageError(f"region {region!r} is ambiguous: {names}; give a code")
    raise UsageError(f"unknown region {region!r}")


def list_reports(
    engine: Engine, *, region: str | None = None, level: str | None = None,
    year: int | None = None,
) -> list[ReportSummary]:
    """Stored reports, filtered, ordered by region and plan year."""
    fact_count = (
        select(func.count(FactRow.id)).where(FactRow.report_id == ReportRow.id).scalar_subquery()
    )
    query = (
        select(ReportRow, DocumentRow.source, fact_count)
        .join(DocumentRow, DocumentRow.id == ReportRow.document_id)
        .order_by(ReportRow.region_code, ReportRow.plan_year, ReportRow.id)
    )
    if region:
        query = query.where(ReportRow.region_code.in_(region_codes(engine, region)))
    if level:
        query = query.where(ReportRow.region_level == level)
    if year:
        query = query.where(ReportRow.plan_year == year)
    with Session(engine) as connection:
        return [
            ReportSummary(r.id, source, r.title, r.region_code, r.region_name, r.region_level,
                          r.plan_year, r.delivered.isoformat() if r.delivered else None,
                          r.document_type, count)
            for r, source, count in connection.execute(query).all()
        ]


def _fact_from_row(row: FactRow) -> Fact:
    return Fact(**{name: getattr(row, name) for name in FACT_FIELDS})


def track(
    engine: Engine, region: str, *, indicator: str | None = None,
    rules: VerdictRules | None = None, higher_is_better: Callable[[str], bool] | None = None,
    use_stored: bool = True,
) -> list[TrackRow]:
    """Targets of a region's reports against the outcomes reported later, with verdicts.

    ``rules`` default to the shipped ``data/verdict_rules.toml``. With those rules and the
    ontology's direction, one region code, and links current for it, the rows are
    read from the ``links`` table (written by ``luoshi ingest``); otherwise (``use_stored=False``,
    other rules, a name matching several regions, links not yet computed) they are computed on
    the fly. Both give the same rows for the default rules.
    """
    from luoshi.link.verdicts import load_rules
    from luoshi.store.links import is_current, link_chain, load_chain, stored_track

    shipped = load_rules()
    rules = shipped if rules is None else rules
    codes = region_codes(engine, region)
    with engine.connect() as connection:
        if (use_stored and rules == shipped and higher_is_better is None
                and len(codes) == 1 and is_current(connection, codes[0])):
            return stored_track(connection, codes[0], indicator)
        chain = load_chain(connection, codes, indicator)
    return link_chain(chain, rules=rules, higher_is_better=higher_is_better or ontology_direction())


def ontology_direction() -> Callable[[str], bool]:
    """``key -> higher_is_better`` from the shipped ontology (unknown keys: higher is better)."""
    from luoshi.extract.ontology import load_ontology

    ontology = load_ontology()

    def higher_is_better(key: str) -> bool:
        indicator = ontology.get(key)
        return True if indicator is None else indicator.higher_is_better

    return higher_is_better


def track_row_to_dict(row: TrackRow) -> dict:
    """The JSON shape of one ``luoshi track`` row."""
    target = row.target.fact
    found = row.outcome
    outcome = found.fact if found else None
    return {
        "indicator": row.indicator,
        "measure": row.measure,
        "tier": row.tier,
        "period_year": row.period_year,
        "target": {
            "value": target.value, "value_high": target.value_high, "unit": target.unit,
            "qualifier": target.qualifier, "quote": target.quote, "report": row.target.source,
        },
        "outcome": None if outcome is None else {
            "value": outcome.value, "unit": outcome.unit, "quote": outcome.quote,
            "report": found.source if found else None,
        },
        "verdict": row.verdict,
        "delta": None if row.delta is None else round(row.delta, 6),
        "self_assessments": [a.assessment.text for a in row.assessments],
        "flags": list(row.flags),
    }


@dataclass(frozen=True, slots=True)
class CompareRow:
    region_code: str | None
    region_name: str | None
    region_level: str | None
    kind: str
    measure: str
    value: float | None
    unit: str | None
    qualifier: str | None
    quote: str
    source: str


def compare(
    engine: Engine, indicator: str, year: int, *, level: str | None = None,
    within: str | None = None, kinds: Sequence[str] = ("outcome", "target"),
) -> list[CompareRow]:
    """Each region's first-stated value of an indicator for a year (per kind and measure)."""
    query = (
        select(FactRow, ReportRow, DocumentRow.source)
        .join(ReportRow, ReportRow.id == FactRow.report_id)
        .join(DocumentRow, DocumentRow.id == ReportRow.document_id)
        .where(FactRow.indicator == indicator, FactRow.period_year == year,
               FactRow.kind.in_(list(kinds)), FactRow.tier == "base")
        .order_by(ReportRow.region_code, FactRow.kind, FactRow.measure, ReportRow.plan_year,
                  FactRow.start)
    )
    if level:
        query = query.where(ReportRow.region_level == level)
    if within:
        prefixes = [_code_prefix(code) for code in region_codes(engine, within)]
        query = query.where(
            func.substr(ReportRow.region_code, 1, len(prefixes[0])).in_(prefixes)
        )
    seen: set[tuple] = set()
    rows = []
    with Session(engine) as connection:
        for fact, report, source in connection.execute(query):
            key = (report.region_code, fact.kind, fact.measure)
            if key in seen:
                continue
            seen.add(key)
            rows.append(CompareRow(report.region_code, report.region_name, report.region_level,
                                   fact.kind, fact.measure, fact.value, fact.unit,
                                   fact.qualifier, fact.quote, source))
    return rows


def _code_prefix(code: str) -> str:
    """The code prefix shared by a region and everything under it (510000 -> 51, 510100 -> 5101)."""
    stripped = code.rstrip("0")
    return stripped if len(stripped) % 2 == 0 else stripped + "0"


@dataclass(frozen=True, slots=True)
class SearchHit:
    report_id: int
    source: str
    region_name: str | None
    plan_year: int | None
    snippet: str


#: Reports first scanned in result order (newest plan year first) before the indexed search: a
#: common phrase ("民生") is found in the first few, so the query stops early instead of checking
#: every match (PostgreSQL rechecks each trigram candidate against its whole text, and 1-2
#: character queries cannot use the trigram index at all).
SEARCH_WALK = 500


def _contains(query_text: str):
    escaped = query_text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return DocumentRow.normalized.like(f"%{escaped}%", escape="\\")


def _walk(connection, query_text: str, limit: int) -> list[int]:
    """The first ``limit`` hits among the first ``SEARCH_WALK`` reports in result order, checked
    in growing chunks so a common phrase costs a few dozen texts (fewer hits: all found there)."""
    walk = connection.execute(
        select(ReportRow.id, ReportRow.document_id)
        .order_by(ReportRow.plan_year.desc(), ReportRow.id).limit(SEARCH_WALK)
    ).all()
    found: list[int] = []
    at, size = 0, max(limit * 2, 16)
    while at < len(walk) and len(found) < limit:
        chunk = walk[at: at + size]
        # strpos/instr, not LIKE: the planner must fetch these few rows by id, not consult the
        # trigram index (which would recheck every match in the corpus once per chunk)
        position = func.instr if connection.dialect.name == "sqlite" else func.strpos
        hit = set(connection.scalars(
            select(DocumentRow.id).where(DocumentRow.id.in_([d for _r, d in chunk]),
                                         position(DocumentRow.normalized, query_text) > 0)))
        found += [report_id for report_id, document_id in chunk if document_id in hit]
        at, size = at + size, size * 2
    return found[:limit]


def search(engine: Engine, query_text: str, *, limit: int = 20) -> list[SearchHit]:
    """Reports whose normalized text contains ``query_text``, with a snippet around the first hit.

    Order: plan year, newest first, then report id. First the ``SEARCH_WALK`` first reports in
    that order are checked; only when they hold fewer than ``limit`` hits does the indexed search
    over all documents run (same order, same result).
    """
    if not query_text.strip():
        raise UsageError("empty search text")
    order = (ReportRow.plan_year.desc(), ReportRow.id)
    if engine.dialect.name == "sqlite" and len(query_text) >= 3:
        from sqlalchemy import text as sql

        ids = sql("SELECT rowid FROM documents_fts WHERE documents_fts MATCH :q")
        phrase = '"' + query_text.replace('"', '""') + '"'
        matching = DocumentRow.id.in_(ids.bindparams(q=phrase))
    else:  # PostgreSQL's trigram index serves LIKE; SQLite's FTS5 trigrams need 3+ characters
        matching = _contains(query_text)
    full = (
        select(ReportRow.id).join(DocumentRow, DocumentRow.id == ReportRow.document_id)
        .where(matching).order_by(*order).limit(limit)
    )
    hits = []
    with engine.connect() as connection:
        report_ids = _walk(connection, query_text, limit)
        if len(report_ids) < limit:
            report_ids = list(connection.scalars(full).all())
        rows = {
            row.id: row for row in connection.execute(
                select(ReportRow.id, ReportRow.region_name, ReportRow.plan_year,
                       DocumentRow.source, DocumentRow.normalized)
                .join(DocumentRow, DocumentRow.id == ReportRow.document_id)
                .where(ReportRow.id.in_(report_ids)))
        }
    for report_id in report_ids:
        row = rows[report_id]
        at = row.normalized.find(query_text)
        snippet = row.normalized[max(0, at - 30): at + len(query_text) + 30].replace("\n", " ")
        hits.append(SearchHit(report_id, row.source, row.region_name, row.plan_year, snippet))
    return hits


@dataclass(frozen=True, slots=True)
class ReportDetail:
    summary: ReportSummary
    speaker: str | None
    meeting: tuple[int | None, int | None]
    region_path: tuple[str, ...]
    sections: tuple[tuple[int, str, str], ...]  # level, kind, title
    facts: tuple[Fact, ...]
    tasks: int
    livelihood_projects: int
    glossary: int


def get_report(engine: Engine, report_id: int) -> ReportDetail:
    """One stored report with its outline and facts."""
    from luoshi.store.schema import GlossaryRow, SectionRow, TaskRow

    with Session(engine) as connection:
        row = connection.execute(
            select(ReportRow, DocumentRow.source)
            .join(DocumentRow, DocumentRow.id == ReportRow.document_id)
            .where(ReportRow.id == report_id)
        ).first()
        if row is None:
            raise UsageError(f"no report with id {report_id}")
        report, source = row
        sections = connection.execute(
            select(SectionRow.level, SectionRow.kind, SectionRow.title)
            .where(SectionRow.report_id == report_id).order_by(SectionRow.ordinal)
        ).all()
        facts = connection.scalars(
            select(FactRow).where(FactRow.report_id == report_id).order_by(FactRow.start)
        ).all()

        def count(table, *conditions) -> int:
            return connection.scalar(
                select(func.count(table.id)).where(table.report_id == report_id, *conditions)
            ) or 0

        tasks, livelihood = count(TaskRow), count(TaskRow, TaskRow.livelihood.is_(True))
        glossary = count(GlossaryRow)
    summary = ReportSummary(report.id, source, report.title, report.region_code,
                            report.region_name, report.region_level, report.plan_year,
                            report.delivered.isoformat() if report.delivered else None,
                            report.document_type, len(facts))
    speaker = " ".join(filter(None, (report.speaker_title, report.speaker_name))) or None
    return ReportDetail(summary, speaker, (report.session, report.sitting),
                        tuple(report.region_path or ()), tuple((s.level, s.kind, s.title) for s in sections),
                        tuple(_fact_from_row(f) for f in facts), tasks, livelihood, glossary)


@dataclass(frozen=True, slots=True)
class FollowRow:
    """A task of report N with the sentence of report N+1's review most like it."""

    plan_year: int
    task: str
    task_report: str
    start: int
    end: int
    livelihood: bool
    lead_unit: str | None
    sentence: str | None
    sentence_report: str | None
    sentence_start: int | None
    sentence_end: int | None
    score: float


def follow(
    engine: Engine, region: str, *, year: int | None = None, min_score: float | None = None,
    use_stored: bool = True,
) -> list[FollowRow]:
    """Tasks of each report N of ``region`` matched to the review in its report N+1.

    Read from ``task_links`` when the region's links are current (one region code), else computed
    on the fly; both give the same rows.
    """
    from luoshi.link.matching import MIN_SCORE
    from luoshi.store.links import is_current, task_matches

    threshold = MIN_SCORE if min_score is None else min_score
    codes = region_codes(engine, region)
    with engine.connect() as connection:
        if use_stored and len(codes) == 1 and is_current(connection, codes[0]):
            return _stored_follow(connection, codes[0], year, threshold)
        rows: list[FollowRow] = []
        for found in task_matches(connection, codes, min_score=threshold, year=year):
            for m in found.matches:
                s = m.sentence
                rows.append(FollowRow(
                    found.plan_year, m.task.text, found.source, m.task.start, m.task.end,
                    m.task.livelihood, m.task.lead_unit, s.text if s else None,
                    found.following_source if s else None, s.start if s else None,
                    s.end if s else None, m.score))
    return rows


def _stored_follow(connection, code: str, year: int | None, min_score: float) -> list[FollowRow]:
    from sqlalchemy.orm import aliased

    from luoshi.store.schema import TaskLinkRow, TaskRow

    matched = aliased(ReportRow)
    matched_doc = aliased(DocumentRow)
    query = (
        select(ReportRow.plan_year, TaskRow.text, DocumentRow.source, TaskRow.start, TaskRow.end,
               TaskRow.livelihood, TaskRow.lead_unit, TaskLinkRow.sentence, matched_doc.source,
               TaskLinkRow.start, TaskLinkRow.end, TaskLinkRow.score)
        .select_from(TaskLinkRow)
        .join(TaskRow, TaskRow.id == TaskLinkRow.task_id)
        .join(ReportRow, ReportRow.id == TaskRow.report_id)
        .join(DocumentRow, DocumentRow.id == ReportRow.document_id)
        .outerjoin(matched, matched.id == TaskLinkRow.matched_report_id)
        .outerjoin(matched_doc, matched_doc.id == matched.document_id)
        .where(TaskLinkRow.region_code == code)
        .order_by(TaskLinkRow.id)
    )
    if year is not None:
        query = query.where(ReportRow.plan_year == year)
    rows = []
    for (plan_year, text, source, start, end, livelihood, lead_unit, sentence, sentence_source,
         s_start, s_end, score) in connection.execute(query):
        shown = sentence is not None and score >= min_score
        rows.append(FollowRow(plan_year, text, source, start, end, livelihood, lead_unit,
                              sentence if shown else None, sentence_source if shown else None,
                              s_start if shown else None, s_end if shown else None, score))
    return rows
