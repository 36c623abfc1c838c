"""Writing one parsed and extracted document: all its rows in one transaction, or none."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Connection, insert, select

from luoshi import __version__
from luoshi.models import Extraction, Quantity, Text
from luoshi.pipeline import Parsed
from luoshi.store.schema import (
    DocumentRow,
    FactRow,
    GlossaryRow,
    ReportRow,
    SectionRow,
    SelfAssessmentRow,
    TaskRow,
)

EXTRACTOR_VERSION = __version__


def document_id_for_hash(connection: Connection, sha256: str) -> int | None:
    """The id of the stored document with these bytes, if any."""
    return connection.scalar(select(DocumentRow.id).where(DocumentRow.sha256 == sha256))


def save_document(connection: Connection, parsed: Parsed, extraction: Extraction) -> int:
    """Insert the document, its report and every extracted row; returns the report id.

    Runs inside the caller's transaction (``engine.begin()``), so a failure anywhere leaves no
    row of this document behind.
    """
    doc = parsed.document
    document_id = connection.execute(
        insert(DocumentRow).returning(DocumentRow.id),
        {
            "sha256": doc.sha256,
            "source": doc.source,
            "format": doc.format,
            "encoding": doc.encoding,
            "size_bytes": doc.size_bytes,
            "original": doc.original,
            "normalized": parsed.text.text,
            "ingested_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
        },
    ).scalar_one()
    report_id = connection.execute(
        insert(ReportRow).returning(ReportRow.id), report_values(parsed, document_id)
    ).scalar_one()
    write_extraction(connection, report_id, parsed, extraction)
    return report_id


def write_extraction(
    connection: Connection, report_id: int, parsed: Parsed, extraction: Extraction
) -> None:
    """Insert sections and extracted rows of one report (used by ingest and --reextract)."""
    text = parsed.text
    rows = {
        SectionRow: [
            {"ordinal": i, "title": s.title, "kind": s.kind, "level": s.level,
             "start": s.start, "end": s.end}
            for i, s in enumerate(parsed.report.sections)
        ],
        FactRow: [_fact_values(f, text) for f in extraction.facts],
        TaskRow: [_task_values(t, text) for t in extraction.tasks],
        GlossaryRow: [
            {"term": g.term, "definition": g.definition, "start": g.start, "end": g.end}
            for g in extraction.glossary
        ],
        SelfAssessmentRow: [
            {"text": a.text, "verdict": a.verdict, "indicator": a.indicator, "year": a.year,
             "start": a.start, "end": a.end}
            for a in extraction.self_assessments
        ],
    }
    for table, values in rows.items():
        if values:
            common = {"report_id": report_id, "extractor_version": EXTRACTOR_VERSION}
            connection.execute(insert(table), [{**common, **v} for v in values])


def report_values(parsed: Parsed, document_id: int) -> dict:
    report = parsed.report
    region = report.region
    return {
        "document_id": document_id,
        "title": report.title,
        "region_written": region.written if region else None,
        "region_code": region.code if region else None,
        "region_name": region.name if region else None,
        "region_level": region.level if region else None,
        "region_path": list(region.path) if region else None,
        "region_candidates": [c.code for c in region.candidates] if region else None,
        "plan_year": report.plan_year,
        "review_year": report.review_year,
        "delivered": report.delivered,
        "session": report.meeting.session,
        "sitting": report.meeting.sitting,
        "speaker_name": report.speaker.name,
        "speaker_title": report.speaker.title,
        "document_type": report.document_type,
        "reasons": list(report.reasons),
        "extractor_version": EXTRACTOR_VERSION,
    }


def _original_range(text: Text, start: int, end: int) -> dict[str, int]:
    orig_start, orig_end = text.to_original(start, end)
    return {"orig_start": orig_start, "orig_end": orig_end}


def _fact_values(fact, text: Text) -> dict:
    values = dataclasses.asdict(fact)
    return {**values, **_original_range(text, fact.start, fact.end)}


def _quantities_json(quantities: Sequence[Quantity]) -> list[dict]:
    return [
        {"text": q.text, "value": q.value, "value_high": q.value_high, "unit": q.unit,
         "base_value": q.base_value, "base_unit": q.base_unit, "qualifier": q.qualifier,
         "start": q.start, "end": q.end}
        for q in quantities
    ]


def _task_values(task, text: Text) -> dict:
    return {
        "text": task.text,
        "lead_unit": task.lead_unit,
        "units": list(task.units),
        "deadline": task.deadline,
        "quantities": _quantities_json(task.quantities),
        "check_type": task.check_type,
        "section": task.section,
        "livelihood": task.livelihood,
        "projects": list(task.projects),
        "start": task.start,
        "end": task.end,
        **_original_range(text, task.start, task.end),
    }
