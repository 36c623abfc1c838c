"""Document type: report, news summary of a report, or unrelated."""

from __future__ import annotations

import pytest

from luoshi.parse.report import parse_report
from tests.parse._support import LOCAL, NATIONAL, SEEDS, text_of
from tests.parse.test_metadata import _stand_in_text


def test_seeds_are_reports_with_reasons():
    for path in sorted(SEEDS.glob("*.txt")):
        report = parse_report(text_of(path))
        assert report.document_type == "report", path.name
        assert {"meeting line", "salutation 各位代表", "plan section"} <= set(report.reasons)


def test_national_is_report_without_meeting_line():
    report = parse_report(text_of(NATIONAL / "national-2005.txt"))
    assert report.document_type == "report"
    assert "meeting line" not in report.reasons and "salutation 各位代表" in report.reasons


@pytest.mark.parametrize("path", sorted(LOCAL.glob("*.txt")), ids=lambda p: p.name)
def test_local_excerpts_are_reports(path):
    assert parse_report(text_of(path)).document_type == "report"


def test_mid_document_excerpt_is_marked():
    # local 021 starts "(三)加大政策支持力度,激发经济发展活力。" — no title, meeting line, salutation.
    report = parse_report(text_of(LOCAL / "021.txt"))
    assert "excerpt: starts mid-document" in report.reasons


def test_news_summary():
    # A news article retelling the 2018 九龙坡区 report (sentences from seed 001, third person).
    s = (
        "本报讯(记者 王明)1月12日,九龙坡区区长刘小强在区十八届人大二次会议上作政府工作报告时指出,"
        "2017年地区生产总值可实现1135亿元,增长8.3%。\n报告指出,2018年要构建现代产业体系。据悉,"
        "大会将持续至1月15日。\n"
    )
    report = parse_report(_stand_in_text(s))
    assert report.document_type == "summary"
    assert any("作政府工作报告时" in r for r in report.reasons)


def test_party_congress_report_is_unrelated():
    s = (
        "在中国共产党成都市武侯区第七次代表大会上的报告\n同志们:\n现在,我代表中共武侯区第六届委员会"
        "向大会作报告。\n一、过去五年的工作\n"
    )
    report = parse_report(_stand_in_text(s))
    assert report.document_type == "unrelated"


def test_statistical_bulletin_is_unrelated():
    s = (
        "2017年成都市武侯区国民经济和社会发展统计公报\n一、综合\n全区实现地区生产总值972.4亿元,"
        "同比增长8%。\n二、农业\n"
    )
    assert parse_report(_stand_in_text(s)).document_type == "unrelated"


def test_random_page_is_unrelated():
    s = "设为首页收藏本站\n您需要登录后才可以回帖 登录 | 立即注册\n客服中心\n联系电话:10-63691786\n"
    report = parse_report(_stand_in_text(s))
    assert report.document_type == "unrelated"
    assert report.reasons == ("no salutation, no meeting line, no plan or review cues",)
