"""Database schema (SQLAlchemy 2 declarative). Changes go through Alembic migrations.

    documents 1─1 reports 1─* sections / facts / tasks / glossary / self_assessments
    links: a target fact ─ the outcome fact that answers it; task_links: task ─ later sentence;
    linked_regions: which regions' links are current

Every extracted row records ``extractor_version`` (the luoshi version that produced it) so a
``--reextract`` can tell stale rows. Offsets (``start``/``end``) index the stored normalized text
(``documents.normalized``); ``orig_start``/``orig_end`` index ``documents.original``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    source: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(8))
    encoding: Mapped[str | None] = mapped_column(String(32))
    size_bytes: Mapped[int] = mapped_column(Integer)
    original: Mapped[str] = mapped_column(Text)
    normalized: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ReportRow(Base):
    __tablename__ = "reports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), unique=True
    )
    title: Mapped[str | None] = mapped_column(Text)
    region_written: Mapped[str | None] = mapped_column(Text)
    region_code: Mapped[str | None] = mapped_column(String(6), index=True)
    region_name: Mapped[str | None] = mapped_column(Text)
    region_level: Mapped[str | None] = mapped_column(String(16), index=True)
    region_path: Mapped[list | None] = mapped_column(JSON)
    region_candidates: Mapped[list | None] = mapped_column(JSON)
    plan_year: Mapped[int | None] = mapped_column(Integer, index=True)
    review_year: Mapped[int | None] = mapped_column(Integer)
    delivered: Mapped[dt.date | None] = mapped_column(Date)
    session: Mapped[int | None] = mapped_column(Integer)
    sitting: Mapped[int | None] = mapped_column(Integer)
    speaker_name: Mapped[str | None] = mapped_column(Text)
    speaker_title: Mapped[str | None] = mapped_column(Text)
    document_type: Mapped[str] = mapped_column(String(16))
    reasons: Mapped[list] = mapped_column(JSON)
    extractor_version: Mapped[str] = mapped_column(String(32))


class SectionRow(Base):
    __tablename__ = "sections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(24))
    level: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    extractor_version: Mapped[str] = mapped_column(String(32))


class FactRow(Base):
    __tablename__ = "facts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    indicator: Mapped[str | None] = mapped_column(String(64))
    metric: Mapped[str] = mapped_column(Text)
    measure: Mapped[str] = mapped_column(String(16))
    value: Mapped[float | None] = mapped_column(Float)
    value_high: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(32))
    base_value: Mapped[float | None] = mapped_column(Float)
    base_unit: Mapped[str | None] = mapped_column(String(32))
    qualifier: Mapped[str | None] = mapped_column(String(16))
    tier: Mapped[str] = mapped_column(String(8))
    basis: Mapped[str | None] = mapped_column(String(16))
    period_year: Mapped[int | None] = mapped_column(Integer)
    period: Mapped[str | None] = mapped_column(String(16))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    orig_start: Mapped[int] = mapped_column(Integer)
    orig_end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    extractor_version: Mapped[str] = mapped_column(String(32))

    __table_args__ = (Index("ix_facts_indicator_year", "indicator", "period_year", "kind"),)


class TaskRow(Base):
    __tablename__ = "tasks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    lead_unit: Mapped[str | None] = mapped_column(Text)
    units: Mapped[list] = mapped_column(JSON)
    deadline: Mapped[str | None] = mapped_column(Text)
    quantities: Mapped[list] = mapped_column(JSON)
    check_type: Mapped[str] = mapped_column(String(16))
    section: Mapped[str] = mapped_column(Text)
    livelihood: Mapped[bool] = mapped_column(Boolean)
    projects: Mapped[list] = mapped_column(JSON)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    orig_start: Mapped[int] = mapped_column(Integer)
    orig_end: Mapped[int] = mapped_column(Integer)
    extractor_version: Mapped[str] = mapped_column(String(32))


class GlossaryRow(Base):
    __tablename__ = "glossary"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    term: Mapped[str] = mapped_column(Text)
    definition: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    extractor_version: Mapped[str] = mapped_column(String(32))


class SelfAssessmentRow(Base):
    __tablename__ = "self_assessments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    verdict: Mapped[str] = mapped_column(String(8))
    indicator: Mapped[str | None] = mapped_column(String(64))
    year: Mapped[int | None] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    extractor_version: Mapped[str] = mapped_column(String(32))


class LinkRow(Base):
    """A target fact of a region's chain with the outcome fact that answers it (default rules).

    Written per region by ``luoshi.store.links``; ``outcome_fact_id`` is None for ``no_outcome``
    and ``not_numeric``. ``flags`` is the list of flag messages, ``assessments`` the ids of the
    attached self-assessment rows; rows of a region are inserted in ``link_targets`` order.
    """

    __tablename__ = "links"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    region_code: Mapped[str] = mapped_column(String(6))
    indicator: Mapped[str] = mapped_column(String(64))
    measure: Mapped[str] = mapped_column(String(16))
    tier: Mapped[str] = mapped_column(String(8))
    period_year: Mapped[int] = mapped_column(Integer)
    target_fact_id: Mapped[int] = mapped_column(ForeignKey("facts.id", ondelete="CASCADE"),
                                                index=True)
    outcome_fact_id: Mapped[int | None] = mapped_column(
        ForeignKey("facts.id", ondelete="CASCADE"), index=True
    )
    verdict: Mapped[str] = mapped_column(String(24))
    delta: Mapped[float | None] = mapped_column(Float)
    flags: Mapped[list] = mapped_column(JSON)
    assessments: Mapped[list] = mapped_column(JSON)
    extractor_version: Mapped[str] = mapped_column(String(32))

    __table_args__ = (Index("ix_links_region_indicator", "region_code", "indicator"),)


class TaskLinkRow(Base):
    """A task of report N with the most similar sentence of report N+1's review (any score).

    ``matched_report_id``/``sentence``/``start``/``end`` are None when no sentence shares a
    bigram with the task; ``luoshi follow`` applies its ``--min-score`` when reading.
    """

    __tablename__ = "task_links"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    region_code: Mapped[str] = mapped_column(String(6), index=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    matched_report_id: Mapped[int | None] = mapped_column(
        ForeignKey("reports.id", ondelete="CASCADE")
    )
    sentence: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    extractor_version: Mapped[str] = mapped_column(String(32))


class LinkedRegionRow(Base):
    """Regions whose stored links are current: computed over ``reports`` reports by
    ``extractor_version``. Storing or re-extracting a report of the region deletes its row, so a
    region without a row (a crash between the documents and the links, a parallel ingest) is
    relinked by the next ingest and meanwhile tracked on the fly."""

    __tablename__ = "linked_regions"
    region_code: Mapped[str] = mapped_column(String(6), primary_key=True)
    reports: Mapped[int] = mapped_column(Integer)
    extractor_version: Mapped[str] = mapped_column(String(32))
