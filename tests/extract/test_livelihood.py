"""Livelihood-project lists (民生实事 / 惠民实事): one task per numbered item, with its 牵头单位.

Expected values were written by reading the documents:
- seed 002 (温江 2023), "温江区2023年民生实事工作目标": items numbered "1." to "80." under ten
  category headings ("一、交通出行" … "十、便民服务"), each ending "(牵头单位:…)";
- seed 004 (迎泽 2018), "2018年惠民实事": items "1、" to "10、", no lead units;
- seed 003 (武昌): its "办好幸福实事" is a prose paragraph, not a list — no livelihood items;
- seeds 000 and 001: no livelihood list.
"""

from __future__ import annotations

import dataclasses

import pytest

from luoshi.extract.quantities import find_quantities
from luoshi.extract.tasks import extract_tasks
from luoshi.ingest.normalize import normalize
from luoshi.ingest.reader import read_path
from luoshi.models import Report, Section, Task, Text
from luoshi.parse.report import parse_report
from tests.extract.helpers import EMPTY_REPORT, LOCAL, identity_text, seed

# The "(牵头单位:…)" of items 1 to 80 of seed 002, in order.
LEADS_002 = [
    "区交通运输局",
    "区公安分局",
    "区住建局",
    "区交通运输局",
    "区住建局",
    "区住建局",
    "区交通运输局",
    "区经信局",
    "区综合执法局",
    "区综合执法局",
    "区公安分局",
    "区消防救援大队",
    "区商务局",
    "区水务局",
    "区住建局",
    "区综合执法局",
    "区综合执法局",
    "区综合执法局",
    "区水务局",
    "区生态环境局",
    "区人社局",
    "区人社局",
    "区退役军人局",
    "区退役军人局",
    "区新经济和科技局",
    "团区委",
    "区人社局",
    "区发改局",
    "区农业农村局",
    "区消防救援大队",
    "区民政局",
    "区总工会",
    "区消防救援大队",
    "区教育局",
    "区教育局",
    "区教育局",
    "区教育局",
    "区教育局",
    "团区委",
    "团区委",
    "团区委",
    "区民政局",
    "区卫健局",
    "区卫健局",
    "区卫健局",
    "区卫健局",
    "区民政局",
    "区民政局",
    "区医保局",
    "区医保局",
    "区人社局",
    "区市场监管局",
    "区市场监管局",
    "区市场监管局",
    "区文体旅局",
    "区商务局",
    "区文体旅局",
    "区文体旅局",
    "区文体旅局",
    "区文体旅局",
    "区文体旅局",
    "区新经济和科技局",
    "区住建局",
    "区住建局",
    "区住建局",
    "区住建局",
    "区公积金中心",
    "区公积金中心",
    "区公积金中心",
    "区经信局",
    "区经信局",
    "区经信局",
    "区商务局",
    "区委社治委",
    "区委社治委",
    "区司法局",
    "区应急局",
    "区应急局",
    "区税务局",
    "区税务局",
]




def livelihood(text: Text, report: Report) -> list[Task]:
    return [t for t in extract_tasks(text, report, find_quantities(text.text)) if t.livelihood]


@pytest.fixture(scope="module")
def wenjiang() -> tuple[Text, list[Task]]:
    text = normalize(read_path(seed("002")))
    return text, livelihood(text, parse_report(text))


def test_wenjiang_has_80_items_with_their_lead_units(wenjiang: tuple[Text, list[Task]]) -> None:
    assert len(LEADS_002) == 80
    _, items = wenjiang
    assert [t.lead_unit for t in items] == LEADS_002
    assert all(t.units == () for t in items)


def test_wenjiang_item_texts_and_paths(wenjiang: tuple[Text, list[Task]]) -> None:
    text, items = wenjiang
    for t in items:
        assert text.text[t.start : t.end] == t.text
        assert "牵头单位" not in t.text and not t.text[:1].isdigit()
    # "1. 加快五环路(温江段)建设;推动永宁大道南段、锦绣大道南段等外联通道建设。(牵头单位:区交通运输局)"
    assert items[0].text == "加快五环路(温江段)建设;推动永宁大道南段、锦绣大道南段等外联通道建设。"
    assert items[0].section.endswith("温江区2023年民生实事工作目标 > 一、交通出行")
    # "26. 依托“蓉漂”青年人才驿站服务来温求职、创新创业等青年800人次。(牵头单位:团区委)"
    assert items[25].text.startswith("依托“蓉漂”青年人才驿站") and items[25].lead_unit == "团区委"
    # "80. 落实“同城通办”税费服务,实现14类230项涉税事项全城办、就近办、便捷办。(牵头单位:区税务局)"
    assert items[79].text.endswith("全城办、就近办、便捷办。")
    assert items[79].section.endswith("十、便民服务")


def test_wenjiang_check_types(wenjiang: tuple[Text, list[Task]]) -> None:
    _, items = wenjiang
    # "8. 新建新能源汽车充电桩2200个。" — a count to deliver.
    eight = items[7]
    assert eight.text == "新建新能源汽车充电桩2200个。" and eight.check_type == "output"
    assert [q.text for q in eight.quantities] == ["2200个"]
    # "49. 基本医疗保险参保率达98%。" — a rate.
    assert items[48].text == "基本医疗保险参保率达98%。" and items[48].check_type == "indicator"
    # "43. 启动成都市第五人民医院光华院区项目建设。" — a named project, no count.
    fortythree = items[42]
    assert fortythree.text == "启动成都市第五人民医院光华院区项目建设。"
    assert fortythree.check_type == "output"
    assert fortythree.projects == ("成都市第五人民医院光华院区项目",)


def test_wenjiang_found_without_outline() -> None:
    # Heading fallback "温江区2023年民生实事工作目标" + numbered items, on the raw seed text.
    text = identity_text(seed("002").read_text(encoding="utf-8"))
    items = livelihood(text, EMPTY_REPORT)
    assert [t.lead_unit for t in items] == LEADS_002
    assert items[0].section == "温江区2023年民生实事工作目标 > 一、交通出行"


def test_yingze_ten_items_without_lead_units() -> None:
    text = normalize(read_path(seed("004")))
    items = livelihood(text, parse_report(text))
    assert len(items) == 10
    assert all(t.lead_unit is None for t in items)
    # "1、优化教育资源配置:启动小五台小学二期、狄村小学改造,…"
    assert items[0].text.startswith("优化教育资源配置:启动小五台小学二期")
    # "10、创新食品监管模式:全年开展“你点我检”食品现场快检1500批次,保障群众“舌尖上的安全”。"
    assert items[9].text.endswith("保障群众“舌尖上的安全”。")
    assert items[9].check_type == "output"
    assert "2018年惠民实事" in items[0].section


@pytest.mark.parametrize("prefix", ["000", "001", "003"])
def test_no_livelihood_list(prefix: str) -> None:
    text = normalize(read_path(seed(prefix)))
    assert livelihood(text, parse_report(text)) == []


def test_livelihood_section_from_outline_and_unit_forms() -> None:
    # Genre forms not in the seeds: the lead unit on its own line, several leads, a bare
    # trailing unit, and a verb form.
    s = (
        "十方面民生实事\n"
        "1.新建城乡社区卫生服务站10个。\n牵头单位:市卫健委、市医保局\n"
        "2.完成老旧小区改造20个。(市住建局)\n"
        "3.新增公办学位5000个。(市教育局牵头,市财政局配合)\n"
        "4.新建5G基站300个。(责任单位:市经信局;配合单位:市通信发展办)\n"
    )
    section = Section("十方面民生实事", "livelihood_projects", 1, 0, len(s), len("十方面民生实事"))
    report = dataclasses.replace(EMPTY_REPORT, sections=(section,))
    items = livelihood(identity_text(s), report)
    assert [(t.lead_unit, t.units) for t in items] == [
        ("市卫健委", ("市医保局",)),
        ("市住建局", ()),
        ("市教育局", ("市财政局",)),
        ("市经信局", ("市通信发展办",)),
    ]
    assert [t.text for t in items] == [
        "新建城乡社区卫生服务站10个。",
        "完成老旧小区改造20个。",
        "新增公办学位5000个。",
        "新建5G基站300个。",
    ]


def test_attachment_list_line_is_not_a_livelihood_heading() -> None:
    # Local fixture 012 (湖州 2020): "附件:1.2020年政府工作报告重点工作责任分解\n2.十方面民生实事责任分解"
    # names the attachment; no numbered project follows it.
    text = normalize(read_path(LOCAL / "012.txt"))
    assert livelihood(text, EMPTY_REPORT) == []


def test_list_under_the_review_is_not_a_commitment() -> None:
    s = (
        "一、2017年工作回顾\n2017年十件民生实事\n1.新建幼儿园3所。\n2.改造老旧小区12个。\n"
        "二、2018年工作安排\n2018年十件民生实事\n1.新建社区卫生服务中心2个。(牵头单位:区卫健局)\n"
    )
    plan = s.index("二、2018年工作安排")
    report = dataclasses.replace(
        EMPTY_REPORT,
        sections=(
            Section("一、2017年工作回顾", "review", 1, 0, plan, len("一、2017年工作回顾")),
            Section(
                "二、2018年工作安排", "tasks", 1, plan, len(s), plan + len("二、2018年工作安排")
            ),
        ),
    )
    items = livelihood(identity_text(s), report)
    assert [(t.text, t.lead_unit) for t in items] == [("新建社区卫生服务中心2个。", "区卫健局")]
    assert items[0].section == "2018年十件民生实事"


def test_numbered_heading_inside_the_plan_and_circled_numbers() -> None:
    s = (
        "六、扎实办好十件民生实事\n"
        "①新建城市书房10个。(牵头单位:区文旅局)\n"
        "②完成老旧小区改造20个。(牵头单位:区住建局)\n"
        "七、加强政府自身建设\n深入推进依法行政。\n"
    )
    seven = s.index("七、")
    report = dataclasses.replace(
        EMPTY_REPORT,
        sections=(
            Section(
                "六、扎实办好十件民生实事", "tasks", 1, 0, seven, len("六、扎实办好十件民生实事")
            ),
            Section(
                "七、加强政府自身建设",
                "tasks",
                1,
                seven,
                len(s),
                seven + len("七、加强政府自身建设"),
            ),
        ),
    )
    tasks = extract_tasks(identity_text(s), report, find_quantities(s))
    assert [(t.text, t.lead_unit, t.livelihood) for t in tasks] == [
        ("新建城市书房10个。", "区文旅局", True),
        ("完成老旧小区改造20个。", "区住建局", True),
    ]
