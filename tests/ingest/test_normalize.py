"""normalize(): the canonical form, checked on the seeds and real local/national passages.

Every expected string below was read off the document it comes from; the source line is quoted
next to it (``repr`` of the original where invisible characters matter).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from luoshi.ingest.normalize import is_traditional, normalize
from luoshi.models import Document, Text

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "src" / "luoshi" / "data" / "seeds"
LOCAL = ROOT / "tests" / "fixtures" / "local"
NATIONAL = ROOT / "tests" / "fixtures" / "national"


def make_doc(original: str, source: str = "<test>") -> Document:
    data = original.encode("utf-8")
    return Document(source, hashlib.sha256(data).hexdigest(), "text", "utf-8", original, len(data))


def norm(original: str) -> str:
    return normalize(make_doc(original)).text


def seed(prefix: str) -> Text:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return normalize(make_doc(path.read_text("utf-8"), str(path)))


def fixture(path: Path) -> Text:
    return normalize(make_doc(path.read_text("utf-8"), str(path)))


def lines(text: Text) -> list[str]:
    return text.text.split("\n")


# --- characters ---------------------------------------------------------------------------------


def test_zero_width_line_inside_number_is_joined() -> None:
    assert norm("74.4\n\u200b\n万亿元") == "74.4万亿元"


def test_full_width_digits_and_punctuation_become_ascii() -> None:
    # national-1993: "\u3000\u3000国民经济持续发展。１９９２年国民生产总值接近２４０００亿元，五年…"
    text = fixture(NATIONAL / "national-1993.txt").text
    assert (
        "国民经济持续发展。1992年国民生产总值接近24000亿元,五年平均每年增长百分之七点九。" in text
    )
    assert not re.search("[\uff01-\uff5e\u3000]", text)


def test_chinese_only_marks_are_kept_and_decided_marks_mapped() -> None:
    assert (
        norm("增长６．０％～７．０％，“十三五”《规划》——…·") == "增长6.0%~7.0%,“十三五”《规划》——…·"
    )
    assert norm("比例为１０∶６０∶３０；（一）") == "比例为10:60:30;(一)"
    assert norm("a\r\nb\rc\u2028d") == "a\nb\nc\nd"
    assert norm("软\u00ad件\ufeff\u200d") == "软件"


def test_spaces_collapse_and_indentation_is_stripped() -> None:
    # national-1998: "\u3000\u3000本届政府从1 9 9 3 年3 月就职"
    assert lines(fixture(NATIONAL / "national-1998.txt"))[1].startswith("本届政府从1993年3月就职,")
    assert norm("  \u3000a   b\xa0\xa0c  ") == "a b c"


# --- pinyin and traditional ---------------------------------------------------------------------


def test_traditional_with_pinyin_becomes_simplified_without_pinyin() -> None:
    # local/001: "現(xiàn)在,我代表市人民政府,向大會報(bào)告政府工作,請予審議,並請市政協(xié)委員…"
    path = LOCAL / "001.txt"
    assert is_traditional(path.read_text("utf-8"))
    got = lines(fixture(path))
    assert got[0] == "——2016年1月6日在马鞍山市第十五届人民代表大会第五次会议上"
    assert got[1] == "市长 魏尧"
    assert (
        got[3]
        == "现在,我代表市人民政府,向大会报告政府工作,请予审议,并请市政协委员和其他列席人员提出意见。"
    )
    # a garbled character before a reading is not CJK, so that one reading stays (documented gap)
    assert re.findall(r"\([a-zü\u0101-\u01dc]+\)", "\n".join(got)) == ["(jīng)"]


def test_pinyin_reading_maps_onto_its_character() -> None:
    text = normalize(make_doc("現(xiàn)在"))
    assert text.text == "现在"
    assert text.to_original(0, 1) == (0, 7)  # "現(xiàn)"


def test_invisible_characters_join_their_neighbours_range() -> None:
    text = normalize(make_doc("\ufeff软\u00ad件\r\n"))
    assert text.text == "软件"
    assert text.to_original(0, 1) == (0, 3)  # "\ufeff软\u00ad"
    assert text.to_original(1, 2) == (3, 4)


def test_ordinary_parentheses_are_kept() -> None:
    kept = "加快建设(牵头单位:区交通局)(一)(2)(PPP)(zhi)"
    assert norm(kept) == kept


def test_simplified_documents_are_not_converted() -> None:
    for path in sorted(SEEDS.glob("*.txt")) + sorted(NATIONAL.glob("*.txt")):
        assert not is_traditional(path.read_text("utf-8")), path.name


# --- seeds: letter-spacing, headings, chrome -----------------------------------------------------


def test_seed_000_title_speaker_headings_and_chrome() -> None:
    text = seed("000")
    got = lines(text)
    # "政 府 工 作 报 告" / "成都市武侯区人民政府区长\xa0 林\xa0 丽"
    assert got[2:5] == [
        "政府工作报告",
        "——在成都市武侯区第七届人民代表大会第二次会议上",
        "成都市武侯区人民政府区长 林丽",
    ]
    for heading in [
        "2017年工作回顾",
        "一、坚定迎挑战、聚力破难题,重点工作写好“五份答卷”",
        "2018年工作目标任务",
        "六、加强政府自身建设,切实树立为民务实清廉形象",
        "名词解释",
    ]:
        assert heading in got
    # "来源:\xa0 录入时间:2018-03-12 16:03\xa0 【字体: 】\xa0 打印\xa0 关闭": the date stays
    assert got[1] == "来源:录入时间:2018-03-12 16:03"
    for chrome in [
        "门户网站",
        "当前位置",
        "首页",
        "【字体",
        "打印",
        "分享到",
        "相关文章",
        "热门文章",
    ]:
        assert chrome not in text.text
    assert got[-1].startswith("“诸葛人才行动计划”:是我区实施的人才引育举措")
    start = text.text.index("林丽")
    a, b = text.to_original(start, start + 2)
    assert text.document.original[a:b] == "林\xa0 丽"


def test_seed_001_blog_header_and_footer_are_removed() -> None:
    text = seed("001")
    for chrome in [
        "蔡律",
        "原创",
        "收藏",
        "投票",
        "个人简介",
        "每日关注",
        "日志归档",
        "查看更多",
        "赞助商广告",
    ]:
        assert chrome not in text.text
    got = lines(text)
    assert got[3] == "九龙坡区人民政府区长 刘小强"  # "  九龙坡区人民政府区长\xa0 刘小强"
    assert "一、2017年主要工作回顾" in got
    assert got[-1].startswith("各位代表!我们站立在无比广阔的时代舞台")


def test_seed_002_forum_chrome_removed_and_glossary_kept() -> None:
    text = seed("002")
    for chrome in [
        "设为首页", "查看: 1325", "复制链接", "TA的每日心情", "签到天数", "LV.10", "Rank", "163993",
        "发表于", "您需要登录", "本版积分规则", "客服中心", "010-63691786", "Powered by", "快速回复",
    ]:  # fmt: skip
        assert chrome not in text.text, chrome
    got = lines(text)
    assert got[1:4] == [
        "2023年成都市温江区政府工作报告",
        "2023年2月14日在成都市温江区第十九届人民代表大会第三次会议上",
        "成都市温江区人民政府区长 马烈红",  # "成都市温江区人民政府区长\xa0 \xa0马烈红"
    ]
    glossary = got[got.index("名词解释") + 1 :]
    assert [int(line.split(".")[0]) for line in glossary] == list(range(1, 46))
    assert glossary[0] == "1. 两河一心:“两河”是江安河、金马河;“一心”是以文庙为核心的国潮文化街区。"
    assert glossary[-1] == "45. 信访问题“三张清单”:风险隐患清单、工作责任清单、成效成果清单。"
    # the livelihood list before the glossary keeps its lead units
    assert got[got.index("名词解释") - 1].endswith(
        "实现14类230项涉税事项全城办、就近办、便捷办。(牵头单位:区税务局)"
    )


def test_seed_003_metadata_kept_meeting_line_rejoined_tail_nav_removed() -> None:
    got = lines(seed("003"))
    # "公开日期: 2018年03月09日 公开方式: 有效"
    assert got[2] == "公开日期: 2018年03月09日 公开方式:有效"
    # "  ——2017年12月27日在武汉市武昌区第十五届人民代表大会" / "" / "  第二次会议上"
    assert got[5] == "——2017年12月27日在武汉市武昌区第十五届人民代表大会第二次会议上"
    assert got[6] == "武昌区人民政府区长 刘洁"
    assert "2017年工作回顾" in got and "《政府工作报告》名词注释" in got
    assert got[-1] == "17.两工互动:“两工”指社工、义工。"  # the trailing "人大" link is gone


def test_seed_004_flash_notice_removed_and_glossary_kept() -> None:
    text = seed("004")
    assert "Flash" not in text.text and "相关文章" not in text.text
    got = lines(text)
    assert got[2] == "已阅读: 0 更新时间: 2018-04-04"
    assert got[7] == "太原市迎泽区区长 李慧"  # "太原市迎泽区区长\xa0 李\xa0 慧"
    glossary = got[got.index("《政府工作报告》相关注释") + 1 :]
    assert glossary[0].startswith("1、“嵌入式”居家养老模式:即在社区设立日间照料中心")
    assert glossary[9].startswith("10、安全生产“三个体系”“五个全覆盖”")
    assert glossary[10] == "区五届人大三次会议秘书处 2018年3月"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_heading_lines_stay_separate(prefix: str) -> None:
    """No seed is hard-wrapped: every numbered heading ("一、…") starts its own line."""
    text = seed(prefix)
    original_headings = re.findall(
        r"^[ \u3000\xa0]*([一二三四五六]、\S{2,12})", text.document.original, re.MULTILINE
    )
    assert original_headings
    got = lines(text)
    for heading in original_headings:
        assert any(line.startswith(heading) for line in got), heading


# --- hard-wrapped local passages and watermark tokens --------------------------------------------


def test_hard_wrapped_lines_join_but_headings_do_not() -> None:
    got = lines(fixture(LOCAL / "003.txt"))
    # "现在,我代表旗人民政府向大会报告工作,请予审议,并请政协委员和列席会议的" / "同志们提出意见。vfO"
    assert (
        "现在,我代表旗人民政府向大会报告工作,请予审议,并请政协委员和列席会议的同志们提出意见。"
        in got
    )
    assert "一、2018年工作回顾" in got  # "一、2018年工作回顾vfO"
    assert "正蓝旗人民政府旗长 宝音图" in got
    assert "一年来,我们主要做了以下工作。" in got
    assert not any("vfO" in line for line in got)


def test_pdf_wrapped_paragraph_and_numbers_rejoin() -> None:
    text = fixture(LOCAL / "032.txt").text
    # "这五年,我们坚持紧贴民生推进高质量发展,不断培" / "育" / "壮大特色优势产业,…"
    assert "不断培育壮大特色优势产业,综合经济实力显著增强。" in text
    # "区生产总值年均增长 5.1%;一般公共预算收入年均增长" / "4.8%;城镇居民…"
    assert "地区生产总值年均增长5.1%;一般公共预算收入年均增长4.8%;" in text
    for chrome in ["VIP", "999+", "60.39KB", "52 页", "海报", "侵权投诉"]:
        assert chrome not in text


def test_portal_head_chrome_removed_and_dates_kept() -> None:
    text = fixture(LOCAL / "049.txt").text
    assert "无障碍" not in text and "您现在所在的位置" not in text and "字体" not in text
    assert "发布时间:2007-03-02 00:00 来源:泾县人民政府" in text


def test_run_on_page_keeps_the_space_that_was_a_paragraph_break() -> None:
    # local/040: "一、2010年工作回顾 2010年是 十一五 和 十二五 承前启后的关键一年."
    got = lines(fixture(LOCAL / "040.txt"))
    assert got[3].startswith("一、2010年工作回顾 2010年是 十一五 和 十二五 承前启后的关键一年.")


def test_injected_gambling_spam_is_cut() -> None:
    # local/038: "在以黄金城赌城娱乐:同志为总书记的党中央…我们高举黄金赌城娱乐特色社会主义伟大旗帜"
    text = fixture(LOCAL / "038.txt").text
    assert "赌城" not in text
    assert "在以同志为总书记的党中央亲切关怀" in text and "我们高举特色社会主义伟大旗帜" in text


def test_national_licence_tail_removed() -> None:
    got = lines(fixture(NATIONAL / "national-2012.txt"))
    assert got[-1].startswith("回顾过去,我们拼搏奋进,取得显著成就;")
    assert "Public domain" not in got


def test_related_links_above_a_report_do_not_cut_it() -> None:
    # seed 000's tail ("分享到:" / "相关文章" / "热门文章") placed above its whole body instead
    original = (SEEDS / "000_21293a52831232b1.txt").read_text("utf-8")
    moved = "相关文章\n热门文章\n" + original
    assert norm(moved) == norm(original)


def test_empty_and_chrome_only_documents_give_empty_text() -> None:
    assert norm("") == ""
    assert norm("分享到:\n相关文章\n") == ""


def test_letter_spaced_figures_are_closed_up() -> None:
    # national-1998 typesets every figure letter-spaced: "本届政府从1 9 9 3 年3 月就职",
    # "1 9 9 7 年国内生产总值达到7 4 7 7 2 亿元,…平均每年增长1 1 ％", "去年经济增长8 .8 ％",
    # "人口自然增长率下降到10 .06 ‰", "300 多个城市".
    text = fixture(NATIONAL / "national-1998.txt")
    for figure in ("从1993年3月就职", "达到74772亿元", "平均每年增长11%", "去年经济增长8.8%",
                   "下降到10.06‰", "300多个城市"):  # fmt: skip
        assert figure in text.text, figure
    assert re.search(r"\d [\d.%‰]", text.text) is None
    # The offset map still takes each figure back to its letter-spaced source.
    start = text.text.index("8.8%")
    a, b = text.src_start[start], text.src_end[start + 3]
    assert text.document.original[a:b].replace(" ", "") == "8．8％"  # full-width in the source


def test_only_figure_spacing_is_closed_up() -> None:
    # A date and a time are two fields; a decimal part, % and a unit belong to the number.
    assert norm("发布时间:2023-8-22 17:40:27") == "发布时间:2023-8-22 17:40:27"
    assert norm("共 12 .5 项,占 3 %") == "共 12.5项,占 3%"


def test_care_of_sign_and_japanese_zeng_read_as_percent_and_zeng() -> None:
    # "15℅" (U+2105, typed for % by Chinese input methods) and "増长" (Japanese 増 from OCR/fonts)
    assert norm("同比增长15℅,全省生产总值増长8-8.5%") == "同比增长15%,全省生产总值增长8-8.5%"


def test_figures_printed_on_lines_of_their_own_rejoin_their_words() -> None:
    # A PDF text layer emitted one line per font run: every figure stands alone between its words.
    original = (
        "一、2019年工作回顾\n2019\n年,全县经济平稳。预计,地区生产总值增长\n8%;\n财政收入增长\n10%;\n"
        "固定资产投资增长\n12%;\n社会消费品零售总额增长\n12%;\n居民人均可支配收入增长\n10%\n。\n"
        "(一)决战脱贫摘帽\n全县\n17\n个贫困村顺利出列。\n"
    )
    assert norm(original).split("\n") == [
        "一、2019年工作回顾",  # a numbered heading keeps its own line
        (
            "2019年,全县经济平稳。预计,地区生产总值增长8%;财政收入增长10%;固定资产投资增长12%;"
            "社会消费品零售总额增长12%;居民人均可支配收入增长10%。"
        ),
        "(一)决战脱贫摘帽",
        "全县17个贫困村顺利出列。",
    ]


def test_a_few_figures_on_their_own_lines_are_left_alone() -> None:
    # one table-like figure line is no PDF run pattern: lines stay as written
    original = "地区生产总值\n1234.5\n财政收入增长10%。\n"
    assert norm(original).split("\n") == ["地区生产总值", "1234.5", "财政收入增长10%。"]


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("全县生产总值34 0亿元。", "全县生产总值340亿元。"),
        ("分别完成8 12.15亿元和656.47亿元", "分别完成812.15亿元和656.47亿元"),
        ("实现生产总值6835. 27亿元", "实现生产总值6835.27亿元"),  # a wrap after the decimal point
        ("2023-8-22 17:40:27 发布", "2023-8-22 17:40:27 发布"),  # two numbers stay two
        ("共有3 5个", "共有3 5个"),  # no unit that makes it one figure
    ],
)
def test_figures_broken_by_a_wrap_are_rejoined(original: str, expected: str) -> None:
    assert norm(original) == expected


def test_figure_broken_by_a_hard_wrap_is_rejoined_without_a_space() -> None:
    filler = "全县上下坚持稳中求进工作总基调推动经济社会高质量发展取得新成效"  # 32 characters
    lines = [filler] * 5 + ["我们加快发展各项事业居民收入稳步增长城镇居民人均可支配收入4779", "1元,增长7.5%。"]
    assert "城镇居民人均可支配收入47791元,增长7.5%。" in norm("\n".join(lines))


def test_doubled_clause_marks_of_copy_sites_are_one() -> None:
    assert norm("地区生产总值48810亿元,、增长8.0%,,地方收入3383亿元;;") == "地区生产总值48810亿元、增长8.0%,地方收入3383亿元;"


@pytest.mark.parametrize(
    ("original", "expected"),
    [("同比增长9。5%,工业增加值373。15亿元", "同比增长9.5%,工业增加值373.15亿元"),
     ("工业增长8%。5个乡镇完成", "工业增长8%。5个乡镇完成"),  # a sentence after a figure's unit
     ("总量达到2019。2020年", "总量达到2019。2020年")],  # a year is no fraction with a unit
)
def test_full_stop_typed_for_a_decimal_point(original: str, expected: str) -> None:
    assert norm(original) == expected


def test_a_page_run_together_loses_the_spaces_of_its_wraps() -> None:
    # a PDF dump whose line breaks became spaces, all on one long line
    wrapped = "全县经济稳中有进,各项事业全面发展,人民生活持续改善,社会大局和谐稳定,"
    original = ("预计全年实现生 产总值 212.8亿元,同比增长 10.5%;" + wrapped * 8
                + "金融机构各项存 贷款余额稳定增长,着力培育医药、新材料 和高分子三大产业集群,打造示范 基地。")
    text = norm(original)
    assert "实现生产总值212.8亿元,同比增长10.5%" in text
    assert "存贷款" in text and "新材料和高分子" in text and "示范基地" in text
    # a short line keeps a space that may separate words
    assert norm("县长 谭秀中") == "县长 谭秀中"
