"""Text -> Report: metadata, region, outline and document type of one report.

The stages: front matter (title, meeting line, speaker, salutation) -> headings -> plan/review
years -> sections with kinds -> region resolved for the plan year -> document type.
"""

from __future__ import annotations

import dataclasses

from luoshi.models import Meeting, Region, Report, Span, Speaker, Text
from luoshi.parse import metadata, outline
from luoshi.parse.doctype import classify_document
from luoshi.parse.regions import resolve_region

#: How far into a document the front matter and the region context are looked for.
HEADER_LIMIT = 3000


def _region_written(
    meeting: metadata.MeetingLine | None,
    speaker_region: Span | None,
    titles: list[Span],
) -> Span | None:
    """The fullest region name in the front matter: meeting line, speaker line, titles."""
    spans = [meeting.region_span if meeting else None, speaker_region, *titles]
    found = [s for s in spans if s is not None]
    return max(found, key=lambda s: len(s.text)) if found else None


def _resolve(written: Span | None, year: int | None, context: str) -> Region | None:
    if written is None:
        return None
    region = resolve_region(written.text, year=year, context=context)
    return dataclasses.replace(region, span=written)


def parse_report(text: Text) -> Report:
    """Parse a normalized text into a Report (sections sorted by start, nested by level).

    Never raises for content: a page that is not a report gets ``document_type="unrelated"`` and
    reasons; missing values are None with no evidence.
    """
    s = text.text
    salutation = metadata.find_salutation(s)
    header_end = salutation.start if salutation else min(len(s), HEADER_LIMIT)
    limit = max(header_end, min(len(s), HEADER_LIMIT))
    titles = metadata.find_titles(s, header_end)
    title = titles[-1] if titles else None
    meeting = metadata.find_meeting(s, limit)
    speaker = metadata.find_speaker(s, limit)
    body_start = salutation.end if salutation else 0
    headings = outline.find_headings(s, body_start)
    delivered = meeting.delivered if meeting else None
    date_span = meeting.date_span if meeting else None
    if delivered is None and (dated := metadata.find_date_line(s, header_end)) is not None:
        delivered, date_span = dated
    years = metadata.derive_years(s, headings, delivered, date_span, metadata.dated_title(titles))
    written = _region_written(
        meeting, speaker[3] if speaker else None, metadata.title_regions(s, header_end)
    )
    region = _resolve(written, years.plan, s[:HEADER_LIMIT])
    if years.plan is None:
        years = _years_of_undated(s, years, meeting, region)
    closing = outline.find_closing(s, headings, body_start, len(s))
    sections = outline.build_sections(
        s, headings, body_end=len(s), plan_year=years.plan, review_year=years.review,
        closing=closing,
    )  # fmt: skip
    doc_type, reasons = classify_document(
        s, has_title=title is not None, has_meeting=meeting is not None,
        has_salutation=salutation is not None, has_speaker=speaker is not None, sections=sections,
    )  # fmt: skip
    evidence = dict(years.evidence)
    _add(evidence, "title", title)
    _add(evidence, "region", written)
    if meeting:
        _add(evidence, "meeting", meeting.span)
    _add(evidence, "delivered", date_span)
    if speaker:
        _add(evidence, "speaker", speaker[2])
    _add(evidence, "salutation", salutation)
    return Report(
        title=title.text if title else None,
        region=region,
        plan_year=years.plan,
        review_year=years.review,
        delivered=delivered,
        meeting=Meeting(meeting.session, meeting.sitting) if meeting else Meeting(None, None),
        speaker=Speaker(speaker[0], speaker[1]) if speaker else Speaker(None, None),
        sections=sections,
        document_type=doc_type,
        reasons=reasons,
        evidence=evidence,
    )


def _years_of_undated(
    text: str, years: metadata.Years, meeting: metadata.MeetingLine | None, region: Region | None
) -> metadata.Years:
    """Years of a report no heading, date line or title dates, from the first of: a news
    dateline, "今年作为“十三五”开局之年", the congress session it was delivered at (national and
    provincial congresses only: their terms open in the same years everywhere). The text's own
    evidence comes first: extra sittings shift the session count."""
    found = metadata.dateline_year(text) or metadata.milestone_year(text)
    if found is None and meeting is not None and region is not None:
        plan = metadata.session_year(region.code, meeting.session, meeting.sitting)
        found = (plan, meeting.span) if plan is not None else None
    if found is None:
        return years
    plan, span = found
    return metadata.Years(plan, plan - 1, {**years.evidence, "plan_year": span, "review_year": span})


def _add(evidence: dict[str, Span], key: str, span: Span | None) -> None:
    if span is not None:
        evidence[key] = span
