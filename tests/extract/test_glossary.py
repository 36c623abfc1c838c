"""Glossary extraction on the seeds' appendices and on unseen local passages.

Expected terms were written by reading each document's glossary. Counts are justified by the
documents' own numbering (002 runs "1. 两河一心" … "45. 信访问题“三张清单”", 003 "1.四大资智聚汉工程" …
"17.两工互动", 004 "1、…" … "10、安全生产…") and, for the unnumbered 000, by counting its lines
"term:definition" between "名词解释" and the page chrome "分享到:".
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from luoshi.extract.glossary import extract_glossary
from luoshi.ingest.normalize import normalize
from luoshi.ingest.reader import read_path
from luoshi.models import Text
from luoshi.parse.report import parse_report
from tests.extract.helpers import EMPTY_REPORT, LOCAL, identity_text, seed


def normalized(path: Path) -> Text:
    return normalize(read_path(path))



# "名词解释" — 14 unnumbered lines, "雪亮工程:以区、街道…" to "“诸葛人才行动计划”:是我区实施的…".
TERMS_000 = [
    "雪亮工程",
    "“六类500强”企业",
    "武侯成长贷",
    "武侯壮大贷",
    "三治一增",
    "两拆一增",
    "“六中心三平台”机制",
    "容缺受理",
    "税务登记“三统一”",
    "“1+N”医疗服务联合体",
    "瞪羚企业",
    "独角兽企业",
    "放管服",
    "诸葛人才行动计划",
]
# "名词解释" — numbered 1. to 45.
TERMS_002 = [
    "两河一心",
    "项目促建“纵横”责任制",
    "三个做优做强",
    "防疫泡泡",
    "链长制+链主制",
    "耕地“非农化”",
    "耕地“非粮化”",
    "四川省首批“5+1”重点特色园区",
    "专精特新",
    "TOD",
    "AAA信贷评级",
    "BBB-国际信用评级",
    "三区三线",
    "天府蓝网",
    "VOCs",
    "“双减”政策",
    "智慧蓉城“王”字型架构",
    "微网实格",
    "行政执法“三项制度”",
    "“三公”经费",
    "“总牵引”“总抓手”“总思路”",
    "四大结构",
    "“1+6”政策措施",
    "“5+N”产业生态体系",
    "工业上楼",
    "智改数转",
    "上云用数赋智",
    "灯塔工厂",
    "BT+IT",
    "“1+4+7+X”改革措施",
    "“12345”亲清在线",
    "RCEP",
    "“四上”企业",
    "GCP",
    "一区多园",
    "“5+1”服务生态体系",
    "国家城乡融合发展试验区“5+3”改革",
    "混合用地",
    "两高一低",
    "碳惠天府",
    "四好农村路",
    "双拥",
    "“1+10+N”应急救援",
    "诉源治理",
    "信访问题“三张清单”",
]
# "《政府工作报告》名词注释" — numbered 1. to 17. (entry 14 is written "14. 新“四军”" with a space).
TERMS_003 = [
    "四大资智聚汉工程",
    "长江主轴",
    "四水共治",
    "四个“阳光深化”行动",
    "红色引擎工程",
    "三社联动",
    "三打击两整治一提升",
    "九定",
    "新衙门作风",
    "“125”重点工作",
    "四张成绩单",
    "“三化”大武汉",
    "七军会",
    "新“四军”",
    "一感两度两率",
    "文化惠民“四送”",
    "两工互动",
]
# "《政府工作报告》相关注释" — numbered 1、 to 10、.
TERMS_004 = [
    "“嵌入式”居家养老模式",
    "工地“六个百分百”标准",
    "雪亮工程",
    "双随机、一公开",
    "智慧交通",
    "多证合一",
    "四好农村路",
    "居民就医“五升三降”",
    "15分钟医疗养老服务圈",
    "安全生产“三个体系”“五个全覆盖”",
]
EXPECTED = {"000": TERMS_000, "001": [], "002": TERMS_002, "003": TERMS_003, "004": TERMS_004}


def test_expected_counts_match_the_documents_numbering() -> None:
    assert [len(EXPECTED[k]) for k in ("000", "001", "002", "003", "004")] == [14, 0, 45, 17, 10]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_glossary_terms_all_found_with_real_outline(prefix: str) -> None:
    text = normalized(seed(prefix))
    entries = extract_glossary(text, parse_report(text))
    assert [e.term for e in entries] == EXPECTED[prefix]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_glossary_found_without_any_outline(prefix: str) -> None:
    # The heading fallback alone ("名词解释", "…名词注释", "…相关注释") must find every entry.
    text = identity_text(seed(prefix).read_text(encoding="utf-8"))
    assert [e.term for e in extract_glossary(text, EMPTY_REPORT)] == EXPECTED[prefix]


@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_spans_cover_whole_entries(prefix: str) -> None:
    text = normalized(seed(prefix))
    for e in extract_glossary(text, parse_report(text)):
        quote = text.text[e.start : e.end]
        assert e.definition and quote.endswith(e.definition[-5:])
        assert e.term.strip("“”") in quote.split(":", 1)[0] + ":"
        assert "\n" not in quote


def test_numbered_entry_keeps_number_in_span_and_drops_it_from_term() -> None:
    text = normalized(seed("003"))
    entries = {e.term: e for e in extract_glossary(text, parse_report(text))}
    # "8.九定:在机构名称、隶属关系、…领导职数等九个方面对事业单位进行规范。"
    nine = entries["九定"]
    assert text.text[nine.start : nine.end].startswith("8.九定:在机构名称")
    assert nine.definition.startswith("在机构名称、隶属关系")
    assert nine.definition.endswith("对事业单位进行规范。")


def test_whole_quoted_term_loses_its_quotes_partial_quotes_stay() -> None:
    text = normalized(seed("000"))
    entries = {e.term: e for e in extract_glossary(text, parse_report(text))}
    # "“放管服”:是简政放权、放管结合、优化服务的简称。"
    assert entries["放管服"].definition == "是简政放权、放管结合、优化服务的简称。"
    assert text.text[entries["放管服"].start :].startswith("“放管服”:")
    # "税务登记“三统一”:指通过整合国税、地税登记窗口…" keeps its inner quotes.
    assert entries["税务登记“三统一”"].definition.startswith("指通过整合国税、地税登记窗口")


def test_002_entry_40_definition() -> None:
    text = normalized(seed("002"))
    entries = {e.term: e for e in extract_glossary(text, parse_report(text))}
    # "40. 碳惠天府:成都市创立的碳普惠机制,…"
    assert entries["碳惠天府"].definition.startswith("成都市创立的碳普惠机制")
    assert text.text[entries["碳惠天府"].start :].startswith("40. 碳惠天府:")


def test_definition_broken_across_lines_is_joined() -> None:
    # Seed 004 entry 7 with a PDF-style hard line break inside its definition.
    s = "《政府工作报告》相关注释\n7、“四好农村路”:即建设好、管理好、\n养护好、运营好农村公路。\n8、居民就医“五升三降”:即医保实际补偿比上升。\n"
    entries = extract_glossary(identity_text(s), EMPTY_REPORT)
    assert [e.term for e in entries] == ["四好农村路", "居民就医“五升三降”"]
    assert entries[0].definition == "即建设好、管理好、养护好、运营好农村公路。"
    assert s[entries[0].start : entries[0].end].endswith("运营好农村公路。")


def test_local_019_traditional_pinyin_glossary() -> None:
    # "《政府工作報(bào)告》名詞解釋" then "1、“三個(gè)不動(dòng)搖…”" … "7、“2235”發(fā)展目標(biāo):即縣第十二次黨代會"
    # (the excerpt ends inside entry 7).
    text = normalized(LOCAL / "019.txt")
    entries = extract_glossary(text, parse_report(text))
    assert [e.term for e in entries] == [
        "三个不动摇、三个进一步、三个不松手",
        "三品",
        "“六个一”工程",
        "河长制",
        "“天网”工程",
        "五台合一",
        "“2235”发展目标",
    ]
    assert entries[1].definition == "即无公害农产品、绿色食品和有机农产品。"


def test_local_053_glossary_with_parenthesised_term() -> None:
    # "《政府工作报告》名词解释" 1. to 11. (the excerpt ends inside entry 11).
    text = normalized(LOCAL / "053.txt")
    entries = extract_glossary(text, parse_report(text))
    assert [e.term for e in entries] == [
        "地区生产总值(GDP)",
        "固定资产投资",
        "规上工业企业",
        "一般公共预算收入",
        "城镇居民人均可支配收入",
        "农村居民人均可支配收入",
        "“放管服”改革",
        "“专精特新”企业",
        "“小巨人”企业",
        "三化三制",
        "承诺制+标准地+全代办",
    ]


def test_glossary_section_from_outline_is_used_even_without_heading_keyword() -> None:
    s = "附录一\n1.两高一低:高能耗、高污染、低效益。\n2.双拥:拥军优属,拥政爱民。\n"
    text = identity_text(s)
    assert extract_glossary(text, EMPTY_REPORT) == []
    from luoshi.models import Section

    report = dataclasses.replace(
        EMPTY_REPORT, sections=(Section("附录一", "glossary", 1, 0, len(s), 4),)
    )
    assert [e.term for e in extract_glossary(text, report)] == ["两高一低", "双拥"]


def test_attachment_list_item_is_not_a_glossary_heading() -> None:
    s = "附件:1.名词解释\n2.民生实事\n市人民政府办公室:2020年5月22日\n"
    assert extract_glossary(identity_text(s), EMPTY_REPORT) == []


def test_heading_with_trailing_colon() -> None:
    s = "附件2:名词解释:\n1、“三品”:即无公害农产品、绿色食品和有机农产品。\n"
    assert [e.term for e in extract_glossary(identity_text(s), EMPTY_REPORT)] == ["三品"]


def test_a_bare_colon_line_names_no_term():
    # found by the property test of test_tasks: ":名词解释" under a 名词解释 heading
    from luoshi.pipeline import extract_parsed, parse_bytes

    parsed = parse_bytes("二、重点任务\n名词解释\n :名词解释".encode(), "constructed.txt")
    assert extract_parsed(parsed).glossary == ()
