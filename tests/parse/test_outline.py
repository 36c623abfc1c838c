"""The outline: level-1 kinds against the annotated fixtures, nesting invariants, lead items."""

from __future__ import annotations

import json

import pytest

from luoshi.parse import outline
from luoshi.parse.report import parse_report
from tests.parse._support import LOCAL, NATIONAL, ROOT, SEEDS, text_of

EXPECTED = sorted((ROOT / "tests" / "fixtures" / "parse_expected").glob("*.json"))


@pytest.fixture(scope="module", params=EXPECTED, ids=lambda p: p.stem)
def case(request):
    spec = json.loads(request.param.read_text("utf-8"))
    text = text_of(ROOT / spec["file"])
    return spec, text, parse_report(text)


def test_level1_kinds(case):
    spec, _, report = case
    got = [(s.kind, s.title) for s in report.sections if s.level == 1]
    assert [k for k, _ in got] == [k for k, _ in spec["level1"]]
    for (_, title), (_, quote) in zip(got, spec["level1"], strict=True):
        assert title.startswith(quote) or quote.startswith(title), (title, quote)


def test_sections_are_grounded_and_nested(case):
    _, text, report = case
    secs = report.sections
    assert [s.start for s in secs] == sorted(s.start for s in secs)
    stack = []
    for s in secs:
        assert text.text[s.start : s.title_end] == s.title
        assert s.start < s.title_end <= s.end
        while stack and stack[-1].level >= s.level:
            stack.pop()
        if stack:
            parent = stack[-1]
            assert parent.level == s.level - 1
            assert parent.start < s.start and s.end <= parent.end
        else:
            assert s.level == 1
        stack.append(s)


def _seed(name: str):
    return parse_report(text_of(next(SEEDS.glob(name + "_*.txt"))))


def test_numbered_headings_nest_under_unnumbered():
    # 000: "2017年工作回顾" > "一、坚定迎挑战…" (review, although it says "重点工作").
    report = _seed("000")
    first = next(s for s in report.sections if s.title.startswith("一、坚定迎挑战"))
    assert (first.level, first.kind) == (2, "review")


def test_livelihood_and_glossary_sections():
    # 002: "温江区2023年民生实事工作目标" with "一、交通出行" and "1. 加快五环路…(牵头单位:…)".
    sec = _seed("002").sections
    live = next(s for s in sec if s.kind == "livelihood_projects" and s.level == 1)
    items = [s for s in sec if live.start < s.start < live.end and s.level == 3]
    assert len(items) >= 70  # 80 items are numbered 1.-80.
    assert any(s.kind == "glossary" and s.title == "名词解释" for s in sec)
    # 004: "2018年惠民实事" and "《政府工作报告》相关注释".
    kinds4 = {s.kind for s in _seed("004").sections if s.level == 1}
    assert {"livelihood_projects", "glossary"} <= kinds4


def test_lead_items_one_level_deeper():
    # 001: "——区域经济发展稳中求进。" inside "一、2017年主要工作回顾".
    sec = _seed("001").sections
    lead = next(s for s in sec if s.title == "——区域经济发展稳中求进")
    assert (lead.level, lead.kind) == (2, "review")


def test_bold_lead_sentences_in_task_sections():
    # 003 plan: "一、致力发展拼搏…" then paragraphs "激发经济内生力。…"-style lead sentences.
    sec = _seed("003").sections
    task = next(s for s in sec if s.title.startswith("一、致力发展拼搏"))
    leads = [s for s in sec if task.start < s.start < task.end]
    assert len(leads) >= 2
    assert all(s.level == task.level + 1 and s.kind == "tasks" for s in leads)


def test_problems_paragraph_in_review():
    # 2012: "我们也清醒地看到,我国经济社会发展仍然面临不少困难和挑战".
    report = parse_report(text_of(NATIONAL / "national-2012.txt"))
    review = report.sections[0]
    probs = [s for s in report.sections if s.kind == "problems"]
    assert len(probs) == 1 and review.start < probs[0].start < review.end
    assert probs[0].title.startswith("我们也清醒地看到")


def test_find_headings_styles():
    text = "一、总体要求\n(一)稳增长\n1.抓项目。内容\n(1)细项\n1.5亿元用于\n一是加快。\n相关文章\n"
    got = [(h.rank, h.title) for h in outline.find_headings(text)]
    assert got == [(1, "一、总体要求"), (2, "(一)稳增长"), (3, "1.抓项目"), (4, "(1)细项"), (5, "一是加快")]


@pytest.mark.parametrize(
    ("path", "quote"),
    [
        # 003: "2018年主要工作" > "2018年经济社会发展的主要预期目标是:地区生产总值增长8%…"
        (SEEDS / "003_46db40bf93a293f3.txt", "2018年经济社会发展的主要预期目标是"),
        # national 2012: "二、2012年工作总体部署" > "今年经济社会发展的主要预期目标是:"
        (NATIONAL / "national-2012.txt", "今年经济社会发展的主要预期目标是"),
    ],
)
def test_targets_paragraph_in_plan_overview(path, quote):
    report = parse_report(text_of(path))
    [target] = [s for s in report.sections if s.kind == "targets"]
    parent = next(s for s in report.sections if s.kind == "plan_overview" and s.level == 1)
    assert target.title.startswith(quote)
    assert target.level == 2 and parent.start < target.start < target.end <= parent.end


def _national(year: int):
    return parse_report(text_of(NATIONAL / f"national-{year}.txt"))


def test_review_headed_by_its_theme():
    # 1993: "一、改革开放和现代化建设取得伟大成就的五年" opens "…已经整整过去了五年"; the numbered
    # sections after it ("二、争取国民经济再上一个新台阶") are the plan's tasks.
    level1 = [(s.kind, s.title) for s in _national(1993).sections if s.level == 1]
    assert level1[0] == ("review", "一、改革开放和现代化建设取得伟大成就的五年")
    assert [k for k, _ in level1[1:6]] == ["tasks"] * 5
    assert level1[6] == ("other", "七、关于我国的外交工作")


@pytest.mark.parametrize(
    ("year", "heading", "plan_quote"),
    [
        # "一、1998年工作回顾和1999年工作的总体要求" … "各位代表!1999年,我们将庆祝新中国成立五十周年"
        (1999, "一、1998年工作回顾和1999年工作的总体要求", "各位代表!1999年,我们将"),
        # "一、1993年国内工作的回顾和1994年工作的基本方针" … "明确提出了今年全党和全国工作的基本方针"
        (1994, "一、1993年国内工作的回顾和1994年工作的基本方针", "各位代表!中共中央在全面分析"),
    ],
)
def test_mixed_review_and_plan_heading(year, heading, plan_quote):
    # A review heading that also announces the plan is a review; its plan part, after the
    # problems paragraph, is a plan_overview child (titled, like the closing, "各位代表").
    text = text_of(NATIONAL / f"national-{year}.txt")
    secs = parse_report(text).sections
    review = secs[0]
    assert (review.kind, review.title) == ("review", heading)
    children = [s for s in secs if review.start < s.start < review.end and s.level == 2]
    kinds = [s.kind for s in children]
    assert "problems" in kinds and kinds[-1] == "plan_overview"
    assert kinds.index("problems") < len(kinds) - 1
    plan = children[-1]
    assert text.text.startswith(plan_quote, plan.start) and plan.end == review.end
    after = next(s for s in secs if s.level == 1 and s.start >= review.end)
    assert after.kind == "tasks"


def test_ordinal_lines_are_task_items():
    # 1998: "二、关于1998年政府工作的建议" > "第一,进一步稳定和加强农业" … "第八,推进祖国和平统一大业".
    secs = _national(1998).sections
    plan = next(s for s in secs if s.title == "二、关于1998年政府工作的建议")
    items = [s for s in secs if plan.start < s.start < plan.end and s.level == 2]
    assert [s.title[:2] for s in items] == ["第" + n for n in "一二三四五六七八"]
    assert {s.kind for s in items} == {"tasks"}


def test_targets_paragraph_opening_a_task_section():
    # local 011: "一、2017年经济社会发展的主要任务" > "2017年发展的主要预期目标是:地区生产总值增长8%左右…"
    secs = parse_report(text_of(LOCAL / "011.txt")).sections
    task = secs[0]
    assert (task.kind, task.level) == ("tasks", 1)
    target = secs[1]
    assert (target.kind, target.level) == ("targets", 2)
    assert target.title.startswith("2017年发展的主要预期目标是")
    assert secs[2].title.startswith("(一)") and secs[2].kind == "tasks"


def test_short_labels_with_a_colon_head_news_summary_lists():
    # A news summary lists "2020年成就:" / "“十三五”成就:" / "2021年目标:" with items below; a lead-in
    # sentence ending in a colon ("一年来的主要工作是:", "一年来主要开展了以下工作:") stays text.
    text = "2020年成就:\n实现生产总值2.62万亿元\n“十三五”成就:\n生产总值年均增长6.3%\n2021年目标:\n生产总值增长6.5%左右\n"
    titles = [h.title for h in outline.find_headings(text)]
    assert titles == ["2020年成就:", "“十三五”成就:", "2021年目标:"]
    assert outline.find_headings("一年来的主要工作是:\n") == []
    assert outline.find_headings("一年来主要开展了以下工作:\n") == []


def test_a_news_items_list_of_the_reports_parts_is_no_outline():
    from luoshi.parse.outline import find_headings

    s = ("会上,市长代表市政府向大会作政府工作报告。\n报告分为三部分:\n一、2019年工作回顾;\n"
         "二、奋力做好2020年工作;\n三、以人民满意为目标,提升政府治理能力。\n初步统计,全市地区生产总值增长7.5%。\n")
    assert [h.title for h in find_headings(s)] == []
