"""Linking targets of year N to outcomes reported for N, on facts quoted from the national reports."""

from __future__ import annotations

from luoshi.link.chains import AssessmentRecord, FactRecord, link_targets
from luoshi.models import Fact, SelfAssessment


def fact(kind, indicator, value, year, quote, *, unit="%", measure="growth", qualifier=None,
         tier="base", base_value=None) -> Fact:
    return Fact(kind=kind, indicator=indicator, metric=quote[:6], measure=measure, value=value,
                value_high=None, unit=unit, base_value=base_value, base_unit=None,
                qualifier=qualifier, tier=tier, basis=None, period_year=year, period=None,
                start=0, end=len(quote), quote=quote)


# national-2005.txt (plan 2005): "国内生产总值增长8%左右"
TARGET_2005 = FactRecord(2005, 2005, "national-2005.txt",
                         fact("target", "gdp", 8.0, 2005, "国内生产总值增长8%左右", qualifier="approx"))
# national-2006.txt (reviews 2005): "国内生产总值达到18.23万亿元，比上年增长9.9%"
OUTCOME_2005 = FactRecord(2006, 2006, "national-2006.txt",
                          fact("outcome", "gdp", 9.9, 2005, "国内生产总值达到18.23万亿元,比上年增长9.9%"))
# national-2006.txt (plan 2006): "国内生产总值增长8%左右" — no 2007 report in the chain here
TARGET_2006 = FactRecord(2006, 2006, "national-2006.txt",
                         fact("target", "gdp", 8.0, 2006, "国内生产总值增长8%左右", qualifier="approx"))


def test_target_meets_next_years_outcome() -> None:
    rows = link_targets([TARGET_2005, OUTCOME_2005, TARGET_2006])
    assert [(r.period_year, r.verdict) for r in rows] == [(2005, "exceeded"), (2006, "no_outcome")]
    assert rows[0].outcome is OUTCOME_2005
    assert round(rows[0].delta, 6) == 1.9


def test_outcome_in_the_same_report_is_not_used() -> None:
    # a report's own review figure for its plan year cannot answer its own target
    same = FactRecord(2005, 2005, "national-2005.txt", fact("outcome", "gdp", 9.5, 2005, "增长9.5%"))
    assert link_targets([TARGET_2005, same])[0].verdict == "no_outcome"


def test_restated_outcome_is_flagged() -> None:
    restated = FactRecord(2007, 2007, "x-2007.txt", fact("outcome", "gdp", 10.4, 2005, "增长10.4%"))
    row = link_targets([TARGET_2005, OUTCOME_2005, restated])[0]
    assert row.outcome is OUTCOME_2005
    assert any(flag.startswith("restated") for flag in row.flags)


def test_self_assessment_contradiction_is_flagged() -> None:
    # seed 003: "地区生产总值增幅未达到9%的预期目标" while the review states "增长9%"
    target = FactRecord(1, 2017, "a.txt", fact("target", "gdp", 9.0, 2017, "增长9%"))
    outcome = FactRecord(2, 2018, "b.txt", fact("outcome", "gdp", 9.0, 2017, "增长9%"))
    said = AssessmentRecord(2, "b.txt", SelfAssessment("地区生产总值增幅未达到9%的预期目标", "missed",
                                                      "gdp", 2017, 0, 10))
    row = link_targets([target, outcome], [said])[0]
    assert row.verdict == "met"
    assert row.assessments == (said,)
    assert any(flag.startswith("inconsistent") for flag in row.flags)


def test_tiers_are_judged_separately() -> None:
    # seed 000 style: "增长7%、力争7.5%"
    base = FactRecord(1, 2018, "a.txt", fact("target", "gdp", 7.0, 2018, "增长7%"))
    strive = FactRecord(1, 2018, "a.txt", fact("target", "gdp", 7.5, 2018, "力争7.5%", tier="力争"))
    outcome = FactRecord(2, 2019, "b.txt", fact("outcome", "gdp", 7.2, 2018, "增长7.2%"))
    verdicts = {r.tier: r.verdict for r in link_targets([base, strive, outcome])}
    assert verdicts == {"base": "exceeded", "力争": "approximately_met"}


def test_levels_compare_in_base_units() -> None:
    # "确保超过1000亿" (unit-less 亿) against "1135亿元"
    target = FactRecord(1, 2017, "a.txt", fact("target", "gdp", 1000.0, 2017, "确保超过1000亿",
                        unit="亿", measure="level", qualifier="above", tier="确保", base_value=1e11))
    outcome = FactRecord(2, 2018, "b.txt", fact("outcome", "gdp", 1135.0, 2017, "1135亿元",
                         unit="亿元", measure="level", base_value=1.135e11))
    row = link_targets([target, outcome])[0]
    assert row.verdict == "exceeded"
    assert round(row.delta, 6) == 135.0


def test_target_quoted_back_in_a_review_meets_that_reviews_outcome() -> None:
    # national-1999.txt (plans 1999, reviews 1998): "国内生产总值比上年增长7.8%,虽然略低于8%的预定目标"
    quoted = FactRecord(1999, 1999, "national-1999.txt",
                        fact("target", "gdp", 8.0, 1998, "略低于8%的预定目标"))
    outcome = FactRecord(1999, 1999, "national-1999.txt",
                         fact("outcome", "gdp", 7.8, 1998, "国内生产总值比上年增长7.8%"))
    [row] = link_targets([quoted, outcome])
    assert row.outcome is outcome
    assert row.verdict == "approximately_met"
