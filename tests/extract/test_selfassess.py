"""Self-assessments: the report's own verdicts on past targets, from real reports."""

from __future__ import annotations

import glob
from functools import cache

from luoshi.extract.ontology import load_ontology
from luoshi.extract.selfassess import extract_self_assessments
from luoshi.models import SelfAssessment
from luoshi.pipeline import parse_path

SEED = {n: glob.glob(f"src/luoshi/data/seeds/{n}_*.txt")[0] for n in ("000", "001", "003")}


@cache
def assessed(path: str) -> tuple[SelfAssessment, ...]:
    p = parse_path(path)
    items = extract_self_assessments(p.text, p.report, load_ontology())
    for a in items:
        assert p.text.text[a.start : a.end] == a.text
    return tuple(items)


def verdicts(path: str) -> set[tuple[str, str | None, int | None]]:
    return {(a.verdict, a.indicator, a.year) for a in assessed(path)}


def test_seed_003_gdp_shortfall_is_a_missed_verdict_on_2017():
    # problems section: "地区生产总值增幅未达到9%的预期目标"
    missed = [a for a in assessed(SEED["003"]) if a.verdict == "missed"]
    assert [(a.indicator, a.year, a.text) for a in missed] == [
        ("gdp", 2017, "地区生产总值增幅未达到9%的预期目标")
    ]
    # review: "较好完成了区十五届人大一次会议确定的目标任务"
    assert ("met", None, 2017) in verdicts(SEED["003"])


def test_seed_000_targets_met():
    # "…全面完成了区七届人大一次会议确定的年度目标任务。" and "一是主要经济指标全面完成。"
    texts = [a.text for a in assessed(SEED["000"]) if a.verdict == "met"]
    assert texts == ["全面完成了区七届人大一次会议确定的年度目标任务", "主要经济指标全面完成"]
    assert verdicts(SEED["000"]) == {("met", None, 2017)}


def test_seed_001_each_listed_indicator_missed():
    # "地区生产总值、实际利用外资、外贸进出口总额未能实现年初预期"
    missed = {a.indicator for a in assessed(SEED["001"]) if a.verdict == "missed"}
    assert missed == {"gdp", "foreign_investment", "import_export"}


def test_national_reports_not_tuned_on():
    # 2007: "没有实现年初确定的单位国内生产总值能耗降低4%左右、主要污染物排放总量减少2%的目标"
    got = verdicts("tests/fixtures/national/national-2007.txt")
    assert {("missed", "energy_intensity", 2006), ("missed", "major_pollutants", 2006)} <= got
    # 2012: "节能减排、物价调控目标没有完成"
    assert ("missed", None, 2011) in verdicts("tests/fixtures/national/national-2012.txt")
    # 2011: "胜利完成“十一五”规划" is about five years, not one
    assert ("met", None, None) in verdicts("tests/fixtures/national/national-2011.txt")


def test_commitments_in_plan_sections_are_not_verdicts():
    # 2006 plan: "全面完成今年经济社会发展的各项任务" and similar promises
    for year in (2005, 2006, 2009):
        p = parse_path(f"tests/fixtures/national/national-{year}.txt")
        plan = [s for s in p.report.sections if s.kind in ("tasks", "targets", "plan_overview")]
        for a in assessed(f"tests/fixtures/national/national-{year}.txt"):
            assert not any(s.start <= a.start < s.end for s in plan), a
