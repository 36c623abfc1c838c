"""Indicator facts from real reports: seeds (tuned on) and national reports (some not tuned on).

Each expected value is followed by the sentence it was read from.
"""

from __future__ import annotations

import glob
from functools import cache

import pytest

from luoshi.extract.facts import extract_facts
from luoshi.extract.ontology import load_ontology
from luoshi.extract.quantities import find_quantities
from luoshi.models import Fact
from luoshi.pipeline import Parsed, parse_path

SEED = {n: glob.glob(f"src/luoshi/data/seeds/{n}_*.txt")[0] for n in ("000", "001", "002", "003")}


def national(year: int) -> str:
    return f"tests/fixtures/national/national-{year}.txt"


@cache
def parsed(path: str) -> Parsed:
    return parse_path(path)


@cache
def facts_of(path: str) -> tuple[Fact, ...]:
    p = parsed(path)
    quantities = find_quantities(p.text.text)
    return tuple(extract_facts(p.text, p.report, quantities, load_ontology()))


def find(path: str, **want) -> list[Fact]:
    return [f for f in facts_of(path) if all(getattr(f, k) == v for k, v in want.items())]


def one(path: str, **want) -> Fact:
    found = find(path, **want)
    assert len(found) == 1, (want, found)
    return found[0]


# 000 武侯区: "全区实现地区生产总值972.4亿元、同比增长8%,实现一般公共预算收入65.2亿元、同比增长8.4%,
# 实现社会消费品零售总额892.5亿元、同比增长11.1%,城镇居民人均可支配收入达到42018元、同比增长8.2%。"
@pytest.mark.parametrize(
    ("indicator", "level", "unit", "growth"),
    [
        ("gdp", 972.4, "亿元", 8.0),
        ("general_budget_revenue", 65.2, "亿元", 8.4),
        ("retail_sales", 892.5, "亿元", 11.1),
        ("urban_disposable_income", 42018.0, "元", 8.2),
    ],
)
def test_seed_000_headline_outcomes_give_a_level_and_a_growth_fact(indicator, level, unit, growth):
    lvl = one(SEED["000"], indicator=indicator, kind="outcome", measure="level", value=level)
    assert (lvl.unit, lvl.period_year, lvl.tier, lvl.period) == (unit, 2017, "base", None)
    gr = one(SEED["000"], indicator=indicator, kind="outcome", measure="growth", value=growth)
    assert (gr.unit, gr.basis, gr.period_year) == ("%", "同比", 2017)
    assert gr.start == lvl.start and gr.quote.endswith(f"同比增长{growth:g}%")


def test_seed_000_targets_have_three_tiers():
    # "2018年主要目标任务:…即地区生产总值增长7%、力争7.5%、确保超过1000亿;"
    gdp = find(SEED["000"], indicator="gdp", kind="target")
    got = [(f.measure, f.value, f.unit, f.qualifier, f.tier, f.period_year) for f in gdp]
    assert got == [
        ("growth", 7.0, "%", None, "base", 2018),
        ("growth", 7.5, "%", None, "力争", 2018),
        ("level", 1000.0, "亿", "above", "确保", 2018),
    ]
    # "一般公共预算收入增长8%、力争8.5%、确保超过100亿"
    revenue = find(SEED["000"], indicator="general_budget_revenue", kind="target")
    assert [(f.value, f.tier) for f in revenue] == [(8.0, "base"), (8.5, "力争"), (100.0, "确保")]


def test_seed_000_decline_is_negative_and_unknown_metric_is_kept_as_written():
    # "全年警情同比下降16%"
    fact = one(SEED["000"], metric="警情")
    assert (fact.indicator, fact.measure, fact.value, fact.basis) == (None, "growth", -16.0, "同比")


def test_seed_000_share_of_a_carried_metric():
    # "投入民生资金52.7亿元,占一般公共预算支出的70%"
    fact = one(SEED["000"], measure="share", value=70.0)
    assert fact.indicator == "livelihood_expenditure"
    assert fact.quote == "民生资金52.7亿元,占一般公共预算支出的70%"


@pytest.mark.parametrize(
    ("indicator", "low", "high"),
    [
        ("gdp", 6.0, 7.0),  # "地区生产总值增长6.0%—7.0%"
        ("fixed_asset_investment", 6.0, 8.0),  # "固定资产投资增长6.0%—8.0%"
        ("retail_sales", 8.5, 9.5),  # "社会消费品零售总额增长8.5%—9.5%"
        ("import_export", 5.0, 6.0),  # "进出口总额增长5.0%—6.0%"
        ("general_budget_revenue", 6.0, 7.0),  # "一般公共预算收入增长6.0%—7.0%"
    ],
)
def test_seed_002_range_targets(indicator, low, high):
    fact = one(SEED["002"], indicator=indicator, kind="target", measure="growth", value=low)
    assert (fact.value_high, fact.period_year, fact.tier) == (high, 2023, "base")


def test_seed_002_unemployment_bound_and_non_numeric_income_targets():
    # "城镇调查失业率控制在5.5%以内"
    fact = one(SEED["002"], indicator="surveyed_unemployment_rate", kind="target")
    assert (fact.measure, fact.value, fact.qualifier) == ("level", 5.5, "at_most")
    # "城乡居民人均可支配收入与经济增长基本同步": both incomes, no number
    for key in ("urban_disposable_income", "rural_disposable_income"):
        fact = one(SEED["002"], indicator=key, kind="target")
        assert fact.value is None and fact.quote == "城乡居民人均可支配收入与经济增长基本同步"


def test_seed_003_targets_with_tier_inside_a_clause_and_without_number():
    # "地方一般公共预算收入完成预算目标并力争增长8%"
    fact = one(SEED["003"], indicator="general_budget_revenue", kind="target")
    assert (fact.value, fact.tier, fact.period_year) == (8.0, "力争", 2018)
    # "城镇居民人均可支配收入增长与经济增长同步"
    fact = one(SEED["003"], indicator="urban_disposable_income", kind="target")
    assert fact.value is None and fact.measure == "growth"


def test_seed_001_distributive_and_ratio():
    # "城乡居民收入分别增长8.4%和8.9%"
    urban = one(SEED["001"], indicator="urban_disposable_income", kind="outcome", measure="growth")
    rural = one(SEED["001"], indicator="rural_disposable_income", kind="outcome", measure="growth")
    assert (urban.value, rural.value) == (8.4, 8.9)
    # "三次产业结构调整为0.8:44.0:55.2"
    ratio = one(SEED["001"], indicator="industrial_structure")
    assert ratio.measure == "ratio" and ratio.quote == "三次产业结构调整为0.8:44.0:55.2"


def test_national_2005_targets_not_tuned_on():
    # "今年经济社会发展主要预期目标是:国内生产总值增长8%左右;城镇新增就业900万人,城镇登记失业率
    # 控制在4.6%;居民消费价格总水平涨幅控制在4%"
    gdp = one(national(2005), indicator="gdp", kind="target", value=8.0, measure="growth", metric="国内生产总值")
    assert (gdp.qualifier, gdp.period_year) == ("approx", 2005)
    cpi = one(national(2005), indicator="cpi", kind="target")
    assert (cpi.measure, cpi.value, cpi.qualifier) == ("growth", 4.0, "at_most")
    jobs = one(national(2005), indicator="urban_new_jobs", kind="target")
    assert (jobs.value, jobs.unit, jobs.base_value) == (900.0, "万人", 9_000_000.0)


def test_national_2005_outcomes_distribute_over_the_sentence():
    # "城镇居民人均可支配收入9422元,农村居民人均纯收入2936元,扣除价格因素,分别实际增长7.7%和6.8%"
    urban = one(national(2005), indicator="urban_disposable_income", measure="growth")
    rural = one(national(2005), indicator="rural_disposable_income", measure="growth")
    assert (urban.value, rural.value, urban.period_year) == (7.7, 6.8, 2004)
    # "2004年…国内生产总值达到13.65万亿元,比上年增长9.5%"
    gdp = one(national(2005), indicator="gdp", kind="outcome", measure="growth")
    assert (gdp.value, gdp.basis, gdp.period_year) == (9.5, "比上年", 2004)


def test_multi_year_figures_carry_their_period_not_a_year():
    # 2006: "今后五年国内生产总值年均增长7.5%"
    fact = one(national(2006), indicator="gdp", kind="target", value=7.5)
    assert (fact.period, fact.period_year) == ("2006-2010", None)
    # 2010: "“十一五”前四年累计单位国内生产总值能耗下降14.38%"
    fact = one(national(2010), indicator="energy_intensity", value=-14.38)
    assert (fact.kind, fact.period, fact.period_year) == ("outcome", "2006-2009", None)


def test_every_fact_is_grounded():
    paths = [*SEED.values(), *(national(y) for y in (1995, 2000, 2005, 2006, 2009, 2010, 2012))]
    for path in paths:
        text = parsed(path).text.text
        for f in facts_of(path):
            assert text[f.start : f.end] == f.quote, f
            assert f.start <= f.end
            assert (f.period is None) or (f.period_year is None), f


# national 1999 has no plan/review year in its parse; the report's own years are read from the
# text: "一、1998年工作回顾和1999年工作的总体要求 … 国内生产总值比上年增长7.8%,虽然略低于8%的预定目标"
def test_report_years_from_the_text_and_a_target_quoted_back() -> None:
    path = national(1999)
    assert one(path, indicator="gdp", value=7.8).kind == "outcome"
    assert one(path, indicator="gdp", value=7.8).period_year == 1998
    quoted = one(path, indicator="gdp", value=8.0)
    assert (quoted.kind, quoted.measure, quoted.period_year, quoted.qualifier) == (
        "target", "growth", 1998, None
    )
    # "今年的经济增长预期为7%左右"
    assert one(path, indicator="gdp", value=7.0).period_year == 1999


# national 1993: "1992年国民生产总值接近24000亿元" is GNP, not GDP; "零售物价" is not the CPI
# (national 1995: "零售物价上涨幅度控制在百分之十以内").
def test_gnp_and_retail_prices_are_not_gdp_or_cpi() -> None:
    assert not find(national(1993), indicator="gdp", value=24000.0)
    assert one(national(1993), value=24000.0).indicator == "gnp"
    assert not find(national(1995), indicator="cpi", value=10.0)


# national 1993: "五年共利用外资609亿美元" (a clause opening with 五年 counts back from 1992);
# "五年间,进出口总额增长1倍,1992年达到1656亿美元" (the later single year wins).
def test_clause_opening_years_and_a_later_single_year() -> None:
    assert one(national(1993), indicator="foreign_investment", value=609.0).period == "1988-1992"
    level = one(national(1993), indicator="import_export", value=1656.0)
    assert (level.period_year, level.period) == (1992, None)
    # "1992年同1987年相比,城镇居民人均生活费收入增加910元,达到1826元": a level of 1992
    assert one(national(1993), indicator="urban_disposable_income", value=1826.0).period_year == 1992


# seed 001: "重庆高新区地区生产总值增长11%、占全区比重提升至40%" is a zone's figure, and
# "现代服务业增加值占服务业增加值比重达61%" is a sub-sector's share: neither is the district's own.
def test_sub_aggregates_are_not_the_headline_indicator() -> None:
    assert not find(SEED["001"], indicator="gdp", value=11.0)
    assert not find(SEED["001"], indicator="service_value_added", value=61.0)


# national 2003: "农村居民家庭人均纯收入由2090元增加到2476元" follows "由1997年的5160元增加到2002年的…"
def test_family_income_names_and_the_years_of_a_from_to() -> None:
    start = one(national(2003), indicator="rural_disposable_income", value=2090.0)
    assert start.period_year == 1997
    # "全国研究与试验开发经费,从1997年的509亿元增加到2002年的1161亿元,占国内生产总值的比重从0.64%提高到1.13%"
    assert one(national(2003), indicator="rd_intensity", value=0.64).period_year == 1997


def local(n: str) -> str:
    return f"tests/fixtures/local/{n}.txt"


def test_target_list_separated_by_semicolons_takes_the_heading_cue():
    # local 013 (a task decomposition, no parsed report years): "2017年全市经济社会发展主要预期目标是:
    # 地区生产总值增长8.5%左右;规模以上工业增加值增长9%以上;…;城镇登记失业率控制在4.5%以内"
    assert one(local("013"), indicator="gdp", measure="growth").kind == "target"
    assert one(local("013"), indicator="gdp", measure="growth").period_year == 2017
    f = one(local("013"), indicator="registered_unemployment_rate")
    assert (f.kind, f.period_year, f.value, f.qualifier) == ("target", 2017, 4.5, "at_most")


def test_joined_numbers_follow_the_metrics_a_clause_distributed_over():
    # local 004: "城镇、牧区常住居民人均可支配收入分别达到24683元和19649元,增长7.9%和8.5%"
    p = local("004")
    assert one(p, indicator="urban_disposable_income", measure="growth").value == 7.9
    assert one(p, indicator="rural_disposable_income", measure="growth").value == 8.5
    assert one(p, indicator="rural_disposable_income", measure="level").value == 19649.0
    # local 039: "城乡居民人均可支配收入26096元和10736元,增长13%和16%" (no 分别)
    assert [f.value for f in find(local("039"), indicator="rural_disposable_income")
            if f.measure in ("level", "growth")] == [10736.0, 16.0]


def test_multiple_of_a_past_year_or_plan_covers_the_years_since():
    # local 039 (review year 2015 read from the text): "地区生产总值389.46亿元,比上年增长12.1%,
    # 是2010年的2.18倍"
    f = one(local("039"), indicator="gdp", measure="multiple")
    assert (f.period_year, f.period) == (None, "2011-2015")
    assert one(local("039"), indicator="gdp", measure="level").period_year == 2015
    # local 027: "全旗地区生产总值达到18.21亿元,是“九五”期末的2.69倍,按可比价年均增长17.2%"
    f = one(local("027"), indicator="gdp", measure="multiple")
    assert (f.value, f.period) == (2.69, "2001-2005")
    assert one(local("027"), indicator="gdp", measure="growth").period == "2001-2005"
    # "“十五”期末全社会消费品零售总额达到6.17亿元": the plan's last year
    f = one(local("027"), indicator="retail_sales", measure="level")
    assert (f.value, f.period_year, f.period) == (6.17, 2005, None)


def test_levels_in_a_five_year_span_date_to_its_last_year_unless_totals():
    # national 2011, "这五年": "国内生产总值达到39.8万亿元,年均增长11.2%"
    f = one(national(2011), indicator="gdp", measure="level", value=39.8)
    assert (f.kind, f.period_year, f.period) == ("outcome", 2010, None)
    # "十二五" targets: "研究与试验发展经费支出占国内生产总值比重达到2.2%"
    f = one(national(2011), indicator="rd_intensity", value=2.2)
    assert (f.kind, f.period_year, f.period) == ("target", 2015, None)
    # local 027: "“十五”期间,全社会固定资产投资累计达到40亿元": a total over the span
    f = one(local("027"), indicator="fixed_asset_investment", measure="level", value=40.0)
    assert (f.period_year, f.period) == (None, "2001-2005")
    # local 025: "比“十五”计划目标3000亿元超过1070亿元": the plan's level target for 2005
    f = one(local("025"), indicator="gdp", kind="target")
    assert (f.value, f.period_year, f.period) == (3000.0, 2005, None)


def test_average_before_a_later_year_does_not_date_the_level():
    # local 045: "地区生产总值年均增长14%,去年达到18278亿元"
    f = one(local("045"), indicator="gdp", measure="level")
    assert (f.value, f.period_year, f.period) == (18278.0, 2010, None)


def test_review_figures_in_a_plan_section_after_a_look_back_are_outcomes():
    # national 2011, "三、2011年的工作": "做好今年的工作…至关重要。过去一年,我们的各项工作取得了很大
    # 成绩。国内生产总值增长10.3%,居民消费价格涨幅控制在 3.3%,城镇新增就业1168万人"
    f = one(national(2011), indicator="gdp", measure="growth", value=10.3)
    assert (f.kind, f.period_year) == ("outcome", 2010)
    f = one(national(2011), indicator="cpi", value=3.3)
    assert (f.kind, f.period_year, f.qualifier) == ("outcome", 2010, None)
    # national 2009: "拟安排中央财政赤字7500亿元,比上年增加5700亿元,…全国财政赤字合计9500亿元":
    # "比上年" is a basis, not a look back
    assert one(national(2009), indicator="deficit", value=9500.0).kind == "target"


def test_cross_border_trade_is_not_total_trade():
    # local 021: "跨境电商进出口额增长80.6%"
    assert not find(local("021"), indicator="import_export")


def test_share_of_a_larger_region_is_not_the_indicator():
    # local 029: "经济总量占全区比重由2015年的20.3%提升至21.3%"
    assert not find(local("029"), indicator="gdp", measure="share")


def test_parenthetical_note_is_not_a_metric():
    # local 041: "预计(下同)全年地区生产总值突破500亿元,比上年增长(下同)14.1%"
    f = one(local("041"), indicator="gdp", measure="growth")
    assert (f.value, f.period_year) == (14.1, 2010)


# ---- Unseen wording: CONSTRUCTED sentences in the genre's wording (not from any fixture). ----
# Each mini-report opens with a review heading ("2018年工作回顾") or a plan heading, so the
# review year is 2018 and the plan year 2019.

_REVIEW = "关于2018年工作回顾\n过去一年,"
_PLAN = "2019年工作安排\n"


def constructed(body: str) -> list[tuple]:
    """(kind, indicator, measure, value, unit, qualifier, tier, period_year, period) of the
    core facts of a constructed text."""
    from luoshi.pipeline import extract_parsed, parse_bytes

    ex = extract_parsed(parse_bytes(body.encode(), "constructed.txt"))
    for f in ex.facts:
        assert ex_text(body)[f.start : f.end] == f.quote
    return [
        (f.kind, f.indicator, f.measure, f.value, f.unit, f.qualifier, f.tier, f.period_year, f.period)
        for f in ex.facts
        if f.indicator is not None and f.value is not None
    ]


def ex_text(body: str) -> str:
    from luoshi.pipeline import parse_bytes

    return parse_bytes(body.encode(), "constructed.txt").text.text


@pytest.mark.parametrize(
    ("sentence", "indicator", "value", "unit"),
    [
        # rule: every era's and level's name of a core indicator maps to its key
        ("全县GDP达到125.6亿元。", "gdp", 125.6, "亿元"),
        ("全县生产总值实现125.6亿元。", "gdp", 125.6, "亿元"),
        ("地方一般公共预算收入12.3亿元。", "general_budget_revenue", 12.3, "亿元"),
        ("城市居民人均可支配收入32156元。", "urban_disposable_income", 32156.0, "元"),
        ("农民人均纯收入12345元。", "rural_disposable_income", 12345.0, "元"),
        ("农牧民人均可支配收入12345元。", "rural_disposable_income", 12345.0, "元"),
        ("规上工业增加值实现45.2亿元。", "industrial_value_added", 45.2, "亿元"),
        ("完成全社会固定资产投资230亿元。", "fixed_asset_investment", 230.0, "亿元"),
        ("外贸进出口总额完成5.6亿美元。", "import_export", 5.6, "亿美元"),
        ("进出口总值8.1亿元。", "import_export", 8.1, "亿元"),
        ("实际使用外资2.3亿美元。", "foreign_investment", 2.3, "亿美元"),
        ("新增城镇就业5600人。", "urban_new_jobs", 5600.0, "人"),
        ("粮食总产58.6万吨。", "grain_output", 58.6, "万吨"),
        ("空气质量优良天数达到312天。", "air_quality_good_days", 312.0, "天"),
        ("细颗粒物(PM2.5)年均浓度42微克/立方米。", "pm25", 42.0, "微克/立方米"),
        ("第三产业增加值60.2亿元。", "service_value_added", 60.2, "亿元"),
    ],
)
def test_constructed_indicator_synonyms(sentence, indicator, value, unit):
    got = constructed(_REVIEW + sentence)
    assert ("outcome", indicator, "level", value, unit, None, "base", 2018, None) in got


@pytest.mark.parametrize(
    ("sentence", "indicator", "value"),
    [
        # rule: growth verbs of every shape, signed; 万元GDP能耗 is energy intensity
        ("万元GDP能耗下降3%。", "energy_intensity", -3.0),
        ("万元生产总值能耗降低3.5%。", "energy_intensity", -3.5),
        ("居民消费价格上涨2.1%。", "cpi", 2.1),
        ("社零总额增长10%。", "retail_sales", 10.0),
    ],
)
def test_constructed_growth_wording(sentence, indicator, value):
    got = constructed(_REVIEW + sentence)
    assert ("outcome", indicator, "growth", value, "%", None, "base", 2018, None) in got


def test_constructed_tier_after_a_comma_keeps_the_growth_measure():
    # rule: "增长7.5%,力争8%" — a clause that only carries the metric on continues its measure
    got = constructed(_PLAN + "今年主要预期目标为:生产总值增长7.5%,力争8%;固定资产投资增长10%。")
    assert ("target", "gdp", "growth", 8.0, "%", None, "力争", 2019, None) in got
    got = constructed(_PLAN + "新的一年,我们将确保地区生产总值增长8%,力争达到8.5%。")
    assert ("target", "gdp", "growth", 8.5, "%", None, "力争", 2019, None) in got


def test_constructed_government_term_is_a_five_year_period():
    # rule: "本届政府任期内" counts five years back from the review year
    got = constructed(_REVIEW + "本届政府任期内,地区生产总值年均增长8%。")
    assert got == [("outcome", "gdp", "growth", 8.0, "%", None, "base", None, "2014-2018")]


def test_constructed_single_year_after_a_plan_period_is_that_year():
    # rule: a level dated by its own later year is that year's, even after a 年均 of the period
    got = constructed(_REVIEW + "“十二五”时期,地区生产总值年均增长10.5%,2015年达到500亿元。")
    assert ("outcome", "gdp", "level", 500.0, "亿元", None, "base", 2015, None) in got
    assert ("outcome", "gdp", "growth", 10.5, "%", None, "base", None, "2011-2015") in got


def test_constructed_margin_over_the_target_is_no_fact():
    # rule: "比年初预期目标高0.3个百分点" measures the outcome against the target
    got = constructed(_REVIEW + "地区生产总值增长7.8%,比年初预期目标高0.3个百分点。")
    assert got == [("outcome", "gdp", "growth", 7.8, "%", None, "base", 2018, None)]


def test_constructed_chinese_numerals_with_decimals():
    # rule: Chinese numerals with 点 ("一百二十五点六亿元", "百分之七点八")
    got = constructed(_REVIEW + "地区生产总值达一百二十五点六亿元,增长百分之七点八。")
    assert ("outcome", "gdp", "level", 125.6, "亿元", None, "base", 2018, None) in got
    assert ("outcome", "gdp", "growth", 7.8, "%", None, "base", 2018, None) in got


def test_on_the_basis_is_not_last_year():
    # rule: "基础上年均增长7%" holds no "上年" (national 2011: "今后五年,我国经济增长预期目标是在
    # 明显提高质量和效益的基础上年均增长7%")
    f = one(national(2011), indicator="gdp", measure="growth", value=7.0)
    assert (f.kind, f.period_year, f.period) == ("target", None, "2011-2015")


def test_constructed_second_distribution_over_the_same_pair():
    # rule: "A和B分别为x、y,分别增长p、q" gives A p and B q, not both to both
    got = constructed(_REVIEW + "城镇和农村居民人均可支配收入分别为32156元、12345元,分别增长8.1%、9.2%。")
    growth = [(g[1], g[3]) for g in got if g[2] == "growth"]
    assert growth == [("urban_disposable_income", 8.1), ("rural_disposable_income", 9.2)]


# national 2011, under "二、“十二五”时期的主要目标和任务": "为全体劳动者创造公平的就业机会,五年城镇新增
# 就业4500万人。…城镇居民人均可支配收入和农村居民人均纯收入年均实际增长超过7%。"
def test_plan_period_targets_count_forward_from_the_plan_year():
    # rule: "五年…" in a section opening a five-year plan covers the plan's years, not the past five
    jobs = one(national(2011), indicator="urban_new_jobs", value=4500.0)
    assert (jobs.kind, jobs.measure, jobs.unit, jobs.period_year, jobs.period) == (
        "target", "level", "万人", None, "2011-2015",
    )
    for indicator in ("urban_disposable_income", "rural_disposable_income"):
        f = one(national(2011), indicator=indicator, measure="growth", value=7.0)
        assert (f.kind, f.qualifier, f.period) == ("target", "above", "2011-2015"), indicator


def test_one_rate_after_coordinated_names_is_each_ones():
    # rule: "A和B…增长超过7%" is a rate of A and a rate of B (national 2011: "城镇居民人均可支配收入和
    # 农村居民人均纯收入年均实际增长超过7%")
    urban = one(national(2011), indicator="urban_disposable_income", measure="growth", value=7.0)
    assert urban.quote.startswith("城镇居民人均可支配收入和农村居民人均纯收入")


def test_coordinated_part_named_in_full():
    # rule: in "A和B分别…" a part that is a whole indicator name is that indicator (national 2011:
    # "单位国内生产总值能耗和二氧化碳排放分别降低16%和17%")
    f = one(national(2011), indicator="energy_intensity", kind="target")
    assert (f.measure, f.value, f.period) == ("growth", -16.0, "2011-2015")
    assert not find(national(2011), indicator="energy_intensity", value=-17.0)


def test_joined_numbers_over_two_coordinated_names():
    # rule: "A和B增长x和y" gives A x and B y (national 2012: "城镇居民人均可支配收入和农村居民人均纯收入
    # 实际增长8.4%和11.4%")
    assert one(national(2012), indicator="urban_disposable_income", measure="growth", period_year=2011).value == 8.4
    assert one(national(2012), indicator="rural_disposable_income", measure="growth", period_year=2011).value == 11.4


def test_per_year_list_gives_one_fact_per_year():
    # rule: "前N年分别 x、y、z" are the N years before the sentence's year (national 2007: "2006年,
    # 单位国内生产总值能耗由前三年分别上升4.9%、5.5%、0.2%,转为下降1.2%")
    got = sorted((f.period_year, f.value) for f in find(national(2007), indicator="energy_intensity", measure="growth")
                 if f.kind == "outcome" and f.period is None)
    assert (2003, 4.9) in got and (2004, 5.5) in got and (2005, 0.2) in got
    assert (2006, -1.2) in got
    assert not [y for y, v in got if y == 2006 and v in (4.9, 5.5, 0.2)]


def test_index_value_without_unit_is_a_level():
    # rule: an index is written as a bare number (local 013: "居民消费价格指数控制在103.5以内")
    f = one(local("013"), indicator="cpi", measure="level")
    assert (f.kind, f.value, f.unit, f.qualifier, f.period_year) == ("target", 103.5, "", "at_most", 2017)


def test_funds_from_outside_the_region_are_not_foreign_investment():
    # rule: 旗外/区外/县外资金 is investment attracted from elsewhere in China (local 027: "2005年引进
    # 旗外资金7.11亿元")
    assert not find(local("027"), indicator="foreign_investment", value=7.11)
    assert one(local("027"), value=7.11).indicator == "investment_attraction"


def test_retail_sales_above_quota_is_a_part():
    # rule: 限额以上 retail sales are the larger firms' part (local 034: "完成限额以上社会消费品零售总额
    # 4.6亿元"), but 限额以上 investment is the whole (local 004: "限额以上固定资产投资完成16.1亿元")
    assert one(local("034"), value=4.6, unit="亿元").indicator == "retail_sales_above_quota"
    assert one(local("004"), value=16.1, unit="亿元").indicator == "fixed_asset_investment"


def test_coordinated_numbers_over_a_fused_pair_go_one_each() -> None:
    # Genre form (a county report's news summary): levels and rates of urban and rural income
    # given as "A和B、分别增长x和y" after one fused name.
    facts = constructed("2015年工作回顾\n2015年,城乡居民收入达到23292元和7750元、分别增长8.8%和10%。\n")
    got = {(f[1], f[2], f[3]) for f in facts}
    assert got == {
        ("urban_disposable_income", "level", 23292.0), ("rural_disposable_income", "level", 7750.0),
        ("urban_disposable_income", "growth", 8.8), ("rural_disposable_income", "growth", 10.0),
    }


def test_a_stray_full_stop_inside_a_target_list_does_not_end_it() -> None:
    body = ("本报讯 代市长在政府工作报告中提出2010年全市经济社会发展的主要预期目标是:地区生产总值增长13%;"
            "人口自然增长率控制在7.2%。以内;城镇居民人均可支配收入增长8%。\n")
    kinds = {(f[1], f[0], f[7]) for f in constructed(body)}
    assert ("urban_disposable_income", "target", 2010) in kinds
    assert ("gdp", "target", 2010) in kinds


def test_growth_named_after_the_rate_and_a_bare_annual_average() -> None:
    body = ("2015年工作回顾\n过去五年,全区地区生产总值突破500亿元,一般公共预算收入超过40亿元,"
            "分别保持年均10.1%、18.7%的较快增长。\n")
    got = {(f[1], f[2], f[3]) for f in constructed(body)}
    assert ("gdp", "growth", 10.1) in got
    assert ("general_budget_revenue", "growth", 18.7) in got


def test_from_to_levels_with_other_verbs_and_the_paragraph_period() -> None:
    body = ("2015年工作回顾\n全市地区生产总值由2010年的77亿元跃升到2015年的161亿元。"
            "一般公共预算收入由10亿元增至19亿元,年均增长13.8%。累计完成固定资产投资520亿元。\n")
    got = constructed(body)
    levels = {(f[1], f[3]): (f[7], f[8]) for f in got if f[2] == "level"}
    assert levels[("gdp", 77.0)] == (2010, None)
    assert levels[("gdp", 161.0)] == (2015, None)
    growth = [f for f in got if f[1] == "general_budget_revenue" and f[2] == "growth"]
    assert [(f[3], f[8]) for f in growth] == [(13.8, "2011-2015")]
    assert levels[("fixed_asset_investment", 520.0)] == (None, "2011-2015")


def test_news_item_years_from_a_commitment_or_its_dateline() -> None:
    body = ("2月11日上午,省人民代表大会开幕。代省长在报告中提出,2012年,全省将力争地区生产总值增长12%以上。"
            "去年全省实现地区生产总值8750亿元,同比增长13.7%。\n")
    got = {(f[0], f[1], f[2], f[3], f[7]) for f in constructed(body)}
    assert ("target", "gdp", "growth", 12.0, 2012) in got
    assert ("outcome", "gdp", "level", 8750.0, 2011) in got
    dated = "2019-01-14 12:56:59 来源:某报\n今年,全市经济社会发展的主要预期目标是:全市生产总值增长6%-6.5%。\n"
    assert [(f[1], f[7]) for f in constructed(dated)] == [("gdp", 2019)]


def test_modifiers_and_successive_thresholds_are_not_indicator_facts() -> None:
    body = ("2016年工作回顾\n五年来,地区生产总值先后跨上2万亿、逼近3万亿,年均增长10.7%。"
            "单位地区生产总值二氧化碳排放量下降3.9%,服务业对经济增长的贡献率达到51%。\n")
    got = {(f[1], f[2], f[3]) for f in constructed(body)}
    assert {x for x in got if x[0] == "gdp"} == {("gdp", "growth", 10.7)}
    assert ("co2_intensity", "growth", -3.9) in got
    # a share of the indicator itself is not a modifier: "规模以上工业增加值占比" stays its share
    kept = constructed("2016年工作回顾\n全年规模以上工业增加值占比达到38.5%。\n")
    assert [(f[1], f[2], f[3]) for f in kept] == [("industrial_value_added", "share", 38.5)]


def test_a_target_list_keeps_its_kind_past_a_result_verb_and_cpi_percent_is_growth() -> None:
    body = ("2018年工作安排\n今年经济社会发展主要预期目标是:地区生产总值增长7.5%左右,"
            "研发经费支出占地区生产总值比重达到2.7%,居民消费价格指数控制在3.5%以内。\n")
    got = {(f[0], f[1], f[2], f[3], f[5]) for f in constructed(body)}
    assert ("target", "rd_intensity", "level", 2.7, None) in got
    assert ("target", "cpi", "growth", 3.5, "at_most") in got


def test_a_result_verb_inside_a_commitment_and_a_number_called_a_goal_are_targets() -> None:
    body = ("2月11日,省人民代表大会开幕。报告提出,2012年,全省将力争实现社会消费品零售总额3540亿元,达到18%以上的增长。\n"
            "今年全省预计实现生产总值增长6.5%左右目标。\n")
    got = {(f[0], f[1], f[2], f[3]) for f in constructed(body)}
    assert got == {("target", "retail_sales", "level", 3540.0), ("target", "retail_sales", "growth", 18.0),
                   ("target", "gdp", "growth", 6.5)}


def test_constructed_estimate_of_the_title_year_dates_the_outcome():
    # rule: "预计2007年实现…" in a review is 2007's outcome even when a title made 2007 the plan year
    body = ("滨海区2007年政府工作报告\n各位代表:\n一、过去一年工作回顾\n"
            "预计2007年实现地区生产总值142亿元,社会消费品零售总额53.4亿元。\n")
    assert constructed(body) == [
        ("outcome", "gdp", "level", 142.0, "亿元", None, "base", 2007, None),
        ("outcome", "retail_sales", "level", 53.4, "亿元", None, "base", 2007, None),
    ]


def test_constructed_genre_rules_of_the_second_page_round():
    review = "2019年工作回顾\n"
    # a rate of decline is a negative change
    assert constructed(review + "单位地区生产总值能耗降幅为5%左右。") == [
        ("outcome", "energy_intensity", "growth", -5.0, "%", "approx", "base", 2019, None)
    ]
    # a net increase is an absolute change (not annotated), not the level
    assert constructed(review + "经济总量净增283.56亿元。") == []
    # per head after the total is another figure
    assert constructed(review + "地区生产总值突破4万亿元,人均超过1.1万美元。") == [
        ("outcome", "gdp", "level", 4.0, "万亿元", "above", "base", 2019, None)
    ]
    # a threshold passed, then the exact level: one fact
    assert constructed(review + "全市生产总值突破2000亿元,达到2085亿元。") == [
        ("outcome", "gdp", "level", 2085.0, "亿元", None, "base", 2019, None)
    ]
    # one figure for a fused pair is for neither half; "均" gives it to both
    assert constructed(review + "城乡居民人均可支配收入名义增长5.3%。") == []
    assert [f[1] for f in constructed(review + "城乡居民人均可支配收入均增长7%左右。")] == [
        "urban_disposable_income", "rural_disposable_income"
    ]


def test_constructed_target_by_last_years_level_stays_in_the_target_list():
    body = ("2020年工作安排\n今年发展的主要预期目标是,全省生产总值增长7.5%,财政收入增长保持上年水平,"
            "城镇新增就业63万人以上,居民消费价格涨幅3.5%左右。\n")
    assert [(f[0], f[1], f[7]) for f in constructed(body)] == [
        ("target", "gdp", 2020), ("target", "urban_new_jobs", 2020), ("target", "cpi", 2020)
    ]


def test_constructed_annual_average_and_share_wholes():
    review = "一、“十三五”时期工作回顾\n"
    # "年均" right before the number, and "年均分别": an average over the five years
    assert constructed(review + "城乡居民人均可支配收入年均分别增长6.4%、8%。") == [
        ("outcome", "urban_disposable_income", "growth", 6.4, "%", None, "base", None, "2016-2020"),
        ("outcome", "rural_disposable_income", "growth", 8.0, "%", None, "base", None, "2016-2020"),
    ]
    # the whole a share is taken of is not the figure's subject
    assert constructed(review + "制造业、战略性新兴产业增加值占全市工业增加值比重分别达到31.1%、5.6%。") == []
    plan = "2019年工作安排\n今年的主要预期目标是:全社会研发经费支出相当于全市生产总值的比例保持在4%左右。"
    assert constructed(plan) == [("target", "rd_intensity", "level", 4.0, "%", "approx", "base", 2019, None)]


def test_constructed_ditto_base_and_elided_coordination():
    review = "2016年工作回顾\n"
    # "比2012年(下同)": every later growth of the paragraph is over the same base
    body = review + "2016年,预计全县生产总值340亿元,比2012年(下同)增长47.7%;固定资产投资353.7亿元,增长125.1%。"
    assert [(f[1], f[2], f[7], f[8]) for f in constructed(body)] == [
        ("gdp", "level", 2016, None), ("gdp", "growth", None, "2013-2016"),
        ("fixed_asset_investment", "level", 2016, None), ("fixed_asset_investment", "growth", None, "2013-2016"),
    ]
    # "城镇、农村居民人均可支配收入": the first part shares the second's head
    pairs = constructed(review + "城镇、农村居民人均可支配收入29462元、16733元,分别增长8%和9%。")
    assert [(f[1], f[3]) for f in pairs] == [
        ("urban_disposable_income", 29462.0), ("rural_disposable_income", 16733.0),
        ("urban_disposable_income", 8.0), ("rural_disposable_income", 9.0),
    ]


def test_constructed_service_share_is_a_measure_of_service_value_added():
    # docs/gold-format.md: the sector's share of GDP is service_value_added's `share` measure
    review = "2011年工作回顾\n"
    got = constructed(review + "第三产业比重达到73.8%,服务业占GDP的比重提高1个百分点。")
    assert [(f[1], f[2], f[3]) for f in got] == [
        ("service_value_added", "share", 73.8), ("service_value_added", "change_pp", 1.0)
    ]


def test_constructed_tier_carried_and_target_list_past_a_stray_full_stop():
    news = ("2012年,云南将力争规模以上固定资产投资7100亿元以上,实现20%以上的增长;"
            "力争实现社会消费品零售总额3540亿元,达到18%以上的增长。")
    assert [(f[1], f[2], f[6]) for f in constructed(news)] == [
        ("fixed_asset_investment", "level", "力争"), ("fixed_asset_investment", "growth", "力争"),
        ("retail_sales", "level", "力争"), ("retail_sales", "growth", "力争"),
    ]
    plan = ("2018年工作安排\n今年经济社会发展主要预期目标是:地区生产总值增长7.5%左右。"
            "经济结构不断优化,研发经费支出占地区生产总值比重达到2.7%,地方一般公共预算收入可比增长7.5%。")
    assert [(f[0], f[1]) for f in constructed(plan)] == [
        ("target", "gdp"), ("target", "rd_intensity"), ("target", "general_budget_revenue")
    ]


def test_constructed_from_a_plans_end_to_now():
    body = ("“十三五”时期工作回顾\n全省地区生产总值由“十二五”末的6557亿元增加到9017亿元,年均增长5.5%。\n"
            "2021年工作安排\n今年地区生产总值增长6%。\n")
    assert [(f[2], f[3], f[7], f[8]) for f in constructed(body)][:3] == [
        ("level", 6557.0, 2015, None), ("level", 9017.0, 2020, None), ("growth", 5.5, None, "2016-2020")
    ]


def test_constructed_doublings_carry_their_period():
    review = "2010年工作回顾\n"
    got = constructed(review + "全县地区生产总值由2005年的61.88亿元增加到2010年的130亿元,较“十五”期末翻了一番以上。"
                      "财政一般预算收入实现翻倍增长,从2006年的8.8亿元增至2010年的20.2亿元。"
                      "地方一般公共预算收入3136亿元,4年翻了一番多。")
    assert [(f[1], f[3], f[5], f[8]) for f in got if f[2] == "multiple"] == [
        ("gdp", 2.0, "at_least", "2006-2010"), ("general_budget_revenue", 2.0, None, "2007-2010"),
        ("general_budget_revenue", 2.0, "more_than", "2007-2010"),
    ]


def test_constructed_reprint_spellings_and_foreign_subjects():
    review = "2016年工作回顾\n"
    got = constructed(review + "GDP增7.6%左右,城乡居民每人平均收入达到28400元和9400元,单位GDP耗能下降3.5%。")
    assert [(f[1], f[2], f[3]) for f in got] == [
        ("gdp", "growth", 7.6), ("urban_disposable_income", "level", 28400.0),
        ("rural_disposable_income", "level", 9400.0), ("energy_intensity", "growth", -3.5),
    ]
    # "经济增长的贡献": the figure is the contribution's, not the metric named before
    assert constructed(review + "粮食产量稳定,对经济增长的贡献保持在30%左右。") == []


def test_constructed_years_ahead_and_a_restated_target():
    news = ("新华网福州1月8日电 2021年,预计全市地区生产总值增长9%左右。\n"
            "报告明确了今后五年发展蓝图:地区生产总值增速保持7.6%左右;研究与试验发展经费投入强度接近3%。")
    assert [(f[0], f[1], f[7], f[8]) for f in constructed(news)] == [
        ("outcome", "gdp", 2021, None), ("target", "gdp", None, "2022-2026"),
        ("target", "rd_intensity", 2026, None),
    ]
    plan = ("2013年工作安排\n今年的主要预期目标是,生产总值增长9.5%左右。\n"
            "从这两年经济增长的趋势看,实现9.5%左右的增长,必须付出艰苦努力。")
    assert {(f[0], f[1], f[3]) for f in constructed(plan)} == {("target", "gdp", 9.5)}


def test_constructed_thresholds_counts_changes_and_current_prices():
    review = "2008年工作回顾\n"
    got = constructed(review + "完成GDP 115亿元,现价增长27.7%。粮食产量首次跃上1.4万亿斤新台阶。"
                      "城乡居民收入分别增长907元和1117元。五年跨越两个千亿元台阶。")
    assert [(f[1], f[2], f[3], f[5]) for f in got] == [
        ("gdp", "level", 115.0, None), ("gdp", "growth", 27.7, None),
        ("grain_output", "level", 1.4, "above"),
    ]


def test_constructed_fourth_round_rules():
    review = "一、过去五年工作回顾\n"
    got = constructed(review + "生产总值从2005年的28亿元增加到2011年的95.2亿元,增长3.4倍;"
                      "地方财政一般预算收入从1.39亿元增加到8.6亿元,增长6.2倍。经济总量突破3600亿元。")
    assert [(f[1], f[2], f[3], f[7], f[8]) for f in got if f[2] in ("multiple",) or f[5] == "above"] == [
        ("gdp", "multiple", 3.4, None, "2006-2011"),
        ("general_budget_revenue", "multiple", 6.2, None, "2006-2011"),
        ("gdp", "level", 3600.0, 2011, None),
    ]
    # an average with no span of its own: the five years to the review year
    news = "2013-01-26 新华社广州电 初步核算,2012年全省生产总值达5.7万亿元,年均增长10.2%。"
    assert [(f[0], f[2], f[7], f[8]) for f in constructed(news)] == [
        ("outcome", "level", 2012, None), ("outcome", "growth", None, "2008-2012")
    ]
    # "初步统计" reports results; "万元生产总值综合能耗" is energy intensity, not GDP
    assert [(f[0], f[1]) for f in constructed("2019年工作回顾\n初步统计,全市地区生产总值预计完成4725亿元。"
                                             "万元生产总值综合能耗下降4%。")] == [
        ("outcome", "gdp"), ("outcome", "energy_intensity")
    ]


def test_constructed_one_figure_for_each_name_before_it():
    got = constructed("2017年工作回顾\n地区生产总值、全社会固定资产投资均突破2万亿元。")
    assert [(f[1], f[3], f[5]) for f in got] == [
        ("gdp", 2.0, "above"), ("fixed_asset_investment", 2.0, "above")
    ]


def test_constructed_own_gdp_is_no_larger_region_and_an_average_is_no_both():
    plan = "2007年工作安排\n今年全社会研究与发展经费支出占全市生产总值的比例达到百分之二点六左右。"
    assert constructed(plan) == [("target", "rd_intensity", "level", 2.6, "%", "approx", "base", 2007, None)]
    # the 均 of 年均 gives the fused pair's one figure to neither half
    assert constructed("2013年工作安排\n今后五年城乡居民人均收入年均增长8%。") == []


def test_constructed_margins_and_the_urban_investment_series():
    got = constructed("2014年工作回顾\n服务业增加值增长9%,高出生产总值增速6.9个百分点。城镇固定资产投资增长25%。")
    # the margin between two rates is no figure of GDP; the urban series is not 全社会 investment
    assert [(f[1], f[2], f[3]) for f in got] == [
        ("service_value_added", "growth", 9.0), ("urban_fixed_asset_investment", "growth", 25.0)
    ]


def test_constructed_a_goal_passed_after_the_exact_level():
    got = constructed("2012年工作回顾\n地区生产总值1075亿元,跨过千亿目标,增长13%;农民人均纯收入9075元,向万元目标迈进,增长17%。")
    assert [(f[0], f[1], f[2], f[3]) for f in got] == [
        ("outcome", "gdp", "level", 1075.0), ("outcome", "gdp", "growth", 13.0),
        ("outcome", "rural_disposable_income", "level", 9075.0),
        ("outcome", "rural_disposable_income", "growth", 17.0),
    ]


def test_constructed_the_three_sectors_one_figure_each():
    got = constructed("2014年工作回顾\n一、二、三次产业增加值分别完成2.34亿元、27.07亿元和7.79亿元,分别增长4.4%、9.5%和5.8%。")
    assert [(f[1], f[2], f[3]) for f in got] == [
        ("primary_value_added", "level", 2.34), ("secondary_value_added", "level", 27.07),
        ("service_value_added", "level", 7.79), ("primary_value_added", "growth", 4.4),
        ("secondary_value_added", "growth", 9.5), ("service_value_added", "growth", 5.8),
    ]


def test_constructed_bracketed_basis_and_the_year_to_date():
    got = constructed("2017年工作回顾\n一般公共预算收入5.2亿元,下降(同口径)19.59%;居民消费价格累计同比上涨1.3%。")
    assert [(f[1], f[2], f[3], f[7], f[8]) for f in got] == [
        ("general_budget_revenue", "level", 5.2, 2017, None),
        ("general_budget_revenue", "growth", -19.59, 2017, None),
        ("cpi", "growth", 1.3, 2017, None),
    ]


def test_constructed_threshold_words_are_no_names_and_a_bare_percent_target_is_growth():
    got = constructed("2018年工作回顾\n生产总值跨越8000亿元大关、达到8349.86亿元,增长8.2%。")
    assert [(f[2], f[3]) for f in got] == [("level", 8349.86), ("growth", 8.2)]
    plan = "2016年工作安排\n今年主要预期目标是:规模工业增加值力争9%以上,服务业增加值比重达到45%。"
    assert [(f[1], f[2], f[6]) for f in constructed(plan)] == [
        ("industrial_value_added", "growth", "力争"), ("service_value_added", "share", "base")
    ]


def test_constructed_value_added_achieved_and_a_commitment_to_achieve():
    got = constructed("2006年工作回顾\n2006年规模以上工业实现增加值880.53亿元,增长21.6%。")
    assert [(f[1], f[2], f[3]) for f in got] == [
        ("industrial_value_added", "level", 880.53), ("industrial_value_added", "growth", 21.6)
    ]
    news = "2016-02-02 新华网 桂林市报告提出,以高新技术产业为龙头,努力实现规模以上工业增加值增长9%-9.5%。"
    assert [(f[0], f[1], f[7]) for f in constructed(news)] == [("target", "industrial_value_added", 2016)]
