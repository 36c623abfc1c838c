"""Writing one document: everything in one transaction, or nothing; offsets kept exact.

The extraction here is built by hand from quotes read in seed 003 (武汉市武昌区, delivered
2017-12-27, reviews 2017 and plans 2018), so these tests do not depend on the extractor.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from luoshi.models import Extraction, Fact, GlossaryEntry, SelfAssessment, Task
from luoshi.pipeline import Parsed, parse_path
from luoshi.store import writer
from luoshi.store.schema import DocumentRow, FactRow, ReportRow
from tests.store.conftest import SEEDS, row_counts

SEED_003 = next(p for p in SEEDS if p.name.startswith("003_"))


def _span(parsed: Parsed, quote: str, after: str = "") -> tuple[int, int]:
    text = parsed.text.text
    start = text.index(quote, text.index(after) if after else 0)
    return start, start + len(quote)


def _fact(parsed: Parsed, kind: str, quote: str, value: float, year: int, after: str = "") -> Fact:
    start, end = _span(parsed, quote, after)
    return Fact(kind=kind, indicator="gdp", metric="地区生产总值", measure="growth", value=value,
                value_high=None, unit="%", base_value=value, base_unit="%", qualifier=None,
                tier="base", basis=None, period_year=year, period=None, start=start, end=end,
                quote=quote)


def hand_extraction(parsed: Parsed) -> Extraction:
    """Facts, a self-assessment, a task and a glossary entry quoted from seed 003."""
    # "全年完成地区生产总值1102.5亿元,增长9%" (review of 2017)
    outcome = _fact(parsed, "outcome", "增长9%", 9.0, 2017, after="全年完成地区生产总值")
    # "2018年经济社会发展的主要预期目标是:地区生产总值增长9%"
    target = _fact(parsed, "target", "增长9%", 9.0, 2018, after="主要预期目标是")
    said = "地区生产总值增幅未达到9%的预期目标"
    s_start, s_end = _span(parsed, said)
    task_text = "固定资产投资增长15%"
    t_start, t_end = _span(parsed, task_text, after="主要预期目标是")
    return Extraction(
        quantities=(),
        facts=(outcome, target),
        tasks=(Task(task_text, None, (), None, (), "indicator", "2018年工作安排", t_start, t_end),),
        glossary=(GlossaryEntry("武昌区", "武汉市辖区", s_start, s_start + 3),),
        self_assessments=(SelfAssessment(said, "missed", "gdp", 2017, s_start, s_end),),
    )


@pytest.fixture(scope="module")
def parsed() -> Parsed:
    return parse_path(SEED_003)


def test_document_and_rows_are_written(engine, parsed) -> None:
    extraction = hand_extraction(parsed)
    with engine.begin() as connection:
        report_id = writer.save_document(connection, parsed, extraction)
    counts = row_counts(engine)
    assert counts["documents"] == counts["reports"] == 1
    assert counts["facts"] == 2 and counts["tasks"] == 1 and counts["self_assessments"] == 1
    assert counts["sections"] == len(parsed.report.sections) > 0
    with Session(engine) as connection:
        report = connection.scalars(select(ReportRow)).one()
        document = connection.scalars(select(DocumentRow)).one()
        facts = connection.scalars(select(FactRow).order_by(FactRow.start)).all()
    assert report.id == report_id and report.region_code == "420106"
    assert report.plan_year == 2018
    assert document.sha256 == parsed.document.sha256 and document.normalized == parsed.text.text
    for fact in facts:  # spans index the stored normalized text and map back into the original
        assert document.normalized[fact.start:fact.end] == fact.quote == "增长9%"
        assert "9%" in document.original[fact.orig_start:fact.orig_end]
        assert fact.extractor_version == writer.EXTRACTOR_VERSION


def test_failure_midway_leaves_no_rows(engine, parsed, monkeypatch) -> None:
    real = writer.write_extraction

    def fail_after_some_rows(connection, report_id, parsed, extraction):
        # insert the sections and facts for real, then fail before tasks and the rest
        real(connection, report_id, parsed, Extraction((), extraction.facts, (), (), ()))
        raise RuntimeError("disk full (injected)")

    monkeypatch.setattr(writer, "write_extraction", fail_after_some_rows)
    with pytest.raises(RuntimeError, match="injected"), engine.begin() as connection:
        writer.save_document(connection, parsed, hand_extraction(parsed))
    assert set(row_counts(engine).values()) == {0}
