"""The verdict rules of PRODUCT.md ("9%左右" approximately met within 0.5 points; "4%以内" met at or
below 4%; a range met from its low end), checked on values taken from the national reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.link.verdicts import VerdictRules, judge, load_rules


@pytest.mark.parametrize(
    ("target", "high", "qualifier", "unit", "outcome", "hib", "expected"),
    [
        # 2005 report: "国内生产总值增长8%左右"; 2006 report: "国内生产总值…增长9.9%"
        (8.0, None, "approx", "%", 9.9, True, "exceeded"),
        (9.0, None, "approx", "%", 9.3, True, "met"),
        (9.0, None, "approx", "%", 8.6, True, "approximately_met"),
        (9.0, None, "approx", "%", 8.4, True, "missed"),
        # seed 003: target 9%, outcome "增长9%" -> met exactly
        (9.0, None, None, "%", 9.0, True, "met"),
        (7.0, None, None, "%", 6.6, True, "approximately_met"),
        # ceilings: "城镇登记失业率控制在4%以内" / "居民消费价格涨幅控制在3%左右" (lower is better)
        (4.0, None, "at_most", "%", 4.0, False, "met"),
        (4.0, None, "at_most", "%", 4.3, False, "approximately_met"),
        (4.0, None, "at_most", "%", 4.6, False, "missed"),
        (3.0, None, "below", "%", 3.0, False, "approximately_met"),
        # ranges "增长6.0%—7.0%": met from the low end, exceeded above the high end
        (6.0, 7.0, None, "%", 6.0, True, "met"),
        (6.0, 7.0, None, "%", 7.4, True, "exceeded"),
        (6.0, 7.0, None, "%", 5.6, True, "approximately_met"),
        (6.0, 7.0, None, "%", 5.0, True, "missed"),
        # levels: "确保超过1000亿" with outcome 1135亿 -> exceeded; 995亿 within 1%
        (1000.0, None, "above", "亿元", 1135.0, True, "exceeded"),
        (1000.0, None, "above", "亿元", 995.0, True, "approximately_met"),
        (1000.0, None, "above", "亿元", 900.0, True, "missed"),
    ],
)
def test_verdicts(target, high, qualifier, unit, outcome, hib, expected) -> None:
    assert judge(target, high, qualifier, unit, outcome, higher_is_better=hib).verdict == expected


def test_no_number_and_no_outcome() -> None:
    assert judge(None, None, None, None, 8.0).verdict == "not_numeric"  # "与经济增长同步"
    assert judge(8.0, None, "approx", "%", None).verdict == "no_outcome"


def test_delta_is_outcome_minus_target() -> None:
    assert judge(8.0, None, "approx", "%", 9.9).delta == pytest.approx(1.9)


def test_rules_are_configurable(tmp_path: Path) -> None:
    rules_file = tmp_path / "rules.toml"
    rules_file.write_text("rate_tolerance_pp = 1.0\nlevel_tolerance_relative = 0.05\n")
    rules = load_rules(rules_file)
    assert rules == VerdictRules(rate_tolerance_pp=1.0, level_tolerance_relative=0.05)
    assert judge(9.0, None, "approx", "%", 8.2, rules=rules).verdict == "approximately_met"
    assert judge(9.0, None, "approx", "%", 8.2).verdict == "missed"


def test_shipped_rules_load() -> None:
    assert load_rules().rate_tolerance_pp == 0.5
