"""Report metadata against the annotated fixtures (tests/fixtures/parse_expected/*.json) and the
year, meeting and speaker rules on real lines of the seeds and corpora."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from luoshi.parse import metadata
from luoshi.parse.report import parse_report
from tests.parse._support import LOCAL, ROOT, SEEDS, text_of

EXPECTED = sorted((ROOT / "tests" / "fixtures" / "parse_expected").glob("*.json"))


def _load(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


def _actual(report, field: str):
    return {
        "document_type": report.document_type,
        "title": report.title,
        "region_code": report.region.code if report.region else None,
        "plan_year": report.plan_year,
        "review_year": report.review_year,
        "delivered": report.delivered.isoformat() if report.delivered else None,
        "session": report.meeting.session,
        "sitting": report.meeting.sitting,
        "speaker_name": report.speaker.name,
        "speaker_title": report.speaker.title,
    }[field]


@pytest.fixture(scope="module", params=EXPECTED, ids=lambda p: p.stem)
def case(request):
    spec = _load(request.param)
    text = text_of(ROOT / spec["file"])
    return spec, text, parse_report(text)


def test_fixture_set_covers_seeds_and_national():
    names = {p.stem for p in EXPECTED}
    assert {f"seed-00{i}" for i in range(5)} <= names
    assert len([n for n in names if n.startswith("national-")]) >= 6


def test_expected_values(case):
    spec, text, report = case
    for field, exp in spec["expected"].items():
        assert exp["quote"] in text.text, f"{field}: quote {exp['quote']!r} not in text"
        assert _actual(report, field) == exp["value"], field


def test_evidence_spans_are_quotes(case):
    _, text, report = case
    for field, span in report.evidence.items():
        assert text.text[span.start : span.end] == span.text, field
    assert report.region is None or report.region.span is None or (
        text.text[report.region.span.start : report.region.span.end] == report.region.written
    )


def test_title_year_is_not_plan_year():
    # 000: titled "2017年政府工作报告" (page title), reviews 2017 ("2017年工作回顾"), plans 2018.
    report = parse_report(text_of(SEEDS / "000_21293a52831232b1.txt"))
    assert (report.review_year, report.plan_year) == (2017, 2018)
    assert report.evidence["plan_year"].text == "2018年工作目标任务"


def test_publication_date_is_not_delivered_date():
    # 000 carries "录入时间:2018-03-12" but its meeting line has no date.
    text = text_of(SEEDS / "000_21293a52831232b1.txt")
    assert "2018-03-12" in text.text
    assert parse_report(text).delivered is None


def test_december_delivery_plans_next_year():
    # 003: "——2017年12月27日在武汉市武昌区第十五届人民代表大会第二次会议上".
    report = parse_report(text_of(SEEDS / "003_46db40bf93a293f3.txt"))
    assert report.delivered.isoformat() == "2017-12-27"
    assert report.plan_year == 2018


def test_district_named_without_city_resolves():
    # 001: "九龙坡区" alone -> 重庆市九龙坡区.
    report = parse_report(text_of(SEEDS / "001_404f361b20648346.txt"))
    assert report.region.written == "九龙坡区"
    assert report.region.code == "500107"
    assert report.region.path == ("重庆市", "九龙坡区")


@pytest.mark.parametrize(
    ("written", "value"),
    [("七", 7), ("十", 10), ("十八", 18), ("十九", 19), ("二十", 20), ("二十一", 21), ("12", 12)],
)
def test_cn_number(written, value):
    assert metadata.cn_number(written) == value


def test_meeting_short_form():
    line = "——2013年1月8日在州八届人大七次会议上\n"
    m = metadata.find_meeting(line, len(line))
    assert (m.session, m.sitting, m.delivered.isoformat()) == (8, 7, "2013-01-08")
    assert m.region is None  # "州" alone names no region


def test_meeting_split_over_lines():
    # 003 and 004 break the meeting line after "人民代表大会".
    text = text_of(SEEDS / "004_6c455b50551dc8b5.txt")
    m = metadata.find_meeting(text.text, 3000)
    assert (m.session, m.sitting, m.region) == (5, 3, "太原市迎泽区")


def test_acting_title():
    line = "各位代表\n黔西南布依族苗族自治州人民政府代理州长 杨永英\n"
    name, title, _, region = metadata.find_speaker(line, len(line))
    assert (name, title, region.text) == ("杨永英", "代理州长", "黔西南布依族苗族自治州")


def test_national_speaker_is_premier():
    line = "各位代表:\n现在,我代表国务院,向大会作政府工作报告"
    name, title, span, _ = metadata.find_speaker(line, len(line))
    assert (name, title, span.text) == (None, "国务院总理", "我代表国务院")


def test_local_excerpt_with_meeting_line():
    # 001 of the local corpus: 马鞍山市, 2016 report.
    report = parse_report(text_of(LOCAL / "001.txt"))
    assert report.region.code == "340500"
    assert report.plan_year == 2016


def _stand_in_text(s: str):
    """A Text over a short literal already in normalized form (identity offset map)."""
    from array import array

    from luoshi.models import Document, Text

    doc = Document("<test>", "0" * 64, "text", "utf-8", s, len(s.encode()))
    return Text(doc, s, array("l", range(len(s))), array("l", range(1, len(s) + 1)))


def test_region_from_page_title_when_printed_title_is_bare():
    # local 010: "(贵州省)2021年黔西南州人民政府工作报告(全文)" over "政府工作报告",
    # "(2021年3月29日在州八届人大七次会议第一次全体会议上)", "州人民政府代理州长 黄兴文".
    report = parse_report(text_of(LOCAL / "010.txt"))
    assert report.region.code == "522300"
    assert (report.meeting.session, report.meeting.sitting) == (8, 7)
    assert report.delivered.isoformat() == "2021-03-29"
    assert (report.speaker.name, report.speaker.title) == ("黄兴文", "代理州长")


def test_earlier_session_in_body_is_not_the_meeting():
    # local 041: "较好地完成了区十四届人大三次会议提出的各项目标任务" is last year's session.
    text = text_of(LOCAL / "041.txt")
    assert "区十四届人大三次会议提出的" in text.text
    report = parse_report(text)
    assert (report.meeting.session, report.meeting.sitting) == (None, None)
    assert report.region is None


def test_review_mention_dates_an_excerpt():
    # local 009: "各位代表,回顾2018年工作,我们也清醒地认识到…" -> review 2018, plan 2019.
    report = parse_report(text_of(LOCAL / "009.txt"))
    assert (report.review_year, report.plan_year) == (2018, 2019)
    assert report.evidence["review_year"].text == "回顾2018年"


# The national fixtures kept out of tuning (they are used by the extraction evaluation).
_HELD_OUT_NATIONAL = {"national-1997.txt", "national-2000.txt", "national-2002.txt",
                      "national-2004.txt"}  # fmt: skip
_NATIONAL_INDEX = [
    e for e in json.loads((ROOT / "tests" / "fixtures" / "national" / "index.json").read_text())
    if e["file"] not in _HELD_OUT_NATIONAL
]  # fmt: skip


@pytest.mark.parametrize("entry", _NATIONAL_INDEX, ids=lambda e: e["file"])
def test_national_plan_year_is_delivered_year(entry):
    # index.json's delivered_year comes from the source page, not from the parser: a State Council
    # report is delivered in March and plans that year, reviewing the one before. Reports that
    # open "各位代表:" without a title or date are dated by their headings or their running text
    # ("1993年是全面贯彻落实…的一年", "一、1998年工作回顾和1999年工作的总体要求", "三、2011年的工作").
    report = parse_report(text_of(ROOT / "tests" / "fixtures" / "national" / entry["file"]))
    assert (report.plan_year, report.review_year) == (
        entry["delivered_year"], entry["delivered_year"] - 1
    )  # fmt: skip
    assert report.region is not None and report.region.code == "000000"
    assert report.region.level == "national"
    # Evidence: the quote names the plan or the review year (the other is derived by +-1).
    years = {str(report.plan_year), str(report.review_year)}
    for key in ("plan_year", "review_year"):
        assert any(y in report.evidence[key].text for y in years), key


@pytest.mark.parametrize(
    ("name", "delivered", "plan"),
    [
        # local/025: "(2006年2月8日 黄智权)" under the page title, no meeting line
        ("025.txt", "2006-02-08", 2006),
        # local/027: "政府工作报告——2006年2月20日在xx旗第十四届人民…" (region blanked)
        ("027.txt", "2006-02-20", 2006),
        # local/029: "南宁市市长孙大光(2021年10月25日)"
        ("029.txt", "2021-10-25", 2021),
    ],
)
def test_bracketed_date_line_dates_the_report(name, delivered, plan):
    report = parse_report(text_of(LOCAL / name))
    assert report.delivered is not None and report.delivered.isoformat() == delivered
    assert report.plan_year == plan
    y, m, d = (int(x) for x in delivered.split("-"))
    assert report.evidence["delivered"].text == f"{y}年{m}月{d}日"


def test_dated_review_beside_a_five_year_review():
    # local/041: "2010年工作总结及“十一五”回顾" reviews 2010 (and the five years)
    report = parse_report(text_of(LOCAL / "041.txt"))
    assert (report.review_year, report.plan_year) == (2010, 2011)
    assert report.evidence["review_year"].text == "2010年工作总结及“十一五”回顾"


# ---------------------------------------------------------------- dating by the congress session


@pytest.mark.parametrize(
    ("code", "session", "sitting", "year"),
    [
        ("000000", 12, 2, 2014),  # 十二届全国人大二次会议
        ("000000", 14, 1, 2023),
        ("130000", 12, 2, 2014),  # 河北省十二届人大二次会议
        ("110000", 14, 4, 2016),  # 北京市十四届人大四次会议 (Beijing counts two terms ahead)
        ("500000", 5, 1, 2018),  # 重庆市五届人大一次会议
        ("420100", 14, 2, None),  # a city's congress: terms open in different years by place
        ("130000", 7, 1, None),  # before the regular cycle of provincial terms (1998)
        ("130000", 12, 9, None),  # no ninth sitting
        ("410000", 13, 6, 2022),  # an extra sitting: the sixth meets in the term's fifth year
    ],
)
def test_session_year(code, session, sitting, year):
    assert metadata.session_year(code, session, sitting) == year


def test_news_item_dated_by_the_provincial_session_it_reports():
    s = "河北省长张庆伟在省十二届人大二次会议上作政府工作报告时指出,今年经济发展的主要预期目标是:全省生产总值增长8%。"
    report = parse_report(_stand_in_text(s))
    assert report.region.code == "130000" and report.region.span.text == "河北省"
    assert (report.speaker.name, report.speaker.title) == ("张庆伟", "省长")
    assert (report.plan_year, report.review_year) == (2014, 2013)
    assert report.evidence["plan_year"].text.startswith("在省十二届人大二次会议上")


def test_meeting_that_opens_in_a_news_item():
    s = "湖北省十二届人大四次会议今日上午开幕,省长王国生向大会作政府工作报告。全省生产总值增长8.9%。"
    report = parse_report(_stand_in_text(s))
    assert (report.meeting.session, report.meeting.sitting) == (12, 4)
    assert report.region.code == "420000" and report.plan_year == 2016


def test_county_session_gives_no_year():
    s = "县长李明在县十六届人大二次会议上作政府工作报告。今年全县生产总值增长8%。"
    report = parse_report(_stand_in_text(s))
    assert (report.meeting.session, report.meeting.sitting) == (16, 2)
    assert report.plan_year is None


def test_copy_site_title_dates_a_report_that_estimates_its_year():
    s = (
        "滨海区2007年政府工作报告【完整版】\n\n政府工作报告\n\n各位代表:\n\n一、过去五年政府工作回顾\n\n"
        "预计2007年实现地区生产总值142亿元。\n"
    )
    report = parse_report(_stand_in_text(s))
    assert report.title == "政府工作报告"
    # the report estimates 2007's results: it reviews 2007, not 2006
    assert (report.review_year, report.plan_year) == (2007, 2008)
    plain = s.replace("预计2007年实现", "实现")
    assert parse_report(_stand_in_text(plain)).plan_year == 2007


def test_news_item_reporting_the_meeting_open():
    s = ("22日上午,福建省第十三届人民代表大会第六次会议在福州开幕。初步统计,去年全省地区生产总值"
         "48810亿元,今年全省地区生产总值预期增长6.5%。")
    report = parse_report(_stand_in_text(s))
    assert (report.meeting.session, report.meeting.sitting) == (13, 6)
    assert report.region.code == "350000"
    assert (report.review_year, report.plan_year) == (2021, 2022)


def test_news_dateline_and_the_year_just_past_come_before_the_session_count():
    # Shandong's twelfth congress met a fifth time in January 2016 (an extra sitting came before):
    # the dateline and "刚刚过去的2015年" date the report, not the sitting's number.
    s = ("2016-01-24 10:11:00来源:大众网\n24日上午,山东省第十二届人民代表大会第五次会议开幕。\n"
         "刚刚过去的2015年,面对错综复杂的形势,全省生产总值增长8%。")
    report = parse_report(_stand_in_text(s))
    assert (report.review_year, report.plan_year) == (2015, 2016)
    # a copy site's posting time is not a dateline
    assert metadata.dateline_year("时间:2023-05-27 11:00:10 来源:网友投稿") is None
    assert metadata.dateline_year("新华网 2019-12-20 消息")[0] == 2020  # late in the year: next year's report


def test_run_in_speaker_who_delivers_on_behalf():
    s = "今天上午9时,省十二届人大一次会议在山东会堂开幕。山东省省长姜大明代表省人民政府向大会作政府工作报告。"
    report = parse_report(_stand_in_text(s))
    assert report.region.code == "370000" and report.plan_year == 2013


def test_a_vice_mayor_quoted_in_a_news_item_is_not_the_speaker():
    s = "副市长李明表示,今年全市生产总值增长7%。"
    assert metadata.find_speaker(s, len(s)) is None


def test_a_year_in_brackets_after_the_title_dates_the_report():
    s = "福田区政府工作报告(2012)\n一、过去五年的工作回顾\n过去五年,经济总量突破2000亿元。\n"
    report = parse_report(_stand_in_text(s))
    assert report.title == "福田区政府工作报告(2012)"
    assert (report.review_year, report.plan_year) == (2011, 2012)


@pytest.mark.parametrize(
    ("sentence", "plan"),
    [("该市今年作为“十三五”开局之年,各项重点工作安排看点十足。", 2016),
     ("今年是“十二五”规划收官之年。", 2015),
     ("北京市第十六届人民代表大会第二次会议早上9时召开,市长发表工作报告。去年北京市生产总值增长5.2%。", 2024)],
)
def test_undated_news_items_dated_by_the_plan_they_open_or_a_meeting_held(sentence, plan):
    assert parse_report(_stand_in_text(sentence)).plan_year == plan


def test_a_dateline_after_a_colon_is_still_a_dateline():
    s = "中国网记者摄影报道:2020年5月19日上午,宜春市第四届人民代表大会第六次会议召开。"
    assert metadata.dateline_year(s)[0] == 2020
