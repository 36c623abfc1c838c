"""Is this a government work report, a news summary of one, or something else?

Decides from signals only, raising nothing: the CLI turns "unrelated" into exit 1. Cue lists live in
``data/section_kinds.toml`` (``[doctype]``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from luoshi.datafiles import load_toml
from luoshi.models import DocumentType, Section

_PLAN_KINDS = frozenset({"plan_overview", "targets", "tasks", "livelihood_projects"})


@lru_cache(maxsize=1)
def _cues() -> dict:
    return load_toml("section_kinds.toml")["doctype"]


def _hits(cues: Sequence[str], text: str) -> list[str]:
    return [c for c in cues if c in text]


def classify_document(
    text: str,
    *,
    has_title: bool,
    has_meeting: bool,
    has_salutation: bool,
    has_speaker: bool,
    sections: Sequence[Section],
) -> tuple[DocumentType, tuple[str, ...]]:
    """("report" | "summary" | "unrelated", reasons). Reasons name the signals that decided."""
    cues = _cues()
    head = text[: cues["window"]]
    unrelated = _hits(cues["unrelated"], head)
    if unrelated and _hits(cues["unrelated_requires"], head) and not has_meeting:
        return "unrelated", tuple(f"other document type: {c!r}" for c in unrelated)
    reasons: list[str] = []
    if has_meeting:
        reasons.append("meeting line")
    if has_salutation:
        reasons.append("salutation 各位代表")
    if has_speaker:
        reasons.append("speaker line")
    kinds: set[str] = {s.kind for s in sections}
    if kinds & _PLAN_KINDS:
        reasons.append("plan section")
    if "review" in kinds:
        reasons.append("review section")
    if kinds & {"glossary", "livelihood_projects"}:
        reasons.append("report appendix (glossary or livelihood projects)")
    summary = _hits(cues["summary"], head)
    if not has_salutation and summary:
        return "summary", tuple(f"third-person account: {c!r}" for c in summary)
    vocab = _hits(cues["report"], head)
    if not reasons and len(vocab) < cues["report_min_hits"]:
        return "unrelated", ("no salutation, no meeting line, no plan or review cues",)
    if not reasons:
        reasons.append("report vocabulary: " + "、".join(vocab))
    reasons += _excerpt_reasons(has_title, has_salutation, has_meeting, kinds)
    return "report", tuple(reasons)


def _excerpt_reasons(
    has_title: bool, has_salutation: bool, has_meeting: bool, kinds: set[str]
) -> list[str]:
    out = []
    if not (has_title or has_salutation or has_meeting):
        out.append("excerpt: starts mid-document")
    if "closing" not in kinds and not kinds & {"glossary", "livelihood_projects"}:
        out.append("excerpt: ends mid-document")
    return out
