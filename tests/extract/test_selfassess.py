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


def local(n: str) -> str:
    return f"tests/fixtures/local/{n}.txt"


def test_main_targets_met_is_not_read_as_a_commitment():
    # local 033: "全年经济社会发展主要目标任务圆满完成" ("要" inside 主要 is no commitment word)
    assert ("met", None, 2024) in verdicts(local("033"))


def test_comparison_with_another_region_is_no_verdict():
    # local 036: "——主要经济指标高于全省平均增长速度"
    assert all("全省" not in a.text for a in assessed(local("036")))


def test_margins_over_a_plan_target_are_met_verdicts_on_the_term():
    # local 025: "全省生产总值…比“十五”计划目标3000亿元超过1070亿元", "…比“十五”计划目标920亿元超额1373亿元"
    got = verdicts(local("025"))
    assert ("met", "gdp", None) in got and ("met", "fixed_asset_investment", None) in got
    # local 004: "限额以上固定资产投资完成16.1亿元,超出市级下调任务指标6000万元"
    assert ("met", "fixed_asset_investment", 2017) in verdicts(local("004"))


def test_term_paragraph_verdict_has_no_single_year():
    # local 044: "“十三五”时期是围场发展史上极不平凡的五年。…全面完成各项目标任务"
    assert ("met", None, None) in verdicts(local("044"))
    # local 039 (no parsed years): "2015年,预计实现…;…全面完成市十届人大五次会议确定的各项目标任务"
    assert ("met", None, 2015) in verdicts(local("039"))


# ---- CONSTRUCTED sentences in the genre's wording (not from any fixture) ----


def constructed(body: str) -> set[tuple[str, str | None, int | None]]:
    from luoshi.pipeline import parse_bytes

    p = parse_bytes(("关于2018年工作回顾\n过去一年," + body).encode(), "constructed.txt")
    return {(a.verdict, a.indicator, a.year) for a in extract_self_assessments(p.text, p.report, load_ontology())}


def test_constructed_verdict_phrases():
    # rule: every verb of the genre for meeting (圆满/顺利/基本/较好/胜利完成) or missing (未能完成,
    # 差距较大) targets, in both word orders
    assert constructed("我们圆满完成了县人大确定的各项目标任务。") == {("met", None, 2018)}
    assert constructed("全县主要目标任务顺利完成。") == {("met", None, 2018)}
    assert constructed("年初确定的主要预期目标基本完成。") == {("met", None, 2018)}
    assert constructed("全年主要目标任务胜利完成。") == {("met", None, 2018)}
    assert constructed("地区生产总值增速未能完成年初预期目标。") == {("missed", "gdp", 2018)}
    assert constructed("一般公共预算收入与预期目标差距较大。") == {("missed", "general_budget_revenue", 2018)}


def test_constructed_comparison_verdicts_follow_the_indicator_direction():
    # rule: "低于…目标" misses where more is better, meets where less is better (and "高于" the reverse)
    assert constructed("固定资产投资增长5%,低于预期目标3个百分点。") == {("missed", "fixed_asset_investment", 2018)}
    assert constructed("居民消费价格涨幅高于3%的预期目标。") == {("missed", "cpi", 2018)}
    assert constructed("居民消费价格涨幅低于3%的预期目标。") == {("met", "cpi", 2018)}


def test_constructed_subjectless_verdict_judges_the_clause_before():
    # rule: "…增长6%,未达到预期" is about the figure just given; an overall object is not
    assert constructed("规模以上工业增加值增长6%,未达到预期。") == {("missed", "industrial_value_added", 2018)}
    assert constructed("城镇登记失业率3%,全面完成县人大确定的各项目标任务。") == {("met", None, 2018)}


def _constructed(body: str) -> set[tuple[str, str | None, int | None]]:
    from luoshi.pipeline import parse_bytes

    parsed = parse_bytes(body.encode(), "constructed.txt")
    return {(a.verdict, a.indicator, a.year)
            for a in extract_self_assessments(parsed.text, parsed.report, load_ontology())}


def test_term_verdicts_name_no_year_and_session_verdicts_name_theirs():
    # A term review ("本届政府工作回顾") judging the congress's term has no single year; naming one
    # session ("人大一次会议") or writing the targets as "任务目标"/"工作任务" still counts.
    term = ("一、本届政府工作回顾\n五年来,我们完成了县十六届人大确定的各项目标任务。\n"
            "二、2017年工作安排\n今年要抓好项目建设。\n")
    assert _constructed(term) == {("met", None, None)}
    session = ("一、2015年工作回顾\n2015年,我们圆满完成了市十五届人大四次会议确定的各项工作任务,"
               "“十三五”规划目标任务总体完成。\n")
    assert ("met", None, 2015) in _constructed(session)


def test_percent_of_the_annual_plan_is_a_verdict_not_a_share():
    # rule: "完成年度计划的N%" meets the plan from 100%, for each indicator of the clause
    body = ("一、2016年工作回顾\n预计全年实现地区生产总值200亿元,完成年度计划的101.5%;"
            "规模以上工业增加值、利税分别完成年度计划的98.2%、103%。\n")
    assert _constructed(body) == {("met", "gdp", 2016), ("missed", "industrial_value_added", 2016)}
    from luoshi.pipeline import extract_parsed, parse_bytes

    facts = extract_parsed(parse_bytes(body.encode(), "constructed.txt")).facts
    assert not [f for f in facts if f.value in (101.5, 98.2, 103.0)]


def test_verdict_on_all_the_figures_before_it():
    # rule: "…,均超出预期目标" judges every indicator of the sentence; "五年累计" makes it the term's
    body = ("一、过去五年工作回顾\n全社会固定资产投资五年累计完成400亿元,实际利用外资五年累计5亿美元,"
            "均较大幅度超出预期目标。\n")
    assert _constructed(body) == {("met", "fixed_asset_investment", None), ("met", "foreign_investment", None)}


def test_years_since_make_a_term_verdict_and_a_paragraph_year_dates_a_verdict():
    since = ("一、过去五年工作回顾\n2013年以来,本届政府坚持发展第一要务,"
             "较好地实现了县十六届人大一次会议确定的目标任务。\n")
    assert _constructed(since) == {("met", None, None)}
    news = ("新华网讯 政府工作报告指出,2012年,是我县快速发展的一年。我们抢抓机遇,"
            "圆满完成了各项目标任务。预计实现生产总值20亿元。\n")
    assert _constructed(news) == {("met", None, 2012)}


def test_overall_target_in_a_target_list_is_no_verdict():
    body = ("报告提出了2019年主要预期目标:地区生产总值增长9%,城镇登记失业率控制在4%以内,"
            "全面完成省市下达的各项目标任务,社会大局和谐稳定。\n")
    assert _constructed(body) == set()


def test_verdict_wordings_of_the_second_page_round():
    review = "一、2019年工作回顾\n"
    # the aim named as an attribute is no verdict
    assert _constructed(review + "2019年是完成“十三五”规划目标的关键一年。\n") == set()
    assert _constructed(review + "一年来,全省上下团结拼搏,各项指标好于预期。\n") == {("met", None, 2019)}
    assert _constructed(review + "较好地完成了市十五届人大四次会议确定的主要任务。\n") == {("met", None, 2019)}
    # reached early: the figure of the clause before, the plan's target (no single year)
    early = review + "预计全市生产总值达2085亿元,提前实现“十二五”规划目标。\n"
    assert _constructed(early) == {("met", "gdp", None)}
    # a target list opened with "目标是,": its last item is a target, not a verdict
    plan = ("2020年工作安排\n今年发展的主要预期目标是,全省生产总值增长7.5%,单位生产总值能耗降低"
            "完成国家下达目标任务。\n")
    assert _constructed(plan) == set()


def test_verdict_wordings_of_the_third_page_round():
    review = "一、2016年工作回顾\n"
    assert _constructed(review + "标志着本届政府实现了省十一届人大一次会议确定的各项目标任务。\n") == {("met", None, None)}
    # a congress's targets are the whole year's, never the figure of the clause before
    body = review + "面对国内经济增速放缓的考验,我们真抓实干,较好地完成了市三届人大四次会议确定的目标任务。\n"
    assert _constructed(body) == {("met", None, 2016)}
    # no verdicts: a burden ahead, a count of tasks done, a call to act
    assert _constructed(review + "今年已经过去五个月了,完成全年预期目标任务艰巨。\n") == set()
    assert _constructed(review + "推进三年行动计划,完成市区级年度任务200项。\n") == set()
    assert _constructed(review + "2025年是收官之年!让我们干字当头,高质量完成“十四五”规划目标任务。\n") == set()
