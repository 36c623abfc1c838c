"""Region resolution against the bundled code table (data/areacodes/result.csv).

Expected codes are read from the CSV rows quoted next to each case.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from luoshi.models import NATIONAL_CODE
from luoshi.parse.regions import find_region_names, region_by_code, resolve_region, short_forms

LOCAL = Path(__file__).resolve().parents[1] / "fixtures" / "local"


def _local_text(name: str) -> str:
    return (LOCAL / name).read_text(encoding="utf-8")[:3000]


@pytest.mark.parametrize(
    ("written", "year", "code", "level", "path"),
    [
        # "500107,重庆市,直辖,九龙坡区,县级,在用,1997,," — a municipality district, no prefecture
        ("九龙坡区", 2018, "500107", "county", ("重庆市", "九龙坡区")),
        # "510213,四川省,重庆市,九龙坡区,县级,弃用,1983,1997" — before Chongqing became a municipality
        ("九龙坡区", 1990, "510213", "county", ("四川省", "重庆市", "九龙坡区")),
        # "510107,四川省,成都市,武侯区,县级,在用,1990,,"
        ("成都市武侯区", 2018, "510107", "county", ("四川省", "成都市", "武侯区")),
        # the only 武侯区 in the table
        ("武侯区", 2018, "510107", "county", ("四川省", "成都市", "武侯区")),
        # prefix "北京" (北京市) + stem "朝阳" narrows 朝阳区/朝阳市/朝阳县 to "110105,北京市,直辖,朝阳区"
        ("北京朝阳", 2018, "110105", "county", ("北京市", "朝阳区")),
        # "重庆" + "九龙坡": the same chain in 2018 and, under Sichuan's 重庆市 (510200), in 1990
        ("重庆九龙坡", 2018, "500107", "county", ("重庆市", "九龙坡区")),
        ("重庆九龙坡", 1990, "510213", "county", ("四川省", "重庆市", "九龙坡区")),
        # "140106,山西省,太原市,迎泽区,县级,在用,1997,,"
        ("太原市迎泽区", 2018, "140106", "county", ("山西省", "太原市", "迎泽区")),
        # "522300,贵州省,黔西南布依族苗族自治州,…,地级" — short form: ethnic names removed, 州 added
        ("黔西南州", 2021, "522300", "prefecture", ("贵州省", "黔西南布依族苗族自治州")),
        # "340500,安徽省,马鞍山市,马鞍山市,地级,在用,1981,,"
        ("马鞍山市", 2016, "340500", "prefecture", ("安徽省", "马鞍山市")),
        # "152530,内蒙古自治区,锡林郭勒盟,正蓝旗,县级,在用,1981,,"
        ("正蓝旗", 2019, "152530", "county", ("内蒙古自治区", "锡林郭勒盟", "正蓝旗")),
        ("锡林郭勒盟正蓝旗", 2019, "152530", "county", ("内蒙古自治区", "锡林郭勒盟", "正蓝旗")),
        # "429005,湖北省,直辖,潜江市" — county-level city directly under the province: no 4290xx prefecture
        ("潜江市", 2017, "429005", "county", ("湖北省", "潜江市")),
        # "内蒙古" is the short form of 内蒙古自治区 (no ethnic name to remove); "广西" of 广西壮族自治区
        ("内蒙古", 2019, "150000", "provincial", ("内蒙古自治区",)),
        ("广西", 2019, "450000", "provincial", ("广西壮族自治区",)),
        # an organ of the region is stripped: "九龙坡区人民政府" names 九龙坡区
        ("九龙坡区人民政府", 2018, "500107", "county", ("重庆市", "九龙坡区")),
    ],
)
def test_resolves_written_forms(written, year, code, level, path):
    region = resolve_region(written, year=year)
    assert (region.code, region.level, region.path) == (code, level, path), region.note


@pytest.mark.parametrize("written", ["国务院", "全国", "中华人民共和国"])
def test_national_level(written):
    # the State Council has no GB/T 2260 code: pseudo-code 000000, path ("全国",)
    region = resolve_region(written, year=2010)
    assert (region.code, region.level, region.path) == (NATIONAL_CODE, "national", ("全国",))
    assert region.note and "pseudo-code 000000" in region.note


@pytest.mark.parametrize(
    ("written", "year", "code"),
    [
        # local/032 (2023): "新疆自治区" — the short form with the generic suffix
        ("新疆自治区", 2023, "650000"),
        ("广西自治区", 2021, "450000"),
        ("宁夏自治区", 2022, "640000"),
        # the same rule one level down: 黔西南布依族苗族自治州, 巴音郭楞蒙古自治州
        ("黔西南自治州", 2021, "522300"),
        ("巴音郭楞自治州", 2020, "652800"),
    ],
)
def test_autonomous_short_form_with_generic_suffix(written, year, code):
    region = resolve_region(written, year=year)
    assert region.code == code, region.note


def test_ambiguous_name_without_context_is_unresolved():
    # "110105,北京市,直辖,朝阳区" and "220104,吉林省,长春市,朝阳区" are both in use in 2018
    region = resolve_region("朝阳区", year=2018)
    assert region.code is None
    assert {"110105", "220104"} <= {c.code for c in region.candidates}
    assert region.note and "ambiguous" in region.note


@pytest.mark.parametrize("context", ["北京市朝阳区人民政府", "……在北京召开……"])
def test_context_names_the_parent(context):
    region = resolve_region("朝阳区", year=2018, context=context)
    assert region.code == "110105"
    assert {"110105", "220104"} <= {c.code for c in region.candidates}


def test_context_picks_among_four_gulou_districts():
    # 鼓楼区 in 南京, 徐州, 福州 and 开封 in 2018; "福州" is the parent of "350102,福建省,福州市,鼓楼区"
    region = resolve_region("鼓楼区", year=2018, context="福州")
    assert region.code == "350102"
    assert region.path == ("福建省", "福州市", "鼓楼区")


def test_context_from_a_real_report():
    # 041.txt (南通市通州区, 2011): "南通家纺城、东大商贸市场群等4家省" — 通州区 is also Beijing's 110112
    context = _local_text("041.txt")
    assert resolve_region("通州区", year=2011).code is None
    assert resolve_region("通州区", year=2011, context=context).code == "320612"


def test_bare_stem_prefers_the_larger_unit_only_when_context_is_silent():
    # "吉林" names 吉林省 (220000) and 吉林市 (220200): the bare stem conventionally means the province
    region = resolve_region("吉林", year=2019)
    assert region.code == "220000" and region.note
    # 026.txt: "欢迎访问株洲县政府门户网站!" — the context names 株洲县 itself, so "株洲" is the county
    assert resolve_region("株洲", year=2006, context=_local_text("026.txt")).code == "430221"
    assert resolve_region("株洲", year=2006).code == "430200"


def test_unknown_name():
    region = resolve_region("火星区", year=2019)
    assert region.code is None and region.candidates == () and region.note


@pytest.mark.parametrize("written", ["", "北京" * 30])
def test_not_a_name(written):
    region = resolve_region(written, year=2018)
    assert region.code is None and region.candidates == () and region.note


def test_renamed_code_by_year():
    # "110103,北京市,直辖,崇文区,县级,弃用,1981,2010,110101"
    assert resolve_region("崇文区", year=2005).code == "110103"
    gone = resolve_region("崇文区", year=2015)
    assert gone.code is None
    assert [c.code for c in gone.candidates] == ["110103"]
    assert gone.note and "not in use in 2015" in gone.note


def test_boundary_year_takes_the_neighbouring_year_with_a_note():
    # 崇文区 stopped in 2010 (state as of 31 Dec 2010): a report delivered in early 2010 still uses it
    region = resolve_region("崇文区", year=2010)
    assert region.code == "110103" and region.note and "neighbouring year" in region.note
    # 九龙坡区 in 1997: 510213 stopped and 500107 started that year; the year's end state wins
    assert resolve_region("九龙坡区", year=1997).code == "500107"


def test_year_outside_the_table_uses_the_nearest():
    region = resolve_region("银川市", year=2025)
    assert region.code == "640100" and region.note and "2024" in region.note


def test_region_by_code():
    cand = region_by_code("510213", 1990)
    assert cand is not None
    assert (cand.name, cand.level, cand.path) == (
        "九龙坡区",
        "county",
        ("四川省", "重庆市", "九龙坡区"),
    )
    assert (cand.valid_from, cand.valid_to) == (1983, 1997)
    # "419001" named 义马市 in 1987–1990 and 济源市 since 1996
    assert region_by_code("419001", 1988).name == "义马市"
    assert region_by_code("419001").name == "济源市"
    assert region_by_code(NATIONAL_CODE).level == "national"
    assert region_by_code("999999") is None


def test_short_forms():
    assert short_forms("黔西南布依族苗族自治州") == {"黔西南州", "黔西南", "黔西南自治州"}
    assert short_forms("围场满族蒙古族自治县") == {"围场县", "围场", "围场自治县"}
    assert short_forms("新疆维吾尔自治区") == {"新疆", "新疆自治区"}
    assert short_forms("内蒙古自治区") == {"内蒙古"}  # 蒙古 is not removed: 内 alone is too short
    assert short_forms("三都水族自治县") == {"三都县", "三都", "三都自治县"}
    assert short_forms("武侯区") == {"武侯"}
    assert short_forms("蠡县") == set()  # a one-character stem is not indexed


def _fixture_regions() -> list[tuple[str, str, int | None]]:
    entries = json.loads((LOCAL / "index.json").read_text(encoding="utf-8"))
    # "(旗名隐去)" / "(县级,名称未见于摘录)" are the fixture's own remarks, not part of the name
    return [(e["file"], re.sub(r"\(.*\)$", "", e["region"]), e["report_year"]) for e in entries]


@pytest.mark.parametrize(("file", "written", "year"), _fixture_regions())
def test_every_local_fixture_region_resolves(file, written, year):
    region = resolve_region(written, year=year)
    assert region.code is not None, region.note
    assert written.endswith(region.path[-1])
    # the last name alone, with the report's own text as context, gives the same code
    alone = resolve_region(region.path[-1], year=year, context=_local_text(file))
    assert alone.code == region.code, alone.note


def test_find_region_names():
    text = "成都市武侯区人民政府区长 林丽;担任县长;黔西南州和内蒙古自治区锡林郭勒盟正蓝旗"
    spans = find_region_names(text)
    assert [name for _, _, name in spans] == [
        "成都市",
        "武侯区",
        "黔西南州",
        "内蒙古自治区",
        "锡林郭勒盟",
        "正蓝旗",
    ]
    assert all(text[s:e] == name for s, e, name in spans)


