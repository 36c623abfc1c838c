"""find_quantities on real sentences of the seeds and fixtures (each test quotes its source)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.extract.quantities import find_quantities, load_units
from luoshi.models import Quantity

ROOT = Path(__file__).resolve().parents[2]


def _quotes(text: str) -> list[str]:
    return [q.text for q in find_quantities(text)]


def _only(text: str, quote: str) -> Quantity:
    """The single quantity quoted ``quote`` in ``text``, checking its span."""
    found = [q for q in find_quantities(text) if q.text == quote]
    assert len(found) == 1, (quote, _quotes(text))
    q = found[0]
    assert text[q.start : q.end] == quote
    return q


def test_level_and_growth() -> None:
    # seed 000: "全区实现地区生产总值972.4亿元、同比增长8%"
    s = "一是主要经济指标全面完成。全区实现地区生产总值972.4亿元、同比增长8%,实现一般公共预"
    assert _quotes(s) == ["972.4亿元", "8%"]
    gdp = _only(s, "972.4亿元")
    assert (gdp.value, gdp.unit, gdp.base_unit) == (972.4, "亿元", "元")
    assert gdp.base_value == pytest.approx(9.724e10)
    growth = _only(s, "8%")
    assert (growth.value, growth.base_value, growth.base_unit, growth.qualifier) == (
        8,
        8,
        "%",
        None,
    )


def test_approx_after() -> None:
    s = "2018年经济社会发展主要预期目标为:地区生产总值增长9%左右;规模以上工业增加值增长10%"
    assert _quotes(s) == ["9%左右", "10%"]  # "2018年" is a year, not a duration
    assert _only(s, "9%左右").qualifier == "approx"


def test_range_with_dash() -> None:
    s = "今年全区经济社会发展的主要目标是:地区生产总值增长6.0%—7.0%;固定资产投资增长6"
    q = _only(s, "6.0%—7.0%")
    assert (q.value, q.value_high, q.unit, q.base_value_high) == (6.0, 7.0, "%", 7.0)


def test_three_tiers() -> None:
    # seed 000: base / 力争 / 确保 — the tiers are the facts stage's; here the three numbers
    s = "即地区生产总值增长7%、力争7.5%、确保超过1000亿;社会消费品零售总额增长9.5"
    assert _quotes(s) == ["7%", "7.5%", "超过1000亿"]  # "增长9.5" (cut off) has no unit
    bare = _only(s, "超过1000亿")
    assert (bare.value, bare.unit, bare.base_value, bare.base_unit) == (1000, "亿", 1e11, "")
    assert bare.qualifier == "above"


def test_bare_number_without_multiplier_is_not_a_quantity() -> None:
    assert _quotes("社会消费品零售总额增长9.5") == []


def test_control_within() -> None:
    s = "城镇新增就业5.7万人,城镇登记失业率控制在4%以内,城乡居民收入分别增长8.4%"
    assert _quotes(s) == ["5.7万人", "控制在4%以内", "8.4%"]
    assert _only(s, "控制在4%以内").qualifier == "at_most"
    assert _only(s, "5.7万人").base_value == pytest.approx(57_000)


def test_percentage_points() -> None:
    s = "战略性新兴制造业增加值占工业增加值比重达21%、提高3个百分点,现代服务业"
    q = _only(s, "3个百分点")
    assert (q.value, q.unit, q.base_unit) == (3, "个百分点", "pp")


def test_ratio() -> None:
    s = "产业结构深化调整。三次产业结构调整为0.8:44.0:55.2,战略性新"
    assert _quotes(s) == ["0.8:44.0:55.2"]  # "三次产业" is not 3 次
    q = _only(s, "0.8:44.0:55.2")
    assert (q.unit, q.ratio, q.value) == ("ratio", (0.8, 44.0, 55.2), 0.8)


def test_count_with_multiplier() -> None:
    s = "新增“新三板”挂牌企业9家;专利申请量达1.99万件,我区获评"
    q = _only(s, "1.99万件")
    assert (q.value, q.unit, q.base_value, q.base_unit) == (
        1.99,
        "万件",
        pytest.approx(19_900),
        "件",
    )
    assert _only(s, "9家").base_unit == "家"


def test_more_than_people() -> None:
    # 名 counts people: base unit 人
    s = "为全区4万余名70岁以上老人购买“松鹤延年”"
    q = _only(s, "4万余名")
    assert (q.value, q.unit, q.base_value, q.base_unit) == (4, "万名", 40_000, "人")
    assert q.qualifier == "more_than"
    assert _only(s, "70岁以上").qualifier == "at_least"


def test_more_than_count() -> None:
    s = "建成区图书馆分馆13个,开展群众文化活动1600余场,成功举办2017年中国乒乓球"
    assert _quotes(s) == ["13个", "1600余场"]
    assert _only(s, "1600余场").qualifier == "more_than"


def test_chinese_numeral_more_than_before_multiplier() -> None:
    # national 2008 report: "五年中央财政支持重点建设投资2800多亿元"; Chinese form "三千多亿元"
    q = _only("五年中央财政支持重点建设投资2800多亿元,基础设施", "2800多亿元")
    assert (q.value, q.unit, q.base_value, q.qualifier) == (2800, "亿元", 2.8e11, "more_than")
    q = _only("累计投入三千多亿元", "三千多亿元")
    assert (q.value, q.unit, q.base_value, q.qualifier) == (3000, "亿元", 3e11, "more_than")


def test_composed_multiplier_unit() -> None:
    # national 2011: "粮食产量屡创历史新高,去年达到1.09万亿斤,连续7年增产"
    s = "粮食产量屡创历史新高,去年达到1.09万亿斤,连续7年增产"
    q = _only(s, "1.09万亿斤")
    assert (q.value, q.unit, q.base_unit) == (1.09, "万亿斤", "千克")
    assert q.base_value == pytest.approx(1.09e12 * 0.5)
    assert _only(s, "7年").base_unit == "年"  # a duration, not a year


def test_at_least_after_people() -> None:
    s = "国内生产总值增长8%左右;城镇新增就业900万人以上,城镇登记失业率控制在4.6%"
    assert _quotes(s) == ["8%左右", "900万人以上", "控制在4.6%"]
    q = _only(s, "900万人以上")
    assert (q.value, q.unit, q.base_value, q.qualifier) == (900, "万人", 9e6, "at_least")
    assert _only(s, "控制在4.6%").qualifier == "at_most"


def test_plain_count_and_below() -> None:
    s = "新(改扩)建小学、幼儿园12所,新增学位5580个;城镇登记失业率低于2.1%;"
    assert _quotes(s) == ["12所", "5580个", "低于2.1%"]
    assert _only(s, "低于2.1%").qualifier == "below"


def test_decline_value_is_unsigned() -> None:
    # the sign of 下降 is the facts stage's job
    s = "全年警情同比下降16%,警情总量连续两年减少1万件以上"
    q = _only(s, "16%")
    assert q.value == 16
    assert _only(s, "1万件以上").base_value == 10_000
    assert _only(s, "两年").value == 2


def test_length() -> None:
    q = _only("示范点位;新建绿道60公里。强化生态综合治理", "60公里")
    assert (q.value, q.base_value, q.base_unit) == (60, 60_000, "米")


@pytest.mark.parametrize(
    ("text", "quote", "low", "high", "unit"),
    [
        ("年内力争完成5-10家区属企业改制", "5-10家", 5, 10, "家"),
        ("力争完成5至10家区属企业改制", "5至10家", 5, 10, "家"),
        ("用3到5年时间", "3到5年", 3, 5, "年"),
        ("增长6.5%~7%", "6.5%~7%", 6.5, 7, "%"),
        ("增长6-7%", "6-7%", 6, 7, "%"),
        # national 1993: "农村居民人均纯收入平均每年实际增长百分之四至百分之五"
        ("实际增长百分之四至百分之五。", "百分之四至百分之五", 4, 5, "%"),
        ("由原定平均每年百分之六调高到百分之八至九。", "百分之八至九", 8, 9, "%"),
    ],
)
def test_ranges(text: str, quote: str, low: float, high: float, unit: str) -> None:
    q = _only(text, quote)
    assert (q.value, q.value_high, q.unit) == (low, high, unit)


def test_range_inherits_multiplier_only_when_smaller() -> None:
    q = _only("每年吸纳5-10万人", "5-10万人")
    assert (q.base_value, q.base_value_high) == (50_000, 100_000)
    q = _only("补助5000至1万元", "5000至1万元")
    assert (q.base_value, q.base_value_high) == (5000, 10_000)


def test_chinese_numerals_in_text() -> None:
    # national 1992: "工业生产增长较快,总产值比上年增长百分之十四点二"
    q = _only("总产值比上年增长百分之十四点二。主要工业产品", "百分之十四点二")
    assert (q.value, q.unit) == (14.2, "%")
    # national 1993: "其中食品价格上涨的因素大约有十三个百分点左右"
    q = _only("其中食品价格上涨的因素大约有十三个百分点左右,群众", "十三个百分点左右")
    assert (q.value, q.base_unit, q.qualifier) == (13, "pp", "approx")
    q = _only("共培养一千二百万人", "一千二百万人")
    assert (q.value, q.unit, q.base_value) == (1200, "万人", 1.2e7)


def test_multiples() -> None:
    # national 2001: "为到2010年国内生产总值比2000年翻一番奠定坚实基础"
    s = "为到2010年国内生产总值比2000年翻一番奠定坚实基础"
    assert _quotes(s) == ["翻一番"]
    q = _only(s, "翻一番")
    assert (q.value, q.unit, q.base_unit) == (2, "倍", "倍")
    assert _only("比1980年翻两番的任务", "翻两番").value == 4
    assert _only("1992年同1987年相比,五年间产值增长2.3倍", "2.3倍").value == 2.3


def test_fraction() -> None:
    q = _only("占全国的三分之一以上", "三分之一以上")
    assert q.base_value == pytest.approx(100 / 3)
    assert (q.base_unit, q.qualifier) == ("%", "at_least")


def test_permille_written_out() -> None:
    # national 1993: "五年平均人口自然增长率控制在千分之十三左右" -> 13‰, as 百分之 is %
    q = _only("五年平均人口自然增长率控制在千分之十三左右", "控制在千分之十三左右")
    assert (q.value, q.unit, q.base_unit, q.qualifier) == (13, "‰", "‰", "approx")
    assert _only("千分之六点五", "千分之六点五").value == 6.5


def test_dot_decimal_point() -> None:
    # national 1997: "全年增长19·5%,全社会固定资产投资增长14·1%"
    assert _quotes("全年增长19·5%,全社会固定资产投资增长14·1%。") == ["19·5%", "14·1%"]


@pytest.mark.parametrize(
    "text",
    [
        "——2018年1月12日在九龙坡区第十八届人民代表大会第二次会议上",  # date, 届, 次
        "一、2017年主要工作回顾",
        "(一)坚持稳中求进",
        "三是环保迎检任务全面完成。",
        "1.加快建设",
        "认真贯彻中央决策部署和党的十九大精神",
        "实施“十三五”规划承上启下的关键一年",
        "在新华网“两会访谈”交流",
        "全面落实成都市支持制造业发展“1+6”政策措施",
        "全面实施“1+4+7+X”改革措施",
        "跻身国家4A级旅游景区",
        "加快5G和千兆光网、工业互联网",
        "统筹推进“两个一百年”奋斗目标",
        "颁布实施2011-2020年中国农村扶贫开发纲要",
        "在九十年代初步建立起新的",
        "二〇一七年",
        "经过二三十年时间的努力",
        "这十分重要,打造一批重点项目,进一步推动",
        "细颗粒物(PM2.5)平均浓度",
        "2017年8月1日起全面推行错时延",
        "实施第十四个五年规划",
        "庆祝改革开放40周年",
    ],
)
def test_not_quantities(text: str) -> None:
    assert _quotes(text) == []


def test_5g_base_stations_counted_but_not_5g() -> None:
    s = "新增充电站10座、充电桩2065个、5G基站600个。"
    assert _quotes(s) == ["10座", "2065个", "600个"]


def test_thousands_separator_vs_chinese_comma() -> None:
    q = _only("实现收入1,234.5万元", "1,234.5万元")
    assert q.base_value == pytest.approx(12_345_000)
    # "," after normalization is also the Chinese comma: "5,6" is two numbers, not 56
    assert _quotes("分别增长5%,6%") == ["5%", "6%"]
    assert _quotes("增长5,600家") == ["5,600家"]


def test_bounds_of_search() -> None:
    s = "增长7%、力争7.5%、确保超过1000亿"
    inner = find_quantities(s, 5, 11)
    assert [(q.text, q.start, q.end) for q in inner] == [("7.5%", 7, 11)]
    assert find_quantities(s, 5, 10) == []  # "7.5" without its "%" is a bare number


def test_unit_table_is_consistent() -> None:
    table = load_units()
    for written, unit in table.units.items():
        assert unit.factor > 0, written
        assert unit.base, written
    # every brief-listed family is present
    for written in [
        "亿元",
        "万人次",
        "个百分点",
        "‰",
        "万亩",
        "亿斤",
        "千瓦时",
        "吨标准煤",
        "工作日",
    ]:
        assert written in table.units


def _fixture_texts() -> list[str]:
    from luoshi.ingest.normalize import normalize
    from luoshi.ingest.reader import read_path

    paths = sorted((ROOT / "src/luoshi/data/seeds").glob("*.txt"))
    paths += sorted((ROOT / "tests/fixtures/local").glob("*.txt"))[:20]
    paths += sorted((ROOT / "tests/fixtures/national").glob("*.txt"))[-3:]
    return [normalize(read_path(p)).text for p in paths]


TEXTS = _fixture_texts()


@pytest.mark.parametrize("index", range(len(TEXTS)))
def test_spans_are_grounded_on_fixtures(index: int) -> None:
    text = TEXTS[index]
    found = find_quantities(text)
    assert found
    previous_end = 0
    for q in found:
        assert text[q.start : q.end] == q.text
        assert q.start >= previous_end  # in order, never overlapping
        previous_end = q.end
        assert q.base_value >= 0


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_spans_stay_within_bounds(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(TEXTS))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for q in find_quantities(text, start, end):
        assert start <= q.start < q.end <= end
        assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    ("text", "quote", "qualifier"),
    [
        ("总投资约50亿元", "约50亿元", "approx"),
        # national 1993: "1992年国民生产总值接近24000亿元"
        ("1992年国民生产总值接近24000亿元,五年平均", "接近24000亿元", "approx"),
        ("节约资金1000万元", "1000万元", None),
        ("节约1000万元", "1000万元", None),  # 约 inside 节约 is not "about"
        ("签约5个项目", "5个", None),
        ("附近3公里", "3公里", None),
        ("最近3年", "3年", None),
        ("近三年来", "三年", None),  # "the last three years", not "nearly"
        ("群众安全感满意度指数保持90%以上。", "90%以上", "at_least"),
        ("6年全县粮食总产突破3亿公斤。", "突破3亿公斤", "above"),
        ("不低于90%", "不低于90%", "at_least"),
        ("居民消费价格涨幅控制在3%左右", "控制在3%左右", "approx"),
    ],
)
def test_qualifier_words(text: str, quote: str, qualifier: str | None) -> None:
    assert _only(text, quote).qualifier == qualifier


def test_more_than_double():
    # local 045: "地区生产总值…去年达到18278亿元,比2005年翻了一番多"
    (q,) = find_quantities("比2005年翻了一番多。")[-1:]
    assert (q.text, q.value, q.unit, q.qualifier) == ("翻了一番多", 2.0, "倍", "more_than")


def test_chinese_numeral_with_decimal_and_multiplier() -> None:
    # rule: a Chinese numeral may carry a 点 decimal before its multiplier (CONSTRUCTED wording)
    s = "地区生产总值达一百二十五点六亿元,达到一点二万亿元"
    got = [(q.value, q.unit, q.text) for q in find_quantities(s)]
    assert got == [(125.6, "亿元", "一百二十五点六亿元"), (1.2, "万亿元", "一点二万亿元")]
    assert find_quantities("五六个") == [] and find_quantities("三点") == []


def test_index_value_is_a_bare_number() -> None:
    # local 013: "居民消费价格指数控制在103.5以内"; a bare number elsewhere is no quantity
    (q,) = find_quantities("居民消费价格指数控制在103.5以内;")
    assert (q.text, q.value, q.unit, q.base_unit, q.qualifier) == ("控制在103.5以内", 103.5, "", "", "at_most")
    assert find_quantities("一是推进103项改革") != [] and find_quantities("其中103") == []


def test_a_closing_approx_or_upper_bound_qualifies_the_whole_list() -> None:
    # "分别增长11%和13%左右", "分别控制在4.2%、3%以内": every number of the list; "以上" only the last
    found = find_quantities("城乡居民收入分别增长11%和13%左右,失业率和物价涨幅分别控制在4.2%、3%以内,增长8%和8%以上")
    assert [(q.text, q.qualifier) for q in found] == [
        ("11%", "approx"), ("13%左右", "approx"), ("控制在4.2%", "at_most"), ("3%以内", "at_most"),
        ("8%", None), ("8%以上", "at_least"),
    ]


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [("经济总量实现翻番", 2.0, None), ("收入实现翻倍增长", 2.0, None), ("较期末翻了一番以上", 2.0, "at_least"),
     ("4年翻了一番多", 2.0, "more_than"), ("翻两番", 4.0, None)],
)
def test_doubling_without_a_number(text, value, qualifier):
    found = [q for q in find_quantities(text) if q.unit == "倍"]
    assert [(q.value, q.qualifier) for q in found] == [(value, qualifier)]
