"""Plain, typed data passed between the pipeline stages.

Every stage takes frozen objects and returns new frozen objects:

    ingest:    bytes            -> Document  (decoded original text + format facts)
    normalize: Document         -> Text      (canonical text + offset map back to Document.original)
    parse:     Text             -> Report    (metadata, region, outline, document type)
    extract:   Text, Report     -> Extraction (quantities, facts, tasks, glossary, self-assessments)

One offset system: every ``start``/``end`` below is a half-open character range into the
*normalized* text (``Text.text``). ``Text.to_original(start, end)`` takes it back to the decoded
original (``Document.original``), so any item can be highlighted where it was written.
"""

from __future__ import annotations

import datetime as dt
from array import array
from dataclasses import dataclass, field
from typing import Literal

Format = Literal["text", "html", "pdf", "docx"]
DocumentType = Literal["report", "summary", "unrelated"]
SectionKind = Literal[
    "review",
    "problems",
    "plan_overview",
    "targets",
    "tasks",
    "livelihood_projects",
    "glossary",
    "closing",
    "other",
]
RegionLevel = Literal["national", "provincial", "prefecture", "county"]
FactKind = Literal["outcome", "target"]
Measure = Literal["level", "growth", "change_pp", "share", "ratio", "multiple"]
Tier = Literal["base", "力争", "确保"]
CheckType = Literal["indicator", "output", "policy", "ongoing"]

#: Pseudo-code for the State Council (national level); GB/T 2260 has no code for the country.
NATIONAL_CODE = "000000"


@dataclass(frozen=True, slots=True)
class Document:
    """A file as read: the decoded original text and how it was obtained.

    ``original`` is the text every offset maps back to: the decoded bytes for plain text, the
    extracted main text for HTML, the text layer in reading order for PDF, paragraphs and table
    cells in order for DOCX.
    """

    source: str  # path as given, or "<stdin>"
    sha256: str  # hash of the raw bytes
    format: Format
    encoding: str | None  # detected encoding for text/HTML; None for PDF/DOCX
    original: str
    size_bytes: int
    html_title: str | None = None  # <title> / trafilatura title, when the source was HTML
    html_date: str | None = None  # ISO date found by the HTML extractor, if any


@dataclass(frozen=True, slots=True)
class Text:
    """Normalized text with a map back to ``document.original``.

    ``src_start[i]``/``src_end[i]`` give the half-open range of original characters that produced
    normalized character ``i`` (several original characters can collapse into one, e.g. "網(wǎng)"
    -> "网"; a removed zero-width character belongs to its neighbour's range).
    """

    document: Document
    text: str
    src_start: array  # array('l'), len == len(text)
    src_end: array  # array('l'), len == len(text)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized half-open range to the original half-open range."""
        if start >= end:
            pos = self.src_start[start] if start < len(self.text) else len(self.document.original)
            return pos, pos
        return self.src_start[start], self.src_end[end - 1]

    def quote(self, start: int, end: int) -> str:
        """The normalized text of a range."""
        return self.text[start:end]


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range into the normalized text, with its text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class RegionCandidate:
    code: str  # 6-digit GB/T 2260 code, or NATIONAL_CODE
    name: str  # official name, e.g. "九龙坡区"
    level: RegionLevel
    path: tuple[str, ...]  # names from province down to this region
    valid_from: int  # first year in use
    valid_to: int | None  # year it stopped (exclusive), None if in use


@dataclass(frozen=True, slots=True)
class Region:
    """A region as written in the report and as resolved.

    ``code`` is None when unresolved; then ``candidates`` lists every match (possibly empty) and
    ``note`` says why no choice was made.
    """

    written: str
    code: str | None
    name: str | None
    level: RegionLevel | None
    path: tuple[str, ...]
    candidates: tuple[RegionCandidate, ...] = ()
    note: str | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """A node of the outline. ``start``/``end`` cover the heading and body; ``level`` is 1-based."""

    title: str
    kind: SectionKind
    level: int
    start: int
    end: int
    title_end: int  # end of the heading line


@dataclass(frozen=True, slots=True)
class Meeting:
    session: int | None  # 届
    sitting: int | None  # 次


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str | None
    title: str | None  # e.g. "区长", "代理州长", "国务院总理"


@dataclass(frozen=True, slots=True)
class Report:
    """What a document is and its metadata. Spans keep the evidence for each value."""

    title: str | None
    region: Region | None
    plan_year: int | None
    review_year: int | None
    delivered: dt.date | None
    meeting: Meeting
    speaker: Speaker
    sections: tuple[Section, ...]
    document_type: DocumentType
    reasons: tuple[str, ...]
    evidence: dict[str, Span] = field(default_factory=dict)  # field name -> quote it came from


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit as written and normalized to a base unit.

    ``qualifier`` is one of: None, "approx" (左右/约/近), "more_than" (余/多), "at_least"
    (以上/不低于/不少于), "above" (超过/突破), "at_most" (以内/以下/不超过/控制在…以内), "below" (低于).
    """

    start: int
    end: int
    text: str
    value: float
    value_high: float | None
    unit: str  # as written, e.g. "亿元", "%", "个百分点", "万人"
    base_value: float
    base_value_high: float | None
    base_unit: str  # e.g. "元", "%", "pp", "人", "平方米"
    qualifier: str | None = None
    ratio: tuple[float, ...] | None = None  # for "0.8:44.0:55.2"


@dataclass(frozen=True, slots=True)
class Fact:
    kind: FactKind
    indicator: str | None  # ontology key, None when the metric is not in the ontology
    metric: str  # metric as written
    measure: Measure
    value: float | None  # None for non-numeric targets ("与经济增长同步")
    value_high: float | None
    unit: str | None
    base_value: float | None
    base_unit: str | None
    qualifier: str | None
    tier: Tier
    basis: str | None  # 同比, 同口径, 比上年 ...
    period_year: int | None
    period: str | None  # "2013-2017" for multi-year figures, else None
    start: int
    end: int
    quote: str


@dataclass(frozen=True, slots=True)
class Task:
    text: str
    lead_unit: str | None
    units: tuple[str, ...]  # cooperating units
    deadline: str | None
    quantities: tuple[Quantity, ...]
    check_type: CheckType
    section: str  # section path, " > "-joined titles
    start: int
    end: int
    livelihood: bool = False
    projects: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    term: str
    definition: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SelfAssessment:
    """The report's own verdict on a past target: "全面完成…目标任务", "未达到9%的预期目标"."""

    text: str
    verdict: Literal["met", "missed"]
    indicator: str | None
    year: int | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Extraction:
    quantities: tuple[Quantity, ...]
    facts: tuple[Fact, ...]
    tasks: tuple[Task, ...]
    glossary: tuple[GlossaryEntry, ...]
    self_assessments: tuple[SelfAssessment, ...]
