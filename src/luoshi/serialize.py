"""Plain-dict views of pipeline results for ``--json`` output (one data function, many renderers).

Extract helpers extend these dicts with facts; keep them plain functions of frozen objects.
"""

from __future__ import annotations

from typing import Any

from luoshi.models import Region, Report, Section
from luoshi.pipeline import Parsed


def region_to_dict(region: Region | None) -> dict[str, Any] | None:
    """A region as written and as resolved, with every candidate code."""
    if region is None:
        return None
    return {
        "written": region.written,
        "name": region.name,
        "code": region.code,
        "level": region.level,
        "path": list(region.path),
        "candidates": [
            {"code": c.code, "name": c.name, "level": c.level, "path": list(c.path)}
            for c in region.candidates
        ],
        "note": region.note,
    }


def section_to_dict(section: Section) -> dict[str, Any]:
    return {
        "title": section.title,
        "kind": section.kind,
        "level": section.level,
        "start": section.start,
        "end": section.end,
    }


def metadata_to_dict(report: Report) -> dict[str, Any]:
    """Report metadata, outline and document type; evidence as {field: {start, end, text}}."""
    return {
        "title": report.title,
        "region": region_to_dict(report.region),
        "plan_year": report.plan_year,
        "review_year": report.review_year,
        "delivered": report.delivered.isoformat() if report.delivered else None,
        "meeting": {"session": report.meeting.session, "sitting": report.meeting.sitting},
        "speaker": {"name": report.speaker.name, "title": report.speaker.title},
        "sections": [section_to_dict(s) for s in report.sections],
        "document_type": report.document_type,
        "reasons": list(report.reasons),
        "evidence": {
            k: {"start": v.start, "end": v.end, "text": v.text} for k, v in report.evidence.items()
        },
    }


def report_to_dict(parsed: Parsed) -> dict[str, Any]:
    """One parsed document as a JSON-ready dict: source facts, then the report metadata."""
    doc = parsed.document
    return {
        "file": doc.source,
        "format": doc.format,
        "sha256": doc.sha256,
        "chars": len(parsed.text.text),
        **metadata_to_dict(parsed.report),
    }
