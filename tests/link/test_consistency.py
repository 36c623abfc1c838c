"""A report's self-assessment against the outcome it states itself (seed 003, 武汉市武昌区)."""

from __future__ import annotations

from luoshi.link.chains import AssessmentRecord, FactRecord, consistency_flags, link_targets
from luoshi.models import Fact, SelfAssessment


def fact(kind, value, year, quote, *, tier="base") -> Fact:
    return Fact(kind=kind, indicator="gdp", metric="地区生产总值", measure="growth", value=value,
                value_high=None, unit="%", base_value=value, base_unit="%", qualifier=None,
                tier=tier, basis=None, period_year=year, period=None, start=0, end=len(quote),
                quote=quote)


# seed 003 (plans 2018, reviews 2017): "全年完成地区生产总值1102.5亿元,增长9%" ...
OUTCOME_2017 = FactRecord(3, 2018, "003.txt", fact("outcome", 9.0, 2017, "增长9%"))
# ... and later "地区生产总值增幅未达到9%的预期目标"
MISSED = AssessmentRecord(3, "003.txt", SelfAssessment(
    "地区生产总值增幅未达到9%的预期目标", "missed", "gdp", 2017, 0, 18))
# "2018年经济社会发展的主要预期目标是:地区生产总值增长9%"
TARGET_2018 = FactRecord(3, 2018, "003.txt", fact("target", 9.0, 2018, "地区生产总值增长9%"))


def test_missed_but_stated_nine_percent_is_flagged() -> None:
    [flag] = consistency_flags([OUTCOME_2017, TARGET_2018], [MISSED])
    assert (flag.report_id, flag.indicator, flag.year, flag.target_value) == (3, "gdp", 2017, 9.0)
    assert flag.outcome.quote == "增长9%"
    assert "未达到9%的预期目标" in flag.message and "增长9%" in flag.message


def test_missed_and_stated_below_target_is_consistent() -> None:
    lower = FactRecord(3, 2018, "003.txt", fact("outcome", 8.5, 2017, "增长8.5%"))
    assert consistency_flags([lower], [MISSED]) == []


def test_outcome_of_another_report_is_not_compared() -> None:
    elsewhere = FactRecord(9, 2019, "x.txt", fact("outcome", 9.0, 2017, "增长9%"))
    assert consistency_flags([elsewhere], [MISSED]) == []


def test_met_claim_without_rate_uses_the_chain_target() -> None:
    target = FactRecord(1, 2017, "a.txt", fact("target", 9.0, 2017, "增长9%左右"))
    short = FactRecord(2, 2018, "b.txt", fact("outcome", 7.0, 2017, "增长7%"))
    met = AssessmentRecord(2, "b.txt", SelfAssessment("地区生产总值目标全面完成", "met", "gdp",
                                                      2017, 0, 12))
    [flag] = consistency_flags([target, short], [met])
    assert flag.target_value == 9.0 and flag.outcome is short.fact


def test_track_rows_of_the_report_carry_the_flag() -> None:
    # only the 2018 target exists in this chain; the flag about 2017 rides on the report's row
    [row] = link_targets([OUTCOME_2017, TARGET_2018], [MISSED])
    assert row.period_year == 2018
    assert any("未达到9%的预期目标" in flag for flag in row.flags)


def test_outcome_written_before_the_target_in_the_assessment_is_not_the_target() -> None:
    # national-1999.txt (reviews 1998): "国内生产总值比上年增长7.8%,虽然略低于8%的预定目标" —
    # the report says it missed 8% and states 7.8%: consistent, nothing to flag.
    text = "国内生产总值比上年增长7.8%,虽然略低于8%的预定目标"
    outcome = FactRecord(99, 1999, "national-1999.txt", fact("outcome", 7.8, 1998, "国内生产总值比上年增长7.8%"))
    said = AssessmentRecord(99, "national-1999.txt",
                            SelfAssessment(text, "missed", "gdp", 1998, 0, len(text)))
    assert consistency_flags([outcome], [said]) == []


def test_flag_goes_to_its_year_not_to_other_years_of_the_same_report() -> None:
    # a flag on 2017 must not be attached to the 2018 target row of the same report when the
    # chain has a 2017 row of its own
    target_2017 = FactRecord(2, 2017, "002.txt", fact("target", 9.0, 2017, "地区生产总值增长9%"))
    rows = link_targets([target_2017, OUTCOME_2017, TARGET_2018], [MISSED])
    flagged = {r.period_year for r in rows if any(f.startswith("inconsistent") for f in r.flags)}
    assert flagged == {2017}
