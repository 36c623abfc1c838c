"""Re-running the current parser and extractor over stored documents (``luoshi ingest --reextract``)."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import Session

from luoshi.models import Document, Format
from luoshi.pipeline import extract_parsed, parse_document
from luoshi.store.links import mark_stale, relink
from luoshi.store.schema import (
    DocumentRow,
    FactRow,
    GlossaryRow,
    ReportRow,
    SectionRow,
    SelfAssessmentRow,
    TaskRow,
)
from luoshi.store.writer import report_values, write_extraction

DERIVED_TABLES = (SectionRow, FactRow, TaskRow, GlossaryRow, SelfAssessmentRow)


def _document_from_row(row: DocumentRow) -> Document:
    # ``original`` is the decoded/extracted text, so normalization starts from it directly.
    return Document(row.source, row.sha256, cast(Format, row.format), row.encoding, row.original,
                    row.size_bytes)


def reextract_all(engine: Engine, *, link: bool = True) -> int:
    """Replace every report's derived rows with the current extractor's; one transaction each.

    Each transaction marks the report's region (before and after) as not linked; then (``link``)
    every such region is relinked.
    """
    with engine.connect() as connection:
        ids = connection.scalars(select(ReportRow.id).order_by(ReportRow.id)).all()
    for report_id in ids:
        with Session(engine) as session, session.begin():
            document = session.execute(
                select(DocumentRow).join(ReportRow, ReportRow.document_id == DocumentRow.id)
                .where(ReportRow.id == report_id)
            ).scalar_one()
            parsed = parse_document(_document_from_row(document))
            extraction = extract_parsed(parsed)
            connection = session.connection()
            for table in DERIVED_TABLES:
                connection.execute(delete(table).where(table.report_id == report_id))
            values = report_values(parsed, document.id)
            old_code = connection.scalar(select(ReportRow.region_code).where(ReportRow.id == report_id))
            mark_stale(connection, (old_code, values["region_code"]))
            connection.execute(update(ReportRow).where(ReportRow.id == report_id).values(**values))
            connection.execute(
                update(DocumentRow).where(DocumentRow.id == document.id)
                .values(normalized=parsed.text.text)
            )
            write_extraction(connection, report_id, parsed, extraction)
    if link:
        relink(engine)
    return len(ids)
